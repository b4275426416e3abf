// Reads a chosen CSV file into the textarea named by data-csv-into (the form posts text; no upload parser needed).
document.querySelectorAll("input[type=file][data-csv-into]").forEach(function (input) {
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    var target = document.getElementById(input.dataset.csvInto);
    if (!file || !target) return;
    file.text().then(function (text) { target.value = text; });
  });
});

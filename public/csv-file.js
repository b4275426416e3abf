// Shows a chosen CSV file in the textarea named by data-csv-into (the file itself is uploaded too; XLSX is not shown).
document.querySelectorAll("input[type=file][data-csv-into]").forEach(function (input) {
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    var target = document.getElementById(input.dataset.csvInto);
    if (!file || !target || !/\.csv$/i.test(file.name)) return;
    file.text().then(function (text) {
      target.value = text;
    });
  });
});

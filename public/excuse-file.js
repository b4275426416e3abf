// The excuse form: a file over the limit is refused on the phone already, before it is uploaded (the server checks too).
document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
  var feedback = document.getElementById("e-file");
  var check = function () {
    var file = input.files && input.files[0];
    var tooLarge = !!file && file.size > Number(input.dataset.maxBytes);
    input.classList.toggle("is-invalid", tooLarge);
    if (feedback && tooLarge) feedback.textContent = input.dataset.tooLarge;
    return !tooLarge;
  };
  input.addEventListener("change", check);
  if (input.form)
    input.form.addEventListener("submit", function (event) {
      if (!check()) {
        event.preventDefault();
        input.focus();
      }
    });
});

// Submits forms marked data-auto-submit (LTI hand-offs); the visible button stays for browsers without JavaScript.
document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
  form.submit();
});

// Register: saves a student's row as soon as its status or remark changes (the Save button still saves all).
// Each row posts only itself with what the page showed, so colleagues marking other rows lose nothing.
(function () {
  var form = document.querySelector("form[data-register]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-register-status]");
  var token = form.querySelector("input[name=_csrf]").value;
  function field(row, name) {
    return form.querySelector("input[name='" + name + "_" + row.dataset.user + "']");
  }
  function saveRow(row) {
    var user = row.dataset.user;
    var chosen = row.querySelector("input[name='s_" + user + "']:checked");
    var shown = field(row, "o"),
      remark = field(row, "r"),
      shownRemark = field(row, "or");
    var body = new URLSearchParams({ _csrf: token });
    body.set("s_" + user, chosen ? chosen.value : "");
    body.set("o_" + user, shown.value);
    body.set("r_" + user, remark.value);
    body.set("or_" + user, shownRemark.value);
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (json) {
        var problem = row.querySelector("[data-row-problem]");
        var refused = (json.refused || []).filter(function (r) {
          return r.userId === user;
        })[0];
        if (refused) {
          // not saved: too long a remark, or a colleague's newer mark; the row keeps what was typed
          var text =
            refused.reason === "conflict"
              ? form.dataset.conflictText
              : refused.reason === "bad_characters"
                ? form.dataset.badCharactersText
                : form.dataset.tooLongText;
          if (problem) problem.textContent = text;
          status.textContent = text;
          return;
        }
        if (problem) problem.textContent = "";
        shown.value = chosen ? chosen.value : "";
        shownRemark.value = remark.value;
        if (chosen) row.classList.remove("table-warning");
        status.textContent = form.dataset.savedText || "✓";
      })
      .catch(function () {
        status.textContent = form.dataset.failedText || "!";
      });
  }
  form.addEventListener("change", function (e) {
    var row = e.target.closest("tr[data-user]");
    if (row) saveRow(row);
  });
})();

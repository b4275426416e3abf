// Register: saves a student's row as soon as its status or remark changes (the Save button still saves all).
// Each row posts only itself with what the page showed, so colleagues marking other rows lose nothing.
// What is entered and not yet saved is kept in this browser's localStorage (keyed by activity and session), so a
// launch that ends in the middle of the register loses nothing: after the relaunch the page offers it back.
(function () {
  var form = document.querySelector("form[data-register]");
  if (!form) return;
  var status = form.querySelector("[data-register-status]");
  var token = form.querySelector("input[name=_csrf]").value;
  var key = form.dataset.keepKey;
  var ended = document.querySelector("[data-session-ended]");
  var offer = document.querySelector("[data-restore]");

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }
  function store(kept) {
    try {
      if (Object.keys(kept).length) window.localStorage.setItem(key, JSON.stringify(kept));
      else window.localStorage.removeItem(key);
    } catch (e) {
      /* storage full or refused: the row is still posted */
    }
  }
  function field(row, name) {
    return form.querySelector("input[name='" + name + "_" + row.dataset.user + "']");
  }
  function stateOf(row) {
    var chosen = row.querySelector("input[name='s_" + row.dataset.user + "']:checked");
    return {
      s: chosen ? chosen.value : "",
      o: field(row, "o").value,
      r: field(row, "r").value,
      or: field(row, "or").value,
    };
  }
  function isChanged(st) {
    return st.s !== st.o || st.r !== st.or;
  }
  function keep(row) {
    var kept = load();
    kept[row.dataset.user] = stateOf(row);
    store(kept);
  }
  function forget(user) {
    var kept = load();
    delete kept[user];
    store(kept);
  }
  function sessionEnded() {
    if (ended) ended.classList.remove("d-none");
    status.textContent = form.dataset.endedText;
  }

  function saveRow(row) {
    var user = row.dataset.user;
    var st = stateOf(row);
    keep(row);
    if (!window.fetch) return;
    var body = new URLSearchParams({ _csrf: token });
    body.set("s_" + user, st.s);
    body.set("o_" + user, st.o);
    body.set("r_" + user, st.r);
    body.set("or_" + user, st.or);
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (res) {
        return res.json().then(
          function (json) {
            return { ok: res.ok, status: res.status, json: json };
          },
          function () {
            return { ok: false, status: res.status, json: {} };
          },
        );
      })
      .then(function (answer) {
        var json = answer.json || {};
        if (!answer.ok) {
          if (answer.status === 401 || (json.error && json.error.code === "session_expired")) return sessionEnded();
          status.textContent = form.dataset.failedText || "!";
          return;
        }
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
          if (refused.reason === "conflict") forget(user);
          return;
        }
        forget(user);
        if (problem) problem.textContent = "";
        field(row, "o").value = st.s;
        field(row, "or").value = st.r;
        if (st.s) row.classList.remove("table-warning");
        status.textContent = form.dataset.savedText || "✓";
      })
      .catch(function () {
        status.textContent = form.dataset.failedText || "!";
      });
  }

  function rowOf(user) {
    return [].filter.call(form.querySelectorAll("tr[data-user]"), function (r) {
      return r.dataset.user === user;
    })[0];
  }
  function apply(row, st) {
    [].forEach.call(row.querySelectorAll("input[name='s_" + row.dataset.user + "']"), function (input) {
      input.checked = input.value === st.s;
    });
    field(row, "r").value = st.r;
    field(row, "o").value = st.o; // what the page showed then: a colleague's newer mark comes back as a conflict
    field(row, "or").value = st.or;
  }

  // What a previous page kept and the server does not have yet (already saved rows are dropped quietly).
  function offerKept() {
    var kept = load();
    var waiting = Object.keys(kept).filter(function (user) {
      var row = rowOf(user);
      if (!row) return false;
      var now = stateOf(row);
      return now.s !== kept[user].s || now.r !== kept[user].r;
    });
    var tidy = {};
    waiting.forEach(function (user) {
      tidy[user] = kept[user];
    });
    store(tidy);
    if (!waiting.length || !offer) return;
    var lang = document.documentElement.lang || "lv";
    var category = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(waiting.length) : "other";
    var text = form.getAttribute("data-offer-" + category) || form.dataset.offerOther;
    offer.querySelector("[data-restore-text]").textContent = text.replace("{n}", String(waiting.length));
    offer.classList.remove("d-none");
    offer.querySelector("[data-restore-yes]").addEventListener("click", function () {
      offer.classList.add("d-none");
      waiting.forEach(function (user) {
        var row = rowOf(user);
        apply(row, tidy[user]);
        saveRow(row);
      });
      status.textContent = form.dataset.restoredText;
    });
    offer.querySelector("[data-restore-no]").addEventListener("click", function () {
      offer.classList.add("d-none");
      store({});
    });
  }

  form.addEventListener("change", function (e) {
    var row = e.target.closest("tr[data-user]");
    if (row) saveRow(row);
  });
  // Save posts the whole page: keep every changed row first, in case the answer is "your session has ended".
  form.addEventListener("submit", function () {
    var kept = load();
    [].forEach.call(form.querySelectorAll("tr[data-user]"), function (row) {
      var st = stateOf(row);
      if (isChanged(st)) kept[row.dataset.user] = st;
    });
    store(kept);
  });
  offerKept();
})();

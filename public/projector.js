// Projector: polls the session's state (code, QR, countdown, count) from the server's clock, so every open
// projector shows the same code and a reload changes nothing. No reload needed: the page updates in place.
(function () {
  var root = document.querySelector("[data-projector]");
  if (!root || !window.fetch) return;
  var el = function (name) {
    return root.querySelector("[data-" + name + "]");
  };
  var secondsLeft = null,
    shownCode = null,
    ticks = 0,
    busy = false;
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, k) {
      return String(values[k]);
    });
  }
  function showCountdown() {
    el("countdown").textContent =
      secondsLeft === null ? "" : fill(root.dataset.secondsTemplate, { seconds: Math.max(0, secondsLeft) });
  }
  function render(s) {
    el("count").textContent = fill(root.dataset.countTemplate, { count: s.count, total: s.total });
    el("state").textContent =
      s.state === "open" ? "" : s.state === "not_yet_open" ? root.dataset.notOpenText : root.dataset.closedText;
    if (s.code !== shownCode) {
      shownCode = s.code;
      el("code").textContent = s.code;
      el("qr").innerHTML = s.qrSvg; // our own server-rendered SVG (no script in it)
      root.dataset.shownUrl = s.url;
    }
    secondsLeft = s.secondsLeft;
    showCountdown();
  }
  function poll() {
    if (busy) return;
    busy = true;
    fetch(root.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(render)
      .catch(function () {
        /* keep the last code; the next tick tries again */
      })
      .then(function () {
        busy = false;
      });
  }
  poll();
  setInterval(function () {
    ticks++;
    if (secondsLeft !== null) {
      secondsLeft--;
      showCountdown();
    }
    if (ticks % 3 === 0 || (secondsLeft !== null && secondsLeft <= 0)) poll();
  }, 1000);
})();

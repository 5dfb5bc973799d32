// playbook default theme: the practice timer of pitches and voicemails.
// Loaded only on pages that have one; the timer is rendered hidden for
// readers without JavaScript. Set up again for a new main that the dev
// server swaps in ("playbook:swap"); the old main's timers stop then.
(function () {
  "use strict";
  var doc = document;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var stops = []; // stop the running timers of the current main

  function init(root) {
    each(root.querySelectorAll("[data-practice]"), function (box) {
      var target = +box.getAttribute("data-target") || 0, scale = +box.getAttribute("data-scale") || 0;
      var btn = box.querySelector("[data-practice-toggle]"), out = box.querySelector("[data-practice-time]");
      var reset = box.querySelector("[data-practice-reset]"), bar = box.parentNode.querySelector("[data-practice-bar]");
      if (!btn || !out) return;
      var idle = btn.textContent, stop = btn.getAttribute("data-stop") || "Stop";
      var acc = 0, since = 0, tick = 0;
      stops.push(function () { clearInterval(tick); });
      function elapsed() { return acc + (since ? Date.now() - since : 0); }
      function draw() {
        var s = Math.floor(elapsed() / 1000);
        out.textContent = Math.floor(s / 60) + ":" + pad(s % 60);
        box.classList.toggle("practice-over", target > 0 && s > target);
        if (bar && scale) bar.setAttribute("width", Math.min(100, elapsed() / 10 / scale).toFixed(1));
      }
      btn.setAttribute("aria-pressed", "false");
      btn.addEventListener("click", function () {
        if (since) {
          acc = elapsed(); since = 0; clearInterval(tick);
        } else {
          since = Date.now(); tick = setInterval(draw, 200);
        }
        btn.textContent = since ? stop : idle;
        btn.setAttribute("aria-pressed", since ? "true" : "false");
        draw();
      });
      if (reset) reset.addEventListener("click", function () { acc = 0; if (since) since = Date.now(); draw(); });
      box.hidden = false;
    });
  }
  init(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (!ev.detail || !ev.detail.querySelectorAll) return;
    stops.forEach(function (stop) { stop(); });
    stops = [];
    init(ev.detail);
  });
})();

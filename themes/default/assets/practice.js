// playbook default theme: the practice timer of pitches and voicemails.
// Loaded only on pages that have one; the timer is rendered hidden for
// readers without JavaScript.
(function () {
  "use strict";
  var doc = document;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  each(doc.querySelectorAll("[data-practice]"), function (box) {
    var target = +box.getAttribute("data-target") || 0, scale = +box.getAttribute("data-scale") || 0;
    var btn = box.querySelector("[data-practice-toggle]"), out = box.querySelector("[data-practice-time]");
    var reset = box.querySelector("[data-practice-reset]"), bar = box.parentNode.querySelector("[data-practice-bar]");
    if (!btn || !out) return;
    var idle = btn.textContent, stop = btn.getAttribute("data-stop") || "Stop";
    var acc = 0, since = 0, tick = 0;
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

})();

// playbook default theme: the print button and "print with my ticks".
// Without JavaScript the button stays hidden; the browser's own print
// command still uses print.css.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // print.css prints an external link's address after its text; not where
  // the text already is the address (autolinks).
  function bare(u) { return u.replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase(); }
  each(doc.querySelectorAll('a[href^="http://"], a[href^="https://"]'), function (a) {
    if (bare(a.textContent.trim()) === bare(a.getAttribute("href"))) a.classList.add("url-shown");
  });

  if (typeof window.print !== "function") return;
  each(doc.querySelectorAll("[data-print]"), function (tools) {
    var btn = tools.querySelector("[data-print-button]");
    if (!btn) return;
    var opt = tools.querySelector("[data-print-ticks-option]");
    var box = tools.querySelector("[data-print-ticks]");
    // Paper gets empty boxes; a reader may ask for the ticks made on screen.
    if (opt && box && doc.querySelector("[data-task-box]")) {
      box.checked = root.classList.contains("print-ticks");
      box.addEventListener("change", function () { root.classList.toggle("print-ticks", box.checked); });
      opt.hidden = false;
    }
    btn.addEventListener("click", function () { window.print(); });
    tools.hidden = false;
  });
})();

// playbook default theme: the running head, the print button and "print
// with my ticks". Without JavaScript the button stays hidden; the browser's
// own print command still uses print.css. The dev server may swap in a new
// main and running head ("playbook:swap"): both are set up again then.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Running head: the facts of [data-print-head] go into the margins of
  // every sheet (@page margin boxes). A constructed style sheet carries the
  // rules, since a strict CSP (style-src 'self') refuses inline <style>.
  // Where that fails (no constructed sheets, no margin boxes) print.css
  // prints the block itself at the top of the first sheet.
  var head = null, sheet = null;
  function cssString(s) {
    return '"' + s.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, " ") + '"';
  }
  function build() {
    var parts = head.querySelectorAll("span");
    var canon = doc.querySelector('link[rel="canonical"]');
    var boxes = ["@top-left", "@top-right"].map(function (box, i) {
      var t = parts[i] ? parts[i].textContent.trim() : "";
      return t ? box + "{content:" + cssString(t) + "}" : "";
    }).join("");
    if (canon && canon.href) boxes += "@bottom-left{content:" + cssString(canon.href) + "}";
    try {
      var s = new CSSStyleSheet();
      s.replaceSync("@page{" + boxes + "}");
      var page = s.cssRules[0];
      if (page && page.cssRules && page.cssRules.length) return s; // margin boxes understood
    } catch (e) { /* no constructed sheets */ }
    return null;
  }
  // Again before printing: a script that set adoptedStyleSheets since would
  // have dropped the sheet.
  function runningHead() {
    if (!sheet || doc.adoptedStyleSheets.indexOf(sheet) >= 0) return;
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.concat(sheet);
    root.classList.add("print-running-head");
  }
  var sheets = "adoptedStyleSheets" in doc && typeof CSSStyleSheet === "function";
  function setHead() {
    head = doc.querySelector("[data-print-head]");
    if (!sheets) return;
    var old = sheet;
    sheet = head ? build() : null;
    if (old) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter(function (s) { return s !== old; });
    if (!sheet) root.classList.remove("print-running-head");
    runningHead();
  }
  setHead();
  if (sheets) window.addEventListener("beforeprint", runningHead);

  // print.css prints an external link's address after its text; not where
  // the text already is the address (autolinks).
  function bare(u) { return u.replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase(); }
  function urls(scope) {
    each(scope.querySelectorAll('a[href^="http://"], a[href^="https://"]'), function (a) {
      if (bare(a.textContent.trim()) === bare(a.getAttribute("href"))) a.classList.add("url-shown");
    });
  }

  function printTools(scope) {
    if (typeof window.print !== "function") return;
    each(scope.querySelectorAll("[data-print]"), function (tools) {
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
  }

  urls(doc);
  printTools(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (!ev.detail || !ev.detail.querySelectorAll) return;
    if (doc.querySelector("[data-print-head]") !== head) setHead();
    urls(ev.detail);
    printTools(ev.detail);
  });
})();

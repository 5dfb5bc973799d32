// playbook default theme: list filters. The links lead to filter pages;
// here they filter the folder's list in place and combine (stage and
// persona and tag). Loaded only on folder pages with filters; set up
// again for a new main that the dev server swaps in ("playbook:swap").
(function () {
  "use strict";
  var doc = document;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function init(root) {
    each(root.querySelectorAll("[data-filters]"), function (nav) {
      var scope = nav.parentNode, state = {};
      var empty = scope.querySelector("[data-filter-empty]");
      function apply() {
        var shown = 0;
        each(scope.querySelectorAll(".item"), function (it) {
          var ok = Object.keys(state).every(function (k) {
            return !state[k] || (" " + (it.getAttribute("data-" + k) || "") + " ").indexOf(" " + state[k] + " ") >= 0;
          });
          it.hidden = !ok;
          if (ok) shown++;
        });
        each(scope.querySelectorAll("[data-group]"), function (g) { g.hidden = !g.querySelector(".item:not([hidden])"); });
        if (empty) empty.hidden = shown > 0;
      }
      nav.addEventListener("click", function (ev) {
        var a = ev.target.closest("a[data-value]"), facet = a && a.closest("[data-facet]");
        if (!facet || ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        var key = facet.getAttribute("data-facet"), v = a.getAttribute("data-value");
        state[key] = state[key] === v ? "" : v;
        each(facet.querySelectorAll("a[data-value]"), function (x) {
          if (x.getAttribute("data-value") === state[key]) x.setAttribute("aria-current", "true");
          else x.removeAttribute("aria-current");
        });
        apply();
      });
    });
  }
  init(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (ev.detail && ev.detail.querySelectorAll) init(ev.detail);
  });
})();

// playbook default theme: the "what changed" page. Narrows the list to the
// changes since a date ("since the last training") as the reader picks it;
// ?since=YYYY-MM-DD in the address does the same, so trainers can share a
// link. Without JavaScript the page lists everything and the "last 30/90
// days" links lead to static listings. Set up again for a new main that the
// dev server swaps in ("playbook:swap").
(function () {
  "use strict";
  var doc = document;
  var isDate = function (s) { return /^\d{4}-\d{2}-\d{2}$/.test(s || ""); };

  function init(root) {
    var list = root.querySelector("[data-changes]");
    var box = root.querySelector("[data-changes-filter]");
    if (!list || !box) return;
    var input = box.querySelector("[data-changes-since]");
    var clear = box.querySelector("[data-changes-clear]");
    var count = root.querySelector("[data-changes-count]");
    var empty = root.querySelector("[data-changes-empty]");
    var items = list.querySelectorAll("li[data-date]");

    function apply(since, push) {
      var shown = 0;
      for (var i = 0; i < items.length; i++) {
        // ISO dates compare as strings.
        var hide = since !== "" && items[i].getAttribute("data-date") < since;
        items[i].hidden = hide;
        if (!hide) shown++;
      }
      if (count) {
        count.textContent = since === "" ? "" :
          (count.getAttribute("data-t-shown") || "%d / %d").replace("%d", shown).replace("%d", items.length);
      }
      if (empty) empty.hidden = shown !== 0;
      if (push && window.history && history.replaceState) {
        var url = new URL(location.href);
        if (since === "") url.searchParams.delete("since"); else url.searchParams.set("since", since);
        history.replaceState(null, "", url.toString());
      }
    }

    box.hidden = false;
    var start = new URLSearchParams(location.search).get("since");
    if (isDate(start)) {
      input.value = start;
      apply(start, false);
    }
    function onChange() { apply(isDate(input.value) ? input.value : "", true); }
    input.addEventListener("input", onChange);
    input.addEventListener("change", onChange);
    if (clear) {
      clear.addEventListener("click", function () { input.value = ""; apply("", true); input.focus(); });
    }
  }
  init(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (ev.detail && ev.detail.querySelectorAll) init(ev.detail);
  });
})();

// playbook default theme: checklists, placeholders, script copy, loading
// search.js and the review date (see DOM.md). Plain script, loaded with
// defer on every page; every feature is optional on a page, and everything
// it reveals is rendered `hidden` for readers without JavaScript. Features
// of a few page kinds live in files of their own: practice.js, cadence.js,
// filter.js. Everything bound inside <main> is set up again for the new
// main when the dev server swaps it in (the "playbook:swap" event).
(function () {
  "use strict";
  var doc = document, body = doc.body;
  if (!body) return;
  var label = function (key, fallback) { return body.getAttribute("data-t-" + key) || fallback; };

  function load(key) {
    try { var v = JSON.parse(localStorage.getItem(key) || "{}"); return v && typeof v === "object" ? v : {}; }
    catch (e) { return {}; }
  }
  function save(key, obj) {
    try { localStorage.setItem(key, JSON.stringify(obj)); } catch (e) { /* storage full or blocked: keep going */ }
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  // Checklists: ticks per page and task id, progress bar, reset.
  var tickKey = "playbook:ticks:" + location.pathname;
  var ticks = {};
  function taskId(box) { var li = box.closest("[data-task]"); return li ? li.getAttribute("data-task") : ""; }

  function checklists(root) {
    ticks = load(tickKey);
    each(root.querySelectorAll("[data-checklist]"), function (list) {
      if (list.parentNode.closest("[data-checklist]")) return; // nested: counted by the outer list
      var boxes = list.querySelectorAll("[data-task-box]");
      if (!boxes.length) return;
      var bar = doc.createElement("div");
      bar.className = "checklist-bar";
      var prog = doc.createElement("progress");
      var count = doc.createElement("span");
      count.className = "checklist-count";
      count.setAttribute("aria-live", "polite");
      var reset = doc.createElement("button");
      reset.type = "button";
      reset.setAttribute("data-checklist-reset", "");
      reset.textContent = label("reset", "Reset");
      bar.appendChild(prog); bar.appendChild(count); bar.appendChild(reset);
      list.parentNode.insertBefore(bar, list);

      function update() {
        var done = 0;
        each(boxes, function (b) { if (b.checked) done++; });
        prog.max = boxes.length; prog.value = done;
        count.textContent = done + " / " + boxes.length + " " + label("done", "");
      }
      each(boxes, function (b) {
        var id = taskId(b);
        if (id && typeof ticks[id] === "boolean") b.checked = ticks[id];
        b.addEventListener("change", function () {
          if (id) { ticks[id] = b.checked; save(tickKey, ticks); }
          update();
        });
      });
      reset.addEventListener("click", function () {
        each(boxes, function (b) { b.checked = b.defaultChecked; var id = taskId(b); if (id) delete ticks[id]; });
        save(tickKey, ticks);
        update();
      });
      update();
    });
  }

  // Placeholders: one set of values for the whole site, filled in live.
  var phKey = "playbook:placeholders";
  var values = {};
  function value(name) { return typeof values[name] === "string" ? values[name] : ""; }
  function show(name) {
    var v = value(name);
    each(doc.querySelectorAll(".ph[data-ph]"), function (s) {
      if (s.getAttribute("data-ph") !== name) return;
      s.textContent = v || "{{" + name + "}}";
      s.className = v ? "ph filled" : "ph";
    });
  }
  function placeholders(root) {
    values = load(phKey);
    var names = {};
    each(root.querySelectorAll(".ph[data-ph]"), function (s) { names[s.getAttribute("data-ph")] = true; });
    Object.keys(names).forEach(show);
    each(root.querySelectorAll("[data-ph-panel]"), function (panel) {
      var inputs = panel.querySelectorAll("[data-ph-input]");
      var count = panel.querySelector("[data-ph-count]");
      function counted() {
        var n = 0;
        each(inputs, function (inp) { if (inp.value) n++; });
        if (count) count.textContent = "(" + n + "/" + inputs.length + ")";
      }
      each(inputs, function (inp) {
        var name = inp.name;
        inp.value = value(name);
        inp.addEventListener("input", function () {
          if (inp.value) values[name] = inp.value; else delete values[name];
          save(phKey, values);
          show(name);
          counted();
        });
      });
      var clear = panel.querySelector("[data-ph-clear]");
      if (clear) clear.addEventListener("click", function () {
        each(inputs, function (inp) { inp.value = ""; delete values[inp.name]; show(inp.name); });
        save(phKey, values);
        counted();
      });
      // A tap on a placeholder in a script opens the panel at its field.
      each(root.querySelectorAll(".ph[data-ph]"), function (s) {
        s.addEventListener("click", function () {
          var inp = panel.querySelector('[data-ph-input][name="' + s.getAttribute("data-ph").replace(/["\\]/g, "") + '"]');
          if (!inp) return;
          panel.open = true;
          inp.focus();
        });
      });
      counted();
      panel.hidden = false;
    });
  }

  // Script copy: text from the DOM, placeholders filled or left as {{Name}}.
  function nodeText(node) {
    var out = "";
    each(node.childNodes, function (n) {
      if (n.nodeType === 3) out += n.nodeValue.replace(/\s*\n\s*/g, " ");
      else if (n.nodeType !== 1) return;
      else if (n.nodeName === "BR") out += "\n";
      else if (n.classList.contains("ph") && n.hasAttribute("data-ph")) {
        var name = n.getAttribute("data-ph");
        out += value(name) || "{{" + name + "}}";
      } else out += nodeText(n);
    });
    return out;
  }
  function scriptText(box) {
    var paras = [];
    each(box.children, function (p) {
      var t = nodeText(p).replace(/ *\n */g, "\n").trim();
      if (t) paras.push(t);
    });
    return paras.join("\n\n");
  }
  function fallbackCopy(text) {
    var ta = doc.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    body.removeChild(ta);
    return ok;
  }
  function scripts(root) {
    each(root.querySelectorAll("[data-script]"), function (fig) {
      var btn = fig.querySelector("[data-script-copy]");
      var box = fig.querySelector("[data-script-text]");
      if (!btn || !box) return;
      var idle = btn.textContent || label("copy", "Copy");
      var timer = 0;
      function done(ok) {
        btn.textContent = ok ? label("copied", "Copied") : label("copy-failed", "Copy failed");
        clearTimeout(timer);
        timer = setTimeout(function () { btn.textContent = idle; }, 2000);
      }
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var text = scriptText(box);
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
        } else {
          done(fallbackCopy(text));
        }
      });
    });
  }

  // Search: search.js is the biggest script, so it loads on first use only:
  // a search box gets focus or a key, "/" is pressed, or at once on the
  // search page. Text typed meanwhile stays in the box; search.js reads it.
  var searchJS = body.getAttribute("data-search-js");
  var forms = doc.querySelectorAll("[data-search]");
  var searchBox = doc.querySelector("[data-search] [data-search-input]");
  var searchLoaded = false;
  var loadSearch = function () {
    if (searchLoaded) return;
    searchLoaded = true;
    doc.removeEventListener("keydown", onSlash); // search.js handles "/" from now on
    var s = doc.createElement("script");
    s.src = searchJS;
    doc.head.appendChild(s);
  };
  var onSlash = function (ev) {
    var t = ev.target, tag = t && t.tagName ? t.tagName.toLowerCase() : "";
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || !searchBox ||
        tag === "input" || tag === "textarea" || tag === "select" || (t && t.isContentEditable)) return;
    ev.preventDefault();
    searchBox.focus(); // focusin loads search.js
    searchBox.select();
  };
  if (searchJS) {
    var active = doc.activeElement;
    if (doc.querySelector("[data-search-page]") || (active && active.closest && active.closest("[data-search]"))) loadSearch();
    else {
      doc.addEventListener("keydown", onSlash);
      each(forms, function (f) {
        f.addEventListener("focusin", loadSearch);
        f.addEventListener("keydown", loadSearch);
      });
    }
  }

  // Review dates: the build marks pages overdue on the day it runs; a site
  // served long after says so too.
  function reviewDates(root) {
    var today = isoDay(new Date());
    each(root.querySelectorAll("[data-review-by]"), function (n) {
      if (n.getAttribute("data-review-by") < today) n.hidden = false;
    });
  }

  // init binds the features inside root: the whole page on load, the new
  // main after a live swap. Listeners outside main (search) are bound once.
  function init(root) {
    checklists(root);
    placeholders(root);
    scripts(root);
    reviewDates(root);
  }
  init(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (ev.detail && ev.detail.querySelectorAll) init(ev.detail);
  });
})();

// playbook default theme: checklists, placeholders, script copy, practice
// timer, cadence calendar files, list filters and the review date (see
// DOM.md). Plain script, loaded with defer; every feature is optional on a
// page, and everything it reveals is rendered `hidden` for readers without
// JavaScript.
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
  var ticks = load(tickKey);
  function taskId(box) { var li = box.closest("[data-task]"); return li ? li.getAttribute("data-task") : ""; }

  each(doc.querySelectorAll("[data-checklist]"), function (list) {
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

  // Placeholders: one set of values for the whole site, filled in live.
  var phKey = "playbook:placeholders";
  var values = load(phKey);
  function value(name) { return typeof values[name] === "string" ? values[name] : ""; }
  function show(name) {
    var v = value(name);
    each(doc.querySelectorAll(".ph[data-ph]"), function (s) {
      if (s.getAttribute("data-ph") !== name) return;
      s.textContent = v || "{{" + name + "}}";
      s.className = v ? "ph filled" : "ph";
    });
  }
  var names = {};
  each(doc.querySelectorAll(".ph[data-ph]"), function (s) { names[s.getAttribute("data-ph")] = true; });
  Object.keys(names).forEach(show);
  each(doc.querySelectorAll("[data-ph-panel]"), function (panel) {
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
    each(doc.querySelectorAll(".ph[data-ph]"), function (s) {
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
  each(doc.querySelectorAll("[data-script]"), function (fig) {
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

  // Practice timer: elapsed time against the pitch's target or the voicemail's limit.
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

  // Cadences: a start date dates the days and makes an .ics file, one
  // all-day event per step (RFC 5545), built here in the browser.
  function icsEscape(s) { return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n"); }
  function fold(line) {
    // At most 75 octets a line; a continuation starts with a space. Never split a character.
    var out = "", n = 0;
    Array.from(line).forEach(function (ch) {
      var c = ch.codePointAt(0), b = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (n + b > 75) { out += "\r\n "; n = 1; }
      out += ch; n += b;
    });
    return out;
  }
  function ymd(d) { return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()); }
  function plus(start, days) { return new Date(Date.UTC(start[0], start[1] - 1, start[2] + days)); }
  function text(el, sel) { var n = sel ? el.querySelector(sel) : el; return n ? n.textContent.replace(/\s+/g, " ").trim() : ""; }

  function calendar(form, start) {
    var title = form.getAttribute("data-title") || doc.title, uid = form.getAttribute("data-uid") || "cadence";
    var page = location.href.replace(/#.*$/, ""), host = location.hostname || "playbook";
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//playbook//cadence//" + (body.getAttribute("data-lang") || "de").toUpperCase(),
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsEscape(title)];
    var i = 0;
    each(form.closest(".cadence").querySelectorAll(".day[data-day]"), function (day) {
      var n = parseInt(day.getAttribute("data-day"), 10) || 1;
      each(day.querySelectorAll(".step"), function (step) {
        var a = step.querySelector("a"), what = a ? text(a) : "", note = text(step, ".step-note");
        var desc = [note, title + ", " + text(day, ".day-label").replace(/ ·.*$/, ""), a ? a.href : page].filter(Boolean).join("\n");
        i++;
        lines.push("BEGIN:VEVENT", "UID:" + uid + "-" + i + "-" + ymd(plus(start, 0)) + "@" + host, "DTSTAMP:" + stamp,
          "DTSTART;VALUE=DATE:" + ymd(plus(start, n - 1)), "DTEND;VALUE=DATE:" + ymd(plus(start, n)),
          "SUMMARY:" + icsEscape(text(step, ".step-channel") + ": " + (what || title)),
          "DESCRIPTION:" + icsEscape(desc), "URL:" + (a ? a.href : page), "TRANSP:TRANSPARENT", "END:VEVENT");
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }
  each(doc.querySelectorAll("[data-ics]"), function (form) {
    var input = form.querySelector("[data-ics-start]");
    if (!input) return;
    var lang = body.getAttribute("data-lang") || undefined;
    function start() {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
      return m ? [+m[1], +m[2], +m[3]] : null;
    }
    function dates() {
      var s = start();
      each(form.closest(".cadence").querySelectorAll(".day[data-day]"), function (day) {
        var out = day.querySelector("[data-day-date]");
        if (!out) return;
        var d = s && plus(s, (parseInt(day.getAttribute("data-day"), 10) || 1) - 1);
        out.textContent = d ? " · " + d.toLocaleDateString(lang, { weekday: "short", day: "numeric", month: "numeric", timeZone: "UTC" }) : "";
        day.classList.toggle("day-weekend", !!d && (d.getUTCDay() === 0 || d.getUTCDay() === 6));
      });
    }
    if (!input.value) input.value = isoDay(new Date());
    input.addEventListener("change", dates);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var s = start();
      if (!s) { input.focus(); return; }
      var blob = new Blob([calendar(form, s)], { type: "text/calendar;charset=utf-8" });
      var a = doc.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (form.getAttribute("data-file") || "cadence") + ".ics";
      body.appendChild(a);
      a.click();
      body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    });
    dates();
    form.hidden = false;
  });

  // List filters: the links lead to filter pages; here they filter in place
  // and combine (stage and persona and tag).
  each(doc.querySelectorAll("[data-filters]"), function (nav) {
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

  // Review dates: the build marks pages overdue on the day it runs; a site
  // served long after says so too.
  var today = isoDay(new Date());
  each(doc.querySelectorAll("[data-review-by]"), function (n) {
    if (n.getAttribute("data-review-by") < today) n.hidden = false;
  });
})();

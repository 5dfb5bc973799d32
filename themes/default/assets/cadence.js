// playbook default theme: cadences. A start date dates the timeline's days
// and makes an .ics file, one all-day event per step (RFC 5545), built here
// in the browser. Loaded only on cadence pages; set up again for a new
// main that the dev server swaps in ("playbook:swap").
(function () {
  "use strict";
  var doc = document;
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  var body = doc.body;
  if (!body) return;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

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
  function init(root) {
    each(root.querySelectorAll("[data-ics]"), function (form) {
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
  }
  init(doc);
  doc.addEventListener("playbook:swap", function (ev) {
    if (ev.detail && ev.detail.querySelectorAll) init(ev.detail);
  });
})();

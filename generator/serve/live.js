// Live reload for `playbook serve`. The dev server injects this script into
// every HTML page it serves; it is never part of a built site.
//
// Events from /_playbook/events (data is JSON):
//   hello       {build}                  sent on every (re)connect
//   reload      {build, paths[], css[]}  pages whose output changed ("*" = all)
//   css         {build, css[]}           only stylesheets changed
//   build-error {problems[], text}       the last build failed
//   ok          {}                       the site builds again
(function () {
  "use strict";

  var SCROLL_KEY = "playbook:live:scroll";
  var build = null; // build id of the first connection: what this page shows
  var overlay = null;
  var source = null;

  function decode(p) {
    try {
      return decodeURI(p);
    } catch (e) {
      return p;
    }
  }

  // here is the URL path of this page as the server names outputs.
  function here() {
    var p = decode(location.pathname);
    if (p.slice(-11) === "/index.html") {
      p = p.slice(0, -10);
    }
    return p;
  }

  function affects(paths) {
    if (!paths) {
      return false;
    }
    var p = here();
    return paths.indexOf("*") >= 0 || paths.indexOf(p) >= 0;
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({
        path: location.pathname, x: window.scrollX, y: window.scrollY
      }));
    } catch (e) { /* storage disabled: reload anyway */ }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null");
      sessionStorage.removeItem(SCROLL_KEY);
    } catch (e) {
      return;
    }
    if (saved && saved.path === location.pathname) {
      window.scrollTo(saved.x, saved.y);
    }
  }

  // swapCSS reloads matching stylesheets in place: the new link loads next to
  // the old one, which goes once the new one is ready, so nothing flashes.
  function swapCSS(paths) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"]'));
    var own = links.filter(function (l) {
      return new URL(l.href, location.href).origin === location.origin;
    });
    var hit = own.filter(function (l) {
      return paths.indexOf(decode(new URL(l.href, location.href).pathname)) >= 0;
    });
    // A changed file nobody links directly (an @import) can affect any sheet.
    (hit.length ? hit : own).forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.searchParams.set("live", String(Date.now()));
      var next = link.cloneNode(false);
      next.href = url.href;
      var done = function () {
        link.remove();
      };
      next.addEventListener("load", done);
      next.addEventListener("error", done);
      link.after(next);
    });
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    Object.assign(e.style, style || {});
    return e;
  }

  function german() {
    return (document.documentElement.lang || "").toLowerCase().indexOf("de") === 0;
  }

  // showOverlay lists the build problems. Everything goes in via textContent,
  // so a message can never inject markup.
  function showOverlay(data) {
    hideOverlay();
    var de = german();
    overlay = el("div", "", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(24, 8, 8, 0.94)", color: "#fdd", padding: "1.5rem",
      font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
    });
    overlay.id = "playbook-build-error";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(el("h2", de ? "Build fehlgeschlagen" : "Build failed",
      {margin: "0 0 1rem", font: "bold 18px/1.3 system-ui, sans-serif", color: "#fff"}));
    var problems = data.problems || [];
    if (!problems.length && data.text) {
      problems = [{msg: data.text}];
    }
    problems.forEach(function (p) {
      var row = el("div", "", {
        margin: "0 0 0.75rem", padding: "0.5rem 0.75rem", whiteSpace: "pre-wrap",
        overflowWrap: "anywhere", borderLeft: "3px solid " + (p.severity === "warning" ? "#fc6" : "#f66"),
        background: "rgba(255, 255, 255, 0.05)"
      });
      if (p.file) {
        var pos = p.file + (p.line ? ":" + p.line + (p.col ? ":" + p.col : "") : "");
        row.appendChild(el("div", pos, {color: "#fff", fontWeight: "bold"}));
      }
      row.appendChild(el("div", p.msg || ""));
      overlay.appendChild(row);
    });
    overlay.appendChild(el("p", de
      ? "Die Seite zeigt den letzten erfolgreichen Build. Nach dem Speichern der Korrektur verschwindet diese Meldung."
      : "The page shows the last good build. This message goes away once a fixed file is saved.",
    {margin: "1rem 0 0", color: "#caa", font: "13px/1.4 system-ui, sans-serif"}));
    (document.body || document.documentElement).appendChild(overlay);
  }

  function hideOverlay() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function on(name, fn) {
    source.addEventListener(name, function (e) {
      var data = {};
      try {
        data = JSON.parse(e.data || "{}");
      } catch (err) { /* ignore a malformed event */ }
      fn(data);
    });
  }

  function connect() {
    source = new EventSource("/_playbook/events");
    on("hello", function (d) {
      // A new build while we were away (or a restarted server): catch up.
      if (build !== null && d.build !== build) {
        reload();
        return;
      }
      build = d.build;
    });
    on("reload", function (d) {
      build = d.build;
      if (affects(d.paths)) {
        reload();
      } else if (d.css && d.css.length) {
        swapCSS(d.css);
      }
    });
    on("css", function (d) {
      build = d.build;
      swapCSS(d.css || []);
    });
    on("build-error", showOverlay);
    on("ok", hideOverlay);
    source.onerror = function () {
      // The browser retries by itself unless it gave up (CLOSED): then we do.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    };
  }

  window.addEventListener("load", restoreScroll);
  connect();
})();

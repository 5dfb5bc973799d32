// Live reload for `playbook serve`. The dev server injects this script into
// every HTML page it serves; it is never part of a built site.
//
// Events from /_playbook/events (data is JSON):
//   hello       {build}                  sent on every (re)connect
//   reload      {build, paths[], css[]}  pages whose output changed ("*" = all)
//   css         {build, css[]}           only stylesheets changed
//   build-error {problems[], text}       the last build failed
//   ok          {}                       the site builds again
//
// Soft updates: when this page changed, a theme that marks its <main> with
// data-live-swap gets the new main swapped in place (a full reload costs
// ~50 ms in Chromium, a swap a few). The attribute's value may name more
// regions outside main that change with the page (a selector list, e.g.
// "[data-print-head]"). Everything else (html and body attributes, head
// scripts and stylesheets, header, nav, footer) must be unchanged, compared
// between the served HTML of the old and the new version; otherwise, and on
// any failure, the page reloads. After a swap, document gets a
// "playbook:swap" event whose detail is the new main: theme scripts bind to
// it, as they bound to the page on load.
(function () {
  "use strict";

  var SCROLL_KEY = "playbook:live:scroll";
  var SWAP_EVENT = "playbook:swap";
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

  // softUpdater swaps the changed page in place (see the top of this file).
  // fallback does a full reload.
  function softUpdater(fallback) {
    // Head elements that describe the page rather than the chrome: synced on
    // a swap instead of forcing a reload.
    var PAGE_META = 'title, meta[name="description"], meta[name="robots"], link[rel="canonical"]';
    // Form state the reader made that a swap carries over when the same
    // field is still there (placeholders and ticks live in localStorage).
    var FIELDS = "input, textarea, details";
    var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
    var TEXTUAL = /^(text|search|email|tel|url|number|date|month|week|time|datetime-local|color|range)$/;
    var CATCHUP_KEY = "playbook:live:catchup";

    var baseline = null; // promise: the served page this page shows, with its signature
    var shown = null; // the regions' HTML of the last swap
    var running = false;
    var again = false;

    function each(list, fn) {
      Array.prototype.forEach.call(list, fn);
    }

    // regions lists the selectors of the swappable parts, main first, or
    // returns null when the document does not support soft updates.
    function regions(doc) {
      var mains = doc.querySelectorAll("main");
      if (mains.length !== 1 || !mains[0].hasAttribute("data-live-swap")) {
        return null;
      }
      var extra = (mains[0].getAttribute("data-live-swap") || "").split(",");
      var out = ["main"];
      extra.forEach(function (sel) {
        sel = sel.trim();
        if (sel && out.indexOf(sel) < 0) {
          out.push(sel);
        }
      });
      return out;
    }

    function fetchPage(mode) {
      return fetch(location.pathname + location.search, {cache: mode, credentials: "same-origin"})
        .then(function (res) {
          var type = res.headers.get("Content-Type") || "";
          if (!res.ok || res.redirected || type.indexOf("html") < 0) {
            return null;
          }
          return res.text();
        })
        .then(function (text) {
          return text === null ? null : {text: text, doc: new DOMParser().parseFromString(text, "text/html")};
        })
        .catch(function () {
          return null;
        });
    }

    // signature is a normalised form of everything outside the regions:
    // equal signatures mean a swap of the regions shows the new page. A
    // region becomes a marker naming the scripts in it, since scripts in a
    // swapped region do not run. It returns null for a document that cannot
    // be swapped with sels; inner receives the regions' HTML.
    function signature(doc, sels, inner) {
      var got = regions(doc);
      if (!got || got.join(",") !== sels.join(",") || doc.querySelector("[data-search-page]") || !doc.body) {
        return null;
      }
      var parts = [attrs(doc.documentElement)];
      each(doc.head ? doc.head.children : [], function (el) {
        if (!el.matches(PAGE_META)) {
          parts.push(el.outerHTML);
        }
      });
      var body = doc.body.outerHTML;
      for (var i = 0; i < sels.length; i++) {
        var found = doc.querySelectorAll(sels[i]);
        for (var j = 0; j < found.length; j++) {
          var html = found[j].outerHTML;
          inner.push(html);
          var at = body.indexOf(html);
          if (at < 0) {
            return null; // nested regions: not supported
          }
          var scripts = [];
          each(found[j].querySelectorAll("script"), function (s) {
            scripts.push(s.src || s.textContent);
          });
          body = body.slice(0, at) + "\u0000" + i + ":" + scripts.join("\u0001") + "\u0000" + body.slice(at + html.length);
        }
      }
      parts.push(body);
      return parts.join("\n").replace(/\s+/g, " ");
    }

    function attrs(el) {
      var out = [];
      each(el.attributes, function (a) {
        out.push(a.name + "=" + a.value);
      });
      return out.sort().join(" ");
    }

    // start records what this page was served as. The browser's cache holds
    // the bytes it was loaded from; where it does not (or a service worker
    // answers), the server's current version is the next best thing.
    function start() {
      if (baseline || !window.fetch || !window.DOMParser) {
        return;
      }
      var sels = regions(document);
      baseline = fetchPage("force-cache").then(function (page) {
        if (page && sels) {
          page.sig = signature(page.doc, sels, []);
        }
        return page;
      });
    }

    // catchUp runs on the first connection: an edit saved between this
    // page's request and the event stream's start sent its event to nobody,
    // so compare what the page was served with what the server has now. At
    // most one such reload in a few seconds, in case a cache keeps lying.
    function catchUp() {
      var last = 0;
      try {
        last = +sessionStorage.getItem(CATCHUP_KEY) || 0;
      } catch (e) { /* storage disabled */ }
      if (Date.now() - last < 5000) {
        return;
      }
      start();
      if (!baseline) {
        return;
      }
      Promise.all([baseline, fetchPage("no-store")]).then(function (r) {
        if (!r[0] || !r[1] || r[0].text === r[1].text) {
          return;
        }
        try {
          sessionStorage.setItem(CATCHUP_KEY, String(Date.now()));
        } catch (e) { /* storage disabled */ }
        if (regions(document)) {
          update();
        } else {
          fallback();
        }
      });
    }

    // update runs one soft update at a time; events arriving meanwhile
    // cause one more round, which fetches the newest version.
    function update() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      attempt().then(function (ok) {
        running = false;
        if (!ok) {
          fallback();
        } else if (again) {
          update();
        }
      });
    }

    function attempt() {
      var sels = regions(document);
      if (!sels || document.querySelector("[data-search-page]")) {
        return Promise.resolve(false);
      }
      start();
      if (!baseline) {
        return Promise.resolve(false);
      }
      return Promise.all([baseline, fetchPage("no-store")]).then(function (r) {
        var doc = r[1] && r[1].doc;
        var inner = [];
        if (!r[0] || !r[0].sig || !doc || signature(doc, sels, inner) !== r[0].sig) {
          return false;
        }
        // The server may announce a page twice with the same content (an
        // early render, then the full build): nothing to do then.
        inner = inner.join("\u0000");
        if (inner === shown) {
          return true;
        }
        var ok = swap(doc, sels);
        if (ok) {
          shown = inner;
        }
        return ok;
      }).catch(function () {
        return false;
      });
    }

    function swap(doc, sels) {
      // Every region must be there as often in both versions.
      var pairs = [];
      for (var i = 0; i < sels.length; i++) {
        var olds = document.querySelectorAll(sels[i]);
        var news = doc.querySelectorAll(sels[i]);
        if (olds.length !== news.length) {
          return false;
        }
        for (var j = 0; j < olds.length; j++) {
          pairs.push([olds[j], news[j]]);
        }
      }
      var x = window.scrollX;
      var y = window.scrollY;
      var focus = focusTarget(pairs);
      var main = null;
      pairs.forEach(function (p) {
        var next = document.adoptNode(p[1]);
        p[0].replaceWith(next);
        carry(p[0], next);
        if (!main) {
          main = next;
        }
      });
      syncHead(doc);
      document.dispatchEvent(new CustomEvent(SWAP_EVENT, {detail: main}));
      if (focus) {
        refocus(focus, pairs);
      }
      if (window.scrollX !== x || window.scrollY !== y) {
        window.scrollTo(x, y);
      }
      return true;
    }

    function syncHead(doc) {
      document.title = doc.title;
      var head = document.head;
      each(head.querySelectorAll(PAGE_META), function (el) {
        if (el.tagName !== "TITLE") {
          el.remove();
        }
      });
      each(doc.head.querySelectorAll(PAGE_META), function (el) {
        if (el.tagName !== "TITLE") {
          head.appendChild(document.adoptNode(el));
        }
      });
    }

    // key names an element by what it is rather than where: tag, attribute
    // names (and the values of id, name and type), and its rank among the
    // elements of root with that key. State the theme's scripts toggle
    // (hidden, aria-*, class) does not count.
    function keyer() {
      var seen = {};
      return function (el) {
        var names = [];
        each(el.attributes, function (a) {
          var n = a.name;
          if (n === "id" || n === "name" || n === "type" || n === "href" || n === "for") {
            names.push(n + "=" + a.value);
          } else if (n !== "value" && n !== "class" && n !== "style" && n !== "open" && n !== "checked" &&
              n !== "hidden" && n !== "tabindex" && n.indexOf("aria-") !== 0) {
            names.push(n);
          }
        });
        var k = el.tagName + "|" + names.sort().join(" ");
        seen[k] = (seen[k] || 0) + 1;
        return k + "|" + seen[k];
      };
    }

    // carry moves the reader's field values and open <details> from the
    // old region to the new one, where the field is still there.
    function carry(from, to) {
      var saved = {};
      var key = keyer();
      each(from.querySelectorAll(FIELDS), function (el) {
        var k = key(el);
        if (el.tagName === "DETAILS") {
          saved[k] = {open: el.open};
        } else if ((el.tagName === "TEXTAREA" || TEXTUAL.test(el.type)) && el.value !== el.defaultValue) {
          saved[k] = {value: el.value};
        }
      });
      key = keyer();
      each(to.querySelectorAll(FIELDS), function (el) {
        var s = saved[key(el)];
        if (!s) {
          return;
        } else if (el.tagName === "DETAILS") {
          el.open = s.open;
        } else if (el.value === el.defaultValue) {
          el.value = s.value;
        }
      });
    }

    // focusTarget remembers the focused element inside a region, by key.
    function focusTarget(pairs) {
      var active = document.activeElement;
      for (var i = 0; active && i < pairs.length; i++) {
        var region = pairs[i][0];
        if (active === region) {
          return {region: i, self: true};
        }
        if (region.contains(active)) {
          var key = keyer();
          var found = null;
          each(region.querySelectorAll(FOCUSABLE), function (el) {
            var k = key(el);
            if (el === active) {
              found = k;
            }
          });
          if (!found) {
            return null;
          }
          var sel = null;
          try {
            sel = [active.selectionStart, active.selectionEnd];
          } catch (e) { /* no selection on this input type */ }
          return {region: i, key: found, sel: sel};
        }
      }
      return null;
    }

    // refocus runs after the theme's scripts set the new region up, so
    // elements they add or reveal count.
    function refocus(f, pairs) {
      var region = pairs[f.region][1];
      var target = f.self ? region : null;
      if (!target) {
        var key = keyer();
        each(region.querySelectorAll(FOCUSABLE), function (el) {
          if (!target && key(el) === f.key) {
            target = el;
          }
        });
      }
      if (!target) {
        return;
      }
      target.focus({preventScroll: true});
      if (f.sel && f.sel[0] !== null && typeof target.setSelectionRange === "function") {
        try {
          target.setSelectionRange(f.sel[0], f.sel[1]);
        } catch (e) { /* the new field takes no selection */ }
      }
    }

    return {start: start, update: update, catchUp: catchUp};
  }

  function connect() {
    source = new EventSource("/_playbook/events");
    on("hello", function (d) {
      // A new build while we were away (or a restarted server): catch up.
      if (build !== null && d.build !== build) {
        reload();
        return;
      }
      if (build === null) {
        soft.catchUp();
      }
      build = d.build;
    });
    on("reload", function (d) {
      build = d.build;
      if (d.paths && d.paths.indexOf("*") >= 0) {
        reload(); // a script, image or font changed: only a reload is sure
        return;
      }
      if (d.css && d.css.length) {
        swapCSS(d.css);
      }
      if (affects(d.paths)) {
        soft.update();
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

  var soft = softUpdater(reload);
  window.addEventListener("load", restoreScroll);
  soft.start();
  connect();
})();

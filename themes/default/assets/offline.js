/* playbook offline: registers the service worker (see sw.js), renders "save
 * for offline" into [data-offline], shows a quiet prompt when a new version is
 * ready, and prefetches links on hover or touch. The layout loads it with
 * <script src=… defer data-sw="{base}sw.js">; without data-sw (offline turned
 * off) it only prefetches and lets an earlier worker replace itself. */
(function () {
  'use strict';
  var script = document.currentScript;
  var body = document.body;
  var base = body.getAttribute('data-base') || '/';
  var lang = body.getAttribute('data-lang') === 'de' ? 'de' : 'en';
  var T = {
    de: {
      save: 'Für offline speichern (%s)', saving: 'Wird für offline gespeichert … %p %', done: 'Offline verfügbar (%s)',
      retry: 'Speichern unterbrochen – erneut versuchen', update: 'Neue Version verfügbar – neu laden'
    },
    en: {
      save: 'Save for offline (%s)', saving: 'Saving for offline … %p%', done: 'Available offline (%s)',
      retry: 'Saving stopped – try again', update: 'New version available – reload'
    }
  }[lang];
  var conn = navigator.connection;
  var sw = navigator.serviceWorker;
  // Above this size only a click saves everything, never Wi-Fi on its own.
  var AUTO_MAX = 50e6;

  function inScope(a) {
    return a.origin === location.origin && a.pathname.indexOf(base) === 0;
  }

  function link(target) {
    var a = target && target.closest ? target.closest('a[href]') : null;
    if (!a || a.target || a.hasAttribute('download') || !inScope(a)) return null;
    return a;
  }

  // ---------- prefetch: the next page is usually in cache before the tap ends
  var seen = new Set([location.href.split('#')[0]]);
  var slow = conn && (conn.saveData || /2g/.test(conn.effectiveType || ''));
  function prefetch(a) {
    var url = a.href.split('#')[0];
    if (slow || seen.has(url)) return;
    seen.add(url);
    if (sw && sw.controller) {
      // The worker stores what it fetches, so the tap is served from the cache.
      fetch(url, { credentials: 'same-origin', priority: 'low' }).catch(function () {});
      return;
    }
    var l = document.createElement('link');
    l.rel = 'prefetch';
    l.href = url;
    document.head.appendChild(l);
  }
  var hover = 0;
  document.addEventListener('pointerover', function (e) {
    if (e.pointerType === 'touch') return;
    var a = link(e.target);
    clearTimeout(hover);
    if (a) hover = setTimeout(function () { prefetch(a); }, 65); // not for a pointer just passing by
  });
  document.addEventListener('touchstart', function (e) {
    var a = link(e.target);
    if (a) prefetch(a);
  }, { passive: true });

  if (!sw) return;
  var swURL = script && script.getAttribute('data-sw');
  if (!swURL) {
    // Offline use turned off: the server's sw.js now removes itself.
    sw.getRegistration(base).then(function (r) { if (r) return r.update(); }).catch(function () {});
    return;
  }

  // ---------- update prompt
  var hadController = !!sw.controller;
  var waiting = null;
  var applying = null;
  var prompt = null;
  function showPrompt() {
    if (prompt) return;
    prompt = document.createElement('div');
    prompt.className = 'offline-update';
    prompt.setAttribute('role', 'status');
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = T.update;
    b.addEventListener('click', function () { apply(null); });
    prompt.appendChild(b);
    body.appendChild(prompt);
  }
  // apply activates the waiting build, then reloads or follows href: the old
  // worker answers nothing after the switch, so no page mixes two builds.
  function apply(href) {
    var gone = false;
    function go() {
      if (gone) return;
      gone = true;
      if (href) location.href = href;
      else location.reload();
    }
    if (!waiting) return go();
    applying = go;
    waiting.postMessage({ t: 'activate' });
    setTimeout(go, 3000);
  }
  sw.addEventListener('controllerchange', function () {
    if (applying) return applying();
    if (hadController) showPrompt(); // another tab switched builds: this page is old
    hadController = true;
  });
  function watch(reg) {
    function ready(w) {
      if (w && w.state === 'installed' && sw.controller) {
        waiting = w;
        showPrompt();
      }
    }
    function follow(w) {
      if (w) w.addEventListener('statechange', function () { ready(w); });
    }
    ready(reg.waiting);
    follow(reg.installing); // an update found before this script ran
    reg.addEventListener('updatefound', function () { follow(reg.installing); });
  }
  // Following a link while a new build waits switches to it on the way.
  document.addEventListener('click', function (e) {
    if (!waiting || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = link(e.target);
    if (!a || (a.pathname === location.pathname && a.search === location.search)) return;
    e.preventDefault();
    apply(a.href);
  });

  // ---------- save for offline
  var box = document.querySelector('[data-offline]');
  var state = null;
  var resumed = false;
  var worker = null;
  function size(n) {
    var loc = lang === 'de' ? 'de-DE' : 'en-GB';
    if (n < 1e6) return Math.max(1, Math.round(n / 1e3)).toLocaleString(loc) + ' kB';
    var mb = n / 1e6;
    return mb.toLocaleString(loc, { maximumFractionDigits: mb < 100 ? 1 : 0 }) + ' MB';
  }
  function send(msg) {
    if (worker) worker.postMessage(msg);
  }
  function startSave() {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    state.saving = true;
    state.error = '';
    render(state.cached, state.total);
    send({ t: 'save' });
  }
  function render(done, total) {
    if (!box || !state) return;
    box.textContent = '';
    var el;
    if (state.saving) {
      el = document.createElement('progress');
      el.max = total || 1;
      el.value = done;
      box.appendChild(el);
      var span = document.createElement('span');
      span.className = 'offline-progress';
      span.textContent = ' ' + T.saving.replace('%p', Math.floor(100 * done / (total || 1)));
      box.appendChild(span);
    } else if (state.total > 0 && state.cached >= state.total) {
      el = document.createElement('span');
      el.className = 'offline-done';
      el.textContent = '✓ ' + T.done.replace('%s', size(state.total));
      box.appendChild(el);
    } else if (state.total > 0) {
      el = document.createElement('button');
      el.type = 'button';
      el.className = 'offline-save';
      el.textContent = state.error ? T.retry : T.save.replace('%s', size(state.total));
      el.addEventListener('click', startSave);
      box.appendChild(el);
    }
    box.setAttribute('data-state', state.saving ? 'saving' : el && el.className === 'offline-done' ? 'done' : 'idle');
  }
  function wifi() {
    return conn && (conn.type === 'wifi' || conn.type === 'ethernet') && !conn.saveData;
  }
  sw.addEventListener('message', function (e) {
    var d = e.data || {};
    if (d.t === 'status') {
      state = d;
      render(d.cached, d.total);
      // Finish a save cut short (or begun by an older build), and save on
      // Wi-Fi when the playbook is small enough, once per page.
      if (!resumed && !d.saving && !d.stale && d.total > 0 && d.cached < d.total && (d.saved || (wifi() && d.total <= AUTO_MAX))) {
        resumed = true;
        startSave();
      }
    } else if (d.t === 'progress' && state) {
      state.saving = true;
      render(d.done, d.total);
    }
  });
  if (sw.startMessages) sw.startMessages();

  function ask(reg) {
    worker = sw.controller || reg.active;
    if (worker) send({ t: 'status' });
  }
  window.addEventListener('online', function () { resumed = false; sw.ready.then(ask); });
  var checked = Date.now();
  document.addEventListener('visibilitychange', function () {
    // A page left open for hours looks for a new build when shown again.
    if (document.visibilityState !== 'visible' || Date.now() - checked < 300000) return;
    checked = Date.now();
    sw.getRegistration(base).then(function (r) { if (r) return r.update(); }).catch(function () {});
  });

  sw.register(swURL, { scope: base, updateViaCache: 'none' }).then(function (reg) {
    watch(reg);
    return sw.ready;
  }).then(function (reg) {
    ask(reg);
    if (!hadController && worker) {
      // This page loaded before the worker ran: store it and what it used.
      var urls = [location.href];
      if (window.performance && performance.getEntriesByType) {
        performance.getEntriesByType('resource').forEach(function (r) { urls.push(r.name); });
      }
      send({ t: 'visit', urls: urls });
    }
  }).catch(function () {
    // No worker (private mode, blocked): the site still works online.
  });
})();

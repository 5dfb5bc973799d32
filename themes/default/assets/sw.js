/* playbook service worker. generator/offline serves it as {base}sw.js with a
 * first line "const BUILD = '…';" naming the build; it needs no framework.
 *
 * How it keeps a reader on one build:
 * - {base}offline.json of this build lists every URL the worker serves, with
 *   the size and SHA-256 (8 hex digits) of its bytes.
 * - One cache per site holds responses under url + "?pb=" + hash. A build
 *   only ever serves the bytes its own list names, so pages of two builds are
 *   never mixed, and a new build downloads only the files that changed.
 * - A listed URL comes from the cache when stored (instant, and offline),
 *   else from the network: checked against the hash, then stored. A wrong
 *   hash means a newer build is live: that response is shown (it is what the
 *   server has) but never stored, and the worker fetches its successor.
 * - Other URLs go to the network; a page that fails offline gets a short page
 *   listing the pages stored.
 * - A new build installs beside the old one, storing the new versions of the
 *   pages the reader had (all of them after "save for offline"), and waits.
 *   The page offers to reload (offline.js); the reader's click, or the next
 *   link they follow, activates it. Activation drops the old build's files.
 * Messages from pages: {t:'status'}, {t:'save'}, {t:'visit', urls}, and
 * {t:'activate'} to a waiting worker. Replies: {t:'status'}, {t:'progress'}.
 */
'use strict';

const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const PREFIX = 'playbook:' + SCOPE_PATH + ':';
const CACHE = PREFIX + 'files';
const LIST_URL = SCOPE + 'offline.json';
const LIST_KEY = LIST_URL + '?pb-build=' + BUILD;
const SAVED_KEY = SCOPE + '?pb-saved'; // set once the reader wants everything offline
const SEP = '?pb=';
const PARALLEL = 6;

const TEXT = {
  de: { title: 'Offline', missing: 'Diese Seite ist nicht offline gespeichert.', stored: 'Offline verfügbar:', none: 'Noch keine Seiten gespeichert.' },
  en: { title: 'Offline', missing: 'This page is not saved for offline use.', stored: 'Available offline:', none: 'No pages saved yet.' }
};

let listP = null; // Promise of this build's list
let saving = null; // Promise of the running save
let lastUpdate = 0;

// Stale is thrown when the network serves bytes of another build.
class Stale extends Error {}

function parseList(j) {
  const files = new Map();
  const shell = [];
  j.files.forEach(function (f, i) {
    const url = SCOPE + f[0];
    files.set(url, { size: f[1], hash: f[2] });
    if (i < j.shell) shell.push(url);
  });
  return { lang: j.lang === 'de' ? 'de' : 'en', title: j.title || '', css: j.css ? SCOPE + j.css : '', bytes: j.bytes, shell: shell, files: files };
}

async function loadList(fresh) {
  const cache = await caches.open(CACHE);
  if (!fresh) {
    const hit = await cache.match(LIST_KEY);
    if (hit) return parseList(await hit.json());
  }
  const res = await fetch(LIST_URL, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) throw new Error('offline.json: HTTP ' + res.status);
  const text = await res.text();
  const j = JSON.parse(text);
  if (j.v !== 1 || j.build !== BUILD) {
    checkForUpdate();
    throw new Stale('offline.json is build ' + j.build + ', this worker ' + BUILD);
  }
  await cache.put(LIST_KEY, new Response(text, { headers: { 'content-type': 'application/json' } }));
  return parseList(j);
}

function list() {
  if (!listP) listP = loadList(false).catch(function (err) { listP = null; throw err; });
  return listP;
}

function checkForUpdate() {
  if (Date.now() - lastUpdate < 30000) return;
  lastUpdate = Date.now();
  self.registration.update().catch(function () {});
}

async function digest(buf) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  let s = '';
  for (let i = 0; i < 4; i++) s += (d[i] < 16 ? '0' : '') + d[i].toString(16);
  return s;
}

// Files whose name holds their hash never change: the HTTP cache may answer.
function immutable(url, e) {
  return url.slice(url.lastIndexOf('/') + 1).indexOf(e.hash) >= 0;
}

const DROP = ['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'age', 'etag', 'last-modified', 'cache-control', 'expires', 'vary'];

// fetchEntry gets a listed URL from the network and stores it when its hash
// matches. serve: return a mismatch instead of throwing Stale.
async function fetchEntry(cache, url, e, serve, event) {
  const res = await fetch(url, { cache: immutable(url, e) ? 'default' : 'no-cache', credentials: 'same-origin' });
  if (!res.ok) {
    if (serve) return res;
    throw new Error(url + ': HTTP ' + res.status);
  }
  const buf = await res.arrayBuffer();
  const headers = new Headers(res.headers);
  DROP.forEach(function (h) { headers.delete(h); });
  const out = new Response(buf, { status: 200, headers: headers });
  if ((await digest(buf)) !== e.hash) {
    checkForUpdate();
    if (serve) return out;
    throw new Stale(url + ' changed on the server');
  }
  const put = cache.put(url + SEP + e.hash, out.clone());
  if (event) event.waitUntil(put);
  else await put;
  return out;
}

// fill stores the listed urls that are missing, PARALLEL at a time.
async function fill(cache, m, urls, onProgress) {
  const have = new Set((await cache.keys()).map(function (r) { return r.url; }));
  const todo = [];
  let done = 0;
  let total = 0;
  for (const u of urls) {
    const e = m.files.get(u);
    if (!e) continue;
    total += e.size;
    if (have.has(u + SEP + e.hash)) done += e.size;
    else todo.push(u);
  }
  let next = 0;
  let failure = null;
  async function work() {
    while (next < todo.length && !failure) {
      const u = todo[next++];
      const e = m.files.get(u);
      try {
        await fetchEntry(cache, u, e, false);
      } catch (err) {
        failure = failure || err;
        return;
      }
      done += e.size;
      if (onProgress) onProgress(done, total);
    }
  }
  const workers = [];
  for (let i = 0; i < PARALLEL; i++) workers.push(work());
  await Promise.all(workers);
  if (failure) throw failure;
}

// storedURLs lists the URLs with some version in the cache.
function storedURLs(keys) {
  const out = new Set();
  for (const r of keys) {
    const i = r.url.lastIndexOf(SEP);
    if (i > 0) out.add(r.url.slice(0, i));
  }
  return out;
}

self.addEventListener('install', function (event) {
  event.waitUntil((async function () {
    listP = loadList(true);
    const m = await listP;
    const cache = await caches.open(CACHE);
    // Carry over what the reader had: the new versions of the pages stored
    // by the build before, or everything after "save for offline".
    let want = m.shell;
    if (await cache.match(SAVED_KEY)) {
      want = Array.from(m.files.keys());
    } else {
      const had = storedURLs(await cache.keys());
      want = want.concat(Array.from(had).filter(function (u) { return m.files.has(u); }));
    }
    await fill(cache, m, want, null);
  })());
});

self.addEventListener('activate', function (event) {
  event.waitUntil((async function () {
    await self.clients.claim();
    const m = await list();
    // Drop other builds' files and lists, and caches of older layouts.
    for (const k of await caches.keys()) {
      if (k.indexOf(PREFIX) === 0 && k !== CACHE) await caches.delete(k);
    }
    const cache = await caches.open(CACHE);
    const gone = [];
    for (const r of await cache.keys()) {
      const u = r.url;
      const i = u.lastIndexOf(SEP);
      if (i > 0) {
        const e = m.files.get(u.slice(0, i));
        if (!e || e.hash !== u.slice(i + SEP.length)) gone.push(r);
      } else if (u.indexOf(LIST_URL + '?pb-build=') === 0 && u !== LIST_KEY) {
        gone.push(r);
      }
    }
    for (let i = 0; i < gone.length; i += 50) {
      await Promise.all(gone.slice(i, i + 50).map(function (r) { return cache.delete(r); }));
    }
  })());
});

self.addEventListener('fetch', function (event) {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range') || req.url.indexOf(SCOPE) !== 0) return;
  const url = new URL(req.url);
  if (url.pathname === SCOPE_PATH + 'sw.js') return;
  event.respondWith(respond(req, url, event));
});

async function respond(req, url, event) {
  // The query is the page's business (search/?q=…): one stored copy per path.
  const key = url.origin + url.pathname;
  let m = null;
  try {
    m = await list();
  } catch (err) {
    // Evicted and offline, or a newer build is live: network only.
  }
  const e = m && m.files.get(key);
  try {
    if (!e) return await fetch(req);
    const cache = await caches.open(CACHE);
    const hit = await cache.match(key + SEP + e.hash);
    if (hit) return hit;
    return await fetchEntry(cache, key, e, true, event);
  } catch (err) {
    if (req.mode === 'navigate') return offlinePage(m);
    return Response.error();
  }
}

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// offlinePage lists stored pages by their titles, read from the stored HTML.
async function offlinePage(m) {
  const lang = m ? m.lang : 'en';
  const t = TEXT[lang];
  const items = [];
  if (m) {
    const cache = await caches.open(CACHE);
    for (const r of await cache.keys()) {
      if (items.length >= 200) break;
      const i = r.url.lastIndexOf(SEP);
      if (i < 0) continue;
      const u = r.url.slice(0, i);
      const e = m.files.get(u);
      if (!e || e.hash !== r.url.slice(i + SEP.length) || u.charAt(u.length - 1) !== '/') continue;
      const html = await (await cache.match(r)).text();
      const title = /<title>([^<]*)<\/title>/.exec(html);
      // The title is already escaped HTML text written by the generator.
      items.push('<li><a href="' + esc(u) + '">' + (title ? title[1] : esc(u)) + '</a></li>');
    }
  }
  const body = '<!doctype html><html lang="' + lang + '"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>' + t.title + (m && m.title ? ' · ' + esc(m.title) : '') + '</title>' +
    (m && m.css ? '<link rel="stylesheet" href="' + esc(m.css) + '">' : '') +
    '</head><body class="kind-offline" data-base="' + esc(SCOPE_PATH) + '" data-lang="' + lang + '">' +
    '<main id="main" class="offline-page"><h1>' + t.title + '</h1><p>' + t.missing + '</p>' +
    (items.length ? '<p>' + t.stored + '</p><ul>' + items.join('') + '</ul>' : '<p>' + t.none + '</p>') +
    '</main></body></html>';
  return new Response(body, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function status(extra) {
  const s = { t: 'status', build: BUILD, total: 0, cached: 0, saved: false, saving: !!saving };
  try {
    const m = await list();
    const cache = await caches.open(CACHE);
    s.total = m.bytes;
    for (const r of await cache.keys()) {
      const i = r.url.lastIndexOf(SEP);
      const e = i > 0 && m.files.get(r.url.slice(0, i));
      if (e && e.hash === r.url.slice(i + SEP.length)) s.cached += e.size;
    }
    s.saved = !!(await cache.match(SAVED_KEY));
  } catch (err) {
    s.error = String(err);
  }
  return Object.assign(s, extra || {});
}

async function broadcast(msg) {
  const all = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const c of all) {
    if (c.url.indexOf(SCOPE) === 0) c.postMessage(msg);
  }
}

async function save() {
  const m = await list();
  const cache = await caches.open(CACHE);
  await cache.put(SAVED_KEY, new Response('1'));
  let last = 0;
  await fill(cache, m, Array.from(m.files.keys()), function (done, total) {
    const now = Date.now();
    if (now - last < 150 && done < total) return;
    last = now;
    broadcast({ t: 'progress', done: done, total: total });
  });
}

self.addEventListener('message', function (event) {
  const d = event.data || {};
  const src = event.source;
  switch (d.t) {
    case 'activate':
      self.skipWaiting();
      break;
    case 'status':
      event.waitUntil(status().then(function (s) { if (src) src.postMessage(s); }));
      break;
    case 'save':
      if (!saving) {
        saving = save().then(function () { return {}; }, function (err) {
          return { error: String(err), stale: err instanceof Stale };
        }).then(function (extra) {
          saving = null;
          return status(extra).then(broadcast);
        });
      }
      event.waitUntil(saving);
      break;
    case 'visit':
      event.waitUntil((async function () {
        const m = await list();
        const cache = await caches.open(CACHE);
        const urls = (d.urls || []).map(function (u) {
          try { const x = new URL(u, SCOPE); return x.origin + x.pathname; } catch (err) { return ''; }
        });
        await fill(cache, m, urls, null);
      })().catch(function () {}));
      break;
  }
});

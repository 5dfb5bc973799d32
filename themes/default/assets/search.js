/* playbook search client: analysis, index reader and UI in one file, no dependencies.
 * Index format and ranking: generator/search (Go); both must stay step for step identical,
 * which generator/search/js_test checks against vectors and rankings written by go test. */
(function () {
  'use strict';

  // ---------- analysis (generator/search/analysis) ----------

  var MAX_WORD = 60;
  var RE_MN = /\p{Mn}/u;
  var RE_KEEP = /[\p{L}\p{N}\p{M}]/u;
  var RE_WORD = /[\p{L}\p{N}\p{M}]/u;
  var RE_CF = /\p{Cf}/u;
  var LETTER_FOLDS = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };

  function isAsciiAlnum(c) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  }

  // fold mirrors analysis.Fold.
  function fold(lang, raw) {
    var out = '';
    var s = raw.normalize('NFKD');
    for (var i = 0; i < s.length;) {
      var cp = s.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      i += ch.length;
      if (cp < 128) {
        if (isAsciiAlnum(cp)) out += cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch;
        continue;
      }
      if (RE_MN.test(ch) || !RE_KEEP.test(ch)) continue;
      var low = ch.toLowerCase();
      out += LETTER_FOLDS[low] || low;
    }
    return lang === 'de' ? foldDigraphs(out) : out;
  }

  function foldDigraphs(s) {
    if (s.indexOf('e') < 0) return s;
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if ((c === 'a' || c === 'o' || c === 'u') && s[i + 1] === 'e' && foldsAfter(s, i, c)) {
        out += c;
        i++;
        continue;
      }
      out += c;
    }
    return out;
  }

  function foldsAfter(s, i, c) {
    if (i === 0) return true;
    var p = s[i - 1];
    if ('aeiouy'.indexOf(p) >= 0) return false;
    if (p === 'q') return c !== 'u';
    return true;
  }

  function isWordChar(ch) {
    var c = ch.charCodeAt(0);
    if (c < 128) return isAsciiAlnum(c);
    return RE_WORD.test(ch);
  }

  function isJoiner(ch) {
    return ch === '-' || ch === '\u2010' || ch === '\u2011';
  }

  function charAt(text, i) {
    return String.fromCodePoint(text.codePointAt(i));
  }

  function keepWord(f) {
    return f !== '' && (f.length <= MAX_WORD || Array.from(f).length <= MAX_WORD);
  }

  // words mirrors analysis.Words; start/end are UTF-16 offsets.
  function words(lang, text, parts, fn) {
    var i = 0;
    var n = text.length;
    while (i < n) {
      var ch = charAt(text, i);
      if (!isWordChar(ch)) { i += ch.length; continue; }
      var spans = [];
      var start = i;
      for (;;) {
        var end = i;
        while (i < n) {
          ch = charAt(text, i);
          if (isWordChar(ch)) { i += ch.length; end = i; } else if (RE_CF.test(ch)) { i += ch.length; } else break;
        }
        spans.push([start, end]);
        if (i < n) {
          ch = charAt(text, i);
          if (isJoiner(ch) && i + ch.length < n && isWordChar(charAt(text, i + ch.length))) {
            i += ch.length;
            start = i;
            continue;
          }
        }
        break;
      }
      emitWords(lang, text, spans, parts, fn);
    }
  }

  function emitWords(lang, text, spans, parts, fn) {
    var f;
    if (spans.length === 1) {
      f = fold(lang, text.slice(spans[0][0], spans[0][1]));
      if (keepWord(f)) fn({ start: spans[0][0], end: spans[0][1], folded: f, part: false });
      return;
    }
    var raw = '';
    for (var k = 0; k < spans.length; k++) raw += text.slice(spans[k][0], spans[k][1]);
    f = fold(lang, raw);
    if (keepWord(f)) fn({ start: spans[0][0], end: spans[spans.length - 1][1], folded: f, part: false });
    if (!parts) return;
    for (k = 0; k < spans.length; k++) {
      f = fold(lang, text.slice(spans[k][0], spans[k][1]));
      if (keepWord(f)) fn({ start: spans[k][0], end: spans[k][1], folded: f, part: true });
    }
  }

  // ---------- Snowball stemmers, hand-written for the letters a-z ----------

  function inSet(set, c) { return c !== undefined && set.indexOf(c) >= 0; }

  // German (the classic Snowball german algorithm, as generated in blevesearch/snowballstem).
  var DE_V = 'aeiouy';
  function stemDe(w) {
    var s = w.split('');
    var n = s.length, i;
    for (i = 0; i + 2 < n; i++) {
      if (inSet(DE_V, s[i]) && (s[i + 1] === 'u' || s[i + 1] === 'y') && inSet(DE_V, s[i + 2])) s[i + 1] = s[i + 1].toUpperCase();
    }
    var p1 = n, p2 = n;
    if (n >= 3) {
      var r = regionAfter(s, 0, DE_V);
      if (r >= 0) {
        p1 = r < 3 ? 3 : r;
        r = regionAfter(s, r, DE_V);
        p2 = r >= 0 ? r : n;
      }
    }
    var t = s.join('');
    var m;
    // step 1
    m = longest(t, ['ern', 'em', 'er', 'en', 'es', 'e', 's']);
    if (m && t.length - m.length >= p1) {
      var b = t.length - m.length;
      if (m === 's') {
        if (inSet('bdfghklmnrt', t[b - 1])) t = t.slice(0, b);
      } else {
        t = t.slice(0, b);
        if ((m === 'e' || m === 'en' || m === 'es') && /niss$/.test(t)) t = t.slice(0, -1);
      }
    }
    // step 2
    m = longest(t, ['est', 'en', 'er', 'st']);
    if (m && t.length - m.length >= p1) {
      b = t.length - m.length;
      if (m !== 'st') t = t.slice(0, b);
      else if (inSet('bdfghklmnt', t[b - 1]) && b - 1 >= 3) t = t.slice(0, b);
    }
    // step 3
    m = longest(t, ['end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit']);
    if (m && t.length - m.length >= p2) {
      b = t.length - m.length;
      if (m === 'end' || m === 'ung') {
        t = t.slice(0, b);
        if (/ig$/.test(t) && t[t.length - 3] !== 'e' && t.length - 2 >= p2) t = t.slice(0, -2);
      } else if (m === 'ig' || m === 'ik' || m === 'isch') {
        if (t[b - 1] !== 'e') t = t.slice(0, b);
      } else if (m === 'lich' || m === 'heit') {
        t = t.slice(0, b);
        if (/e[rn]$/.test(t) && t.length - 2 >= p1) t = t.slice(0, -2);
      } else {
        t = t.slice(0, b);
        var m2 = longest(t, ['lich', 'ig']);
        if (m2 && t.length - m2.length >= p2) t = t.slice(0, t.length - m2.length);
      }
    }
    return t.replace(/U/g, 'u').replace(/Y/g, 'y');
  }

  // regionAfter returns the index after the first non-vowel that follows a
  // vowel at or after from, or -1 (Snowball: gopast v gopast non-v).
  function regionAfter(s, from, vowels) {
    var i = from;
    while (i < s.length && !inSet(vowels, s[i])) i++;
    if (i >= s.length) return -1;
    i++;
    while (i < s.length && inSet(vowels, s[i])) i++;
    if (i >= s.length) return -1;
    return i + 1;
  }

  function longest(t, list) {
    var best = '';
    for (var k = 0; k < list.length; k++) {
      var x = list[k];
      if (x.length > best.length && t.length >= x.length && t.slice(t.length - x.length) === x) best = x;
    }
    return best;
  }

  // English (Snowball english, Porter2, as generated in blevesearch/snowballstem).
  var EN_V = 'aeiouy';
  var EN_EXC1 = { skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes' };
  var EN_EXC2 = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  var EN_STEP2 = { tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate', alli: 'al', alism: 'al', aliti: 'al', fulness: 'ful', ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', bli: 'ble', biliti: 'ble', fulli: 'ful', lessli: 'less', ogi: '', li: '' };
  var EN_STEP2_KEYS = Object.keys(EN_STEP2);
  var EN_STEP3 = { tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '', ative: '' };
  var EN_STEP3_KEYS = Object.keys(EN_STEP3);
  var EN_STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];

  function enVowel(c) { return inSet(EN_V, c); }

  // enShort reports whether t[0:c) ends in a short syllable.
  function enShort(t, c) {
    if (c >= 3 && !inSet('aeiouywxY', t[c - 1]) && enVowel(t[c - 2]) && !enVowel(t[c - 3])) return true;
    return c === 2 && !enVowel(t[1]) && enVowel(t[0]);
  }

  function stemEn(w) {
    if (Object.prototype.hasOwnProperty.call(EN_EXC1, w)) return EN_EXC1[w];
    if (w.length < 3) return w;
    var s = w.split('');
    var yFound = false, i;
    if (s[0] === 'y') { s[0] = 'Y'; yFound = true; }
    for (i = 0; i + 1 < s.length; i++) {
      if (enVowel(s[i]) && s[i + 1] === 'y') { s[i + 1] = 'Y'; yFound = true; }
    }
    var t = s.join('');
    var n = t.length, p1 = n, p2 = n;
    var pre = /^(gener|commun|arsen)/.exec(t);
    var r = pre ? pre[0].length : regionAfter(s, 0, EN_V);
    if (r >= 0) {
      p1 = r;
      r = regionAfter(s, r, EN_V);
      p2 = r >= 0 ? r : n;
    }
    var m, b;
    // step 1a
    m = longest(t, ['sses', 'ied', 'ies', 'ss', 'us', 's']);
    if (m === 'sses') t = t.slice(0, -4) + 'ss';
    else if (m === 'ied' || m === 'ies') t = t.slice(0, -3) + (t.length - 3 >= 2 ? 'i' : 'ie');
    else if (m === 's') {
      b = t.length - 1;
      for (i = b - 2; i >= 0; i--) if (enVowel(t[i])) { t = t.slice(0, b); break; }
    }
    if (EN_EXC2.indexOf(t) < 0) {
      // step 1b
      m = longest(t, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
      if (m === 'eed' || m === 'eedly') {
        if (t.length - m.length >= p1) t = t.slice(0, t.length - m.length) + 'ee';
      } else if (m) {
        b = t.length - m.length;
        var hasV = false;
        for (i = 0; i < b; i++) if (enVowel(t[i])) { hasV = true; break; }
        if (hasV) {
          t = t.slice(0, b);
          var end2 = t.slice(-2);
          if (end2 === 'at' || end2 === 'bl' || end2 === 'iz') t += 'e';
          else if (t.length >= 2 && t[t.length - 1] === t[t.length - 2] && 'bdfgmnprt'.indexOf(t[t.length - 1]) >= 0) t = t.slice(0, -1);
          else if (t.length === p1 && enShort(t, t.length)) t += 'e';
        }
      }
      // step 1c
      var last = t[t.length - 1];
      if ((last === 'y' || last === 'Y') && t.length > 2 && !enVowel(t[t.length - 2])) t = t.slice(0, -1) + 'i';
      // step 2
      m = longest(t, EN_STEP2_KEYS);
      if (m && t.length - m.length >= p1) {
        b = t.length - m.length;
        if (m === 'ogi') { if (t[b - 1] === 'l') t = t.slice(0, b) + 'og'; } else if (m === 'li') { if (inSet('cdeghkmnrt', t[b - 1])) t = t.slice(0, b); } else t = t.slice(0, b) + EN_STEP2[m];
      }
      // step 3
      m = longest(t, EN_STEP3_KEYS);
      if (m && t.length - m.length >= p1) {
        b = t.length - m.length;
        if (m === 'ative') { if (b >= p2) t = t.slice(0, b); } else t = t.slice(0, b) + EN_STEP3[m];
      }
      // step 4
      m = longest(t, EN_STEP4);
      if (m && t.length - m.length >= p2) {
        b = t.length - m.length;
        if (m !== 'ion' || t[b - 1] === 's' || t[b - 1] === 't') t = t.slice(0, b);
      }
      // step 5
      m = longest(t, ['e', 'l']);
      b = t.length - 1;
      if (m === 'e') {
        if (b >= p2 || (b >= p1 && !enShort(t, b))) t = t.slice(0, b);
      } else if (m === 'l') {
        if (b >= p2 && t[b - 1] === 'l') t = t.slice(0, b);
      }
    }
    return yFound ? t.replace(/Y/g, 'y') : t;
  }

  function stem(lang, folded) {
    if (!/^[a-z]+$/.test(folded)) return folded;
    return lang === 'de' ? stemDe(folded) : stemEn(folded);
  }

  function term(lang, raw) { return stem(lang, fold(lang, raw)); }

  function langOf(tag) { return /^de([-_]|$)/i.test(tag || '') ? 'de' : 'en'; }

  var api = { fold: fold, words: words, stem: stem, term: term, langOf: langOf };

  // ---------- index reader and ranking (generator/search/query.go) ----------

  var W_EXACT = 4, W_PREFIX = 3, W_FUZZY1 = 2, W_FUZZY2 = 1, MAX_QUERY_WORDS = 10;

  // cmp orders strings by code point, as Go orders UTF-8 bytes.
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  // searchStrings returns the first index whose string is >= t.
  function searchStrings(list, t) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(list[mid], t) < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function ungap(g) {
    var out = new Array(g.length), prev = 0;
    for (var i = 0; i < g.length; i++) { prev += g[i]; out[i] = prev; }
    return out;
  }

  function decodePlist(p) {
    return { ids: ungap(p[0]), q: p[1], rest: p.length === 4 ? ungap(p[3]) : [], restQ: p.length === 4 ? p[2] : 0 };
  }

  function parseQuery(langs, q) {
    if (!langs || !langs.length) langs = ['en'];
    var out = [];
    words(langs[0], q, false, function (w) {
      if (out.length === MAX_QUERY_WORDS) return;
      var raw = q.slice(w.start, w.end);
      var qw = { raw: raw, variants: [], last: w.end === q.length };
      for (var i = 0; i < langs.length; i++) {
        var f = fold(langs[i], raw);
        if (f === '') continue;
        var v = { folded: f, stem: stem(langs[i], f) };
        var dup = false;
        for (var k = 0; k < qw.variants.length; k++) dup = dup || (qw.variants[k].folded === v.folded && qw.variants[k].stem === v.stem);
        if (!dup) qw.variants.push(v);
      }
      if (qw.variants.length) out.push(qw);
    });
    return out;
  }

  function maxEdits(n) { return n < 4 ? 0 : n < 8 ? 1 : 2; }

  // editDistance: optimal string alignment over code points, limit+1 when above limit.
  function editDistance(a, b, limit) {
    var d = a.length - b.length;
    if (d > limit || -d > limit) return limit + 1;
    var prev2 = new Array(b.length + 1), prev = new Array(b.length + 1), cur = new Array(b.length + 1), j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > limit) return limit + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[b.length];
  }

  function fuzzyWeight(vs, t, last) {
    var tr = Array.from(t), best = 0;
    function attempt(a, b) {
      var limit = maxEdits(a.length);
      if (limit === 0) return;
      var d = editDistance(a, b, limit);
      if (d <= limit) best = Math.max(best, d <= 1 ? W_FUZZY1 : W_FUZZY2);
    }
    for (var i = 0; i < vs.length; i++) {
      attempt(Array.from(vs[i].stem), tr);
      if (last) {
        var f = Array.from(vs[i].folded);
        if (tr.length >= f.length) attempt(f, tr.slice(0, f.length));
      }
    }
    return best;
  }

  // Engine reads an index through load(name) -> Promise of parsed JSON,
  // name relative to the search/ folder.
  function Engine(load) {
    this.load = load;
    this.files = new Map();
    this.m = null;
  }

  Engine.prototype.file = function (name) {
    var p = this.files.get(name);
    if (!p) {
      var self = this;
      p = this.load(name).catch(function (e) { self.files.delete(name); throw e; });
      this.files.set(name, p);
    }
    return p;
  };

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.m) this.m = this.load('manifest.json').then(function (m) {
      if (m.v !== 1) throw new Error('search index format ' + m.v);
      return m;
    }, function (e) { self.m = null; throw e; });
    return this.m;
  };

  function leafFor(m, t) {
    var lo = 0, hi = m.lb.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(m.lb[mid], t) > 0) hi = mid; else lo = mid + 1; }
    return lo - 1;
  }

  function leafForPrefix(m, p) {
    var l = leafFor(m, p);
    if (l + 1 < m.lb.length && m.lb[l + 1].slice(0, p.length) === p) return l + 1;
    return l;
  }

  function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function plistAt(leaf, i) {
    leaf.dec = leaf.dec || [];
    return leaf.dec[i] || (leaf.dec[i] = decodePlist(leaf.p[i]));
  }

  // plan lists the shards a query needs, so they are fetched in one round trip.
  function plan(m, qwords, filter) {
    var need = [];
    function add(n) { if (need.indexOf(n) < 0) need.push(n); }
    qwords.forEach(function (w) {
      w.variants.forEach(function (v) {
        add(m.lf[leafFor(m, v.stem)]);
        if (w.last) add(hasOwn(m.pre, v.folded) ? m.pf[m.pre[v.folded]] : m.lf[leafForPrefix(m, v.folded)]);
      });
    });
    facetEntries(m, filter).forEach(function (e) { add(m.ff[e.file]); });
    return need;
  }

  var DIMS = [['kind', 'kinds'], ['stage', 'stages'], ['persona', 'personas'], ['tag', 'tags']];

  function facetEntries(m, filter) {
    var out = [];
    if (!filter) return out;
    DIMS.forEach(function (d) {
      var vals = filter[d[1]] || [];
      (m.facets[d[0]] || []).forEach(function (e) {
        if (vals.indexOf(e[0]) >= 0) out.push({ dim: d[0], value: e[0], file: e[3] });
      });
    });
    return out;
  }

  Engine.prototype.match = function (m, w, got) {
    var r = { best: new Map(), hit: false, terms: [], loaded: [], variants: w.variants, last: w.last };
    function apply(p, weight) {
      var s, k;
      for (k = 0; k < p.ids.length; k++) {
        s = p.q[k] * weight;
        if (s > (r.best.get(p.ids[k]) || 0)) r.best.set(p.ids[k], s);
      }
      s = p.restQ * weight;
      if (s > 0) for (k = 0; k < p.rest.length; k++) if (s > (r.best.get(p.rest[k]) || 0)) r.best.set(p.rest[k], s);
    }
    function load(l) { if (r.loaded.indexOf(l) < 0) r.loaded.push(l); return got[m.lf[l]]; }
    w.variants.forEach(function (v) {
      var leaf = load(leafFor(m, v.stem));
      var i = searchStrings(leaf.t, v.stem);
      if (i < leaf.t.length && leaf.t[i] === v.stem) { apply(plistAt(leaf, i), W_EXACT); r.hit = true; r.terms.push(v.stem); }
      if (!w.last) return;
      if (hasOwn(m.pre, v.folded)) {
        var pf = got[m.pf[m.pre[v.folded]]];
        pf.dec = pf.dec || {};
        var k = pf.k.indexOf(v.folded);
        apply(pf.dec[k] || (pf.dec[k] = decodePlist(pf.p[k])), W_PREFIX);
        r.hit = true;
        return;
      }
      leaf = load(leafForPrefix(m, v.folded));
      for (i = searchStrings(leaf.t, v.folded); i < leaf.t.length && leaf.t[i].slice(0, v.folded.length) === v.folded; i++) {
        if (leaf.t[i] !== v.stem) { apply(plistAt(leaf, i), W_PREFIX); r.hit = true; r.terms.push(leaf.t[i]); }
      }
    });
    if (r.hit) return r;
    r.loaded.forEach(function (l) {
      var leaf = got[m.lf[l]];
      for (var i = 0; i < leaf.t.length; i++) {
        var wt = fuzzyWeight(w.variants, leaf.t[i], w.last);
        if (wt > 0) { apply(plistAt(leaf, i), wt); r.terms.push(leaf.t[i]); }
      }
    });
    return r;
  };

  function allowedSet(m, filter, got) {
    var out = null;
    DIMS.forEach(function (d) {
      var vals = (filter && filter[d[1]]) || [];
      if (!vals.length) return;
      var set = new Set();
      (m.facets[d[0]] || []).forEach(function (e) {
        if (vals.indexOf(e[0]) < 0) return;
        var f = got[m.ff[e[3]]];
        f.v.forEach(function (row) {
          if (row[0] !== d[0] || row[1] !== e[0]) return;
          ungap(row[2]).forEach(function (id) { if (!out || out.has(id)) set.add(id); });
        });
      });
      out = set;
    });
    return out;
  }

  // rank returns {ids, count, total, matches, words, m} for query q.
  Engine.prototype.rank = function (q, filter) {
    var self = this;
    return this.manifest().then(function (m) {
      var qwords = parseQuery(m.langs, q);
      if (!qwords.length) return { m: m, words: qwords, ids: [], count: new Map(), total: new Map(), matches: [] };
      var need = plan(m, qwords, filter);
      return Promise.all(need.map(function (n) { return self.file(n); })).then(function (files) {
        var got = {};
        need.forEach(function (n, i) { got[n] = files[i]; });
        var allow = allowedSet(m, filter, got);
        var total = new Map(), count = new Map(), matches = [];
        qwords.forEach(function (w) {
          var r = self.match(m, w, got);
          matches.push(r);
          r.best.forEach(function (s, id) {
            if (allow && !allow.has(id)) return;
            total.set(id, (total.get(id) || 0) + s);
            count.set(id, (count.get(id) || 0) + 1);
          });
        });
        var ids = Array.from(total.keys());
        ids.sort(function (a, b) {
          return (count.get(b) - count.get(a)) || (total.get(b) - total.get(a)) || (a - b);
        });
        return { m: m, words: qwords, ids: ids, count: count, total: total, matches: matches, got: got };
      });
    });
  };

  // results fetches the pages of ranked ids [from, to) and builds result objects
  // (free ids, which have no page, are skipped).
  Engine.prototype.results = function (r, from, to) {
    var self = this, m = r.m;
    var ids = r.ids.slice(from, to);
    var need = [];
    ids.forEach(function (id) { var n = m.mf[Math.floor(id / m.ms)]; if (need.indexOf(n) < 0) need.push(n); });
    return Promise.all(need.map(function (n) { return self.file(n); })).then(function (files) {
      var got = {};
      need.forEach(function (n, i) { got[n] = files[i]; });
      var mk = marker(m.langs[0] || 'en', r.matches);
      var out = [];
      ids.forEach(function (id) {
        var d = got[m.mf[Math.floor(id / m.ms)]].d[id % m.ms];
        if (!d) return;
        var kind = m.kinds[d[2]] || ['', ''];
        var res = { id: id, url: d[0], title: d[1], kind: kind[0], kindLabel: kind[1], summary: d[3], matched: r.count.get(id), score: r.total.get(id) };
        snippet(res, d, mk);
        res.titleMarks = mk(res.title).marks;
        out.push(res);
      });
      return out;
    });
  };

  // search ranks and returns the first limit results.
  Engine.prototype.search = function (q, filter, limit) {
    var self = this;
    return this.rank(q, filter).then(function (r) {
      return self.results(r, 0, limit > 0 ? limit : r.ids.length).then(function (res) {
        return { results: res, rank: r };
      });
    });
  };

  // suggest mirrors Index.Suggest: close terms for words without a hit.
  Engine.prototype.suggest = function (r, n) {
    var out = [], seen = new Set();
    for (var wi = 0; wi < r.words.length; wi++) {
      var w = r.words[wi], mt = r.matches[wi];
      if (mt.hit) continue;
      var cs = [];
      w.variants.forEach(function (v) {
        var a = Array.from(v.stem), limit = Math.max(2, Math.floor(a.length / 3));
        mt.loaded.forEach(function (l) {
          var leaf = r.got[r.m.lf[l]];
          for (var i = 0; i < leaf.t.length; i++) {
            var d = editDistance(a, Array.from(leaf.t[i]), limit);
            if (d <= limit) {
              var p = plistAt(leaf, i);
              cs.push({ text: leaf.d[i] || leaf.t[i], d: d, df: p.ids.length + p.rest.length });
            }
          }
        });
      });
      cs.sort(function (x, y) { return (x.d - y.d) || (y.df - x.df) || cmp(x.text, y.text); });
      for (var k = 0; k < cs.length; k++) {
        if (out.length === n) return out;
        if (!seen.has(cs[k].text)) { seen.add(cs[k].text); out.push(cs[k].text); }
      }
    }
    return out;
  };

  function covers(mt, folded, st) {
    for (var i = 0; i < mt.variants.length; i++) {
      var v = mt.variants[i];
      if (st === v.stem || (mt.last && folded.slice(0, v.folded.length) === v.folded) || (v.folded.length >= 4 && folded.indexOf(v.folded) >= 0)) return true;
    }
    return mt.terms.indexOf(st) >= 0;
  }

  // marker returns a function text -> {marks: [[start, end]...], n: words covered}.
  function marker(lang, matches) {
    return function (text) {
      var marks = [], covered = matches.map(function () { return false; });
      words(lang, text || '', true, function (w) {
        if (marks.length && w.start < marks[marks.length - 1][1]) return;
        var st = stem(lang, w.folded), hit = false;
        matches.forEach(function (mt, i) { if (covers(mt, w.folded, st)) { covered[i] = true; hit = true; } });
        if (hit) marks.push([w.start, w.end]);
      });
      return { marks: marks, n: covered.filter(Boolean).length };
    };
  }

  function snippet(res, d, mk) {
    var best = -1;
    function consider(text, marks, n, anchor, heading) {
      if (n > best && text) {
        best = n;
        res.snippet = text; res.marks = marks; res.anchor = anchor; res.section = heading;
      }
    }
    [d[4], d[3]].forEach(function (text) { var x = mk(text); consider(text, x.marks, x.n, '', ''); });
    (d[5] || []).forEach(function (s) {
      var h = mk(s[1]), x = mk(s[2]);
      if (s[2]) consider(s[2], x.marks, Math.max(x.n, h.n), s[0], s[1]);
      else consider(s[1], [], h.n, s[0], s[1]);
    });
    if (best === 0 && res.anchor) {
      res.anchor = ''; res.section = '';
      if (d[3]) { res.snippet = d[3]; res.marks = []; }
    }
    if (best < 0) { res.snippet = ''; res.marks = []; res.anchor = ''; res.section = ''; }
  }

  api.Engine = Engine;
  api.parseQuery = parseQuery;
  api.editDistance = editDistance;
  api.cmp = cmp;

  globalThis.PlaybookSearch = api;
})();

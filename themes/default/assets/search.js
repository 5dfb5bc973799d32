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

  // W_PREFIX counts the most frequent completion of the last word typed,
  // W_PREFIX_OTHER the other completions and every completion of a word
  // that is a term itself (generator/search/query.go explains why).
  var W_EXACT = 4, W_PREFIX = 3, W_PREFIX_OTHER = 1, W_FUZZY1 = 2, W_FUZZY2 = 1, MAX_QUERY_WORDS = 10;

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
        [v].concat(verbForm(langs[i], v)).forEach(function (v) {
          var dup = false;
          for (var k = 0; k < qw.variants.length; k++) dup = dup || (qw.variants[k].folded === v.folded && qw.variants[k].stem === v.stem);
          if (!dup) qw.variants.push(v);
        });
      }
      if (qw.variants.length) out.push(qw);
    });
    return out;
  }

  // verbForm: for German, the variant whose stem adds or drops a final t
  // ("kündigt" and "Kündigung"), both stems of five letters or more; see
  // verbForm in generator/search/query.go.
  function verbForm(lang, v) {
    var s = v.stem;
    if (lang !== 'de' || s.length < 5 || !/^[a-z]+$/.test(s)) return [];
    if (s.charAt(s.length - 1) === 't') return s.length < 6 ? [] : [{ folded: v.folded, stem: s.slice(0, -1), base: s }];
    return [{ folded: v.folded, stem: s + 't', base: s }];
  }

  // usable drops the verb-form variants whose term would lie in another
  // leaf than their base's: a query fetches no shard for them.
  function usable(m, qwords) {
    qwords.forEach(function (w) {
      w.variants = w.variants.filter(function (v) { return !v.base || leafFor(m, v.stem) === leafFor(m, v.base); });
    });
    return qwords;
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
    this.reset();
  }

  // reset forgets the manifest and every file read with it (the site was rebuilt).
  Engine.prototype.reset = function () {
    this.files = new Map();
    this.cards = new Map(); // page id -> metadata entry carried by a term or prefix shard
    this.m = null;
  };

  Engine.prototype.file = function (name) {
    var p = this.files.get(name);
    if (!p) {
      var self = this, cards = this.cards;
      p = this.load(name).then(function (f) {
        // c: [[id gaps], [entries]], the same entries as the metadata shards.
        if (f && f.c && self.cards === cards) {
          var ids = ungap(f.c[0]);
          for (var i = 0; i < ids.length; i++) cards.set(ids[i], f.c[1][i]);
        }
        return f;
      });
      p = p.catch(function (e) { self.files.delete(name); throw e; });
      this.files.set(name, p);
    }
    return p;
  };

  // names expands a packed list of shard hashes (6 hex digits each).
  function names(kind, packed) {
    var out = [];
    for (var i = 0; i + 6 <= packed.length; i += 6) out.push(kind + '-' + packed.slice(i, i + 6) + '.json');
    return out;
  }

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.m) this.m = this.load('manifest.json').then(function (m) {
      if (m.v !== 1) throw new Error('search index format ' + m.v);
      m.lf = names('t', m.lf);
      m.pf = names('p', m.pf);
      m.mf = names('m', m.mf);
      m.ff = names('f', m.ff);
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

  // typoCandidates mirrors typo.go: the frequent terms (m.ty) a stem may be
  // a typo of in its first letter, whose shards are read with the word's own.
  var TYPO_CANDS = 2;
  function typoCandidates(table, s) {
    var a = Array.from(s), limit = maxEdits(a.length);
    if (!limit || !table || !table.length) return [];
    var i = searchStrings(table, s);
    if (i < table.length && table[i] === s) return [];
    var cs = [];
    table.forEach(function (t) {
      var tr = Array.from(t);
      if (tr[0] === a[0]) return;
      var d = editDistance(a, tr, limit);
      if (d <= limit) cs.push({ t: t, d: d, i: cs.length });
    });
    cs.sort(function (x, y) { return (x.d - y.d) || (x.i - y.i); });
    return cs.slice(0, TYPO_CANDS).map(function (c) { return c.t; });
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
      w.variants.forEach(function (v) {
        typoCandidates(m.ty, v.stem).forEach(function (t) { add(m.lf[leafFor(m, t)]); });
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
      var i = searchStrings(leaf.t, v.stem), exact = false;
      if (i < leaf.t.length && leaf.t[i] === v.stem) { apply(plistAt(leaf, i), W_EXACT); r.hit = exact = true; r.terms.push(v.stem); }
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
      var first = searchStrings(leaf.t, v.folded), end = first, top = 0, p;
      for (; end < leaf.t.length && leaf.t[end].slice(0, v.folded.length) === v.folded; end++) {
        if (leaf.t[end] !== v.stem) { p = plistAt(leaf, end); top = Math.max(top, p.ids.length + p.rest.length); }
      }
      for (i = first; i < end; i++) {
        if (leaf.t[i] === v.stem) continue;
        p = plistAt(leaf, i);
        apply(p, !exact && p.ids.length + p.rest.length === top ? W_PREFIX : W_PREFIX_OTHER);
        r.hit = true;
        r.terms.push(leaf.t[i]);
      }
    });
    w.variants.forEach(function (v) {
      typoCandidates(m.ty, v.stem).forEach(function (t) { load(leafFor(m, t)); });
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
      var qwords = usable(m, parseQuery(m.langs, q));
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
    var need = [], cards = self.cards;
    // Pages with a card (from a shard this or an earlier query read) need no metadata shard.
    ids.forEach(function (id) {
      if (cards.has(id)) return;
      var n = m.mf[Math.floor(id / m.ms)];
      if (need.indexOf(n) < 0) need.push(n);
    });
    return Promise.all(need.map(function (n) { return self.file(n); })).then(function (files) {
      var got = {};
      need.forEach(function (n, i) { got[n] = files[i]; });
      var mk = marker(m.langs[0] || 'en', r.matches);
      var out = [];
      ids.forEach(function (id) {
        var d = cards.has(id) ? cards.get(id) : got[m.mf[Math.floor(id / m.ms)]].d[id % m.ms];
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

  // marker returns a function text -> {marks: [[start, end]...], n: words covered,
  // covered: [bool by query word]}.
  function marker(lang, matches) {
    return function (text) {
      var marks = [], covered = matches.map(function () { return false; });
      words(lang, text || '', true, function (w) {
        if (marks.length && w.start < marks[marks.length - 1][1]) return;
        var st = stem(lang, w.folded), hit = false;
        matches.forEach(function (mt, i) { if (covers(mt, w.folded, st)) { covered[i] = true; hit = true; } });
        if (hit) marks.push([w.start, w.end]);
      });
      return { marks: marks, n: covered.filter(Boolean).length, covered: covered };
    };
  }

  // snippet mirrors Index.snippet: objection or summary; the section whose
  // heading and excerpt cover most query words is linked, and its excerpt is
  // the snippet when it covers more than the other text.
  function snippet(res, d, mk) {
    var best = -1;
    res.snippet = ''; res.marks = []; res.anchor = ''; res.section = '';
    [d[4], d[3]].forEach(function (text) {
      var x = mk(text);
      if (x.n > best && text) { best = x.n; res.snippet = text; res.marks = x.marks; }
    });
    var sec = null, most = 0;
    (d[5] || []).forEach(function (s) {
      var hc = mk(s[1]).covered, ec = mk(s[2] || '').covered, n = 0;
      for (var k = 0; k < hc.length; k++) if (hc[k] || ec[k]) n++;
      if (n > most) { most = n; sec = s; }
    });
    if (sec) {
      res.anchor = sec[0]; res.section = sec[1];
      var x = mk(sec[2] || '');
      if (x.n > best && sec[2]) { res.snippet = sec[2]; res.marks = x.marks; }
    }
  }

  api.Engine = Engine;
  api.parseQuery = parseQuery;
  api.editDistance = editDistance;
  api.cmp = cmp;

  // ---------- browser UI (DOM contract: /tmp/team/DOM.md, "Search") ----------

  var LABELS = {
    de: {
      count: function (n) { return n === 1 ? '1 Treffer' : n + ' Treffer'; },
      none: 'Keine Treffer für „%s“.', partial: 'Keine Seite enthält alle Wörter. Teilweise passend:',
      suggest: 'Meinten Sie:', all: 'Alle Ergebnisse für „%s“', more: 'Mehr anzeigen',
      error: 'Die Suche ist gerade nicht erreichbar.', loading: 'Suche …', section: 'Abschnitt',
      dims: { kind: 'Art', stage: 'Phase', persona: 'Persona', tag: 'Schlagwort' }, clear: 'Filter zurücksetzen',
      results: 'Suchergebnisse', prompt: 'Suchbegriff eingeben.', rest: 'Passt teilweise:', filter: 'Filter'
    },
    en: {
      count: function (n) { return n === 1 ? '1 result' : n + ' results'; },
      none: 'No results for “%s”.', partial: 'No page has all the words. Partly matching:',
      suggest: 'Did you mean:', all: 'All results for “%s”', more: 'Show more',
      error: 'Search is not available right now.', loading: 'Searching …', section: 'Section',
      dims: { kind: 'Kind', stage: 'Stage', persona: 'Persona', tag: 'Tag' }, clear: 'Clear filters',
      results: 'Search results', prompt: 'Type a search term.', rest: 'Partly matching:', filter: 'Filters'
    }
  };

  var DROPDOWN_LIMIT = 8, PAGE_STEP = 10, DEBOUNCE_MS = 90;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // appendMarked writes text with <mark> around [start, end) ranges, as text nodes only.
  function appendMarked(parent, text, marks) {
    var at = 0;
    (marks || []).forEach(function (m) {
      if (m[0] < at) return;
      if (m[0] > at) parent.appendChild(document.createTextNode(text.slice(at, m[0])));
      parent.appendChild(el('mark', null, text.slice(m[0], m[1])));
      at = m[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // pageHref joins the site base with a site-relative URL from the index;
  // anything that is not a plain path is refused.
  function pageHref(base, url, anchor) {
    if (typeof url !== 'string' || url.charAt(0) !== '/' || url.charAt(1) === '/') return null;
    var href = base.replace(/\/+$/, '') + url;
    if (anchor) href += '#' + encodeURIComponent(anchor);
    return href;
  }

  function fill(fmt, s) { return fmt.replace('%s', s); }

  // resultLink builds <a data-search-result> for one result.
  function resultLink(base, r) {
    var href = pageHref(base, r.url);
    if (!href) return null;
    var a = el('a', 'search-result');
    a.setAttribute('data-search-result', '');
    a.href = href;
    var head = el('span', 'search-result-head');
    if (r.kindLabel) head.appendChild(el('span', 'search-kind search-kind-' + r.kind.replace(/[^a-z0-9-]/gi, ''), r.kindLabel));
    var title = el('span', 'search-title');
    appendMarked(title, r.title, r.titleMarks);
    head.appendChild(title);
    a.appendChild(head);
    if (r.snippet) {
      var sn = el('span', 'search-snippet');
      appendMarked(sn, r.snippet, r.marks);
      a.appendChild(sn);
    }
    return a;
  }

  function sectionLink(base, r, labels) {
    if (!r.anchor) return null;
    var href = pageHref(base, r.url, r.anchor);
    if (!href) return null;
    var a = el('a', 'search-section', '§ ' + r.section);
    a.href = href;
    a.setAttribute('aria-label', labels.section + ': ' + r.section);
    return a;
  }

  function suggestions(box, labels, words, onPick) {
    if (!words.length) return;
    var p = el('p', 'search-suggest', labels.suggest + ' ');
    words.forEach(function (w, i) {
      if (i) p.appendChild(document.createTextNode(', '));
      var b = el('button', 'search-suggestion', w);
      b.type = 'button';
      b.addEventListener('click', function () { onPick(w); });
      p.appendChild(b);
    });
    box.appendChild(p);
  }

  // fullCount is how many results match every query word.
  function fullCount(rank) {
    var n = 0, want = rank.words.length;
    for (var i = 0; i < rank.ids.length && rank.count.get(rank.ids[i]) === want; i++) n++;
    return n;
  }

  function Client(doc) {
    var body = doc.body;
    this.base = body.getAttribute('data-base') || '/';
    if (this.base.charAt(this.base.length - 1) !== '/') this.base += '/';
    this.labels = LABELS[langOf(body.getAttribute('data-lang'))];
    var root = this.base + 'search/';
    this.engine = new Engine(function (name) {
      return fetch(root + name, name === 'manifest.json' ? { cache: 'no-cache' } : undefined).then(function (res) {
        if (!res.ok) throw new Error(name + ': HTTP ' + res.status);
        return res.json();
      });
    });
  }

  // run searches, retrying once with a fresh manifest when a shard is gone
  // (the site was rebuilt since the manifest was read).
  Client.prototype.run = function (q, filter, limit) {
    var e = this.engine;
    return e.search(q, filter, limit).catch(function () {
      e.reset();
      return e.search(q, filter, limit);
    });
  };

  Client.prototype.more = function (rank, from, to) {
    return this.engine.results(rank, from, to);
  };

  // ----- header box: combobox with instant results -----

  Client.prototype.attachBox = function (form) {
    var self = this, input = form.querySelector('[data-search-input]'), box = form.querySelector('[data-search-results]');
    if (!input || !box) return;
    var seq = 0, timer = 0, active = -1, options = [];
    var id = 'search-results-' + Math.random().toString(36).slice(2, 8);
    box.id = box.id || id;
    box.setAttribute('role', 'listbox');
    box.setAttribute('aria-label', self.labels.results);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', box.id);
    var onPage = !!document.querySelector('[data-search-page]');

    function open(on) {
      box.hidden = !on;
      input.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (!on) setActive(-1);
    }
    function setActive(i) {
      if (active >= 0 && options[active]) { options[active].classList.remove('active'); options[active].setAttribute('aria-selected', 'false'); }
      active = i;
      if (i >= 0 && options[i]) {
        options[i].classList.add('active');
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        if (options[i].scrollIntoView) options[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function render(q, out) {
      box.textContent = '';
      options = [];
      active = -1;
      var rank = out.rank, n = fullCount(rank);
      if (!rank.words.length) { open(false); return; }
      if (n === 0) {
        box.appendChild(el('p', 'search-empty', fill(self.labels.none, q)));
        suggestions(box, self.labels, self.engine.suggest(rank, 3), function (w) { input.value = w; input.focus(); schedule(0); });
        if (out.results.length) box.appendChild(el('p', 'search-partial', self.labels.partial));
      }
      out.results.forEach(function (r, i) {
        var a = resultLink(self.base, r);
        if (!a) return;
        if (n > 0 && i === n) box.appendChild(el('p', 'search-partial', self.labels.rest));
        a.id = box.id + '-' + i;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        a.tabIndex = -1;
        options.push(a);
        box.appendChild(a);
      });
      if (rank.ids.length > out.results.length || n > 0) {
        var all = el('a', 'search-all', fill(self.labels.all, q));
        all.href = self.base + 'search/?q=' + encodeURIComponent(q);
        box.appendChild(all);
      }
      open(true);
    }
    function search() {
      var q = input.value, my = ++seq;
      if (onPage) { document.dispatchEvent(new CustomEvent('playbook:search', { detail: q })); return; }
      if (!q.trim()) { box.textContent = ''; open(false); return; }
      self.run(q, null, DROPDOWN_LIMIT).then(function (out) {
        if (my === seq && document.activeElement === input) render(q, out);
      }, function () {
        if (my !== seq) return;
        box.textContent = '';
        box.appendChild(el('p', 'search-error', self.labels.error));
        open(true);
      });
    }
    function schedule(ms) { clearTimeout(timer); timer = setTimeout(search, ms); }

    function onFocus() {
      self.engine.manifest().catch(function () {});
      if (input.value.trim() && !onPage) schedule(0);
    }
    input.addEventListener('focus', onFocus);
    input.addEventListener('input', function () { schedule(DEBOUNCE_MS); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!options.length) return;
        ev.preventDefault();
        if (box.hidden) open(true);
        var d = ev.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (d > 0 ? 0 : options.length - 1) : (active + d + options.length) % options.length);
      } else if (ev.key === 'Enter') {
        if (active >= 0 && options[active] && !box.hidden) { ev.preventDefault(); window.location.href = options[active].href; }
      } else if (ev.key === 'Escape') {
        if (!box.hidden) { ev.preventDefault(); open(false); } else if (input.value) { ev.preventDefault(); input.value = ''; schedule(0); }
      } else if (ev.key === 'Tab') open(false);
    });
    document.addEventListener('click', function (ev) { if (!form.contains(ev.target)) open(false); });
    box.addEventListener('mousedown', function (ev) { ev.preventDefault(); }); // keep focus in the input
    // playbook.js loads this script when the box gets focus: catch up on that
    // focus and on what was typed while it loaded.
    if (document.activeElement === input) onFocus();
  };

  // ----- the /search/ page -----

  var FILTER_PARAMS = [['kind', 'kinds'], ['stage', 'stages'], ['persona', 'personas'], ['tag', 'tags']];

  Client.prototype.attachPage = function (page, input) {
    var self = this, L = self.labels;
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get('q') || '', filter: {} };
    FILTER_PARAMS.forEach(function (p) { state.filter[p[1]] = params.getAll(p[0]); });
    if (input && document.activeElement === input && input.value.trim()) state.q = input.value; // typed before this script ran
    else if (input) input.value = state.q;
    page.textContent = '';
    var filters = el('details', 'search-filters');
    var summary = el('summary', 'search-filters-summary', L.filter);
    var chips = el('div', 'search-filter-groups');
    filters.appendChild(summary);
    filters.appendChild(chips);
    filters.open = !window.matchMedia || window.matchMedia('(min-width: 700px)').matches;
    var status = el('p', 'search-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var list = el('ol', 'search-list');
    var extra = el('div', 'search-extra');
    page.appendChild(filters);
    page.appendChild(status);
    page.appendChild(extra);
    page.appendChild(list);
    var seq = 0;

    function syncURL() {
      var sp = new URLSearchParams();
      if (state.q) sp.set('q', state.q);
      FILTER_PARAMS.forEach(function (p) { state.filter[p[1]].forEach(function (v) { sp.append(p[0], v); }); });
      var s = sp.toString();
      history.replaceState(null, '', window.location.pathname + (s ? '?' + s : '') + window.location.hash);
    }

    function renderChips(m) {
      chips.textContent = '';
      var any = false;
      FILTER_PARAMS.forEach(function (p) {
        var vals = (m.facets && m.facets[p[0]]) || [];
        if (vals.length < 2 && !state.filter[p[1]].length) return;
        var group = el('div', 'search-filter-group');
        group.setAttribute('role', 'group');
        group.setAttribute('aria-label', L.dims[p[0]]);
        group.appendChild(el('span', 'search-filter-label', L.dims[p[0]]));
        vals.slice(0, p[0] === 'tag' ? 24 : 50).forEach(function (v) {
          var on = state.filter[p[1]].indexOf(v[0]) >= 0;
          any = any || on;
          var b = el('button', 'search-chip', (v[1] || v[0]) + ' '); // "" when the label is the value
          b.type = 'button';
          b.appendChild(el('span', 'search-chip-count', String(v[2])));
          b.setAttribute('aria-pressed', on ? 'true' : 'false');
          b.addEventListener('click', function () {
            var cur = state.filter[p[1]], at = cur.indexOf(v[0]);
            if (at >= 0) cur.splice(at, 1); else cur.push(v[0]);
            update();
          });
          group.appendChild(b);
        });
        chips.appendChild(group);
      });
      var active = 0;
      FILTER_PARAMS.forEach(function (p) { active += state.filter[p[1]].length; });
      summary.textContent = active ? L.filter + ' (' + active + ')' : L.filter;
      if (active) filters.open = true;
      if (any) {
        var clear = el('button', 'search-chip search-chip-clear', L.clear);
        clear.type = 'button';
        clear.addEventListener('click', function () { FILTER_PARAMS.forEach(function (p) { state.filter[p[1]] = []; }); update(); });
        chips.appendChild(clear);
      }
    }

    var full = 0, shownCount = 0;
    function addResults(results) {
      results.forEach(function (r) {
        var a = resultLink(self.base, r);
        if (!a) return;
        if (full > 0 && shownCount === full) list.appendChild(el('li', 'search-partial', L.rest));
        shownCount++;
        var li = el('li', 'search-hit');
        li.appendChild(a);
        var s = sectionLink(self.base, r, L);
        if (s) li.appendChild(s);
        list.appendChild(li);
      });
    }

    function update() {
      syncURL();
      var my = ++seq;
      self.engine.manifest().then(renderChips, function () {});
      if (!state.q.trim()) {
        list.textContent = ''; extra.textContent = '';
        status.textContent = L.prompt;
        return;
      }
      status.textContent = L.loading;
      self.run(state.q, state.filter, PAGE_STEP).then(function (out) {
        if (my !== seq) return;
        var rank = out.rank, n = fullCount(rank);
        list.textContent = '';
        extra.textContent = '';
        full = n;
        shownCount = 0;
        status.textContent = n ? L.count(n) : fill(L.none, state.q);
        if (!n) {
          suggestions(extra, L, self.engine.suggest(rank, 5), function (w) {
            state.q = w;
            if (input) input.value = w;
            update();
          });
          if (out.results.length) extra.appendChild(el('p', 'search-partial', L.partial));
        }
        addResults(out.results);
        var shown = out.results.length;
        if (rank.ids.length > shown) {
          var more = el('button', 'search-more', L.more);
          more.type = 'button';
          more.addEventListener('click', function () {
            more.disabled = true;
            self.more(rank, shown, shown + PAGE_STEP).then(function (rs) {
              if (my !== seq) return;
              addResults(rs);
              shown += PAGE_STEP;
              more.disabled = false;
              if (shown >= rank.ids.length) more.remove();
            });
          });
          page.appendChild(more);
          var old = page.querySelectorAll('.search-more');
          for (var i = 0; i < old.length - 1; i++) old[i].remove();
        } else {
          var stale = page.querySelectorAll('.search-more');
          for (var j = 0; j < stale.length; j++) stale[j].remove();
        }
      }, function () {
        if (my !== seq) return;
        status.textContent = L.error;
      });
    }

    document.addEventListener('playbook:search', function (ev) {
      state.q = ev.detail;
      update();
    });
    update();
  };

  function isEditable(t) {
    if (!t || !t.tagName) return false;
    var tag = t.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || t.isContentEditable;
  }

  function init() {
    var client = new Client(document);
    var forms = document.querySelectorAll('[data-search]');
    var first = null;
    for (var i = 0; i < forms.length; i++) {
      client.attachBox(forms[i]);
      first = first || forms[i].querySelector('[data-search-input]');
    }
    var page = document.querySelector('[data-search-page]');
    if (page) client.attachPage(page, first);
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || isEditable(ev.target) || !first) return;
      ev.preventDefault();
      first.focus();
      first.select();
    });
  }

  api.appendMarked = appendMarked;
  api.resultLink = resultLink;
  api.pageHref = pageHref;

  if (typeof document !== 'undefined' && document.querySelector) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }

  globalThis.PlaybookSearch = api;
})();

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, readJSON } from './load.mjs';

const ps = loadClient();
const v = readJSON('vectors.json');

test('stem vectors match the Go stemmers', () => {
  assert.ok(v.stem.length >= 300);
  const bad = [];
  for (const [lang, raw, folded, stem] of v.stem) {
    const f = ps.fold(lang, raw);
    if (f !== folded) bad.push(`fold ${lang} ${raw}: ${f} != ${folded}`);
    const s = ps.stem(lang, folded);
    if (s !== stem) bad.push(`stem ${lang} ${folded}: ${s} != ${stem}`);
  }
  assert.deepEqual(bad.slice(0, 30), []);
});

test('fold vectors match', () => {
  for (const [lang, raw, folded] of v.fold) {
    assert.equal(ps.fold(lang, raw), folded, `${lang} ${raw}`);
  }
});

test('word splitting matches', () => {
  for (const c of v.words) {
    const got = [];
    ps.words(c.lang, c.text, true, (w) => got.push([c.text.slice(w.start, w.end), w.folded, w.part ? 'part' : '']));
    assert.deepEqual(got, c.words, c.text);
  }
});

// Replays the rankings that go test recorded (testdata/rankings-*.json) on
// the same index files through the browser client: Go and JS must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadClient, readJSON, testdata } from './load.mjs';

const ps = loadClient();

function engine(name) {
  const dir = join(testdata, 'index-' + name);
  const fetched = [];
  const e = new ps.Engine(async (file) => {
    fetched.push(file);
    return JSON.parse(await readFile(join(dir, file), 'utf8'));
  });
  return { e, fetched };
}

for (const name of ['small', 'tiny']) {
  test(`rankings match Go (${name} index)`, async () => {
    const { e } = engine(name);
    const cases = readJSON(`rankings-${name}.json`);
    assert.ok(cases.length > 50);
    for (const c of cases) {
      const f = c.filter;
      const { results, rank } = await e.search(c.q, { kinds: f.Kinds, stages: f.Stages, personas: f.Personas, tags: f.Tags }, 12);
      const got = JSON.parse(JSON.stringify(results.map((r) => ({
        url: r.url, matched: r.matched, score: r.score, snippet: r.snippet,
        marked: r.marks.map(([a, b]) => r.snippet.slice(a, b)), anchor: r.anchor,
      }))));
      assert.deepEqual(got, c.results, `query ${JSON.stringify(c.q)} ${JSON.stringify(f)}`);
      assert.deepEqual(JSON.parse(JSON.stringify(e.suggest(rank, 5))), c.suggest, `suggest ${JSON.stringify(c.q)}`);
    }
  });
}

test('a cold query takes at most 3 round trips', async () => {
  const { e, fetched } = engine('tiny');
  // Round trips: manifest, then shards in parallel, then page metadata in parallel
  // for the results no shard carried a card for.
  const m = await e.manifest();
  const r = await e.rank('kein Budget', null);
  const before = fetched.length;
  const res = await e.results(r, 0, 10);
  assert.ok(res.length > 0);
  assert.ok(fetched.slice(before).every((f) => f.startsWith('m-')), 'the third trip only reads metadata');
  assert.ok(m.lf.length > 3, 'the tiny index has several term shards');
  assert.ok(Object.keys(m.pre).length > 0, 'and split prefixes');
});

test('one-word queries show their first results from cards', async () => {
  for (const q of ['Mailbox', 'Budget', 'Einwand', 'Preis', 'Termin', 'Kunde', 'anruf']) {
    const { e, fetched } = engine('small');
    const { results } = await e.search(q, null, 10);
    assert.ok(results.length > 0, q);
    assert.deepEqual(fetched.filter((f) => f.startsWith('m-')), [], `${q}: ${fetched.join(' ')}`);
    // The same entries as the metadata shards: the result is the same either way.
    const plain = new ps.Engine(async (file) => {
      const f = JSON.parse(await readFile(join(testdata, 'index-small', file), 'utf8'));
      delete f.c;
      return f;
    });
    const again = await plain.search(q, null, 10);
    assert.deepEqual(JSON.parse(JSON.stringify(again.results)), JSON.parse(JSON.stringify(results)), q);
  }
});

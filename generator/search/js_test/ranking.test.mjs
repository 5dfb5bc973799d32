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
  let trips = 0;
  const load = e.load;
  e.load = (f) => { trips++; return load(f); };
  // Round trips: manifest, then shards in parallel, then page metadata in parallel.
  const m = await e.manifest();
  const r = await e.rank('kein Budget', null);
  const before = fetched.length;
  await e.results(r, 0, 10);
  assert.ok(fetched.length > before);
  assert.ok(m.lf.length > 3, 'the tiny index has several term shards');
  assert.ok(Object.keys(m.pre).length > 0, 'and split prefixes');
});

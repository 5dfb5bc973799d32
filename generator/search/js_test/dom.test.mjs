// The client builds results with DOM calls only: index data can never
// become markup. A minimal fake DOM records what is created.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClient, root } from './load.mjs';

class Node {
  constructor(tag, text) {
    this.tagName = tag; this.children = []; this.attrs = {}; this.className = '';
    if (text !== undefined) this.data = text;
    this.classList = { add() {}, remove() {} };
  }
  appendChild(c) { this.children.push(c); return c; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  set textContent(v) { this.children = [new Node('#text', String(v))]; }
  get textContent() { return this.data !== undefined ? this.data : this.children.map((c) => c.textContent).join(''); }
  set innerHTML(v) { throw new Error('innerHTML used'); }
}

const document = {
  createElement: (tag) => new Node(tag.toUpperCase()),
  createTextNode: (text) => new Node('#text', text),
};

function tags(n, out = []) {
  out.push(n.tagName);
  n.children.forEach((c) => tags(c, out));
  return out;
}

test('titles and snippets stay text', () => {
  const ps = loadClient({ document });
  const r = {
    url: '/pitches/x/', title: '<script>alert(1)</script> & Co', titleMarks: [[0, 8]], kind: 'pitch"><img', kindLabel: '<b>Pitch</b>',
    snippet: '<img src=x onerror=alert(1)> Preis', marks: [[29, 34]],
  };
  const a = ps.resultLink('/base/', r);
  assert.equal(a.tagName, 'A');
  assert.equal(a.href, '/base/pitches/x/');
  assert.ok('data-search-result' in a.attrs);
  const all = tags(a);
  assert.ok(!all.includes('SCRIPT') && !all.includes('IMG') && !all.includes('B'), all.join(' '));
  assert.match(a.textContent, /<script>alert\(1\)<\/script> & Co/);
  assert.match(a.textContent, /<img src=x onerror=alert\(1\)> Preis/);
  assert.ok(all.includes('MARK'));
  assert.ok(!/[^a-z0-9- ]/i.test(a.children[0].children[0].className.replace('search-kind-', '')));
});

test('only site paths become links', () => {
  const ps = loadClient({ document });
  assert.equal(ps.pageHref('/', '/a/b/'), '/a/b/');
  assert.equal(ps.pageHref('/pb/', '/a/', 'so antwortest'), '/pb/a/#so%20antwortest');
  for (const bad of ['javascript:alert(1)', '//evil.example/', 'https://evil.example/', '', null, 42]) {
    assert.equal(ps.pageHref('/', bad), null, String(bad));
    assert.equal(ps.resultLink('/', { url: bad, title: 't', kind: '', kindLabel: '', snippet: '' }), null);
  }
});

test('no HTML-parsing sinks in the client', () => {
  const src = readFileSync(join(root, 'themes', 'default', 'assets', 'search.js'), 'utf8');
  for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
    assert.ok(!src.includes(sink), sink);
  }
});

// load.mjs runs the browser client in a bare VM context (no DOM), so the
// tests reach its pure parts through globalThis.PlaybookSearch.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..', '..');
export const testdata = join(here, '..', 'testdata');

export function loadClient(globals = {}) {
  const code = readFileSync(join(root, 'themes', 'default', 'assets', 'search.js'), 'utf8');
  const ctx = { console, ...globals };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(code, ctx, { filename: 'search.js' });
  return ctx.PlaybookSearch;
}

export function readJSON(name) {
  return JSON.parse(readFileSync(join(testdata, name), 'utf8'));
}

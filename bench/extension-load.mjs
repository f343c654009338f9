// How long the extension host takes to load dist/extension.cjs (read, parse, run its top level): the part of
// activation the bundle's size decides, before activate() runs. The minified bundle against the same
// sources built unminified, in fresh Node processes, rounds interleaved. Prints; never fails.
//   node bench/extension-load.mjs [--runs 20]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : 20);
const minified = path.join(root, 'dist', 'extension.cjs');
if (!fs.existsSync(minified)) throw new Error('dist/extension.cjs is missing: run npm run build');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-extload-'));
const plain = path.join(scratch, 'extension.cjs');
const base = { entryPoints: [path.join(root, 'src/extension/extension.ts')], bundle: true, platform: 'node',
  format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', legalComments: 'none' };
await build({ ...base, outfile: plain });

// `vscode` exists only inside the host: a module with every name of the API (from @types/vscode) bound to an
// inert value stands in, since the bundle's top level reads a few constants such as CodeActionKind.QuickFix.
const names = [...new Set([...fs.readFileSync(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8')
  .matchAll(/^\s+export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]))];
const probe = `const Module = require('node:module'); const load = Module._load;
const inert = new Proxy(function () {}, { get: (t, k) => (k === Symbol.toPrimitive ? () => '' : inert), apply: () => inert, construct: () => inert });
const vscode = Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, inert]));
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const t = performance.now(); require(process.argv[1]); process.stdout.write(String(performance.now() - t));`;
const variants = [['minified (dist/extension.cjs)', minified], ['the same sources unminified', plain]];
const times = Object.fromEntries(variants.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, file] of variants) {
    const r = spawnSync(process.execPath, ["-e", probe, file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr.split("\n").filter((l) => /^\w*Error/.test(l)).join(" ")}`);
    times[name].push(Number(r.stdout));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, file] of variants) {
  console.log(`${name.padEnd(30)} ${(fs.statSync(file).size / 1024).toFixed(0).padStart(5)} KB  load median ${median(times[name]).toFixed(1)} ms (${runs} runs)`);
}
fs.rmSync(scratch, { recursive: true, force: true });

#!/usr/bin/env node
// A real editor beyond VS Code: Debian's Neovim (0.7, its built-in LSP client), headless, with the Neovim
// config of docs/other-editors.md taken verbatim, attached to `kaizen lsp` (via a `kaizen` on PATH) on a copy
// of the sample journal. Installs Neovim with apt-get when missing. Checks the note on disk after the code action.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'dist/kaizen.mjs');
if (!fs.existsSync(bin)) throw new Error('dist/kaizen.mjs is missing: run npm run build first');

if (spawnSync('nvim', ['--version']).status !== 0) {
  console.log('== apt-get install neovim');
  execFileSync('bash', ['-c', 'export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq neovim >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq neovim >/dev/null)'], { stdio: 'inherit' });
}
const version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];

const docs = fs.readFileSync(path.join(repo, 'docs/other-editors.md'), 'utf8');
const block = /<!-- neovim-config -->\s*```lua\n([\s\S]*?)```\s*<!-- \/neovim-config -->/.exec(docs);
if (!block) throw new Error('docs/other-editors.md has no <!-- neovim-config --> Lua block');

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-neovim-'));
try {
  const journal = path.join(temp, 'journal');
  fs.cpSync(path.join(repo, 'samples/journal'), journal, { recursive: true });
  const pathDir = path.join(temp, 'bin');
  fs.mkdirSync(pathDir);
  fs.symlinkSync(bin, path.join(pathDir, 'kaizen'));
  const init = path.join(temp, 'init.lua');
  fs.writeFileSync(init, `${block[1]}\nvim.opt.swapfile = false\n`);
  const result = spawnSync('nvim', ['--headless', '--clean', '-u', init, '-c', `luafile ${path.join(repo, 'scripts/neovim-lsp-check.lua')}`], {
    cwd: journal,
    env: { ...process.env, PATH: `${pathDir}:${process.env.PATH}`, KAIZEN_JOURNAL: journal, HOME: temp, XDG_STATE_HOME: temp, XDG_DATA_HOME: temp },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const reportFile = path.join(journal, 'neovim-report.txt');
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  if (result.status !== 0 || !report) {
    console.error(result.stdout, result.stderr, result.error ?? '');
    throw new Error(`Neovim check failed (exit ${result.status})`);
  }
  const onDisk = fs.readFileSync(path.join(journal, 'logs/2026/2026-11-22.md'), 'utf8');
  if (!onDisk.includes('- [x] [[morning-energy]] minimum: Put on shoes and walk 5 minutes')) throw new Error(`the toggle is not on disk:\n${onDisk}`);
  // The rename: no note links the old id, as many links name the new one, and the CLI reads the same numbers.
  // (the generated reports are not notes: a rename leaves them to the next `kaizen report`)
  const notes = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'reports' ? [] : e.isDirectory() ? notes(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
  const count = (root, re) => notes(root).reduce((n, f) => n + (fs.readFileSync(f, 'utf8').match(re)?.length ?? 0), 0);
  const before = count(path.join(repo, 'samples/journal'), /\[\[read-daily[\]|#]/g);
  const after = count(journal, /\[\[reading[\]|#]/g);
  const left = count(journal, /\[\[read-daily[\]|#]/g);
  if (left !== 0 || after !== before) throw new Error(`after the rename: ${after} links to reading and ${left} to read-daily; ${before} before`);
  const stats = (root, id) => JSON.parse(execFileSync(process.execPath, [bin, 'stats', '--json', '--dir', root], { encoding: 'utf8', env: { ...process.env, KAIZEN_CACHE: 'off' } })).goals.find((g) => g.id === id);
  const was = stats(path.join(repo, 'samples/journal'), 'read-daily');
  const now = stats(journal, 'reading');
  if (JSON.stringify({ ...now, id: 'read-daily' }) !== JSON.stringify(was)) throw new Error('the renamed goal\'s numbers changed');
  const untouched = fs.readFileSync(path.join(repo, 'samples/journal/logs/2026/2026-11-14.md'), 'utf8').replace(/\[\[read-daily(?=[\]|#])/g, '[[reading');
  if (fs.readFileSync(path.join(journal, 'logs/2026/2026-11-14.md'), 'utf8') !== untouched) throw new Error('the completion probe (or the rename) left another change in 2026-11-14.md');
  console.log(`== Neovim (${version}) with kaizen lsp:\n${report.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n  ok: the checked line is on disk\n  ok: ${after} links renamed on disk, the goal's numbers unchanged`);
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}

#!/usr/bin/env node
// A real editor beyond VS Code: Debian's Neovim (0.7, its built-in LSP client), headless, with the Neovim
// config of docs/other-editors.md taken verbatim, attached to `kaizen lsp` (via a `kaizen` on PATH) on a copy
// of the sample journal. Installs Neovim with apt-get when missing. Checks the note on disk after the code action.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, bin, checkRenamedLinks, docsBlock, repo, requireBuild, withSampleJournal } from './editor-check.mjs';

requireBuild();

if (spawnSync('nvim', ['--version']).status !== 0) aptInstall('neovim');
const version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];

const config = docsBlock('docs/other-editors.md', 'neovim-config', 'lua');

withSampleJournal('kaizen-neovim-', ({ temp, journal, pathDir }) => {
  const init = path.join(temp, 'init.lua');
  fs.writeFileSync(init, `${config}\nvim.opt.swapfile = false\n`);
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
  const after = checkRenamedLinks(journal);
  const stats = (root, id) => JSON.parse(execFileSync(process.execPath, [bin, 'stats', '--json', '--dir', root], { encoding: 'utf8', env: { ...process.env, KAIZEN_CACHE: 'off' } })).goals.find((g) => g.id === id);
  const was = stats(path.join(repo, 'samples/journal'), 'read-daily');
  const now = stats(journal, 'reading');
  if (JSON.stringify({ ...now, id: 'read-daily' }) !== JSON.stringify(was)) throw new Error('the renamed goal\'s numbers changed');
  const untouched = fs.readFileSync(path.join(repo, 'samples/journal/logs/2026/2026-11-14.md'), 'utf8').replace(/\[\[read-daily(?=[\]|#])/g, '[[reading');
  if (fs.readFileSync(path.join(journal, 'logs/2026/2026-11-14.md'), 'utf8') !== untouched) throw new Error('the completion probe (or the rename) left another change in 2026-11-14.md');
  console.log(`== Neovim (${version}) with kaizen lsp:\n${report.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n  ok: the checked line is on disk\n  ok: ${after} links renamed on disk, the goal's numbers unchanged`);
});

#!/usr/bin/env node
// A second real editor beyond VS Code: Debian's Emacs 28 with eglot 1.9 and markdown-mode, in batch, with the
// README's Emacs config taken verbatim, attached to `kaizen lsp` (via a `kaizen` on PATH) on a copy of the sample
// journal. Installs the three packages with apt-get when missing. Checks the notes on disk afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, bin, checkRenamedLinks, docsBlock, notesOf, repo, requireBuild, withSampleJournal } from './editor-check.mjs';

// Where the documented config lives (the README's "Other editors" section, until it moves into docs/).
const CONFIG_DOC = 'docs/other-editors.md';

requireBuild();

const installed = () => spawnSync('emacs', ['--batch', '--eval',
  '(progn (package-activate-all) (require (quote eglot)) (require (quote markdown-mode)))'], { stdio: 'ignore' }).status === 0;
if (!installed()) aptInstall('emacs-nox elpa-eglot elpa-markdown-mode');
const version = execFileSync('emacs', ['--batch', '--eval',
  '(progn (package-activate-all) (require (quote eglot)) (princ (format "Emacs %s, eglot %s" emacs-version (cadr (assq (quote eglot) package-alist)))))'],
{ encoding: 'utf8' }).replace(/#s\(package-desc eglot \(([\d ]+)\)[\s\S]*/, (_, v) => v.trim().split(' ').join('.'));

const config = docsBlock(CONFIG_DOC, 'emacs-config', 'elisp');

withSampleJournal('kaizen-emacs-', ({ temp, journal, pathDir }) => {
  const init = path.join(temp, 'init.el');
  // What an interactive start does before init.el (batch skips it): the installed packages' autoloads.
  // Backups and lock files off so the journal holds only notes.
  fs.writeFileSync(init, `(package-activate-all)\n${config}\n(setq make-backup-files nil create-lockfiles nil)\n`);
  const result = spawnSync('emacs', ['--batch', '-l', init, '-l', path.join(repo, 'scripts/emacs-lsp-check.el')], {
    cwd: journal,
    env: { ...process.env, PATH: `${pathDir}:${process.env.PATH}`, KAIZEN_JOURNAL: journal, HOME: temp },
    encoding: 'utf8',
    timeout: 150_000,
  });
  const reportFile = path.join(journal, 'emacs-report.txt');
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  if (result.status !== 0 || !report) {
    console.error(result.stdout, result.stderr, result.error ?? '');
    throw new Error(`Emacs check failed (exit ${result.status})`);
  }
  fs.rmSync(reportFile);
  // On disk, read by the CLI: the logged day and the renamed goal with the same numbers, no link left behind.
  const after = checkRenamedLinks(journal);
  const day = fs.readFileSync(path.join(journal, 'logs/2026/2026-11-22.md'), 'utf8');
  for (const line of ['- [x] [[morning-energy]] minimum', '- [x] [[reading]] minimum', 'Walked in the rain.']) {
    if (!day.includes(line)) throw new Error(`2026-11-22.md lacks "${line}":\n${day}`);
  }
  const leftovers = notesOf(journal).filter((f) => /~$|#/.test(path.basename(f)));
  if (leftovers.length) throw new Error(`stray files: ${leftovers.join(', ')}`);
  const check = spawnSync(process.execPath, [bin, 'check', '--dir', journal], { encoding: 'utf8', env: { ...process.env, KAIZEN_CACHE: 'off' } });
  if (/read-daily/.test(check.stdout)) throw new Error(`kaizen check still names read-daily:\n${check.stdout}`);
  console.log(`== ${version} with kaizen lsp (config from ${CONFIG_DOC}):\n${report.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n  ok: on disk: the logged days, ${after} links renamed`);
});

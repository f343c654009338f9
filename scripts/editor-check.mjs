// What the real-editor checks (test-neovim.mjs, test-emacs.mjs) share: Debian packages installed when
// missing, the editor's config block taken verbatim from the docs, a copy of the sample journal with
// `kaizen` on PATH, and the rename counted on disk.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(repo, 'dist/kaizen.cjs');

export function requireBuild() {
  if (!fs.existsSync(bin)) throw new Error('dist/kaizen.cjs is missing: run npm run build first');
}

/** apt-get install, quietly; the package lists are refreshed only when the install fails without them. */
export function aptInstall(packages) {
  console.log(`== apt-get install ${packages}`);
  const install = `apt-get install -y -qq --no-install-recommends ${packages}`;
  execFileSync('bash', ['-c', `export DEBIAN_FRONTEND=noninteractive; ${install} >/dev/null 2>&1 || (apt-get update -qq && ${install} >/dev/null)`],
    { stdio: 'inherit' });
}

/** The code block between `<!-- marker -->` and `<!-- /marker -->` of a docs page, as a reader copies it. */
export function docsBlock(doc, marker, language) {
  const text = fs.readFileSync(path.join(repo, doc), 'utf8');
  const block = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\`\`\`\\s*<!-- /${marker} -->`).exec(text);
  if (!block) throw new Error(`${doc} has no <!-- ${marker} --> ${language} block`);
  return block[1];
}

/** A temp folder with a copy of the sample journal and a `kaizen` on PATH; `work` runs in it, then it goes. */
export function withSampleJournal(prefix, work) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const journal = path.join(temp, 'journal');
    fs.cpSync(path.join(repo, 'samples/journal'), journal, { recursive: true });
    const pathDir = path.join(temp, 'bin');
    fs.mkdirSync(pathDir);
    fs.symlinkSync(bin, path.join(pathDir, 'kaizen'));
    return work({ temp, journal, pathDir });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** The notes of a journal (not its generated reports). */
export function notesOf(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'reports' ? []
    : e.isDirectory() ? notesOf(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

/**
 * read-daily renamed to reading: no note links the old id and as many link the new one as the sample
 * linked the old; the number of links renamed.
 */
export function checkRenamedLinks(journal) {
  const count = (root, re) => notesOf(root).reduce((n, f) => n + (fs.readFileSync(f, 'utf8').match(re)?.length ?? 0), 0);
  const before = count(path.join(repo, 'samples/journal'), /\[\[read-daily[\]|#]/g);
  const after = count(journal, /\[\[reading[\]|#]/g);
  const left = count(journal, /\[\[read-daily[\]|#]/g);
  if (left !== 0 || after !== before) throw new Error(`after the rename: ${after} links to reading and ${left} to read-daily; ${before} before`);
  return after;
}

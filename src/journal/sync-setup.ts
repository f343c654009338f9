// `kaizen sync setup` and its check: the .gitattributes lines that send journal notes to our merge
// driver, and the repo-local git config that defines it. Shared by the CLI and the editor.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/types.js';
import { git, gitSaid, gitTopLevel, gitValue } from './git.js';
import type { Layout } from './layout.js';
import { writeFileAtomic } from './node-file-system.js';
import { lineBreakOf } from '../model/edits.js';
import { JournalError } from '../model/errors.js';

export const DRIVER_NAME = 'Kaizen Journal: merge journal notes by meaning';
const ATTRIBUTES_HEADER = '# Kaizen Journal: merge journal notes by meaning on every device (kaizen sync setup)';

export interface SetupStep {
  /** What was written: a .gitattributes line or `git config key value`. */
  what: string;
  why: string;
  changed: boolean;
}

/** A folder as a gitattributes pattern: spaces and glob characters escaped, relative to the journal root. */
export function attributePattern(folder: string): string {
  if (folder === '') return '/*.md';
  const escaped = folder.split('/').map((part) => part.replace(/[*?[\]\\!#]/g, (c) => `\\${c}`).replace(/ /g, '[[:space:]]')).join('/');
  return `/${escaped}/**/*.md`;
}

/** The journal folders whose notes two devices edit: goals, daily notes, reviews, sprints. */
export function attributeLines(layout: Layout): Array<{ line: string; why: string }> {
  const folders: Array<[string, string]> = [
    [layout.goals, 'goal files: task checkboxes and ✅ dates'],
    [layout.logs, 'daily notes: habit lines by goal and level, notes kept from both devices'],
    [layout.reviews, 'reviews: answers written on both devices kept'],
    [layout.sprints, 'sprints: committed items by text'],
  ];
  const seen = new Set<string>();
  const out: Array<{ line: string; why: string }> = [];
  for (const [folder, why] of folders) {
    const line = `${attributePattern(folder)} merge=kaizen`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push({ line, why });
  }
  if (layout.reports) {
    out.push({
      line: `${attributePattern(layout.reports).replace(/\*\.md$/, '*')} merge=${GENERATED_DRIVER}`,
      why: 'reports are generated: a merge keeps either side, and `kaizen sync` writes them again from the merged notes',
    });
  }
  return out;
}

/** How git should start our driver: `%O %A %B %L %P` are git's own placeholders. */
export function driverCommand(program: string): string {
  return `${program} merge-driver %O %A %B %L %P`;
}

/** Generated files (reports, charts, the calendar): a merge keeps this device's side; `kaizen sync` regenerates them. */
export const GENERATED_DRIVER = 'kaizen-generated';

/**
 * `program` is how this machine starts kaizen: `kaizen` when it is on PATH (survives every update),
 * else a command naming files (node and a script in a versioned folder) that an update or a moved Node
 * breaks; git then gets a stable shim in the repository's git folder, which kaizen and the editor
 * rewrite whenever they run from somewhere else (`refreshDriverShim`).
 */
export async function setUpGitSync(layout: Layout, program: string): Promise<SetupStep[]> {
  const root = layout.root;
  await gitTopLevel(root);
  const steps: SetupStep[] = [];
  const file = path.join(root, '.gitattributes');
  let current = '';
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new JournalError(`cannot read .gitattributes: ${(e as Error).message}`);
  }
  const present = new Set(current.split(/\r\n|\r|\n/).map((l) => l.trim().replace(/\s+/g, ' ')));
  const wanted = attributeLines(layout);
  const missing = wanted.filter((l) => !present.has(l.line));
  for (const l of wanted) steps.push({ what: `.gitattributes: ${l.line}`, why: l.why, changed: missing.includes(l) });
  if (missing.length) {
    const eol = current ? lineBreakOf(current) : '\n';
    const lead = current === '' ? '' : /(\r\n|\r|\n)$/.test(current) ? eol : eol + eol;
    const header = present.has(ATTRIBUTES_HEADER) ? [] : [ATTRIBUTES_HEADER];
    await writeFileAtomic(file, current + lead + [...header, ...missing.map((m) => m.line)].join(eol) + eol, '.gitattributes');
  }
  let started = program;
  if (program !== 'kaizen') {
    const shim = await shimPath(root);
    const changed = writeShim(shim, program);
    steps.push({ what: `${shim}: starts ${program}`, why: 'a stable name for git: kaizen and the editor rewrite it when they move (an update, a new Node)', changed });
    started = quoteWord(shim);
  }
  const problem = driverStartProblem(driverCommand(started));
  if (problem) throw new JournalError(`the merge driver could not start on this machine (${problem}); nothing was set up in git's config`);
  const config: Array<[string, string, string]> = [
    ['merge.kaizen.name', DRIVER_NAME, 'names the driver in git\'s messages'],
    ['merge.kaizen.driver', driverCommand(started), 'git runs it for the files above: it writes the merged note, or keeps markers for what it cannot merge'],
    [`merge.${GENERATED_DRIVER}.name`, 'Kaizen Journal: keep either side of a generated report', 'names it in git\'s messages'],
    [`merge.${GENERATED_DRIVER}.driver`, 'true', 'keeps this device\'s report in a merge (a shell built-in: nothing to install or move)'],
  ];
  const style = await gitValue(root, ['config', '--get', 'merge.conflictStyle']);
  if (style !== 'diff3' && style !== 'zdiff3') {
    config.push(['merge.conflictStyle', 'diff3', 'conflict markers carry the base, so `kaizen resolve` can finish any merge later']);
  } else {
    steps.push({ what: `git config merge.conflictStyle ${style}`, why: 'conflict markers already carry the base', changed: false });
  }
  for (const [key, value, why] of config) {
    const now = await gitValue(root, ['config', '--local', '--get', key]);
    if (now !== value) {
      const r = await git(root, ['config', '--local', key, value]);
      if (r.code !== 0) throw new JournalError(`git config ${key} failed: ${gitSaid(r)}`);
    }
    steps.push({ what: `git config ${key} ${JSON.stringify(value)}`, why, changed: now !== value });
  }
  return steps;
}

/**
 * `sync-driver-missing`: .gitattributes sends notes to the kaizen driver, but this machine's git
 * config does not define it — git then merges those files line by line without a word.
 */
export async function syncDriverDiagnostics(root: string): Promise<Diagnostic[]> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, '.gitattributes'), 'utf8');
  } catch {
    return [];
  }
  const lines = text.split(/\r\n|\r|\n/);
  const index = lines.findIndex((l) => /(^|\s)merge=kaizen(\s|$)/.test(l) && !l.trimStart().startsWith('#'));
  if (index < 0) return [];
  let driver: string | null;
  try {
    if ((await gitValue(root, ['rev-parse', '--is-inside-work-tree'])) !== 'true') return [];
    driver = await gitValue(root, ['config', '--get', 'merge.kaizen.driver']);
  } catch {
    driver = null;
  }
  const column = (lines[index] as string).indexOf('merge=kaizen') + 1;
  if (driver) {
    const problem = driverStartProblem(driver);
    if (!problem) return [];
    return [{
      file: '.gitattributes', line: index + 1, column, severity: 'warning', code: 'sync-driver-broken',
      message: `the kaizen merge driver git is set up with cannot start (${problem}): git would keep only this device's `
        + 'side of a note and call it a conflict; run `kaizen sync setup` here',
    }];
  }
  return [{
    file: '.gitattributes', line: index + 1, column, severity: 'warning', code: 'sync-driver-missing',
    message: 'git on this machine does not know the kaizen merge driver, so it merges journal notes line by line '
      + '(conflicts, contradictory boxes): run `kaizen sync setup` here',
  }];
}

const SHIM_NAME = 'kaizen-merge-driver';
const SHIM_HEADER = '# Kaizen Journal\'s merge driver for git (kaizen sync setup); kaizen and the editor rewrite it when they move.';

const quoteWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

async function shimPath(root: string): Promise<string> {
  const gitDir = await gitValue(root, ['rev-parse', '--absolute-git-dir']);
  if (!gitDir) throw new JournalError(`${root} is not inside a git work tree`);
  return path.join(gitDir, SHIM_NAME);
}

/** The shim's text for a program: leading `NAME=value` words become exports, the rest is exec'ed. */
function shimText(program: string): string {
  const words = shellWords(program);
  const lines = ['#!/bin/sh', SHIM_HEADER];
  while (words.length && ENV_WORD.test(words[0] as string)) lines.push(`export ${quoteWord(words.shift() as string)}`);
  lines.push(`exec ${words.map(quoteWord).join(' ')} "$@"`);
  return `${lines.join('\n')}\n`;
}

/** Writes the shim when its text differs; true when it did. */
function writeShim(file: string, program: string): boolean {
  const text = shimText(program);
  let current: string | null = null;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    current = null;
  }
  if (current === text) return false;
  fs.writeFileSync(`${file}.kaizen-tmp`, text, { mode: 0o755 });
  fs.renameSync(`${file}.kaizen-tmp`, file);
  return true;
}

/** The command a shim of ours starts, or null when the file is not one. */
function shimCommand(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  if (!text.includes(SHIM_HEADER)) return null;
  const exports = [...text.matchAll(/^export (.*)$/gm)].map((m) => m[1] as string);
  const exec = /^exec (.*) "\$@"$/m.exec(text);
  return exec ? [...exports, exec[1] as string].join(' ') : null;
}

/**
 * When git here starts the driver through our shim, points the shim at `program` (this very kaizen,
 * or the editor's): after an update or a moved Node the driver starts again. True when it was rewritten.
 */
export async function refreshDriverShim(root: string, program: string): Promise<boolean> {
  const driver = await gitValue(root, ['config', '--get', 'merge.kaizen.driver']).catch(() => null);
  if (!driver || program === 'kaizen') return false;
  const shim = await shimPath(root).catch(() => null);
  if (!shim || shellWords(driver)[0] !== shim || shimCommand(shim) === null) return false;
  if (!driverStartProblem(driver)) return false;
  return writeShim(shim, program);
}

const ENV_WORD = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** A command's words as sh splits them (quotes and backslashes), enough for the commands written here. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end < 0 ? command.length : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < command.length && command[j] !== '"'; j++) text += command[j] === '\\' && j + 1 < command.length ? command[++j] : command[j];
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < command.length) {
      word = (word ?? '') + command[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of process.platform === 'win32' ? ['', '.cmd', '.exe'] : ['']) {
      const candidate = path.join(dir, name + ext);
      if (isRunnable(candidate)) return candidate;
    }
  }
  return null;
}

function isRunnable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Why git could not start this driver command here, or null: its program is not on PATH or is gone,
 * or a file it names (node's script) no longer exists — an update moved the editor's folder, Node moved.
 */
export function driverStartProblem(command: string, searchPath = process.env.PATH ?? ''): string | null {
  const words = shellWords(command);
  let i = 0;
  while (i < words.length && ENV_WORD.test(words[i] as string)) i++;
  const program = words[i];
  if (!program) return 'the command is empty';
  const found = program.includes('/') || program.includes(path.sep) ? (isRunnable(program) ? program : null) : findOnPath(program, searchPath);
  if (!found) return program.includes('/') ? `${program} does not exist` : `${program} is not on PATH`;
  for (const word of words.slice(i + 1)) {
    if (word === 'merge-driver' || word.startsWith('%')) break;
    if (path.isAbsolute(word) && !fs.existsSync(word)) return `${word} does not exist`;
  }
  const inner = shimCommand(found);
  return inner === null ? null : driverStartProblem(inner, searchPath);
}

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
  return out;
}

/** How git should start our driver: `%O %A %B %L %P` are git's own placeholders. */
export function driverCommand(program: string): string {
  return `${program} merge-driver %O %A %B %L %P`;
}

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
  const config: Array<[string, string, string]> = [
    ['merge.kaizen.name', DRIVER_NAME, 'names the driver in git\'s messages'],
    ['merge.kaizen.driver', driverCommand(program), 'git runs it for the files above: it writes the merged note, or keeps markers for what it cannot merge'],
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
  if (driver) return [];
  const column = (lines[index] as string).indexOf('merge=kaizen') + 1;
  return [{
    file: '.gitattributes', line: index + 1, column, severity: 'warning', code: 'sync-driver-missing',
    message: 'git on this machine does not know the kaizen merge driver, so it merges journal notes line by line '
      + '(conflicts, contradictory boxes): run `kaizen sync setup` here',
  }];
}

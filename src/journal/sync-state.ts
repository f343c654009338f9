// What `kaizen sync` must know before it commits anything: an operation git left half-done, files
// git could not merge, which changed files are the journal's (and which it leaves out), and whether
// any of them still holds conflict markers. Never commits a marker, never commits what is not the journal.
import fs from 'node:fs';
import path from 'node:path';
import { git, gitSaid, gitValue } from './git.js';
import type { Layout } from './layout.js';
import { CONFIG_FILE } from './layout.js';
import { JournalError } from '../model/errors.js';

/** A git operation that stopped half-way, by the file git keeps while it lasts. */
const IN_PROGRESS: Array<[string, string, string]> = [
  ['MERGE_HEAD', 'a merge', 'git merge --abort'],
  ['rebase-merge', 'a rebase', 'git rebase --abort'],
  ['rebase-apply', 'a rebase (or git am)', 'git rebase --abort'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick', 'git cherry-pick --abort'],
  ['REVERT_HEAD', 'a revert', 'git revert --abort'],
  ['BISECT_LOG', 'a bisect', 'git bisect reset'],
];

/** Refuses while git is in the middle of something: committing then would mix it into the journal's commit. */
export async function refuseUnfinishedGit(top: string): Promise<void> {
  const gitDir = await gitValue(top, ['rev-parse', '--absolute-git-dir']);
  if (gitDir === null) return;
  for (const [file, what, abort] of IN_PROGRESS) {
    if (fs.existsSync(path.join(gitDir, file))) {
      throw new JournalError(`${what} is in progress in the journal's repository: finish it (or \`${abort}\`) first, then run kaizen sync`);
    }
  }
  const unmerged = await unmergedFiles(top);
  if (unmerged.length) {
    throw new JournalError(`git could not merge these files (a conflicted \`git stash pop\` or merge): nothing was committed.\n`
      + `${unmerged.map((f) => `  ${f}`).join('\n')}\n`
      + 'Resolve them (`kaizen resolve` for journal notes, or edit out the <<<<<<< lines), `git add` them, then run kaizen sync again.');
  }
}

export async function unmergedFiles(top: string): Promise<string[]> {
  const r = await git(top, ['diff', '--name-only', '-z', '--diff-filter=U']);
  return r.stdout.split('\0').filter(Boolean);
}

/** A changed path as `git status` tells it, relative to the top of the work tree. */
export interface ChangedPath {
  path: string;
  /** git's two status letters (`??` untracked). */
  status: string;
}

export async function changedPaths(top: string, under: string): Promise<ChangedPath[]> {
  const r = await git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', under]);
  if (r.code !== 0) throw new JournalError(`git status failed: ${r.stderr.trim()}`);
  const parts = r.stdout.split('\0');
  const out: ChangedPath[] = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] as string;
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    out.push({ path: entry.slice(3), status });
    // A rename or copy in the index names its source next: both belong to the same change.
    if (status[0] === 'R' || status[0] === 'C') out.push({ path: parts[++i] as string, status: 'D ' });
  }
  return out;
}

/**
 * A journal file (FORMAT §1): kaizen.yaml and .gitattributes at the root, the notes of the goal, daily
 * note, review and sprint folders, and the generated reports. `rel` is relative to the journal root.
 */
export function isJournalFile(layout: Layout, rel: string): boolean {
  if (rel === CONFIG_FILE || rel === '.gitattributes') return true;
  const under = (folder: string) => (folder === '' ? !rel.includes('/') : rel.startsWith(`${folder}/`));
  if (layout.reports && under(layout.reports)) return true;
  if (!rel.endsWith('.md') || rel.split('/').some((part) => part.startsWith('.'))) return false;
  return [layout.goals, layout.logs, layout.reviews, layout.sprints].some(under);
}

const OPEN = /^<{7}(?: |$)/m;
const MIDDLE = /^={7}\r?$/m;
const CLOSE = /^>{7}(?: |\r?$)/m;

/**
 * The 1-based line of the first conflict marker when the bytes hold a conflict block, or null. Read
 * as bytes (latin1), so a file that is not valid UTF-8 is looked through too.
 */
export function markerLineInBytes(bytes: Buffer): number | null {
  const text = bytes.toString('latin1');
  const open = OPEN.exec(text);
  if (!open || !MIDDLE.test(text.slice(open.index)) || !CLOSE.test(text.slice(open.index))) return null;
  return text.slice(0, open.index).split('\n').length;
}

/** `path:line` of every listed file (relative to `top`) that holds conflict markers. */
export function filesHoldingMarkers(top: string, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const rel of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(top, rel));
    } catch {
      continue;
    }
    const line = markerLineInBytes(bytes);
    if (line !== null) out.push(`${rel}:${line}`);
  }
  return out;
}

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

/**
 * Commits exactly these paths (relative to the top) as they are in the work tree, whatever else is
 * staged; false when they hold no change.
 */
export async function commitOnly(top: string, paths: readonly string[], message: string): Promise<boolean> {
  if (!paths.length) return false;
  const add = await git(top, ['add', '-A', '--', ...paths], LITERAL);
  if (add.code !== 0) throw new JournalError(`git add failed: ${gitSaid(add)}`);
  if ((await git(top, ['diff', '--cached', '--quiet', 'HEAD', '--', ...paths], LITERAL)).code === 0) return false;
  const commit = await git(top, ['commit', '--quiet', '--no-verify', '-m', message, '--only', '--', ...paths], LITERAL);
  if (commit.code !== 0) throw new JournalError(`git commit failed: ${gitSaid(commit)}`);
  return true;
}

// Conflict markers a client without our merge driver committed (a phone's git, a web button) carry no
// base, and may sit inside one another after a second such merge. git still knows every side: the
// merge commit's parents and their merge base. The file is merged again from those, by meaning, and
// what was written on top of the markers since is carried onto the result.
import { spawn } from 'node:child_process';
import { git } from './git.js';
import { mergeJournalFile } from '../model/merge/merge-file.js';
import { splitConflictMarkers } from '../model/merge/conflict-blocks.js';
import { conflictMarkerLine } from '../parser/conflict-markers.js';
import { decodeUtf8 } from '../parser/text.js';

export interface HistoryResolution {
  text: string;
  /** How the base was found, for the person: `the merge of a1b2c3d and e4f5a6b`. */
  from: string;
}

const hasMarkers = (text: string) => conflictMarkerLine(text) !== null;

class FileHistory {
  private readonly texts = new Map<string, Promise<string | null>>();
  private readonly resolved = new Map<string, Promise<string | null>>();
  constructor(readonly top: string, readonly file: string) {}

  async value(args: string[]): Promise<string | null> {
    const r = await git(this.top, args);
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** The file's text at a commit, null when absent there or not UTF-8. */
  textAt(commit: string): Promise<string | null> {
    let p = this.texts.get(commit);
    if (!p) {
      p = (async () => {
        const bytes = await gitBytes(this.top, ['cat-file', 'blob', `${commit}:${this.file}`]);
        if (bytes === null) return null;
        const decoded = decodeUtf8(bytes);
        return decoded.ok ? decoded.text : null;
      })();
      this.texts.set(commit, p);
    }
    return p;
  }

  async parents(commit: string): Promise<string[]> {
    const line = await this.value(['rev-list', '--parents', '-n', '1', commit]);
    return line ? line.split(' ').slice(1) : [];
  }

  /** The file as it would be at a commit had every merge that left markers in it been merged by meaning. */
  resolvedAt(commit: string, depth = 0): Promise<string | null> {
    let p = this.resolved.get(commit);
    if (!p) {
      p = this.compute(commit, depth);
      this.resolved.set(commit, p);
    }
    return p;
  }

  private async compute(commit: string, depth: number): Promise<string | null> {
    const text = await this.textAt(commit);
    if (text === null || !hasMarkers(text)) return text;
    if (depth > 200) return null;
    const parents = await this.parents(commit);
    const parentTexts = await Promise.all(parents.map((p) => this.textAt(p)));
    const same = parents.find((_, k) => parentTexts[k] === text);
    if (same) return this.resolvedAt(same, depth + 1);
    if (parents.length >= 2) {
      const [p1, p2] = parents as [string, string];
      const [r1, r2] = await Promise.all([this.resolvedAt(p1, depth + 1), this.resolvedAt(p2, depth + 1)]);
      if (r1 === null && r2 === null) return null;
      if (r1 === null || r2 === null) return r1 ?? r2;
      const base = await this.value(['merge-base', p1, p2]);
      const b = base ? await this.resolvedAt(base, depth + 1) : null;
      const merged = mergeJournalFile(b, r1, r2);
      return merged.conflicts.length ? null : merged.text;
    }
    if (parents.length === 1) {
      const parent = parents[0] as string;
      const before = parentTexts[0] ?? null;
      if (before !== null && hasMarkers(before)) {
        // Written on top of markers: the same edit, carried onto the parent's resolution; an edit
        // inside a block (a box checked in one side) is in that side, merged with the blocks' base.
        const r = await this.resolvedAt(parent, depth + 1);
        const carried = r === null ? null : carry(before, text, r);
        if (carried !== null) return carried;
        const sides = splitConflictMarkers(text);
        if (!sides) return null;
        const base = sides.base ?? await this.blockBase(commit, depth + 1);
        const merged = mergeJournalFile(base, sides.ours, sides.theirs, { unionInsertions: base !== null });
        return merged.conflicts.length ? null : merged.text;
      }
      return this.singleParentMerge(parent, text);
    }
    return null;
  }

  /** The base of the merge that brought the commit's markers in: back through commits written on top of them. */
  private async blockBase(commit: string, depth: number): Promise<string | null> {
    if (depth > 200) return null;
    const parents = await this.parents(commit);
    if (parents.length >= 2) {
      const base = await this.value(['merge-base', parents[0] as string, parents[1] as string]);
      return base ? this.resolvedAt(base, depth + 1) : null;
    }
    if (parents.length === 0) return null;
    const before = await this.textAt(parents[0] as string);
    if (before !== null && hasMarkers(before)) return this.blockBase(parents[0] as string, depth + 1);
    const sides = splitConflictMarkers((await this.textAt(commit)) ?? '');
    const theirs = sides ? await this.commitHolding(sides.theirs) : null;
    const base = theirs ? await this.value(['merge-base', parents[0] as string, theirs]) : null;
    return base ? this.resolvedAt(base, depth + 1) : null;
  }

  /**
   * A commit with one parent that brought markers in (a client that merges without recording it):
   * our side is the parent's; their side is found by its text among every commit git has.
   */
  private async singleParentMerge(parent: string, text: string): Promise<string | null> {
    const sides = splitConflictMarkers(text);
    if (!sides) return null;
    const theirs = await this.commitHolding(sides.theirs);
    const ours = (await this.textAt(parent)) ?? sides.ours;
    const base = theirs ? await this.value(['merge-base', parent, theirs]) : null;
    const b = base ? await this.resolvedAt(base) : sides.base;
    const merged = mergeJournalFile(b, ours, sides.theirs, { unionInsertions: b !== null });
    return merged.conflicts.length ? null : merged.text;
  }

  private async commitHolding(text: string): Promise<string | null> {
    const oid = await gitWithInput(this.top, ['hash-object', '--stdin'], text);
    if (!oid) return null;
    return (await this.value(['log', '--all', '-n', '1', '--format=%H', `--find-object=${oid}`]))?.split('\n')[0] || null;
  }
}

/** `edited` is `before` with some change; the same change applied to `onto` (a resolution of `before`). */
function carry(before: string, edited: string, onto: string): string | null {
  const merged = mergeJournalFile(before, edited, onto);
  return merged.conflicts.length || hasMarkers(merged.text) ? null : merged.text;
}

async function gitBytes(cwd: string, args: string[]): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks) : null));
  });
}

async function gitWithInput(cwd: string, args: string[], input: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? out.trim() : null));
    child.stdin.end(input);
  });
}

/**
 * The file (relative to the work tree's top) resolved from git's history: from the index's three
 * stages while git's own merge is unfinished, else from the commits that brought its markers in;
 * `current` (the file as it is now) keeps what was written since. Null when git cannot tell the sides
 * or they still disagree on a line: then only a person can choose.
 */
export async function resolveFromHistory(top: string, file: string, current: string): Promise<HistoryResolution | null> {
  const history = new FileHistory(top, file);
  const [base, ours, theirs] = await Promise.all([1, 2, 3].map((n) => history.textAt(`:${n}`)));
  if (typeof ours === 'string' && typeof theirs === 'string') {
    const merged = mergeJournalFile(base ?? null, ours, theirs);
    if (merged.conflicts.length) return null;
    return { text: merged.text, from: 'the sides git kept for its unfinished merge' };
  }
  const atHead = await history.textAt('HEAD');
  if (atHead === null) return null;
  const resolved = await history.resolvedAt('HEAD');
  if (resolved === null) return null;
  const text = current === atHead ? resolved : carry(atHead, current, resolved);
  if (text === null || hasMarkers(text)) return null;
  return { text, from: 'the commits that brought the markers in' };
}

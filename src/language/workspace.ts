// The journal as an editor session sees it, for the language server: open buffers over the disk, and an
// incremental index. A keystroke re-parses and re-lints only its own file (milliseconds on ten years);
// the whole journal is re-read later, debounced, from the parse cache, so only changed files are parsed.
import { joinPath, type JournalFileSystem } from '../journal/file-system.js';
import { Journal, type ParseCache } from '../journal/journal.js';
import type { ResultCache } from '../journal/result-cache.js';
import { classifyPath, type JournalPath } from '../journal/layout.js';
import { localDay, type Day } from '../model/dates.js';
import { resolveHabitLinks } from '../model/goal-links.js';
import type { GoalStats } from '../model/goal-stats.js';
import { lintGoal, lintGoalSet, lintLog, sortDiagnostics } from '../model/lint.js';
import { lintSprints } from '../model/sprint-lint.js';
import type { Diagnostic } from '../model/types.js';
import { parseGoalText, parseLogText } from '../parser/index.js';
import { parseSprintText } from '../parser/sprint.js';
import { decodeUtf8 } from '../parser/text.js';
import type { LensJournal } from './actions.js';
import type { LanguageJournal } from './features.js';
import { JournalNumbers } from './numbers.js';

const encoder = new TextEncoder();

export interface OpenText {
  text: string;
  version: number;
}

export class LanguageWorkspace {
  /** Open buffers by path relative to the root: what the person sees wins over the disk. */
  private readonly open = new Map<string, OpenText>();
  private readonly cache: ParseCache = new Map();
  journal: Journal | null = null;
  private statsById: ReadonlyMap<string, GoalStats> = new Map();
  private numbers: JournalNumbers | null = null;
  private logged: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'> = new Map();
  private byFile = new Map<string, Diagnostic[]>();
  /** Resolves when the read in progress (if any) is done. */
  private reading: Promise<void> | null = null;
  private dirty = true;
  readonly fs: JournalFileSystem;

  /**
   * `resultCache`: parse results kept across runs (the CLI's), so a server started on ten years reads
   * only what changed since any kaizen command last ran.
   */
  constructor(readonly root: string, disk: JournalFileSystem, private readonly clock: () => Date = () => new Date(),
    private readonly resultCache?: ResultCache & { save?: () => Promise<void> | void }) {
    const relOf = (abs: string) => (abs.startsWith(`${root}/`) ? abs.slice(root.length + 1) : null);
    this.fs = {
      readFile: async (abs) => {
        const rel = relOf(abs);
        const open = rel === null ? undefined : this.open.get(rel);
        return open ? encoder.encode(open.text) : disk.readFile(abs);
      },
      readDirectory: (abs) => disk.readDirectory(abs),
      stat: async (abs) => {
        const stat = await disk.stat(abs);
        const rel = relOf(abs);
        // An open buffer is not what the disk's stat data describes: its content decides.
        if (stat && rel !== null && this.open.has(rel)) delete stat.signature;
        return stat;
      },
    };
  }

  /** The journal's pinned day (`as_of:` in kaizen.yaml, for demos and samples), else the local date. */
  today(): Day {
    return this.journal?.layout.asOf ?? localDay(this.clock());
  }

  relative(abs: string): string | null {
    return abs.startsWith(`${this.root}/`) ? abs.slice(this.root.length + 1) : null;
  }

  kindOf(rel: string): JournalPath | null {
    return this.journal ? classifyPath(this.journal.layout, rel) : null;
  }

  /**
   * A buffer opened or changed: the numbers that depend on it follow at once (the goals it links, from
   * the other days in memory); its parse is dropped and the journal marked for a re-read, later.
   */
  setOpen(rel: string, text: string, version: number): void {
    this.open.set(rel, { text, version });
    this.follow(rel, text);
    this.touch(rel);
  }

  private follow(rel: string, text: string): void {
    const numbers = this.numbers;
    if (!numbers || numbers.today !== this.today() || numbers.update(rel, text) === 'reread') return;
    this.logged = numbers.loggedToday;
  }

  close(rel: string): void {
    this.open.delete(rel);
    this.touch(rel);
  }

  /** A file changed on disk (or was created or deleted). */
  touch(rel: string): void {
    if (rel === 'kaizen.yaml') this.cache.clear();
    else this.cache.delete(rel);
    this.dirty = true;
  }

  /** Re-reads the journal when something changed: only changed files are parsed again. */
  async refresh(): Promise<void> {
    while (this.reading) await this.reading;
    if (!this.dirty && this.journal) return;
    this.dirty = false;
    this.reading = (async () => {
      const first = this.journal === null;
      const journal = await Journal.open(this.fs, this.root, { cache: this.cache, ...(this.resultCache ? { resultCache: this.resultCache } : {}) });
      if (first) await this.resultCache?.save?.();
      const today = journal.layout.asOf ?? localDay(this.clock());
      this.numbers = new JournalNumbers(journal, today);
      this.statsById = this.numbers.stats;
      this.logged = this.numbers.loggedToday;
      const byFile = new Map<string, Diagnostic[]>();
      for (const d of journal.diagnostics()) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
      this.byFile = byFile;
      this.journal = journal;
    })();
    try {
      await this.reading;
    } finally {
      this.reading = null;
    }
  }

  /** Every file's diagnostics as of the last read (files without any are absent). */
  allDiagnostics(): ReadonlyMap<string, Diagnostic[]> {
    return this.byFile;
  }

  /** One file's diagnostics for its current text, without re-reading the journal (see fileDiagnostics). */
  fileDiagnostics(rel: string, text: string): Diagnostic[] {
    return this.journal ? fileDiagnostics(this.journal, rel, text, this.byFile.get(rel) ?? []) : [];
  }

  /** What completion, hover and the lenses read: goals, their numbers as of today, the link resolver. */
  languageJournal(): (LanguageJournal & LensJournal) | null {
    const journal = this.journal;
    if (!journal) return null;
    return { goals: this.numbers?.goalsNow() ?? journal.goals, stats: this.statsById, resolve: journal.linkResolver(), today: this.today(),
      loggedToday: this.logged, tasks: journal.layout.tasks };
  }

  /** The text of a journal file: its open buffer, else the disk (null when absent or unreadable). */
  async text(rel: string): Promise<string | null> {
    const open = this.open.get(rel);
    if (open) return open.text;
    try {
      const decoded = decodeUtf8(await this.fs.readFile(joinPath(this.root, rel)));
      return decoded.ok ? decoded.text : null;
    } catch {
      return null;
    }
  }
}

/**
 * One file's diagnostics for its current text, without re-reading the journal: its own parse and lint,
 * the goal-set and sprint rules with this file's new version in place of the old; any other file keeps
 * `lastRead` (what the last whole read said about it). Milliseconds on ten years: what a keystroke costs.
 */
export function fileDiagnostics(journal: Journal, rel: string, text: string, lastRead: readonly Diagnostic[]): Diagnostic[] {
  const kind = classifyPath(journal.layout, rel);
  const resolve = journal.linkResolver();
  if (kind.kind === 'log' && journal.logFiles.get(kind.date)?.rel === rel) {
    const result = parseLogText(text, kind.date, rel);
    const ids = [...journal.goals.map((g) => g.id), ...journal.unreadableGoalIds];
    const known = new Set(ids);
    const lint = result.value ? lintLog(resolveHabitLinks(result.value, resolve), (id) => known.has(id), ids) : [];
    return sortDiagnostics([...result.diagnostics, ...lint]);
  }
  if (kind.kind === 'goal') {
    const result = parseGoalText(text, kind.id, rel);
    const goals = [...journal.goals.filter((g) => g.id !== kind.id), ...(result.value ? [result.value] : [])];
    const lint = result.value ? lintGoal(result.value) : [];
    return sortDiagnostics([...result.diagnostics, ...lint, ...lintGoalSet(goals).filter((d) => d.file === rel)]);
  }
  if (kind.kind === 'sprint') {
    const result = parseSprintText(text, kind.id, rel);
    const sprints = [...journal.sprints.filter((s) => s.file !== rel), ...(result.value ? [result.value] : [])];
    return sortDiagnostics([...result.diagnostics, ...lintSprints(sprints, journal.goals, resolve).filter((d) => d.file === rel)]);
  }
  return [...lastRead];
}

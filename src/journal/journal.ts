// The journal on disk, read once into the model: goals, the daily logs a command needs, and every
// diagnostic. Reading never writes.
import { applyTaskStatuses, type TasksSettings } from '../model/task-status.js';
import { addDays, minDay, type Day } from '../model/dates.js';
import type { DailyLog, Diagnostic, Goal } from '../model/types.js';
import { collectHabitDays, firstLinkedDay, type HabitDays } from '../model/habit-days.js';
import type { GoalStats } from '../model/goal-stats.js';
import { goalStatsKept } from './goal-stats-memo.js';
import { compareText, lintGoal, lintGoalSet, lintLogContent, lintLogLinks, sortDiagnostics } from '../model/lint.js';
import type { ParseResult } from '../parser/index.js';
import { joinPath, type FileSignature, type JournalFileSystem } from './file-system.js';
import { classifyPath, CONFIG_FILE, loadLayout, logPath, type Layout } from './layout.js';
import { dailyGuessDiagnostics } from './daily-guess.js';
import { notesBesideDailyFolder, placeDailyNotesKept, unplacedNotesDiagnostics } from './unplaced-notes.js';
import { goalLinkResolver, resolveHabitLinks, type GoalLinkResolver } from '../model/goal-links.js';
import type { CachedResult, ResultCache } from './result-cache.js';
import { matchGoalId } from '../model/goal-ids.js';
import { linkedNoteName } from '../model/syntax.js';
import type { Sprint } from '../model/sprint.js';
import { keepContentLint, storedContentLint } from './lazy-log.js';
import { lintSprints } from '../model/sprint-lint.js';

export interface JournalFile {
  /** Relative to the root, `/` separators. */
  rel: string;
  abs: string;
}

/** Which daily logs to parse: all, none, or those in a range of days. */
export type LogSelection = 'all' | 'none' | { from: Day; to: Day };

export interface OpenOptions {
  logs?: LogSelection | ((goals: readonly Goal[]) => LogSelection);
  /** Parse results kept between opens by a long-running caller (watch), which drops an entry when its file changes. */
  cache?: ParseCache;
  /** Parse results kept across runs, trusted by the files' stat data or content (the persistent cache). */
  resultCache?: ResultCache;
  /** Called as files are read: for a progress line when the first read is slow. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the read (it throws the signal's reason) between files, once aborted: the caller has other work. */
  signal?: AbortSignal;
}

export type ParseCache = Map<string, ParseResult<Goal> | ParseResult<DailyLog>>;

const GOAL_ORDER: Record<Goal['status'], number> = { active: 0, paused: 1, done: 2, dropped: 3 };

export class Journal {
  private constructor(
    readonly fs: JournalFileSystem,
    readonly layout: Layout,
    readonly goals: Goal[],
    /** Ids of goal files that exist but could not be read: links to them are not "unknown". */
    readonly unreadableGoalIds: Set<string>,
    readonly logs: DailyLog[],
    readonly logFiles: Map<Day, JournalFile>,
    private readonly parseDiagnostics: Diagnostic[],
    /** Sprint files, by start (FORMAT §6); few, so always read whole. */
    readonly sprints: Sprint[] = [],
  ) {}

  static async open(fs: JournalFileSystem, root: string, options: OpenOptions = {}): Promise<Journal> {
    const { layout, diagnostics } = await loadLayout(fs, root);
    const goalFiles = await listGoalFolder(fs, layout);
    const logEntries = await listDailyFolder(fs, layout);

    const goals: Goal[] = [];
    const unreadable = new Set<string>();
    const cache = options.cache;
    const progress = options.onProgress;
    const sources: Sources = { cache, persistent: options.resultCache };
    const signal = options.signal;
    await forEachFile(fs, goalFiles, diagnostics, sources, undefined, signal, (file, read) => {
      const kind = classifyPath(layout, file.rel);
      if (kind.kind !== 'goal') return;
      const result = remember(sources, file.rel, read, (bytes) => loadedParser().parseGoalFile(bytes, kind.id, file.rel));
      diagnostics.push(...result.diagnostics);
      if (result.value) goals.push(result.value);
      else unreadable.add(kind.id);
    });
    goals.sort((a, b) => compareText(a.id, b.id));
    // The vault's Obsidian Tasks statuses (data.json) decide what `[d]` or `[~]` mean: on copies, since a parse
    // result may be shared with other reads (in-memory parses, the kept shards of a long-lived process).
    const tasks = layout.tasks;
    if (tasks) {
      const settings = JSON.stringify(tasks);
      for (let i = 0; i < goals.length; i++) goals[i] = withTaskStatuses(goals[i] as Goal, tasks, settings);
    }

    const { logFiles, unplaced, copies } = placeDailyNotesKept(layout, logEntries, diagnostics, options.resultCache);
    diagnostics.push(...unplacedNotesDiagnostics(layout, unplaced));
    diagnostics.push(...await notesBesideDailyFolder(fs, layout));
    if (logFiles.size === 0) diagnostics.push(...await dailyGuessDiagnostics(fs, layout.root, layout.logs));
    const rawSelection = options.logs ?? 'all';
    const selection = typeof rawSelection === 'function' ? rawSelection(goals) : rawSelection;
    const wanted = [...logFiles.entries()]
      .filter(([day]) => selection === 'all' || (selection !== 'none' && day >= selection.from && day <= selection.to))
      .sort(([a], [b]) => compareText(a, b));
    const logs: DailyLog[] = [];
    // Placed above, so each file's day is known: a day whose only note is a copy has no log to read.
    const dayOf = new Map(wanted.filter(([day]) => !copies.has(day)).map(([day, f]) => [f, day]));
    await forEachFile(fs, wanted.map(([, f]) => f), diagnostics, sources, progress, signal, (file, read) => {
      const date = dayOf.get(file);
      if (date === undefined) return;
      const result = remember(sources, file.rel, read, (bytes) => loadedParser().parseLogFile(bytes, date, file.rel));
      diagnostics.push(...result.diagnostics);
      if (result.value) logs.push(result.value);
    });
    logs.sort((a, b) => compareText(a.date, b.date));
    // Parse results are cached per file; links are resolved against the goals of this read.
    const resolve = goalLinkResolver(goals, unreadable);
    const linked = logs.map((log) => {
      const resolved = resolveHabitLinks(log, resolve);
      keepContentLint(log, resolved);
      return resolved;
    });
    const sprints: Sprint[] = [];
    const sprintFiles = await listFlatFolder(fs, layout, layout.sprints);
    const { parseSprintFile } = sprintFiles.length > 0 ? await import('../parser/sprint.js') : { parseSprintFile: null };
    await forEachFile(fs, sprintFiles, diagnostics, {}, undefined, signal, (file, { bytes }) => {
      const kind = classifyPath(layout, file.rel);
      if (kind.kind !== 'sprint' || bytes === null || !parseSprintFile) return;
      const result = parseSprintFile(bytes, kind.id, file.rel);
      diagnostics.push(...result.diagnostics);
      if (result.value) sprints.push(result.value);
    });
    sprints.sort((a, b) => compareText(a.start, b.start));
    return new Journal(fs, layout, goals, unreadable, linked, logFiles, diagnostics, sprints);
  }

  get root(): string {
    return this.layout.root;
  }

  goal(id: string): Goal | undefined {
    return this.goals.find((g) => g.id === id);
  }

  /**
   * Why nothing may be written, or null: a kaizen.yaml with an error leaves the folders it names
   * unknown, and writing into the default ones would scatter notes (FORMAT §9).
   */
  writeBlocker(): string | null {
    const d = this.parseDiagnostics.find((x) => x.file === CONFIG_FILE && x.severity === 'error');
    if (!d) return null;
    return `${CONFIG_FILE}:${d.line}:${d.column}: ${d.message.replace(/; using .*$/, '')}: fix it first (\`kaizen check\`); nothing was written`;
  }

  /**
   * Where a day's note is written: the note that already exists for that day (flat `logs/D.md` or
   * `logs/YYYY/D.md`, the one that is read), else the layout's path for a new one. A day has one note.
   */
  dayNotePath(day: Day): string {
    return this.logFiles.get(day)?.rel ?? logPath(this.layout, day);
  }

  goalExists(id: string): boolean {
    return this.unreadableGoalIds.has(id) || this.goals.some((g) => g.id === id);
  }

  /** Parse errors plus every lint rule, sorted by file, line and column. */
  diagnostics(): Diagnostic[] {
    return journalDiagnostics({ readDiagnostics: this.parseDiagnostics, goals: this.goals, unreadableGoalIds: this.unreadableGoalIds,
      logs: this.logs, sprints: this.sprints, linkResolver: this.linkResolver() });
  }

  /** What the read itself found (layout, placement, each file's parse), before any lint rule. */
  readDiagnostics(): readonly Diagnostic[] {
    return this.parseDiagnostics;
  }

  private resolver: GoalLinkResolver | null = null;
  private days: HabitDays | null = null;

  /** Resolves a `[[link]]` to a goal id as Obsidian would (FORMAT §9). Built once: a journal is read once. */
  linkResolver(): GoalLinkResolver {
    this.resolver ??= goalLinkResolver(this.goals, this.unreadableGoalIds);
    return this.resolver;
  }

  /**
   * The goal a typed name means on the command line, as a `[[link]]` would: the id (any case), a
   * path, an alias (`walk` for `aliases: [walk]`); null when none (never a guess).
   */
  goalIdNamed(typed: string): string | null {
    const match = matchGoalId(this.goals.map((g) => g.id), typed);
    if (match.id !== null) return match.id;
    const target = typed.trim().replace(/^\[\[/, '').replace(/\]\]$/, '');
    const name = linkedNoteName(target, false) ?? target;
    return this.linkResolver()(name);
  }

  /** The sprint holding the day, else null. */
  sprintOn(day: Day): Sprint | null {
    return this.sprints.find((s) => s.start <= day && day <= s.end) ?? null;
  }

  /** What each goal's logs say day by day; computed once per read (stats, the hover and sprints all ask). */
  habitDays(): HabitDays {
    this.days ??= collectHabitDays(this.logs, this.goals);
    return this.days;
  }

  /** Goals lead first, then by status (active, paused, done, dropped), then by id. */
  orderedGoals(): Goal[] {
    return orderGoals(this.goals);
  }

  stats(asOf: Day): { goal: Goal; stats: GoalStats }[] {
    const days = this.habitDays();
    return this.orderedGoals().map((goal) => {
      const goalDays = days.get(goal.id) ?? new Map();
      return { goal, stats: goalStatsKept(goal, goalDays, asOf, firstLinkedDay(goalDays)) };
    });
  }
}

export interface DiagnosticSources {
  readDiagnostics: readonly Diagnostic[];
  goals: readonly Goal[];
  unreadableGoalIds: ReadonlySet<string>;
  logs: readonly DailyLog[];
  sprints: readonly Sprint[];
  linkResolver: GoalLinkResolver;
}

/**
 * A journal's diagnostics from its parts: a long-running reader (`kaizen watch`) that replaced one file's parse
 * gets the same list a fresh read gives.
 */
export function journalDiagnostics(j: DiagnosticSources): Diagnostic[] {
  const all = [...j.readDiagnostics, ...lintGoalSet(j.goals)];
  for (const goal of j.goals) all.push(...lintGoal(goal));
  const ids = [...j.goals.map((g) => g.id), ...j.unreadableGoalIds];
  const known = new Set(ids);
  for (const log of j.logs) {
    // A log read back from the parse cache brings its own lint: its tasks need not be built to check them again.
    all.push(...storedContentLint(log) ?? lintLogContent(log), ...lintLogLinks(log, (id) => known.has(id), ids));
  }
  all.push(...lintSprints(j.sprints, j.goals, j.linkResolver));
  return sortDiagnostics(all);
}

/** Goals lead first, then by status (active, paused, done, dropped), then by id. */
export function orderGoals(goals: readonly Goal[]): Goal[] {
  return [...goals].sort((a, b) => Number(b.lead && b.status === 'active') - Number(a.lead && a.status === 'active')
    || GOAL_ORDER[a.status] - GOAL_ORDER[b.status] || compareText(a.id, b.id));
}

/**
 * The daily logs stats need as of a date: each goal's range, plus the 13 days before it that the
 * strength window looks at. A goal without `start` starts at its first linked day: read them all.
 */
export function logsForStats(asOf: Day): (goals: readonly Goal[]) => LogSelection {
  return (goals) => {
    if (goals.length === 0) return 'none';
    let from: Day | null = null;
    for (const g of goals) {
      if (g.start === null) return { from: '0000-01-01', to: asOf };
      if (from === null || g.start < from) from = g.start;
    }
    return { from: addDays(from as Day, -13), to: minDay(asOf, '9999-12-31') };
  };
}

/** The goal ids (file names without .md), for shell completion: no file is read. */
export async function listGoalIds(fs: JournalFileSystem, layout: Layout): Promise<string[]> {
  return (await listGoalFolder(fs, layout)).map((f) => f.rel.slice(f.rel.lastIndexOf('/') + 1, -'.md'.length));
}

/** The goal files: Markdown directly in the goals folder. */
function listGoalFolder(fs: JournalFileSystem, layout: Layout): Promise<JournalFile[]> {
  return listFlatFolder(fs, layout, layout.goals);
}

/** Markdown files directly in one of the journal's folders (goals, sprints). */
async function listFlatFolder(fs: JournalFileSystem, layout: Layout, folder: string): Promise<JournalFile[]> {
  let entries: [string, string][];
  try {
    entries = await fs.readDirectory(joinPath(layout.root, folder));
  } catch {
    return [];
  }
  return entries.filter(([name, kind]) => kind === 'file' && name.endsWith('.md') && !name.startsWith('.'))
    .map(([name]) => ({ rel: `${folder}/${name}`, abs: joinPath(layout.root, `${folder}/${name}`) }))
    .sort((a, b) => compareText(a.rel, b.rel));
}

/** How many folder levels below the format's own a daily note may sit (`2025/2025-10/` under a flat format). */
const DEEPER_FOLDERS = 4;

/** The vault's weekly, monthly and quarterly notes' folders: their notes are not daily notes. */
function periodicFolders(layout: Layout): string[] {
  return Object.values(layout.periodicNotes ?? {}).map((p) => p.folder).filter((f) => f !== '' && f !== layout.logs);
}

/**
 * The Markdown files of the daily folder, down to a few levels below the format's folders. Hidden
 * folders, templates, the journal's other folders and the vault's periodic notes are not daily notes.
 */
async function listDailyFolder(fs: JournalFileSystem, layout: Layout): Promise<JournalFile[]> {
  // Notes people file below the format's folders (year/month folders under a flat format) are read too.
  const maxDepth = (layout.logFormat ? layout.logFormat.depth : 1) + DEEPER_FOLDERS;
  const others = new Set([layout.goals, layout.reviews, layout.reports, layout.sprints, ...periodicFolders(layout)].filter((f) => f !== layout.logs));
  const out: JournalFile[] = [];
  const read = async (rel: string, depth: number): Promise<void> => {
    let entries: [string, string][];
    try {
      entries = await fs.readDirectory(rel === '' ? layout.root : joinPath(layout.root, rel));
    } catch {
      return;
    }
    const folders: string[] = [];
    // Ten years are 4,000 names: joined by hand, not by joinPath's normalising regexes.
    const absDir = rel === '' ? layout.root : joinPath(layout.root, rel);
    for (const [name, kind] of entries) {
      if (name.startsWith('.')) continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (kind === 'file' && name.endsWith('.md')) out.push({ rel: childRel, abs: absDir === '/' ? `/${name}` : `${absDir}/${name}` });
      else if (kind === 'directory' && depth < maxDepth && !others.has(childRel) && !/^(templates?|node_modules)$/i.test(name)) folders.push(childRel);
    }
    // Year and month folders are read side by side: ten years are 130 folders.
    await Promise.all(folders.map((folder) => read(folder, depth + 1)));
  };
  await read(layout.logs, 0);
  return out.sort((a, b) => compareText(a.rel, b.rel));
}

// The parser (remark and its extensions, the largest part of the bundle) loads only when a file must be
// parsed: a warm command answered from the parse cache never compiles it.
let parser: typeof import('../parser/index.js') | null = null;
async function loadParser(): Promise<void> {
  parser ??= await import('../parser/index.js');
}
function loadedParser(): typeof import('../parser/index.js') {
  if (!parser) throw new Error('the parser is used before it is loaded');
  return parser;
}

/** Where parse results may come from instead of a parse: the caller's memory, the persistent cache. */
interface Sources {
  cache?: ParseCache;
  persistent?: ResultCache;
}

interface FileRead {
  /** Null when a cache answered without reading the file. */
  bytes: Uint8Array | null;
  /** What a cache holds for the file as it is now. */
  known?: CachedResult;
  /** The file's stat data, taken before `readAtNs` (wall clock) when the bytes were read. */
  signature?: FileSignature;
  readAtNs?: bigint;
}

function remember<T>(sources: Sources, rel: string, read: FileRead, parse: (bytes: Uint8Array) => ParseResult<T>): ParseResult<T> {
  if (read.known) {
    sources.cache?.set(rel, read.known);
    return read.known as ParseResult<T>;
  }
  const bytes = read.bytes as Uint8Array;
  const stored = sources.persistent?.get(rel, bytes);
  const result = stored ?? (parse(bytes) as CachedResult);
  // Also after a hit by content: the entry takes the file's new stat data (a touched or checked-out file).
  sources.persistent?.set(rel, bytes, result, read.signature, read.readAtNs);
  sources.cache?.set(rel, result);
  return result as ParseResult<T>;
}

/**
 * A file as the journal needs it: from memory, else from the persistent cache when the file's stat data
 * says it is unchanged (no read, no hash: what makes a warm run cheaper than reading the journal), else read.
 */
async function readOne(fs: JournalFileSystem, file: JournalFile, sources: Sources): Promise<FileRead> {
  const inMemory = sources.cache?.get(file.rel);
  if (inMemory) return { bytes: null, known: inMemory };
  if (!sources.persistent) return { bytes: await fs.readFile(file.abs) };
  // The clock before the stat, the stat before the read: an entry never claims more than was seen.
  const readAtNs = BigInt(Date.now()) * 1_000_000n;
  const signature = (await fs.stat(file.abs))?.signature;
  const stored = signature && sources.persistent.fresh(file.rel, signature);
  if (stored) return { bytes: null, known: stored };
  return { bytes: await fs.readFile(file.abs), ...(signature ? { signature } : {}), readAtNs };
}

/**
 * Reads files a few at a time (I/O overlaps, memory stays flat) and hands each to `use` in order;
 * files a cache answers for are handed over without reading.
 */
async function forEachFile(fs: JournalFileSystem, files: JournalFile[], diagnostics: Diagnostic[], sources: Sources,
  progress: OpenOptions['onProgress'], signal: AbortSignal | undefined,
  use: (file: JournalFile, read: FileRead) => void): Promise<void> {
  const batch = 32;
  for (let i = 0; i < files.length; i += batch) {
    signal?.throwIfAborted();
    const slice = files.slice(i, i + batch);
    const reads = await Promise.all(slice.map((f) => readOne(fs, f, sources)
      .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
    if (reads.some((r) => !(r instanceof Error) && r.bytes !== null)) await loadParser();
    slice.forEach((file, k) => {
      const read = reads[k] as FileRead | Error;
      if (!(read instanceof Error)) use(file, read);
      else {
        diagnostics.push({ file: file.rel, line: 1, column: 1, severity: 'error', code: 'unreadable',
          message: `the file cannot be read: ${read.message || 'unknown error'}` });
      }
    });
    progress?.(Math.min(files.length, i + batch), files.length);
  }
  // Also after the last batch: a caller asked to give way is spared the counting that follows.
  signal?.throwIfAborted();
}

/**
 * Each parsed goal's copy with the statuses applied, by the settings' JSON. A long-lived process reads the same
 * parse again while the goal's file is unchanged: it gets the same copy back, so what it kept for that goal (its
 * numbers) still holds, and ten years of tasks are not copied at every command.
 */
const goalsWithStatuses = new WeakMap<Goal, { settings: string; goal: Goal }>();

/** The goal with its tasks' and milestones' states as the vault's statuses say, leaving the parsed goal as it was. */
function withTaskStatuses(goal: Goal, settings: TasksSettings, settingsJson: string): Goal {
  const kept = goalsWithStatuses.get(goal);
  if (kept?.settings === settingsJson) return kept.goal;
  const copy = { ...goal, tasks: goal.tasks.map((t) => ({ ...t })), milestones: goal.milestones.map((m) => ({ ...m })) };
  applyTaskStatuses([...copy.tasks, ...copy.milestones], settings);
  goalsWithStatuses.set(goal, { settings: settingsJson, goal: copy });
  return copy;
}

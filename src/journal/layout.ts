// Where things live in a journal (FORMAT.md §1): root discovery, kaizen.yaml, and what a path is.
import { isValidDay, type Day } from '../model/dates.js';
import type { Diagnostic } from '../model/types.js';
import { JournalError } from '../model/errors.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { parseFrontmatter } from '../parser/frontmatter.js';
import { decodeUtf8 } from '../parser/text.js';
import { dirname, joinPath, type JournalFileSystem } from './file-system.js';
import { compileDayFormat, compilePeriodFormat, formatDay, type DayFormat } from '../model/date-format.js';
import { placeDailyName } from '../model/daily-names.js';
import { vaultDailyNotesOrGuess } from './daily-guess.js';
import type { Period, PeriodKind } from '../model/periods.js';
import { normalizeFolder, readVaultDailyNotes, readVaultDailyTemplate, readVaultPeriodicNotes, readLogseqJournals, readVaultTasksSettings, TASKS_PLUGIN_SETTINGS } from './obsidian-settings.js';
import { DEFAULT_TASKS_SETTINGS, type TasksSettings } from '../model/task-status.js';
import { isEnglish, localizeDayFormat } from './date-locale.js';

export const CONFIG_FILE = 'kaizen.yaml';

export interface Layout {
  root: string;
  goals: string;
  /** The daily-note folder ('' is the journal root). */
  logs: string;
  /** Daily-note names in a moment.js format; without one, `D.md` flat or under `YYYY/` (FORMAT §1). */
  logFormat?: DayFormat;
  /** Where the daily-note layout was read from, for `kaizen check` to say. */
  logSource: string;
  /** The vault's daily-note template (root-relative), which a new daily note starts from (FORMAT §9). */
  dailyTemplate?: string;
  /** The daily folder is a Logseq vault's journals: notes are blocks, not frontmatter and headings. */
  blocks?: boolean;
  reviews: string;
  /** Per period, a folder and name format for reviews (kaizen.yaml `reviews: { week: … }`, or the vault's periodic notes). */
  reviewFormats?: Partial<Record<PeriodKind, PeriodNotes>>;
  /** The vault's own weekly, monthly and quarterly notes: a review never takes one of their names. */
  periodicNotes?: Partial<Record<PeriodKind, PeriodNotes>>;
  reports: string;
  /** Sprint files, `GGGG-Www.md` (FORMAT §6). */
  sprints: string;
  /** `as_of:` pins "today" for a demo or a sample journal, so it looks the same on any day (shown as such). */
  asOf?: Day;
  /** Obsidian Tasks' statuses and settings (its data.json), with kaizen.yaml's `tasks:` on top. */
  tasks?: TasksSettings;
}

export interface PeriodNotes {
  folder: string;
  format: DayFormat;
}

export const DEFAULT_FOLDERS = { goals: 'goals', logs: 'logs', reviews: 'reviews', reports: 'reports', sprints: 'sprints' } as const;
type FolderKey = keyof typeof DEFAULT_FOLDERS;

/** `--dir` wins; else the nearest ancestor holding kaizen.yaml; else the working directory. */
export async function findRoot(fs: JournalFileSystem, cwd: string, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  for (let dir = cwd; ; dir = dirname(dir)) {
    if ((await fs.stat(joinPath(dir, CONFIG_FILE)))?.kind === 'file') return dir;
    if (dir === '/' || dirname(dir) === dir) return cwd;
  }
}

export async function loadLayout(fs: JournalFileSystem, root: string): Promise<{ layout: Layout; diagnostics: Diagnostic[] }> {
  const loaded = await readLayout(fs, root);
  const logseq = await readLogseqJournals(fs, root);
  if (logseq && logseq.folder === loaded.layout.logs) loaded.layout.blocks = true;
  return loaded;
}

async function readLayout(fs: JournalFileSystem, root: string): Promise<{ layout: Layout; diagnostics: Diagnostic[] }> {
  const layout: Layout = { root, ...DEFAULT_FOLDERS, logSource: 'the default layout' };
  const diagnostics: Diagnostic[] = [];
  const file = joinPath(root, CONFIG_FILE);
  await useTasksSettings(fs, layout, diagnostics);
  if ((await fs.stat(file))?.kind !== 'file') {
    await useVaultSettings(fs, layout, diagnostics);
    await useVaultPeriodicNotes(fs, layout, true);
    return { layout, diagnostics };
  }
  const decoded = decodeUtf8(await fs.readFile(file));
  if (!decoded.ok) {
    diagnostics.push({ file: CONFIG_FILE, line: decoded.line, column: decoded.column, severity: 'error', code: 'bad-encoding', message: 'the file is not valid UTF-8; using the default folders' });
    return { layout, diagnostics };
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  const parsed = parseFrontmatter(text, 1);
  const lastLine = Math.max(1, text.replace(/\r?\n$/, '').split('\n').length);
  for (const e of parsed.errors) {
    // YAML reports "unexpected end" one line past a file's last line: point at a line that exists.
    diagnostics.push({ file: CONFIG_FILE, line: Math.min(e.place.line, lastLine), column: e.place.column, severity: 'error', code: 'yaml-error', message: `${e.message}; using the default folders` });
  }
  const data = parsed.data ?? {};
  layout.logSource = CONFIG_FILE;
  for (const key of Object.keys(DEFAULT_FOLDERS) as FolderKey[]) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (key === 'logs' && typeof value === 'object' && !Array.isArray(value)) {
      readLogsMapping(value as Record<string, unknown>, parsed.places, layout, diagnostics);
      continue;
    }
    if (key === 'reviews' && typeof value === 'object' && !Array.isArray(value)) {
      readReviewsMapping(value as Record<string, unknown>, parsed.places, layout, diagnostics);
      continue;
    }
    const place = parsed.places[`${key}=`] ?? { line: 1, column: 1 };
    const folder = typeof value === 'string' ? value.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') : '';
    if (!folder || folder.startsWith('/') || folder.split('/').includes('..') || /^[a-zA-Z]:/.test(folder)) {
      diagnostics.push({ file: CONFIG_FILE, line: place.line, column: place.column, severity: 'error', code: 'bad-value',
        message: `\`${key}\` must be a folder inside the journal (like \`${DEFAULT_FOLDERS[key]}\`); using "${DEFAULT_FOLDERS[key]}"` });
      continue;
    }
    layout[key] = folder;
  }
  if ((data.logs === undefined || data.logs === null) && parsed.errors.length === 0) await useVaultSettings(fs, layout, diagnostics);
  await useVaultPeriodicNotes(fs, layout, data.reviews === undefined || data.reviews === null);
  if (data.locale !== undefined && data.locale !== null) await useLocale(data.locale, parsed.places['locale='] ?? { line: 1, column: 1 }, layout, diagnostics);
  if (data.tasks !== undefined && data.tasks !== null) readTasksMapping(data.tasks, parsed.places, layout, diagnostics);
  const asOf = data.as_of;
  if (asOf !== undefined && asOf !== null) {
    const place = parsed.places['as_of='] ?? { line: 1, column: 1 };
    if (isValidDay(asOf)) layout.asOf = asOf;
    else {
      diagnostics.push({ file: CONFIG_FILE, line: place.line, column: place.column, severity: 'error', code: 'bad-value',
        message: '`as_of` must be a day like 2026-11-22; using the real today' });
    }
  }
  return { layout, diagnostics };
}

async function useTasksSettings(fs: JournalFileSystem, layout: Layout, diagnostics: Diagnostic[]): Promise<void> {
  const vault = await readVaultTasksSettings(fs, layout.root);
  layout.tasks = vault.settings;
  for (const problem of vault.problems) {
    diagnostics.push({ file: TASKS_PLUGIN_SETTINGS, line: 1, column: 1, severity: 'warning', code: 'bad-value', message: `Obsidian Tasks settings: ${problem}` });
  }
}

/** `tasks: { recurrence: above | below, format: emoji | dataview }`: where a next occurrence goes, how fields are written. */
function readTasksMapping(value: unknown, places: Places, layout: Layout, diagnostics: Diagnostic[]): void {
  const place = (key: string) => places[`tasks.${key}=`] ?? places['tasks='] ?? { line: 1, column: 1 };
  const bad = (key: string, message: string) => diagnostics.push({ file: CONFIG_FILE, ...place(key), severity: 'error', code: 'bad-value', message });
  if (typeof value !== 'object' || Array.isArray(value)) return void bad('', '`tasks` should be a mapping like `{ recurrence: below }`; using the Obsidian Tasks settings');
  const map = value as Record<string, unknown>;
  const tasks = { ...(layout.tasks ?? DEFAULT_TASKS_SETTINGS) };
  if (map.recurrence !== undefined) {
    if (map.recurrence === 'above' || map.recurrence === 'below') tasks.recurrenceBelow = map.recurrence === 'below';
    else bad('recurrence', '`tasks.recurrence` is `above` (Obsidian Tasks\' default) or `below`: where a recurring task\'s next occurrence is written');
  }
  if (map.format !== undefined) {
    if (map.format === 'emoji' || map.format === 'dataview') tasks.format = map.format;
    else bad('format', '`tasks.format` is `emoji` (✅ 2026-11-21) or `dataview` ([completion:: 2026-11-21])');
  }
  layout.tasks = tasks;
}

/** `logs: { folder: Daily, format: "YYYY/MM/YYYY-MM-DD" }` (FORMAT §9). */
type Places = Record<string, { line: number; column: number }>;

function readLogsMapping(value: Record<string, unknown>, places: Places, layout: Layout, diagnostics: Diagnostic[]): void {
  const place = (key: string) => places[`logs.${key}=`] ?? places['logs='] ?? { line: 1, column: 1 };
  const bad = (key: string, message: string) => diagnostics.push({ file: CONFIG_FILE, ...place(key), severity: 'error', code: 'bad-value', message });
  const folder = typeof value.folder === 'string' ? normalizeFolder(value.folder) : value.folder === undefined ? DEFAULT_FOLDERS.logs : null;
  if (folder === null || folder.startsWith('/') || folder.split('/').includes('..') || /^[a-zA-Z]:/.test(folder)) {
    bad('folder', '`logs.folder` must be a folder inside the journal (like `Daily`, or "" for the root); using "logs"');
  } else layout.logs = folder;
  if (typeof value.template === 'string' && value.template.trim()) {
    const template = normalizeFolder(value.template.trim());
    if (template.split('/').includes('..')) bad('template', '`logs.template` must be a file inside the journal; new notes start from Kaizen\'s own');
    else layout.dailyTemplate = template;
  }
  if (value.format === undefined || value.format === null) return;
  const format = typeof value.format === 'string' ? compileDayFormat(value.format) : { problem: 'it should be text like "YYYY-MM-DD"' };
  if ('problem' in format) bad('format', `\`logs.format\` cannot name daily notes: ${format.problem}; reading YYYY-MM-DD names`);
  else layout.logFormat = format;
}

/** `reviews: { folder: reviews, week: { folder: Weekly, format: "gggg-[W]ww" }, month: …, quarter: … }`. */
function readReviewsMapping(value: Record<string, unknown>, places: Places, layout: Layout, diagnostics: Diagnostic[]): void {
  const place = (key: string) => places[`reviews.${key}=`] ?? places['reviews='] ?? { line: 1, column: 1 };
  const bad = (key: string, message: string) => diagnostics.push({ file: CONFIG_FILE, ...place(key), severity: 'error', code: 'bad-value', message });
  if (typeof value.folder === 'string') layout.reviews = normalizeFolder(value.folder) || DEFAULT_FOLDERS.reviews;
  const formats: Partial<Record<PeriodKind, PeriodNotes>> = {};
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const entry = value[kind];
    if (entry === undefined || entry === null) continue;
    const map = typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
    const format = typeof map.format === 'string' ? compilePeriodFormat(map.format, kind) : { problem: 'it needs `format:`' };
    const folder = typeof map.folder === 'string' ? normalizeFolder(map.folder) : layout.reviews;
    if ('problem' in format) bad(`${kind}.format`, `\`reviews.${kind}\` cannot name reviews: ${format.problem}; using ${layout.reviews}/<period>.md`);
    else if (folder.split('/').includes('..') || /^[a-zA-Z]:/.test(folder)) bad(`${kind}.folder`, `\`reviews.${kind}.folder\` must be inside the journal`);
    else formats[kind] = { folder, format };
  }
  layout.reviewFormats = formats;
}

/** The vault's periodic notes: never taken for a review's name, and the reviews themselves when kaizen.yaml does not say. */
async function useVaultPeriodicNotes(fs: JournalFileSystem, layout: Layout, asReviews: boolean): Promise<void> {
  const vault = await readVaultPeriodicNotes(fs, layout.root);
  const notes: Partial<Record<PeriodKind, PeriodNotes>> = {};
  for (const [kind, config] of Object.entries(vault) as [PeriodKind, { folder: string; format: string }][]) {
    const format = compilePeriodFormat(config.format, kind);
    if (!('problem' in format)) notes[kind] = { folder: config.folder, format };
  }
  layout.periodicNotes = notes;
  if (asReviews && Object.keys(notes).length > 0) layout.reviewFormats = notes;
}

/**
 * Where a period's review is: its own folder and format when set, else `reviews/LABEL.md`. A name that
 * another period's notes would take in the same folder (a weekly note `2026-10` for October) is
 * refused: reading finds no review there, writing says which setting to add.
 */
export function reviewFilePath(layout: Layout, period: Period): string | { clash: string } {
  const own = layout.reviewFormats?.[period.kind];
  const folder = own ? own.folder : layout.reviews;
  const name = own ? formatDay(period.start, own.format) : period.label;
  const shape = (text: string) => text.toLowerCase().replace(/\d/g, '9');
  for (const notes of [layout.reviewFormats, layout.periodicNotes]) {
    for (const [kind, other] of Object.entries(notes ?? {}) as [PeriodKind, PeriodNotes][]) {
      if (kind === period.kind || other.folder !== folder) continue;
      if (shape(formatDay(period.start, other.format)) === shape(name)) {
        const file = `${folder ? `${folder}/` : ''}${name}.md`;
        return {
          clash: `a ${period.kind} review named ${file} would look like the ${kind}ly notes there (${other.format.source}); `
            + `set \`reviews: { ${period.kind}: { folder, format } }\` in kaizen.yaml`,
        };
      }
    }
  }
  return `${folder ? `${folder}/` : ''}${name}.md`;
}

/** `locale: de`: month and day names in note names in that language (FORMAT §9), English otherwise. */
async function useLocale(value: unknown, place: { line: number; column: number }, layout: Layout, diagnostics: Diagnostic[]): Promise<void> {
  const bad = (message: string) => diagnostics.push({ file: CONFIG_FILE, ...place, severity: 'error', code: 'bad-value', message });
  if (typeof value !== 'string' || !value.trim()) return void bad('`locale` should be a language like de or fr; names stay English');
  if (isEnglish(value)) return;
  let reported = false;
  const localize = async (format: DayFormat): Promise<DayFormat> => {
    if (format.localized) return format;
    const localized = await localizeDayFormat(format, value);
    if (!('problem' in localized)) return localized;
    if (!reported) bad(`\`locale\`: ${localized.problem}; names stay English`);
    reported = true;
    return format;
  };
  if (layout.logFormat) layout.logFormat = await localize(layout.logFormat);
  for (const formats of [layout.reviewFormats, layout.periodicNotes]) {
    for (const notes of Object.values(formats ?? {})) notes.format = await localize(notes.format);
  }
}

/** The review file to write, or a JournalError saying which setting avoids the clash. */
export function reviewFileToWrite(layout: Layout, period: Period): string {
  const file = reviewFilePath(layout, period);
  if (typeof file !== 'string') throw new JournalError(`${file.clash}; nothing was written`);
  return file;
}

/** The review file to read: null when the name would be another period's note. */
export function reviewFileToRead(layout: Layout, period: Period): string | null {
  const file = reviewFilePath(layout, period);
  return typeof file === 'string' ? file : null;
}

/** Without `logs:` in kaizen.yaml, an Obsidian vault's own daily-note settings place the notes. */
async function useVaultSettings(fs: JournalFileSystem, layout: Layout, diagnostics: Diagnostic[]): Promise<void> {
  const vault = await vaultDailyNotesOrGuess(fs, layout.root);
  // Zero-config reads a guess only inside a vault; a plain folder keeps the default layout (`init --here` asks).
  if (vault?.guessed && (await readVaultDailyNotes(fs, layout.root)) === null) return;
  if (!vault) return;
  const format = compileDayFormat(vault.format);
  if ('problem' in format) {
    diagnostics.push({ file: vault.source, line: 1, column: 1, severity: 'warning', code: 'bad-value',
      message: `the daily-note format "${vault.format}" cannot be read: ${format.problem}; set \`logs:\` in kaizen.yaml` });
    return;
  }
  layout.logs = vault.folder;
  layout.logFormat = format;
  layout.logSource = vault.source;
  const template = await readVaultDailyTemplate(fs, layout.root);
  if (template) layout.dailyTemplate = template;
}

/** In words, for `kaizen check`: where daily notes are read and written, and from which setting. */
export function describeDailyLayout(layout: Layout): string {
  const folder = layout.logs === '' ? '' : `${layout.logs}/`;
  const names = layout.logFormat ? `${folder}${layout.logFormat.source}.md` : `${folder}YYYY/YYYY-MM-DD.md (or ${folder}YYYY-MM-DD.md)`;
  return `daily notes: ${names}, from ${layout.logSource}`;
}

/** The path of a day's note when there is none yet (`Journal.dayNotePath` prefers an existing one). */
export function logPath(layout: Layout, day: Day): string {
  const folder = layout.logs === '' ? '' : `${layout.logs}/`;
  if (layout.logFormat) return `${folder}${formatDay(day, layout.logFormat)}.md`;
  return `${folder}${day.slice(0, 4)}/${day}.md`;
}

/** The goal's file; refuses an id that is not one file name, so journal text never names a path outside. */
export function goalPath(layout: Layout, id: string): string {
  const problem = goalIdProblem(id);
  if (problem) throw new JournalError(`"${id}" cannot be a goal id: ${problem}; nothing was written`);
  return `${layout.goals}/${id}.md`;
}

export type JournalPath =
  | { kind: 'goal'; id: string }
  /** `rank` orders two notes of one day (0: the layout's exact path; higher: deeper, an index, words after the date). */
  | { kind: 'log'; date: Day; rank?: number }
  /** A copy of a day's note a sync tool or a duplicate command made (`2026-01-05 (sync conflict copy)`). */
  | { kind: 'copy'; date: Day; what: string }
  | { kind: 'bad-log-name'; name: string }
  /**
   * A Markdown file in the daily folder that is not a daily note under its layout: dated under another
   * format, a periodic note's name, or no date; `deep` when it sits below the folders the format names.
   */
  | { kind: 'unplaced'; reason?: 'other-format' | 'undated' | 'periodic' | 'titled'; format?: string; deep?: boolean }
  | { kind: 'review'; period: string }
  | { kind: 'sprint'; id: string }
  | { kind: 'report' }
  | { kind: 'other' };

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.md$/;

/** What a journal-relative path is, by its name alone. */
/** `rel` below `folder` (anywhere when the folder is the root, ''), or null when it is elsewhere. */
function below(folder: string, rel: string): string | null {
  if (folder === '') return rel;
  // No closure and no joined string per call: a journal's every file is classified at each read.
  return rel.length > folder.length && rel.charCodeAt(folder.length) === 47 && rel.startsWith(folder)
    ? rel.slice(folder.length + 1) : null;
}

export function classifyPath(layout: Layout, rel: string): JournalPath {
  const goal = below(layout.goals, rel);
  if (goal !== null && /^[^/]+\.md$/.test(goal) && !goal.startsWith('.')) return { kind: 'goal', id: goal.slice(0, -3) };
  const review = below(layout.reviews, rel);
  if (review !== null && /^[^/]+\.md$/.test(review)) return { kind: 'review', period: review.slice(0, -3) };
  if (below(layout.reports, rel) !== null) return { kind: 'report' };
  const sprint = below(layout.sprints, rel);
  if (sprint !== null && /^[^/]+\.md$/.test(sprint)) return { kind: 'sprint', id: sprint.slice(0, -3) };
  const log = below(layout.logs, rel);
  if (log !== null && log.endsWith('.md')) {
    const parts = log.split('/');
    if (!layout.logFormat) {
      const name = parts.at(-1) as string;
      const m = DAY_FILE.exec(name);
      const year = parts.length === 2 ? parts[0] : null;
      if (m && (parts.length === 1 || (parts.length === 2 && /^\d{4}$/.test(year as string)))) {
        const date = m[1] as Day;
        if (!isValidDay(date) || (year !== null && year !== date.slice(0, 4))) return { kind: 'bad-log-name', name: rel };
        return { kind: 'log', date, rank: 0 };
      }
    }
    const placed = placeDailyName(log.slice(0, -3), layout.logFormat ?? null);
    const deep = parts.length - 1 > (layout.logFormat ? layout.logFormat.depth : 1);
    switch (placed.kind) {
      case 'day': return { kind: 'log', date: placed.day, rank: placed.rank };
      case 'copy': return { kind: 'copy', date: placed.day, what: placed.what };
      case 'titled': return { kind: 'unplaced', reason: 'titled', deep };
      case 'other-format': return { kind: 'unplaced', reason: 'other-format', format: placed.format, deep };
      default: return { kind: 'unplaced', reason: placed.kind, deep };
    }
  }
  return { kind: 'other' };
}

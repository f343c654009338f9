// Where a vault keeps its daily notes, from its own settings (FORMAT §9, zero configuration): the
// Periodic Notes plugin (.obsidian/plugins/periodic-notes/data.json, its `daily` section when
// enabled), the Daily notes core plugin (.obsidian/daily-notes.json), Logseq's logseq/config.edn
// (`:journals-directory`, `:journal/file-name-format`), and Obsidian's own defaults (the vault root,
// YYYY-MM-DD) for a vault whose .obsidian/ says nothing about daily notes;
// how tasks are toggled, from the Obsidian Tasks plugin's settings.
import { joinPath, type JournalFileSystem } from './file-system.js';
import { DEFAULT_TASKS_SETTINGS, tasksSettingsFromPlugin, type TasksSettings } from '../model/task-status.js';

export interface VaultDailyNotes {
  /** Vault-relative folder, '' for the vault root. */
  folder: string;
  /** moment.js format; Obsidian's default when the setting is empty. */
  format: string;
  /** The settings file it came from, for `kaizen check` to say. */
  source: string;
}

export const OBSIDIAN_DEFAULT_FORMAT = 'YYYY-MM-DD';
export const OBSIDIAN_DEFAULTS_SOURCE = 'Obsidian\'s defaults (.obsidian/ has no daily-notes settings)';
const DAILY_NOTES = '.obsidian/daily-notes.json';
const LOGSEQ_CONFIG = 'logseq/config.edn';
const PERIODIC_NOTES = '.obsidian/plugins/periodic-notes/data.json';

async function readJson(fs: JournalFileSystem, path: string): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(await fs.readFile(path)));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Obsidian writes folders with or without slashes at either end. */
export function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

/** The vault's daily-note settings, or null when it has none (or they cannot be read). */
export async function readVaultDailyNotes(fs: JournalFileSystem, root: string): Promise<VaultDailyNotes | null> {
  const periodic = await readJson(fs, joinPath(root, PERIODIC_NOTES));
  const daily = periodic?.daily;
  if (daily && typeof daily === 'object' && (daily as Record<string, unknown>).enabled === true) {
    const d = daily as Record<string, unknown>;
    return { folder: normalizeFolder(text(d.folder)), format: text(d.format) || OBSIDIAN_DEFAULT_FORMAT, source: PERIODIC_NOTES };
  }
  const core = await readJson(fs, joinPath(root, DAILY_NOTES));
  if (core) return { folder: normalizeFolder(text(core.folder)), format: text(core.format) || OBSIDIAN_DEFAULT_FORMAT, source: DAILY_NOTES };
  const logseq = await readLogseqJournals(fs, root);
  if (logseq) return logseq;
  if ((await fs.stat(joinPath(root, '.obsidian')))?.kind === 'directory') {
    return { folder: '', format: OBSIDIAN_DEFAULT_FORMAT, source: OBSIDIAN_DEFAULTS_SOURCE };
  }
  return null;
}

/** Where a vault's daily-note template is (`template` of the Periodic Notes daily section or the core plugin), if set. */
export async function readVaultDailyTemplate(fs: JournalFileSystem, root: string): Promise<string | null> {
  const periodic = await readJson(fs, joinPath(root, PERIODIC_NOTES));
  const daily = periodic?.daily as Record<string, unknown> | undefined;
  if (daily && daily.enabled === true && text(daily.template)) return normalizeFolder(text(daily.template));
  const core = await readJson(fs, joinPath(root, DAILY_NOTES));
  return core && text(core.template) ? normalizeFolder(text(core.template)) : null;
}

/** Logseq's journals: `:journals-directory` (default `journals`) and `:journal/file-name-format` (default `yyyy_MM_dd`). */
export async function readLogseqJournals(fs: JournalFileSystem, root: string): Promise<VaultDailyNotes | null> {
  let edn: string;
  try {
    edn = new TextDecoder().decode(await fs.readFile(joinPath(root, LOGSEQ_CONFIG)));
  } catch {
    return null;
  }
  // Comments start with `;`; strings in this file never hold one where these keys are.
  const live = edn.split(/\r?\n/).map((line) => line.replace(/(^|\s);.*$/, '')).join('\n');
  const folder = /:journals-directory\s+"([^"]*)"/.exec(live)?.[1] ?? 'journals';
  const format = /:journal\/file-name-format\s+"([^"]*)"/.exec(live)?.[1] ?? 'yyyy_MM_dd';
  return { folder: normalizeFolder(folder), format: momentFromJavaFormat(format), source: LOGSEQ_CONFIG };
}

/** Logseq's date patterns (Java's: `yyyy_MM_dd`, `EEE`, `'text'`) as moment.js tokens (`YYYY_MM_DD`, `ddd`, `[text]`). */
export function momentFromJavaFormat(java: string): string {
  let out = '';
  for (const m of java.matchAll(/'([^']*)'|(y+|M+|d+|E+)|([A-Za-z]+)|([^A-Za-z']+)/g)) {
    if (m[1] !== undefined) out += m[1] ? `[${m[1]}]` : '[\']';
    else if (m[2] !== undefined) {
      const t = m[2];
      out += t[0] === 'y' ? (t.length === 2 ? 'YY' : 'YYYY') : t[0] === 'M' ? t : t[0] === 'd' ? (t.length >= 2 ? 'DD' : 'D') : t.length >= 4 ? 'dddd' : 'ddd';
    } else if (m[3] !== undefined) out += `[${m[3]}]`;
    else out += m[4] as string;
  }
  return out;
}

export type PeriodicKind = 'week' | 'month' | 'quarter';
const SECTIONS: Record<PeriodicKind, string> = { week: 'weekly', month: 'monthly', quarter: 'quarterly' };
const DEFAULT_PERIOD_FORMATS: Record<PeriodicKind, string> = { week: 'gggg-[W]ww', month: 'YYYY-MM', quarter: 'YYYY-[Q]Q' };

/** The Periodic Notes plugin's enabled weekly, monthly and quarterly notes (its defaults for an empty format). */
export async function readVaultPeriodicNotes(fs: JournalFileSystem, root: string): Promise<Partial<Record<PeriodicKind, VaultDailyNotes>>> {
  const periodic = await readJson(fs, joinPath(root, PERIODIC_NOTES));
  const out: Partial<Record<PeriodicKind, VaultDailyNotes>> = {};
  for (const kind of Object.keys(SECTIONS) as PeriodicKind[]) {
    const section = periodic?.[SECTIONS[kind]];
    if (!section || typeof section !== 'object' || (section as Record<string, unknown>).enabled !== true) continue;
    const c = section as Record<string, unknown>;
    out[kind] = { folder: normalizeFolder(text(c.folder)), format: text(c.format) || DEFAULT_PERIOD_FORMATS[kind], source: PERIODIC_NOTES };
  }
  return out;
}

/** The core Templates plugin's `dateFormat` and `timeFormat` (what `{{date}}` and `{{time}}` write), if set. */
export async function readTemplateFormats(fs: JournalFileSystem, root: string): Promise<{ dateFormat: string | null; timeFormat: string | null }> {
  const templates = await readJson(fs, joinPath(root, '.obsidian/templates.json'));
  return { dateFormat: text(templates?.dateFormat) || null, timeFormat: text(templates?.timeFormat) || null };
}

export const TASKS_PLUGIN_SETTINGS = '.obsidian/plugins/obsidian-tasks-plugin/data.json';

/** The vault's own settings a read of the journal depends on (where daily notes are, what a task's status means). */
export const VAULT_SETTINGS_FILES: readonly string[] = [DAILY_NOTES, PERIODIC_NOTES, LOGSEQ_CONFIG, TASKS_PLUGIN_SETTINGS];

/** The Obsidian Tasks plugin's statuses and settings; its defaults when the vault has none. */
export async function readVaultTasksSettings(fs: JournalFileSystem, root: string): Promise<{ settings: TasksSettings; problems: string[]; found: boolean }> {
  const path = joinPath(root, TASKS_PLUGIN_SETTINGS);
  if ((await fs.stat(path))?.kind !== 'file') return { settings: DEFAULT_TASKS_SETTINGS, problems: [], found: false };
  const data = await readJson(fs, path);
  if (data === null) return { settings: DEFAULT_TASKS_SETTINGS, problems: ['it is not a JSON object; using the plugin\'s defaults'], found: true };
  return { ...tasksSettingsFromPlugin(data), found: true };
}

// Where things live in a journal (FORMAT.md §1): root discovery, kaizen.yaml, and what a path is.
import { isValidDay, type Day } from '../model/dates.js';
import type { Diagnostic } from '../model/types.js';
import { JournalError } from '../model/errors.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { parseFrontmatter } from '../parser/frontmatter.js';
import { decodeUtf8 } from '../parser/text.js';
import { dirname, joinPath, type JournalFileSystem } from './file-system.js';

export const CONFIG_FILE = 'kaizen.yaml';

export interface Layout {
  root: string;
  goals: string;
  logs: string;
  reviews: string;
  reports: string;
  /** `as_of:` pins "today" for a demo or a sample journal, so it looks the same on any day (shown as such). */
  asOf?: Day;
}

export const DEFAULT_FOLDERS = { goals: 'goals', logs: 'logs', reviews: 'reviews', reports: 'reports' } as const;
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
  const layout: Layout = { root, ...DEFAULT_FOLDERS };
  const diagnostics: Diagnostic[] = [];
  const file = joinPath(root, CONFIG_FILE);
  if ((await fs.stat(file))?.kind !== 'file') return { layout, diagnostics };
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
  for (const key of Object.keys(DEFAULT_FOLDERS) as FolderKey[]) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    const place = parsed.places[`${key}=`] ?? { line: 1, column: 1 };
    const folder = typeof value === 'string' ? value.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') : '';
    if (!folder || folder.startsWith('/') || folder.split('/').includes('..') || /^[a-zA-Z]:/.test(folder)) {
      diagnostics.push({ file: CONFIG_FILE, line: place.line, column: place.column, severity: 'error', code: 'bad-value',
        message: `\`${key}\` must be a folder inside the journal (like \`${DEFAULT_FOLDERS[key]}\`); using "${DEFAULT_FOLDERS[key]}"` });
      continue;
    }
    layout[key] = folder;
  }
  const asOf = data.as_of;
  if (asOf !== undefined && asOf !== null) {
    const place = parsed.places['as_of='] ?? { line: 1, column: 1 };
    if (isValidDay(asOf)) layout.asOf = asOf;
    else diagnostics.push({ file: CONFIG_FILE, line: place.line, column: place.column, severity: 'error', code: 'bad-value', message: '`as_of` must be a day like 2026-11-22; using the real today' });
  }
  return { layout, diagnostics };
}

export function logPath(layout: Layout, day: Day): string {
  return `${layout.logs}/${day.slice(0, 4)}/${day}.md`;
}

/** The goal's file; refuses an id that is not one file name, so journal text never names a path outside. */
export function goalPath(layout: Layout, id: string): string {
  const problem = goalIdProblem(id);
  if (problem) throw new JournalError(`"${id}" cannot be a goal id: ${problem}; nothing was written`);
  return `${layout.goals}/${id}.md`;
}

export type JournalPath =
  | { kind: 'goal'; id: string }
  | { kind: 'log'; date: Day }
  | { kind: 'bad-log-name'; name: string }
  | { kind: 'review'; period: string }
  | { kind: 'report' }
  | { kind: 'other' };

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.md$/;

/** What a journal-relative path is, by its name alone. */
export function classifyPath(layout: Layout, rel: string): JournalPath {
  const inside = (folder: string): string | null => (rel.startsWith(`${folder}/`) ? rel.slice(folder.length + 1) : null);
  const goal = inside(layout.goals);
  if (goal !== null && /^[^/]+\.md$/.test(goal) && !goal.startsWith('.')) return { kind: 'goal', id: goal.slice(0, -3) };
  const log = inside(layout.logs);
  if (log !== null) {
    const parts = log.split('/');
    const name = parts.at(-1) as string;
    const m = DAY_FILE.exec(name);
    const year = parts.length === 2 ? parts[0] : null;
    if (m && (parts.length === 1 || (parts.length === 2 && /^\d{4}$/.test(year as string)))) {
      const date = m[1] as Day;
      if (!isValidDay(date) || (year !== null && year !== date.slice(0, 4))) return { kind: 'bad-log-name', name: rel };
      return { kind: 'log', date };
    }
    return { kind: 'other' };
  }
  const review = inside(layout.reviews);
  if (review !== null && /^[^/]+\.md$/.test(review)) return { kind: 'review', period: review.slice(0, -3) };
  if (inside(layout.reports) !== null) return { kind: 'report' };
  return { kind: 'other' };
}

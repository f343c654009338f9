// Where daily notes are when no setting says (FORMAT §9): the folder holding the most dated note
// names (year and month folders below it are part of the name), and the format that names most of
// them exactly. `kaizen init --here` writes it into kaizen.yaml; `kaizen check` and the "not a
// journal" message say what they found. A guess is only ever reported as a guess.
import { COMMON_DAILY_FORMATS, compileDayFormat, parseDayName, type DayFormat } from '../model/date-format.js';
import { datedUnderAnyFormat } from '../model/daily-names.js';
import { joinPath, type JournalFileSystem } from './file-system.js';
import type { Diagnostic } from '../model/types.js';
import { OBSIDIAN_DEFAULTS_SOURCE, readVaultDailyNotes, type VaultDailyNotes } from './obsidian-settings.js';

const CONFIG_FILE = 'kaizen.yaml';

export interface DailyGuess {
  /** Root-relative folder ('' for the root). */
  folder: string;
  format: string;
  /** Dated notes found under the folder, and how many the format names exactly. */
  count: number;
  exact: number;
}

const SKIPPED = /^(node_modules|templates?|goals|reviews|reports|sprints|\.trash)$/i;
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)$/i;
/** Folder names that are part of a date path (`2026`, `2026-01`, `01`, `January`, `2026-01-05` of an index.md). */
const DATE_FOLDER = (name: string) => /^\d{4}$|^\d{4}[-_.]\d{1,2}$|^\d{1,2}$|^\d{4}-\d{2}-\d{2}$/.test(name)
  || MONTHS.test(name.replace(/^\d{1,2}[-_. ]/, ''));

/** At least this many dated notes before a folder is called the daily folder. */
const MIN_NOTES = 3;

export async function guessDailyLayout(fs: JournalFileSystem, root: string, maxDepth = 6): Promise<DailyGuess | null> {
  const byFolder = new Map<string, string[]>();
  const visit = async (rel: string, depth: number): Promise<void> => {
    let entries: [string, string][];
    try {
      entries = await fs.readDirectory(rel === '' ? root : joinPath(root, rel));
    } catch {
      return;
    }
    const folders: string[] = [];
    for (const [name, kind] of entries) {
      if (name.startsWith('.')) continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      if (kind === 'directory' && depth < maxDepth && !SKIPPED.test(name)) folders.push(child);
      if (kind !== 'file' || !name.endsWith('.md')) continue;
      const segments = child.slice(0, -3).split('/');
      let stem = segments.pop() as string;
      if (/^(index|readme|_index)$/i.test(stem) && segments.length > 0) stem = segments.pop() as string;
      if (!datedUnderAnyFormat(stem)) continue;
      while (segments.length > 0 && DATE_FOLDER(segments.at(-1) as string)) segments.pop();
      const folder = segments.join('/');
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), child]);
    }
    await Promise.all(folders.map((folder) => visit(folder, depth + 1)));
  };
  await visit('', 0);
  const best = [...byFolder].filter(([, files]) => files.length >= MIN_NOTES)
    .sort(([a, x], [b, y]) => y.length - x.length || a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0];
  if (!best) return null;
  const [folder, files] = best;
  const inside = files.map((f) => f.slice(folder === '' ? 0 : folder.length + 1, -3));
  let chosen: { format: string; exact: number } | null = null;
  for (const source of candidateFormats()) {
    const format = compileDayFormat(source) as DayFormat;
    const exact = inside.filter((name) => parseDayName(name, format) !== null).length;
    if (exact > (chosen?.exact ?? 0)) chosen = { format: source, exact };
  }
  if (!chosen) return null;
  return { folder, format: chosen.format, count: files.length, exact: chosen.exact };
}

/** The formats real vaults use, and each flat one as a folder holding an `index.md` (static-site journals). */
function candidateFormats(): string[] {
  const flat = COMMON_DAILY_FORMATS.filter((f) => !f.includes('/'));
  return [...COMMON_DAILY_FORMATS, ...flat.map((f) => `${f}/[index]`)];
}

/** In words: "198 dated notes in journals/ look like YYYY_MM_DD". */
export function describeGuess(guess: DailyGuess): string {
  const where = guess.folder === '' ? 'the folder root' : `${guess.folder}/`;
  return `${guess.count} dated notes in ${where} look like ${guess.format}`;
}

/**
 * A journal whose daily folder holds no note while dated notes sit elsewhere: one info saying where
 * they are and the setting that reads them (asked only then, so a journal with notes pays nothing).
 */
export async function dailyGuessDiagnostics(fs: JournalFileSystem, root: string, logs: string): Promise<Diagnostic[]> {
  const guess = await guessDailyLayout(fs, root);
  if (!guess || guess.folder === logs) return [];
  return [{
    file: CONFIG_FILE, line: 1, column: 1, severity: 'info', code: 'unplaced-notes',
    message: `no daily notes in ${logs === '' ? 'the journal root' : `${logs}/`}, but ${describeGuess(guess)}: to read them, set `
      + `\`logs: { folder: ${JSON.stringify(guess.folder)}, format: ${JSON.stringify(guess.format)} }\` in kaizen.yaml`,
  }];
}

/**
 * The vault's daily-note settings; where they are only Obsidian's defaults (the root, YYYY-MM-DD) but
 * the dated notes sit in a folder of their own, that folder and its names, said to be a guess.
 */
export async function vaultDailyNotesOrGuess(fs: JournalFileSystem, root: string): Promise<(VaultDailyNotes & { guessed: boolean }) | null> {
  const vault = await readVaultDailyNotes(fs, root);
  if (vault && vault.source !== OBSIDIAN_DEFAULTS_SOURCE) return { ...vault, guessed: false };
  const guess = await guessDailyLayout(fs, root);
  if (guess && (vault === null || guess.folder !== '')) {
    const why = vault ? `${vault.source}; ${describeGuess(guess)}` : describeGuess(guess);
    return { folder: guess.folder, format: guess.format, source: `guessed: ${why}`, guessed: true };
  }
  return vault ? { ...vault, guessed: false } : null;
}

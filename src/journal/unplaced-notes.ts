// Nothing silently skipped (FORMAT §9): every Markdown file in the daily folder is a day's note, or
// named — a second note for a day (a sync conflict or duplicate copy said as such), or one
// `unplaced-notes` summary per daily folder with counts per reason and the setting that would read
// them. Dated notes in folders beside the daily folder (an `Archive/`) get one note per folder.
import { COMMON_DAILY_FORMATS, compileDayFormat, parseDayName, type DayFormat } from '../model/date-format.js';
import { datedUnderAnyFormat } from '../model/daily-names.js';
import type { Day } from '../model/dates.js';
import type { Diagnostic } from '../model/types.js';
import { joinPath, type JournalFileSystem } from './file-system.js';
import { classifyPath, describeDailyLayout, type Layout } from './layout.js';
import type { JournalFile } from './journal.js';

export interface UnplacedNote {
  rel: string;
  reason: 'other-format' | 'undated' | 'titled';
  format?: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What placeDailyNotes found, by position in its list of files: kept with the listing it describes. */
export interface KeptPlacement {
  logFiles: [Day, number][];
  unplaced: UnplacedNote[];
  copies: Day[];
  diagnostics: Diagnostic[];
}

/** Where a placement is kept between reads (the persistent parse cache), under the layout and listing it is for. */
export interface PlacementMemory {
  placement?(key: string): KeptPlacement | undefined;
  setPlacement?(key: string, placement: KeptPlacement): void;
}

/**
 * placeDailyNotes, or what it said last time for the same layout and the same list of files: a warm read of ten
 * years need not classify 4,000 names again (the file names, not their contents, decide where a note goes).
 */
export function placeDailyNotesKept(layout: Layout, files: readonly JournalFile[], diagnostics: Diagnostic[],
  memory: PlacementMemory | undefined): ReturnType<typeof placeDailyNotes> {
  if (!memory?.placement || !memory.setPlacement) return placeDailyNotes(layout, files, diagnostics);
  const key = `${JSON.stringify(layout)}\n${files.map((f) => f.rel).join('\n')}`;
  const kept = memory.placement(key);
  if (kept && kept.logFiles.every(([, i]) => files[i] !== undefined)) {
    diagnostics.push(...kept.diagnostics);
    return {
      logFiles: new Map(kept.logFiles.map(([day, i]) => [day, files[i] as JournalFile])),
      unplaced: kept.unplaced,
      copies: new Set(kept.copies),
    };
  }
  const found: Diagnostic[] = [];
  const placed = placeDailyNotes(layout, files, found);
  diagnostics.push(...found);
  const position = new Map(files.map((f, i) => [f, i]));
  memory.setPlacement(key, {
    logFiles: [...placed.logFiles].map(([day, file]) => [day, position.get(file) as number]),
    unplaced: placed.unplaced,
    copies: [...placed.copies],
    diagnostics: found,
  });
  return placed;
}

/**
 * The note read for each day (the layout's own path first), and what is named instead of read. `copies`: the
 * days whose only note is a copy (`… (conflicted copy).md`): the day has that file, which is not read as its log.
 */
export function placeDailyNotes(layout: Layout, files: readonly JournalFile[], diagnostics: Diagnostic[]):
  { logFiles: Map<Day, JournalFile>; unplaced: UnplacedNote[]; copies: Set<Day> } {
  const candidates = new Map<Day, { file: JournalFile; rank: number; copy: string | null }[]>();
  const unplaced: UnplacedNote[] = [];
  for (const file of files) {
    const kind = classifyPath(layout, file.rel);
    if (kind.kind === 'log' || kind.kind === 'copy') {
      const list = candidates.get(kind.date) ?? [];
      list.push({ file, rank: kind.kind === 'log' ? kind.rank ?? 0 : 9, copy: kind.kind === 'copy' ? kind.what : null });
      candidates.set(kind.date, list);
    } else if (kind.kind === 'bad-log-name') {
      diagnostics.push({ file: file.rel, line: 1, column: 1, severity: 'error', code: 'bad-date',
        message: 'the file name is not a real date (logs/YYYY/YYYY-MM-DD.md): the log is not read' });
    } else if (kind.kind === 'unplaced' && kind.reason !== 'periodic') {
      // Below the format's folders, only dated names are daily notes gone astray; other notes are the vault's own.
      if (kind.deep && kind.reason !== 'other-format' && kind.reason !== 'titled') continue;
      unplaced.push({ rel: file.rel, reason: kind.reason ?? 'undated', format: kind.format });
    }
  }
  const logFiles = new Map<Day, JournalFile>();
  const copies = new Set<Day>();
  for (const [day, list] of [...candidates].sort(([a], [b]) => compare(a, b))) {
    list.sort((a, b) => a.rank - b.rank || compare(a.file.rel, b.file.rel));
    const [read, ...others] = list as [typeof list[number], ...typeof list];
    logFiles.set(day, read.file);
    if (read.copy !== null) copies.add(day);
    for (const other of others) {
      const what = other.copy ? ` (${other.copy})` : '';
      diagnostics.push({ file: other.file.rel, line: 1, column: 1, severity: 'warning', code: 'second-note',
        message: `a second note for ${day}${what}; ${read.file.rel} is the one read: merge it into that note` });
    }
  }
  return { logFiles, unplaced, copies };
}

/** A format under which every example (path under the daily folder, without `.md`) is a daily note. */
export function guessDailyFormat(examples: readonly string[]): string | null {
  for (const source of COMMON_DAILY_FORMATS) {
    const format = compileDayFormat(source) as DayFormat;
    if (examples.length > 0 && examples.every((name) => parseDayName(name, format) !== null)) return source;
  }
  return null;
}

/** One summary per daily folder: how many files, why each kind is not read, examples, and what would read them. */
export function unplacedNotesDiagnostics(layout: Layout, notes: readonly UnplacedNote[]): Diagnostic[] {
  if (notes.length === 0) return [];
  const sorted = [...notes].sort((a, b) => compare(a.rel, b.rel));
  const where = layout.logs === '' ? 'the journal root' : `${layout.logs}/`;
  const prefix = layout.logs === '' ? '' : `${layout.logs}/`;
  // Examples as paths under the daily folder, so a note in a subfolder is found where it is.
  const name = (rel: string) => rel.slice(prefix.length);
  const parts: string[] = [];
  const byFormat = new Map<string, UnplacedNote[]>();
  for (const note of sorted.filter((n) => n.reason === 'other-format')) {
    byFormat.set(note.format as string, [...(byFormat.get(note.format as string) ?? []), note]);
  }
  for (const [format, list] of byFormat) {
    parts.push(`${list.length} dated as ${format} (${list.slice(0, 2).map((n) => name(n.rel)).join(', ')})`);
  }
  const titled = sorted.filter((n) => n.reason === 'titled');
  if (titled.length > 0) parts.push(`${titled.length} titled after a date, a note about that day rather than the day's note (${titled.slice(0, 2).map((n) => name(n.rel)).join(', ')})`);
  const undated = sorted.filter((n) => n.reason === 'undated');
  if (undated.length > 0) parts.push(`${undated.length} with no date in the name (${undated.slice(0, 2).map((n) => name(n.rel)).join(', ')})`);
  const one = sorted.length === 1;
  const guess = guessDailyFormat(sorted.map((n) => n.rel.slice(prefix.length, -3)));
  const ifDaily = one ? 'if it is a daily note' : 'if they are daily notes';
  const hint = guess
    ? `${ifDaily}, set \`logs: { folder: "${layout.logs}", format: "${guess}" }\` in kaizen.yaml`
    : byFormat.size > 0
      ? 'rename them to the layout\'s names (or set `logs.format` if all your daily notes use one of those), otherwise nothing needs doing'
      : `${ifDaily}, set \`logs: { folder, format }\` in kaizen.yaml to the name format; otherwise nothing needs doing`;
  return [{
    file: (sorted[0] as UnplacedNote).rel, line: 1, column: 1, severity: 'info', code: 'unplaced-notes',
    message: `${sorted.length} Markdown ${one ? 'file' : 'files'} in ${where} ${one ? 'is not read as a daily note' : 'are not read as daily notes'} `
      + `(${describeDailyLayout(layout)}): ${parts.join('; ')}: ${hint}`,
    files: sorted.map((n) => n.rel),
  }];
}

const SKIPPED = /^(templates?|node_modules|attachments?|assets|\.trash)$/i;

/**
 * Folders beside the daily folder (under its parent, a few levels down) whose notes are mostly dated
 * names — an `Archive/2021-23/` of old daily notes: one info each, naming every file, never read.
 */
export async function notesBesideDailyFolder(fs: JournalFileSystem, layout: Layout): Promise<Diagnostic[]> {
  if (layout.logs === '') return [];
  const parent = layout.logs.includes('/') ? layout.logs.slice(0, layout.logs.lastIndexOf('/')) : '';
  const journalFolders = new Set([layout.logs, layout.goals, layout.reviews, layout.reports, layout.sprints,
    ...Object.values(layout.periodicNotes ?? {}).map((p) => p.folder)]);
  const out: Diagnostic[] = [];
  const visit = async (rel: string, depth: number): Promise<void> => {
    let entries: [string, string][];
    try {
      entries = await fs.readDirectory(rel === '' ? layout.root : joinPath(layout.root, rel));
    } catch {
      return;
    }
    const dated: { rel: string; format: string }[] = [];
    let markdown = 0;
    const folders: string[] = [];
    for (const [name, kind] of entries.sort(([a], [b]) => compare(a, b))) {
      if (name.startsWith('.')) continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      if (kind === 'directory') {
        if (depth < 3 && !journalFolders.has(child) && !SKIPPED.test(name)) folders.push(child);
      } else if (kind === 'file' && name.endsWith('.md')) {
        markdown++;
        const found = datedUnderAnyFormat(name.slice(0, -3));
        if (found) dated.push({ rel: child, format: found.format });
      }
    }
    // A folder of mostly dated notes is an archive of daily notes; a dated meeting note among others is not.
    if (rel !== parent && dated.length >= 1 && dated.length * 2 >= markdown) {
      const formats = [...new Set(dated.map((d) => d.format))].join(', ');
      const examples = dated.slice(0, 2).map((d) => d.rel.slice(d.rel.lastIndexOf('/') + 1)).join(', ');
      out.push({
        file: (dated[0] as { rel: string }).rel, line: 1, column: 1, severity: 'info', code: 'unplaced-notes',
        message: `${dated.length} dated ${dated.length === 1 ? 'note' : 'notes'} in ${rel}/ (${formats}; e.g. ${examples}) `
          + `${dated.length === 1 ? 'is' : 'are'} beside the daily folder ${layout.logs}/ and not read as daily notes: move them into `
          + `${layout.logs}/ to count them (Kaizen writes new days there, so such a day would get a second note)`,
        files: dated.map((d) => d.rel),
      });
    }
    for (const folder of folders) await visit(folder, depth + 1);
  };
  await visit(parent, 0);
  return out;
}

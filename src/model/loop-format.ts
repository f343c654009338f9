// Loop Habit Tracker's CSV export (FORMAT §12), read as Loop writes it (uhabits-core HabitList.writeCSV and
// HabitsCSVExporter): `Habits.csv` (the current header and the older one with NumRepetitions/Interval) and each
// habit's `NNN name/Checkmarks.csv` (`Date,Value,Notes`, newest first; numeric values in thousandths).
import { isValidDay, type Day } from './dates.js';
import { JournalError } from './errors.js';
import type { HabitLevel, HabitTarget } from './types.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

/** RFC 4180 CSV: quoted cells with doubled quotes and line breaks inside, CRLF or LF. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      rowLine = ++line;
    } else cell += ch;
  }
  if (quoted) throw new JournalError(`${file}:${rowLine}: a quoted cell is never closed`);
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
  return rows;
}

export interface LoopHabit {
  /** `001`: also the prefix of the habit's folder in the export. */
  position: string;
  /** What the goal's `loop:` holds to match this habit on the next import: the backup's uuid, else the position. */
  key: string;
  name: string;
  numerical: boolean;
  question: string | null;
  description: string | null;
  num: number;
  den: number;
  unit: string | null;
  targetKind: HabitTarget['kind'];
  targetValue: number | null;
  archived: boolean;
}

const CURRENT = ['Position', 'Name', 'Type', 'Question', 'Description', 'FrequencyNumerator', 'FrequencyDenominator', 'Color', 'Unit', 'Target Type', 'Target Value', 'Archived?'];

/** Habits.csv, by column name, so the current and the older header (…,NumRepetitions,Interval,Color) both read. */
export function readLoopHabits(text: string, file: string): LoopHabit[] {
  const rows = parseCsv(text, file);
  const header = rows[0]?.cells.map((c) => c.trim()) ?? [];
  const col = (name: string) => header.indexOf(name);
  const older = col('NumRepetitions') >= 0 && col('Interval') >= 0;
  if (col('Position') < 0 || col('Name') < 0 || (!older && (col('FrequencyNumerator') < 0 || col('FrequencyDenominator') < 0))) {
    throw new JournalError(`${file}:1: not Loop Habit Tracker's Habits.csv (expected the header ${CURRENT.join(',')})`);
  }
  const rename: Record<string, string> = older ? { FrequencyNumerator: 'NumRepetitions', FrequencyDenominator: 'Interval' } : {};
  return rows.slice(1).map((row) => loopHabit((name) => {
    const c = col(rename[name] ?? name);
    return c >= 0 ? (row.cells[c] ?? '').trim() : '';
  }, `${file}:${row.line}`, { spelt: (name) => rename[name] ?? name }));
}

/**
 * One habit from its cells named as in the current Habits.csv header (a backup's row is spelt the same way
 * first), so a CSV export and a backup of the same habits give the same goals. `spelt` names a cell in messages
 * as the file does; `key` is the backup's uuid.
 */
export function loopHabit(cell: (name: string) => string, where: string, options: { key?: string; spelt?: (name: string) => string } = {}): LoopHabit {
  const spelt = options.spelt ?? ((name: string) => name);
  const int = (name: string) => {
    const v = cell(name);
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new JournalError(`${where}: ${spelt(name)} should be a whole number from 1, not "${v}"`);
    return Number(v);
  };
  const num = int('FrequencyNumerator');
  const den = int('FrequencyDenominator');
  if (num > den) throw new JournalError(`${where}: ${num} times in ${den} days is more than once a day`);
  const type = cell('Type') || 'YES_NO';
  if (type !== 'YES_NO' && type !== 'NUMERICAL') throw new JournalError(`${where}: unknown habit ${spelt('Type')} "${type}" (YES_NO or NUMERICAL)`);
  const kind = cell('Target Type');
  if (type === 'NUMERICAL' && kind !== 'AT_LEAST' && kind !== 'AT_MOST') throw new JournalError(`${where}: unknown ${spelt('Target Type')} "${kind}" (AT_LEAST or AT_MOST)`);
  const target = cell('Target Value');
  if (type === 'NUMERICAL' && !Number.isFinite(Number(target))) throw new JournalError(`${where}: ${spelt('Target Value')} "${target}" is not a number`);
  const name = cell('Name');
  if (!name) throw new JournalError(`${where}: a habit without a ${spelt('Name')}`);
  const position = cell('Position');
  return {
    position, key: options.key ?? position, name, numerical: type === 'NUMERICAL', question: cell('Question') || null, description: cell('Description') || null,
    num, den, unit: cell('Unit') || null, targetKind: kind === 'AT_MOST' ? 'at-most' : 'at-least',
    targetValue: type === 'NUMERICAL' ? Number(target) : null, archived: cell('Archived?').toLowerCase() === 'true',
  };
}

/** What one checkmark becomes (FORMAT §12); null for YES_AUTO, NO and UNKNOWN, which write nothing. */
export interface LoopDay {
  date: Day;
  level: HabitLevel;
  value: number | null;
  note: string | null;
}

export interface LoopCheckmarks {
  days: LoopDay[];
  /** The oldest date with any entry (NO and YES_AUTO included): where Loop's score starts. */
  oldest: Day | null;
}

const TOKENS = new Set(['YES_MANUAL', 'YES_AUTO', 'NO', 'SKIP', 'UNKNOWN']);

export function readLoopCheckmarks(text: string, file: string, numerical: boolean): LoopCheckmarks {
  const rows = parseCsv(text, file);
  const header = rows[0]?.cells.map((c) => c.trim()).join(',');
  if (header !== 'Date,Value,Notes' && header !== 'Date,Value') throw new JournalError(`${file}:1: not a Loop Checkmarks.csv (expected the header Date,Value,Notes)`);
  return loopDays(rows.slice(1).map((row) => ({
    where: `${file}:${row.line}`, date: (row.cells[0] ?? '').trim(), value: (row.cells[1] ?? '').trim(), note: row.cells[2] ?? '',
  })), numerical);
}

/** One checkmark as Checkmarks.csv spells it: `value` is Loop's token (Entry.formattedValue) or a number. */
export interface LoopMark {
  where: string;
  date: string;
  value: string;
  note: string;
}

/** What each checkmark becomes (FORMAT §12), for an export's Checkmarks.csv and a backup's Repetitions alike. */
export function loopDays(marks: Iterable<LoopMark>, numerical: boolean): LoopCheckmarks {
  const days: LoopDay[] = [];
  let oldest: Day | null = null;
  for (const { where, date, value, note: text } of marks) {
    const note = text.replace(/\s+/g, ' ').trim() || null;
    if (!isValidDay(date)) throw new JournalError(`${where}: "${date}" is not a date (YYYY-MM-DD)`);
    const number = /^-?\d+$/.test(value) ? Number(value) : null;
    if (!TOKENS.has(value) && (number === null || !numerical)) throw new JournalError(`${where}: unknown value "${value}" (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN${numerical ? ' or a number' : ''})`);
    if (value !== 'UNKNOWN' && (oldest === null || date < oldest)) oldest = date;
    if (value === 'YES_MANUAL') days.push({ date, level: 'standard', value: null, note });
    else if (value === 'SKIP') days.push({ date, level: 'skip', value: null, note });
    // Loop writes a numeric day as its stored integer, thousandths of the unit (Entry.formattedValue).
    else if (number !== null && number > 0) days.push({ date, level: 'standard', value: number / 1000, note });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { days, oldest };
}

/**
 * Loop's stored value as its CSV export spells it (Entry.formattedValue): the codes -1…3 by name for either
 * type, any other integer as itself (thousandths on a numeric habit; on a yes/no habit, an unknown value).
 */
export function loopValueToken(value: number): string {
  const names: Record<number, string> = { [-1]: 'UNKNOWN', 0: 'NO', 1: 'YES_AUTO', 2: 'YES_MANUAL', 3: 'SKIP' };
  return names[value] ?? String(value);
}

/** Loop's num/den in FORMAT §11's spelling. */
export function loopCadence(num: number, den: number): string {
  if (num === den) return 'daily';
  if (den === 7) return `${num}/week`;
  if (den === 14) return `${num}/2weeks`;
  if (den === 30) return `${num}/month`;
  return num === 1 ? `every ${den} days` : `${num} in ${den} days`;
}

/** A numeric habit's `per` from Loop's denominator (1 day, 7 week, 30 month). */
export function loopTargetPer(den: number): HabitTarget['per'] | null {
  return den === 1 ? 'day' : den === 7 ? 'week' : den === 30 ? 'month' : null;
}

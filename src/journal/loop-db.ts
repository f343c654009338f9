// Loop Habit Tracker's backup database (FORMAT §12), "Loop Habits Backup ….db": SQLite with the tables
// `Habits` and `Repetitions` as Loop's migrations (uhabits-core resources/migrations/09…25.sql) leave them.
// Reading spells each row the way Loop's CSV export would (Habits.csv cells, Entry.formattedValue), so both
// go through the one mapping of loop-format.ts; writing builds the schema of Loop's current version.
import { createHash } from 'node:crypto';
import type { Database, SqlValue } from 'sql.js';
import { JournalError } from '../model/errors.js';
import { loopDays, loopHabit, loopValueToken, type LoopMark } from '../model/loop-format.js';
import type { ImportedHabit } from './loop-import.js';

/** Loop's DATABASE_VERSION (uhabits-core Constants.kt): its importer refuses a newer file, and so does this one. */
export const LOOP_DB_VERSION = 25;

const SQLITE_MAGIC = 'SQLite format 3\0';

export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === SQLITE_MAGIC;
}

/** A stable Loop uuid for a goal (32 hex digits, as Loop spells them): the same id gives the same uuid. */
export function loopUuid(goalId: string): string {
  return createHash('sha256').update(`kaizen-journal goal ${goalId}`).digest('hex').slice(0, 32);
}

export const isLoopUuid = (key: string): boolean => /^[0-9a-f]{32}$/.test(key);

async function openDb(bytes: Uint8Array | null, label: string): Promise<Database> {
  const { loadSqlite } = await import('./sqlite-wasm.js');
  const SQL = await loadSqlite();
  try {
    return new SQL.Database(bytes);
  } catch (e) {
    throw new JournalError(`${label}: cannot be read as SQLite (${e instanceof Error ? e.message : String(e)}); nothing was imported`);
  }
}

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const result = db.exec(sql, params)[0];
  if (!result) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])));
}

/** Habits.csv's names for the backup's columns, to name the column in a message. */
const COLUMNS: Record<string, string> = {
  Name: 'name', Type: 'type', FrequencyNumerator: 'freq_num', FrequencyDenominator: 'freq_den', 'Target Type': 'target_type', 'Target Value': 'target_value',
};

const text = (v: SqlValue | undefined): string => (v === null || v === undefined ? '' : v instanceof Uint8Array ? '' : String(v));

/** Loop stores a day as its midnight UTC in milliseconds (Timestamp.unixTime); anything else is no day. */
function loopDay(timestamp: SqlValue | undefined): string | null {
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) return null;
  const at = new Date(timestamp);
  if (Number.isNaN(at.getTime()) || at.getUTCHours() || at.getUTCMinutes() || at.getUTCSeconds() || at.getUTCMilliseconds()) return null;
  return at.toISOString().slice(0, 10);
}

/** Habits and days of a Loop backup; refuses a file that is not one, or one from a newer Loop, naming the file. */
export async function readLoopBackup(bytes: Uint8Array, label: string): Promise<ImportedHabit[]> {
  if (!isSqliteFile(bytes)) throw new JournalError(`${label}: not a SQLite database, so not a Loop Habits Backup; nothing was imported`);
  const db = await openDb(bytes, label);
  try {
    return readOpened(db, label);
  } catch (e) {
    if (e instanceof JournalError) throw e;
    // sql.js reports a damaged file only when a query reads it.
    throw new JournalError(`${label}: cannot be read as SQLite (${e instanceof Error ? e.message : String(e)}); nothing was imported`);
  } finally {
    db.close();
  }
}

function readOpened(db: Database, label: string): ImportedHabit[] {
  const version = Number(rows(db, 'PRAGMA user_version')[0]?.user_version ?? 0);
  if (version > LOOP_DB_VERSION) {
    throw new JournalError(`${label}: made by a newer Loop Habit Tracker (database version ${version}; kaizen reads up to ${LOOP_DB_VERSION}); `
      + 'nothing was imported. Update kaizen, or export CSV in Loop and import that zip');
  }
  const tables = new Map(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => [text(r.name).toLowerCase(), text(r.name)]));
  for (const t of ['habits', 'repetitions']) {
    if (!tables.has(t)) throw new JournalError(`${label}: not a Loop Habit Tracker backup (no ${t === 'habits' ? 'Habits' : 'Repetitions'} table); nothing was imported`);
  }
  const columns = (table: string) => new Set(rows(db, `PRAGMA table_info("${table}")`).map((r) => text(r.name).toLowerCase()));
  const habitCols = columns(tables.get('habits') as string);
  const repCols = columns(tables.get('repetitions') as string);
  const need = (have: Set<string>, table: string, names: string[]) => {
    const missing = names.filter((n) => !have.has(n));
    if (missing.length) throw new JournalError(`${label}: the ${table} table has no ${missing.join(', ')} column; not a Loop Habit Tracker backup; nothing was imported`);
  };
  need(habitCols, 'Habits', ['id', 'name', 'freq_num', 'freq_den', 'position', 'archived']);
  need(repCols, 'Repetitions', ['habit', 'timestamp']);
  const opt = (have: Set<string>, name: string, fallback: string) => (have.has(name) ? name : `${fallback} AS ${name}`);
  const habits = rows(db, `SELECT id, name, freq_num, freq_den, position, archived, ${opt(habitCols, 'type', '0')}, ${opt(habitCols, 'target_type', '0')}, `
    + `${opt(habitCols, 'target_value', '0')}, ${opt(habitCols, 'unit', "''")}, ${opt(habitCols, 'description', "''")}, `
    + `${opt(habitCols, 'question', 'NULL')}, ${opt(habitCols, 'uuid', 'NULL')} FROM "${tables.get('habits')}" ORDER BY position, id`);
  // Before version 16 every repetition was a plain check (Loop's migration 16 gives them the value 2).
  const repetitions = db.prepare(`SELECT id, timestamp, ${opt(repCols, 'value', '2')}, ${opt(repCols, 'notes', "''")} `
    + `FROM "${tables.get('repetitions')}" WHERE habit = ? ORDER BY timestamp`);
  try {
    return habits.map((h, index) => {
      const where = `${label}: Habits id ${text(h.id)}`;
      // Version 23 moved the question out of `description` (which Loop used for it until then).
      const older = !habitCols.has('question');
      const cells: Record<string, string> = {
        Position: String(index + 1).padStart(3, '0'), Name: text(h.name).trim(),
        Type: ({ 0: 'YES_NO', 1: 'NUMERICAL' } as Record<string, string>)[text(h.type)] ?? text(h.type),
        Question: (older ? text(h.description) : text(h.question)).trim(), Description: older ? '' : text(h.description).trim(),
        FrequencyNumerator: text(h.freq_num), FrequencyDenominator: text(h.freq_den), Unit: text(h.unit).trim(),
        'Target Type': ({ 0: 'AT_LEAST', 1: 'AT_MOST' } as Record<string, string>)[text(h.target_type)] ?? text(h.target_type),
        'Target Value': text(h.target_value), 'Archived?': Number(h.archived) ? 'true' : 'false',
      };
      const uuid = text(h.uuid).trim();
      const habit = loopHabit((name) => cells[name] ?? '', where, { ...(uuid ? { key: uuid } : {}), spelt: (name) => COLUMNS[name] ?? name });
      const marks: LoopMark[] = [];
      repetitions.bind([h.id ?? null]);
      while (repetitions.step()) {
        const [id, timestamp, value, notes] = repetitions.get();
        const at = `${label}: Repetitions id ${text(id)}`;
        const date = loopDay(timestamp);
        if (date === null) throw new JournalError(`${at}: timestamp ${text(timestamp)} is not a day (Loop stores midnight UTC in milliseconds); nothing was imported`);
        marks.push({ where: at, date, value: typeof value === 'number' && Number.isInteger(value) ? loopValueToken(value) : text(value), note: text(notes) });
      }
      const { days, oldest } = loopDays(marks, habit.numerical);
      return { habit, days, oldest };
    });
  } finally {
    repetitions.free();
  }
}

/** One habit of a backup to write, in Loop's own terms (HabitRecord, EntryRecord). */
export interface LoopBackupHabit {
  uuid: string;
  name: string;
  question: string;
  numerical: boolean;
  num: number;
  den: number;
  targetKind: 'at-least' | 'at-most';
  targetValue: number;
  unit: string;
  archived: boolean;
  /** Loop's notification: hour, minute and its weekday bits (bit 0 Saturday, bit 1 Sunday, … bit 6 Friday). */
  reminder: { hour: number; minute: number; days: number } | null;
  /** Loop's stored values: 2 YES_MANUAL, 3 SKIP, thousandths on a numeric habit. */
  entries: { day: string; value: number; notes: string }[];
}

/**
 * The tables as Loop's migrations 09–25 leave them (columns in the order they were added), and its version:
 * Loop's importer runs no migration on such a file and reads every column HabitRecord and EntryRecord name.
 */
const LOOP_SCHEMA = `
CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer, description text,
  freq_den integer, freq_num integer, highlight integer, name text, position integer, reminder_hour integer,
  reminder_min integer, reminder_days integer not null default 127, type integer not null default 0,
  target_type integer not null default 0, target_value real not null default 0, unit text not null default "",
  question text, uuid text);
CREATE TABLE Events (id integer primary key autoincrement, timestamp integer, message text, server_id integer);
CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer not null references habits(id),
  timestamp integer not null, value integer not null, notes text);
CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);
PRAGMA user_version = ${LOOP_DB_VERSION};
`;

/** Loop's default colour for a new habit (Habit.kt: PaletteColor(8)). */
const LOOP_DEFAULT_COLOR = 8;

export async function buildLoopBackup(habits: readonly LoopBackupHabit[]): Promise<Uint8Array> {
  const db = await openDb(null, 'a new Loop backup');
  try {
    db.exec(LOOP_SCHEMA);
    db.exec('BEGIN');
    const addHabit = db.prepare('INSERT INTO Habits (archived, color, description, freq_den, freq_num, highlight, name, position, reminder_hour, '
      + 'reminder_min, reminder_days, type, target_type, target_value, unit, question, uuid) VALUES (?, ?, \'\', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const addEntry = db.prepare('INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)');
    try {
      habits.forEach((h, position) => {
        // As HabitRecord.copyFrom writes a habit without a reminder: no hour or minute, days 0.
        addHabit.run([h.archived ? 1 : 0, LOOP_DEFAULT_COLOR, h.den, h.num, h.name, position, h.reminder?.hour ?? null, h.reminder?.minute ?? null,
          h.reminder?.days ?? 0, h.numerical ? 1 : 0,
          h.targetKind === 'at-most' ? 1 : 0, h.targetValue, h.unit, h.question, h.uuid]);
        const id = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
        for (const e of h.entries) addEntry.run([id, Date.parse(`${e.day}T00:00:00Z`), e.value, e.notes]);
      });
    } finally {
      addHabit.free();
      addEntry.free();
    }
    db.exec('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

// Loop Habit Tracker's backup database (FORMAT §12): `kaizen import loop ….db` maps it exactly as the CSV export
// of the same habits (one mapping after reading), older Loop versions read, and bad files are refused with the
// file named and nothing written. `kaizen export loop` writes Loop's schema: checked against the columns Loop's
// migrations create (stated below by hand from reading uhabits-core resources/migrations/09…25.sql, as Loop is
// GPL-3.0 and its files stay out of this repository) and against what LoopDBImporter and HabitRecord.copyTo read.
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { loopUuid } from '../../src/journal/loop-db.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { cli, makeJournal, snapshot, tempDir } from '../helpers.js';
import { loopBackupDb, writeLoopBackup, type BackupHabit } from './loop-db-fixture.js';
import { WAKE_UP_EARLY, writeLoopExport } from './loop-fixture.js';

const UUID_WAKE = '0123456789abcdef0123456789abcdef';
const SUGAR: BackupHabit = {
  name: 'Sugar', type: 'NUMERICAL', question: 'How many grams of sugar?', num: 1, den: 7, unit: 'g', targetType: 'AT_MOST', targetValue: 100,
  uuid: 'fedcba9876543210fedcba9876543210',
  checkmarks: [['2015-01-24', '40000'], ['2015-01-22', '2500', 'cake, at work'], ['2015-01-21', 'SKIP', 'travel'], ['2015-01-20', 'NO'], ['2015-01-19', 'UNKNOWN']],
};
const READ: BackupHabit = { name: 'Read ☕ books', num: 3, den: 7, archived: true, uuid: 'aaaabbbbccccddddeeeeffff00001111', checkmarks: [['2015-01-23', 'YES_MANUAL'], ['2015-01-22', 'YES_AUTO']] };
const HABITS: BackupHabit[] = [{ ...WAKE_UP_EARLY, uuid: UUID_WAKE }, SUGAR, READ];

const journal = () => makeJournal({ 'goals/walk.md': '---\ntitle: Walk\nstart: 2015-01-01\nhabit:\n  cadence: 3/week\n---\n' });

async function backup(habits: BackupHabit[] = HABITS, options: { version?: number; userVersion?: number } = {}): Promise<string> {
  const file = path.join(tempDir('loop-db-'), 'Loop Habits Backup 2015-01-25 120000.db');
  await writeLoopBackup(file, habits, options);
  return file;
}

/** Goal files and notes, with the `loop:` key (uuid from a backup, position from a CSV export) set aside. */
const withoutKeys = (snap: Map<string, string>) => new Map([...snap].map(([f, b64]) => [f, Buffer.from(b64, 'base64').toString('utf8').replace(/^loop: .*\n/m, '')]));

async function tableInfo(db: Database, table: string): Promise<Array<[string, string, number, SqlValue, number]>> {
  return (db.exec(`pragma table_info(${table})`)[0]?.values ?? []).map((r) => [String(r[1]), String(r[2]).toLowerCase(), Number(r[3]), r[4] ?? null, Number(r[5])]);
}

describe('kaizen import loop on a backup (.db)', () => {
  it('gives the very goals and notes the CSV export of the same habits gives, keyed by Loop\'s uuid', async () => {
    const fromDb = journal();
    const dry = await cli(['--dir', fromDb, 'import', 'loop', await backup()]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('goals/wake-up-early.md (new): 6 days 2015-01-16 → 2015-01-25 (6 done)');
    expect(dry.stdout).toContain('goals/sugar.md (new): 3 days 2015-01-21 → 2015-01-24 (2 with a value, 1 skipped)');
    expect(dry.stdout).toContain('8 daily notes would change (8 new).');
    expect((await cli(['--dir', fromDb, 'import', 'loop', await backup(), '--write'])).code).toBe(0);
    const csv = path.join(tempDir('loop-csv-'), 'export');
    writeLoopExport(csv, HABITS);
    const fromCsv = journal();
    await cli(['--dir', fromCsv, 'import', 'loop', csv, '--write']);
    expect(withoutKeys(snapshot(fromDb))).toEqual(withoutKeys(snapshot(fromCsv)));
    expect(fs.readFileSync(path.join(fromDb, 'goals/wake-up-early.md'), 'utf8')).toContain(`loop: "${UUID_WAKE}"\n`);
    expect(fs.readFileSync(path.join(fromDb, 'logs/2015/2015-01-22.md'), 'utf8')).toContain('- [x] [[sugar]] standard: cake, at work [value:: 2.5]');
    // Loop's own scores for its test export, from the backup's days.
    const j = await Journal.open(nodeFileSystem, fromDb);
    for (const [date, score] of WAKE_UP_EARLY.scores!) {
      expect(Math.abs((j.stats(date).find((s) => s.goal.id === 'wake-up-early')!.stats.strength ?? -1) - Number(score)), date).toBeLessThanOrEqual(5e-5);
    }
    expect((await cli(['--dir', fromDb, 'check'])).code).toBe(0);
  });

  it('reads older Loop versions: 21 (question in description, no uuid, no notes) keys by position as a CSV export does', async () => {
    const root = journal();
    const r = await cli(['--dir', root, 'import', 'loop', await backup(HABITS, { version: 21 }), '--write']);
    expect(r.code, r.stderr).toBe(0);
    const wake = fs.readFileSync(path.join(root, 'goals/wake-up-early.md'), 'utf8');
    expect(wake).toContain('why: "Did you wake up before 6am? (from Loop: rewrite it as why this matters to you)"\n');
    expect(wake).toContain('loop: "001"\n');
    expect(fs.readFileSync(path.join(root, 'logs/2015/2015-01-21.md'), 'utf8')).toContain('- [x] [[sugar]] skip\n');
    const v23 = journal();
    await cli(['--dir', v23, 'import', 'loop', await backup(HABITS, { version: 23 }), '--write']);
    expect(fs.readFileSync(path.join(v23, 'goals/sugar.md'), 'utf8')).toContain('loop: "002"\n');
  });

  it('refuses what is not a backup it can read, naming the file, with no stack trace and nothing written', async () => {
    const spoilt = async (spoil: (db: Database) => void, options: { userVersion?: number } = {}) => {
      const db = await loopBackupDb(HABITS, options);
      spoil(db);
      const file = path.join(tempDir('loop-bad-'), 'Loop Habits Backup bad.db');
      fs.writeFileSync(file, db.export());
      db.close();
      return file;
    };
    const text = path.join(tempDir('loop-bad-'), 'Loop Habits Backup text.db');
    fs.writeFileSync(text, 'Position,Name\n001,Walk\n');
    const SQL = await initSqlJs();
    const empty = new SQL.Database();
    empty.exec('create table Notes (id integer)');
    const other = path.join(tempDir('loop-bad-'), 'other.db');
    fs.writeFileSync(other, empty.export());
    const cases: Array<[string, RegExp]> = [
      [await spoilt(() => {}, { userVersion: 26 }), /Loop Habits Backup bad\.db: made by a newer Loop Habit Tracker \(database version 26; kaizen reads up to 25\)/],
      [text, /Loop Habits Backup text\.db: not a SQLite database, so not a Loop Habits Backup/],
      [other, /other\.db: not a Loop Habit Tracker backup \(no Habits table\)/],
      [await spoilt((db) => db.exec('drop table Repetitions')), /bad\.db: not a Loop Habit Tracker backup \(no Repetitions table\)/],
      [await spoilt((db) => db.exec(`insert into Repetitions (habit, timestamp, value) values (1, ${Date.UTC(2015, 0, 10)}, 7)`)),
        /bad\.db: Repetitions id \d+: unknown value "7" \(YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN\)/],
      [await spoilt((db) => db.exec('update Repetitions set timestamp = timestamp + 3600000 where id = 2')), /bad\.db: Repetitions id 2: timestamp \d+ is not a day/],
      [await spoilt((db) => db.exec('update Habits set freq_num = 5 where id = 1')), /bad\.db: Habits id 1: 5 times in 3 days is more than once a day/],
      [await spoilt((db) => db.exec('update Habits set type = 4 where id = 2')), /bad\.db: Habits id 2: unknown habit type "4"/],
    ];
    const truncated = path.join(tempDir('loop-bad-'), 'cut.db');
    fs.writeFileSync(truncated, fs.readFileSync(await backup()).subarray(0, 100));
    cases.push([truncated, /cut\.db: cannot be read as SQLite/]);
    for (const [file, message] of cases) {
      const root = journal();
      const before = snapshot(root);
      const r = await cli(['--dir', root, 'import', 'loop', file, '--write']);
      expect([r.code, r.stderr], String(message)).toEqual([1, expect.stringMatching(message)]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(root)).toEqual(before);
    }
  });
});

/** Each table's columns as Loop's migrations 09–25 leave them: [name, type, not null, default, primary key]. */
const LOOP_V25: Record<string, Array<[string, string, number, SqlValue, number]>> = {
  Habits: [['id', 'integer', 0, null, 1], ['archived', 'integer', 0, null, 0], ['color', 'integer', 0, null, 0], ['description', 'text', 0, null, 0],
    ['freq_den', 'integer', 0, null, 0], ['freq_num', 'integer', 0, null, 0], ['highlight', 'integer', 0, null, 0], ['name', 'text', 0, null, 0],
    ['position', 'integer', 0, null, 0], ['reminder_hour', 'integer', 0, null, 0], ['reminder_min', 'integer', 0, null, 0],
    ['reminder_days', 'integer', 1, '127', 0], ['type', 'integer', 1, '0', 0], ['target_type', 'integer', 1, '0', 0],
    ['target_value', 'real', 1, '0', 0], ['unit', 'text', 1, '""', 0], ['question', 'text', 0, null, 0], ['uuid', 'text', 0, null, 0]],
  Repetitions: [['id', 'integer', 0, null, 1], ['habit', 'integer', 1, null, 0], ['timestamp', 'integer', 1, null, 0], ['value', 'integer', 1, null, 0],
    ['notes', 'text', 0, null, 0]],
  Events: [['id', 'integer', 0, null, 1], ['timestamp', 'integer', 0, null, 0], ['message', 'text', 0, null, 0], ['server_id', 'integer', 0, null, 0]],
};

const SAMPLE_JOURNAL = () => makeJournal({
  'goals/walk.md': '---\ntitle: Walk\nwhy: Clear head\nstart: 2026-11-02\nhabit:\n  cadence: 3/week\n  standard: 30 minutes outside\n  days: [mon, wed, fri]\n  time: "07:30"\n---\n',
  'goals/water.md': '---\ntitle: Water\nstart: 2026-11-02\nhabit:\n  cadence: daily\n  target: { value: 2, unit: l, per: day, kind: at-least }\n---\n',
  'goals/fortnight.md': '---\ntitle: Call home\nstatus: done\nstart: 2026-11-02\nhabit:\n  cadence: 2 in 3 days\n---\n',
  'goals/wish.md': '---\ntitle: Someday\n---\n',
  // The goal's own step is no note; what the person wrote is.
  'logs/2026/2026-11-03.md': '## Habits\n- [x] [[walk]] standard: 30 minutes outside\n- [x] [[water]] standard: a big glass [value:: 1.25]\n- [x] [[fortnight]] minimum\n',
  'logs/2026/2026-11-04.md': '## Habits\n- [x] [[walk]] skip: rain\n- [ ] [[water]] standard\n- [x] [[fortnight]] skip\n',
});

describe('kaizen export loop', () => {
  it('writes Loop\'s schema (columns, index, user_version 25) with the rows Loop\'s importer reads', async () => {
    const root = SAMPLE_JOURNAL();
    const out = path.join(tempDir('loop-out-'), 'habits.db');
    const r = await cli(['--dir', root, 'export', 'loop', out]);
    expect([r.code, r.stdout]).toEqual([0, `${out}: 3 habits, 5 days (Loop database version 25).\n`]);
    const SQL = await initSqlJs();
    const db = new SQL.Database(fs.readFileSync(out));
    const reference = await loopBackupDb([]);
    for (const [table, columns] of Object.entries(LOOP_V25)) {
      expect(await tableInfo(db, table), table).toEqual(columns);
      // The same as the tables the migrations build step by step (tests/loop/loop-db-fixture.ts).
      expect(await tableInfo(db, table), table).toEqual(await tableInfo(reference, table));
    }
    expect(db.exec("select name, sql is not null from sqlite_master where type = 'index'")[0]!.values).toEqual([['idx_repetitions_habit_timestamp', 1]]);
    expect(db.exec('pragma index_info(idx_repetitions_habit_timestamp)')[0]!.values.map((v) => v[2])).toEqual(['habit', 'timestamp']);
    expect(db.exec('pragma user_version')[0]!.values[0]![0]).toBe(25);
    expect(fs.readFileSync(out).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // LoopDBImporter.canHandle: both tables by these exact names.
    expect(db.exec("select count(*) from SQLITE_MASTER where name='Habits' or name='Repetitions'")[0]!.values[0]![0]).toBe(2);
    // HabitRecord.copyTo dereferences these with `!!`; getByUUID needs the uuid.
    const habits = db.exec('select name, description, question, freq_num, freq_den, color, archived, type, target_type, target_value, unit, position, uuid from Habits order by position')[0]!;
    for (const row of habits.values) for (const [i, v] of row.entries()) expect(v, habits.columns[i]).not.toBeNull();
    // Active goals first, as the journal orders them; an archived one last.
    expect(habits.values.map((v) => [v[0], v[2], v[3], v[4], v[6], v[7], v[8], v[9], v[10], v[11], v[12]])).toEqual([
      ['Walk', 'Clear head', 3, 7, 0, 0, 0, 0, '', 0, loopUuid('walk')],
      ['Water', '', 1, 1, 0, 1, 0, 2, 'l', 1, loopUuid('water')],
      ['Call home', '', 2, 3, 1, 0, 0, 0, '', 2, loopUuid('fortnight')],
    ]);
    // habit.time and habit.days as Loop's reminder: its weekday bits count from Saturday (bit 0), so Monday,
    // Wednesday and Friday are bits 2, 4 and 6.
    expect(db.exec('select reminder_hour, reminder_min, reminder_days from Habits order by position')[0]!.values).toEqual([[7, 30, 4 + 16 + 64], [null, null, 0], [null, null, 0]]);
    const reps = db.exec('select h.name, r.timestamp, r.value, r.notes from Repetitions r join Habits h on h.id = r.habit order by h.position, r.timestamp')[0]!.values;
    expect(reps).toEqual([
      ['Walk', Date.UTC(2026, 10, 3), 2, ''], ['Walk', Date.UTC(2026, 10, 4), 3, 'rain'], ['Water', Date.UTC(2026, 10, 3), 1250, 'a big glass'],
      ['Call home', Date.UTC(2026, 10, 3), 2, ''], ['Call home', Date.UTC(2026, 10, 4), 3, ''],
    ]);
    db.close();
    reference.close();
  });

  it('the same ids give the same uuids every time; never overwrites without --force; leaves no temporary file', async () => {
    const root = SAMPLE_JOURNAL();
    const dir = tempDir('loop-out-');
    const first = path.join(dir, 'a.db');
    const second = path.join(dir, 'b.db');
    await cli(['--dir', root, 'export', 'loop', first]);
    await cli(['--dir', root, 'export', 'loop', second]);
    const SQL = await initSqlJs();
    const uuids = (f: string) => new SQL.Database(fs.readFileSync(f)).exec('select uuid from Habits order by position')[0]!.values;
    expect(uuids(second)).toEqual(uuids(first));
    fs.writeFileSync(second, 'mine');
    const refused = await cli(['--dir', root, 'export', 'loop', second]);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`${second} exists: not overwriting it`)]);
    expect(fs.readFileSync(second, 'utf8')).toBe('mine');
    expect((await cli(['--dir', root, 'export', 'loop', second, '--force'])).code).toBe(0);
    expect(uuids(second)).toEqual(uuids(first));
    expect(fs.readdirSync(dir).sort()).toEqual(['a.db', 'b.db']);
    expect((await cli(['--dir', root, 'export', 'loop'])).stderr).toContain('kaizen export loop needs the file to write');
    expect((await cli(['--dir', root, 'export', 'xls'])).stderr).toContain('kaizen export knows "csv"');
  });

  it('an imported habit goes back under Loop\'s own uuid, and the days come home without a byte written', async () => {
    const root = journal();
    await cli(['--dir', root, 'import', 'loop', await backup(), '--write']);
    const out = path.join(tempDir('loop-out-'), 'back.db');
    await cli(['--dir', root, 'export', 'loop', out]);
    const SQL = await initSqlJs();
    const db = new SQL.Database(fs.readFileSync(out));
    const byName = new Map(db.exec('select name, uuid, question from Habits')[0]!.values.map((v) => [v[0], [v[1], v[2]]]));
    expect(byName.get('Wake up early')).toEqual([UUID_WAKE, 'Did you wake up before 6am?']);
    expect(byName.get('Walk')).toEqual([loopUuid('walk'), '']);
    db.close();
    const before = snapshot(root);
    const again = await cli(['--dir', root, 'import', 'loop', out, '--write']);
    expect(again.stdout).toBe('0 daily notes written.\n');
    expect(snapshot(root)).toEqual(before);
  });
});

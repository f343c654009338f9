// Writes a backup in the shape Loop Habit Tracker's own database has, with sql.js. Loop is GPL-3.0, so none of its
// files are here: the tables are built step by step as its migrations build them (uhabits-core
// resources/migrations: 09 creates them, 11 reminder_days, 16 type and Repetitions.value, 18 the target, 19 Events,
// 20 drops the caches, 22 rebuilds Repetitions NOT NULL with a unique (habit, timestamp) index, 23 question
// (moving the question out of description), 24 uuid, 25 notes), statements written here from reading them.
// Android's own android_metadata table is added as a phone's file has it.
import fs from 'node:fs';
import initSqlJs, { type Database } from 'sql.js';
import type { FixtureHabit } from './loop-fixture.js';

const CODES: Record<string, number> = { UNKNOWN: -1, NO: 0, YES_AUTO: 1, YES_MANUAL: 2, SKIP: 3 };

export interface BackupHabit extends FixtureHabit {
  uuid?: string;
  description?: string;
}

export interface BackupOptions {
  /** The Loop database version whose tables to build (21…25); the file's user_version unless `userVersion`. */
  version?: number;
  userVersion?: number;
}

export async function loopBackupDb(habits: readonly BackupHabit[], options: BackupOptions = {}): Promise<Database> {
  const version = options.version ?? 25;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  const steps: Array<[number, string]> = [
    [9, `create table Habits (id integer primary key autoincrement, archived integer, color integer, description text, freq_den integer,
      freq_num integer, highlight integer, name text, position integer, reminder_hour integer, reminder_min integer);
      create table Repetitions (id integer primary key autoincrement, habit integer references habits(id), timestamp integer)`],
    [11, 'alter table Habits add column reminder_days integer not null default 127'],
    [16, 'alter table Habits add column type integer not null default 0; alter table Repetitions add column value integer not null default 2'],
    [18, `alter table Habits add column target_type integer not null default 0; alter table Habits add column target_value real not null default 0;
      alter table Habits add column unit text not null default ""`],
    [19, 'create table Events (id integer primary key autoincrement, timestamp integer, message text, server_id integer)'],
    [22, `alter table Repetitions rename to RepetitionsBak;
      create table Repetitions (id integer primary key autoincrement, habit integer not null references habits(id),
        timestamp integer not null, value integer not null);
      create unique index idx_repetitions_habit_timestamp on Repetitions(habit, timestamp);
      insert into Repetitions select * from RepetitionsBak; drop table RepetitionsBak`],
    [23, 'alter table Habits add column question text'],
    [24, 'alter table Habits add column uuid text'],
    [25, 'alter table Repetitions add column notes text'],
  ];
  db.exec('create table android_metadata (locale text); insert into android_metadata values (\'en_US\')');
  for (const [v, sql] of steps) if (v <= version) db.exec(sql);
  habits.forEach((h, position) => {
    const numeric = h.type === 'NUMERICAL';
    const question = h.question ?? '';
    db.run(`insert into Habits (archived, color, description, freq_den, freq_num, highlight, name, position, reminder_days, type, target_type,
      target_value, unit${version >= 23 ? ', question' : ''}${version >= 24 ? ', uuid' : ''}) values (?, 8, ?, ?, ?, 0, ?, ?, 0, ?, ?, ?, ?${version >= 23 ? ', ?' : ''}${version >= 24 ? ', ?' : ''})`, [
      h.archived ? 1 : 0, version >= 23 ? h.description ?? '' : question, h.den, h.num, h.name, position, numeric ? 1 : 0,
      h.targetType === 'AT_MOST' ? 1 : 0, h.targetValue ?? 0, numeric ? h.unit ?? '' : '',
      ...(version >= 23 ? [question] : []), ...(version >= 24 ? [h.uuid ?? `${position}`.padStart(32, 'a')] : []),
    ]);
    const id = Number(db.exec('select last_insert_rowid()')[0]!.values[0]![0]);
    for (const [date, value, notes] of h.checkmarks) {
      const code = CODES[value] ?? Number(value);
      db.run(`insert into Repetitions (habit, timestamp, value${version >= 25 ? ', notes' : ''}) values (?, ?, ?${version >= 25 ? ', ?' : ''})`,
        [id, Date.parse(`${date}T00:00:00Z`), code, ...(version >= 25 ? [notes ?? ''] : [])]);
    }
  });
  db.exec(`pragma user_version = ${options.userVersion ?? version}`);
  return db;
}

export async function writeLoopBackup(file: string, habits: readonly BackupHabit[], options: BackupOptions = {}): Promise<void> {
  const db = await loopBackupDb(habits, options);
  fs.writeFileSync(file, db.export());
  db.close();
}

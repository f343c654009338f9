// Properties of Loop backups with fixed seeds, over random backups built as Loop's migrations build them
// (tests/loop/loop-db-fixture.ts): import → export loop → import gives the same day statuses, importing twice
// writes no byte, importing into notes that already hold those days never unchecks a line or changes a character
// it does not check, and a spoilt backup is refused with nothing written. KAIZEN_LOOP_RUNS makes a longer run.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { loopKeyOf } from '../../src/journal/loop-import.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { addDays } from '../../src/model/dates.js';
import { parseHabitText } from '../../src/model/syntax.js';
import { cli, makeJournal, snapshot, tempDir } from '../helpers.js';
import { loopBackupDb, writeLoopBackup, type BackupHabit } from './loop-db-fixture.js';

const RUNS = Number(process.env.KAIZEN_LOOP_RUNS ?? 8);
const FIRST = '2024-01-01';
// Two "Walk" habits: ids collide and get suffixed.
const NAMES = ['Walk', 'Read', 'Water', 'Sugar', 'Sleep early', 'Café ☕', 'Walk'];
const NOTES = ['', '', 'tired', 'cake, at work', 'ran "fast"', 'a  b'];

const marks = (values: fc.Arbitrary<string>) => fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 59 }), values, fc.constantFrom(...NOTES)), { selector: (t) => t[0], maxLength: 20 })
  .map((list) => list.map(([i, v, n]): [string, string, string] => [addDays(FIRST, i), v, n]));

const yesNo: fc.Arbitrary<BackupHabit> = fc.record({
  name: fc.constantFrom(...NAMES), question: fc.constantFrom('', 'Did you?'), archived: fc.boolean(),
  freq: fc.constantFrom([1, 1], [3, 7], [1, 7], [2, 14], [5, 30], [2, 3], [1, 3]),
  checkmarks: marks(fc.constantFrom('YES_MANUAL', 'YES_MANUAL', 'YES_AUTO', 'NO', 'SKIP', 'UNKNOWN')),
}).map(({ freq, ...h }) => ({ ...h, num: freq[0]!, den: freq[1]! }));

const numeric: fc.Arbitrary<BackupHabit> = fc.record({
  name: fc.constantFrom(...NAMES), archived: fc.boolean(), den: fc.constantFrom(1, 7, 30), unit: fc.constantFrom('', 'min', 'g'),
  targetType: fc.constantFrom('AT_LEAST' as const, 'AT_MOST' as const), targetValue: fc.constantFrom(0.5, 2, 30, 100),
  // Stored thousandths; 1…3 would read as Loop's codes, as they do in Loop's own CSV export.
  checkmarks: marks(fc.oneof(fc.constantFrom('SKIP', 'UNKNOWN', 'NO'), fc.integer({ min: 10, max: 200_000 }).map(String))),
}).map((h) => ({ ...h, type: 'NUMERICAL' as const, num: 1 }));

const backups = fc.array(fc.oneof(yesNo, numeric), { minLength: 1, maxLength: 4 });

async function backupFile(habits: BackupHabit[]): Promise<string> {
  const file = path.join(tempDir('loop-prop-'), 'Loop Habits Backup.db');
  await writeLoopBackup(file, habits);
  return file;
}

async function importWrite(root: string, file: string): Promise<void> {
  const r = await cli(['--dir', root, 'import', 'loop', file, '--write']);
  expect(r.code, r.stderr).toBe(0);
}

/** Per `loop:` key, each day's status as the journal counts it (done, skip, the sum of its values), and its notes. */
async function statuses(root: string, withNotes = false): Promise<Map<string, Map<string, string>>> {
  const j = await Journal.open(nodeFileSystem, root);
  const days = j.habitDays();
  const notes = new Map<string, string>();
  for (const log of j.logs) {
    for (const h of log.habits) if (h.checked) notes.set(`${h.goalId} ${log.date}`, parseHabitText(log.tasks[h.taskIndex]!.text)!.note.replace(/\s*\[value::[^\]]*\]/, ''));
  }
  const out = new Map<string, Map<string, string>>();
  for (const goal of j.goals) {
    const key = loopKeyOf(fs.readFileSync(path.join(root, goal.file), 'utf8'));
    if (key === null) continue;
    const byDay = new Map<string, string>();
    for (const [day, d] of days.get(goal.id) ?? []) {
      const done = d.standard || d.minimum;
      if (done || d.skip) byDay.set(day, `${done ? 'done' : 'skip'} ${d.values.reduce((a, b) => a + b, 0)}${withNotes ? ` ${notes.get(`${goal.id} ${day}`)}` : ''}`);
    }
    out.set(key, byDay);
  }
  return out;
}

describe('Loop backups, properties', () => {
  it('import → export loop → import gives the same day statuses and notes; the export imported back writes no byte', async () => {
    await fc.assert(fc.asyncProperty(backups, async (habits) => {
      const a = makeJournal({ 'goals/walk.md': '---\ntitle: Walk\nstart: 2024-01-01\nhabit:\n  cadence: 3/week\n---\n' });
      await importWrite(a, await backupFile(habits));
      const out = path.join(tempDir('loop-prop-'), 'export.db');
      expect((await cli(['--dir', a, 'export', 'loop', out])).code).toBe(0);
      const c = makeJournal({});
      await importWrite(c, out);
      const before = await statuses(a, true);
      expect(before.size).toBe(habits.length);
      const after = await statuses(c, true);
      for (const [key, days] of before) expect(after.get(key), key).toEqual(days);
      const snap = snapshot(a);
      await importWrite(a, out);
      expect(snapshot(a)).toEqual(snap);
    }), { seed: 2701, numRuns: RUNS });
  });

  it('journal → export loop → import: back into the same journal writes no byte; into an empty one, the same days', async () => {
    const goal = fc.record({
      cadence: fc.constantFrom('daily', '3/week', '2/2weeks', '4/month', 'every 3 days', '2 in 5 days'),
      target: fc.option(fc.record({ value: fc.constantFrom(1, 30), per: fc.constantFrom('day', 'week', 'month'), kind: fc.constantFrom('at-least', 'at-most') })),
      status: fc.constantFrom('active', 'active', 'paused', 'done', 'dropped'),
      // Per day: the lines of this goal (level, checked, value).
      days: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.record({
        level: fc.constantFrom('minimum', 'standard', 'skip'), checked: fc.boolean(), value: fc.option(fc.integer({ min: 1, max: 5000 }).map((n) => n / 100)),
      }), { minLength: 1, maxLength: 2 })), { maxLength: 15 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(goal, { minLength: 1, maxLength: 4 }), async (goals) => {
      const files: Record<string, string> = {};
      const notes = new Map<string, string[]>();
      goals.forEach((g, i) => {
        const target = g.target ? `\n  target: { value: ${g.target.value}, per: ${g.target.per}, kind: ${g.target.kind} }` : '';
        files[`goals/g${i}.md`] = `---\ntitle: Goal ${i}\nstatus: ${g.status}\nstart: ${FIRST}\nhabit:\n  cadence: ${g.cadence}${target}\n---\n`;
        for (const [d, lines] of g.days) {
          const day = addDays(FIRST, d);
          const list = notes.get(day) ?? [];
          for (const l of lines) list.push(`- [${l.checked ? 'x' : ' '}] [[g${i}]] ${l.level}${g.target && l.value !== null && l.level !== 'skip' ? ` [value:: ${l.value}]` : ''}`);
          notes.set(day, list);
        }
      });
      for (const [day, lines] of notes) files[`logs/2024/${day}.md`] = `## Habits\n${lines.join('\n')}\n`;
      const root = makeJournal(files);
      const out = path.join(tempDir('loop-prop-'), 'journal.db');
      expect((await cli(['--dir', root, 'export', 'loop', out])).code).toBe(0);
      const snap = snapshot(root);
      await importWrite(root, out);
      expect(snapshot(root)).toEqual(snap);
      const fresh = makeJournal({});
      await importWrite(fresh, out);
      const [a, b] = [await Journal.open(nodeFileSystem, root), await Journal.open(nodeFileSystem, fresh)];
      const summary = (j: Journal, id: string) => new Map([...(j.habitDays().get(id) ?? [])].flatMap(([day, d]) => {
        const done = d.standard || d.minimum;
        const values = done && d.values.length ? ` ${d.values.reduce((x, y) => x + y, 0).toFixed(3)}` : '';
        return done || d.skip ? [[day, `${done ? 'done' : 'skip'}${values}`]] : [];
      }));
      for (const [i] of goals.entries()) {
        const id = b.goals.find((g) => g.title === `Goal ${i}`)!.id;
        expect(summary(b, id), `g${i}`).toEqual(summary(a, `g${i}`));
      }
    }), { seed: 2705, numRuns: RUNS });
  });

  it('importing the same backup twice writes no byte', async () => {
    await fc.assert(fc.asyncProperty(backups, async (habits) => {
      const root = makeJournal({});
      const file = await backupFile(habits);
      await importWrite(root, file);
      const once = snapshot(root);
      const again = await cli(['--dir', root, 'import', 'loop', file, '--write']);
      expect(again.stdout).toContain('0 daily notes written.');
      expect(snapshot(root)).toEqual(once);
    }), { seed: 2702, numRuns: RUNS });
  });

  it('into notes that already hold those days: never unchecks, changes no character but the checkbox it checks', async () => {
    const edits = fc.array(fc.tuple(fc.nat(), fc.constantFrom('uncheck', 'crlf', 'mine', 'min-line')), { maxLength: 12 });
    await fc.assert(fc.asyncProperty(backups, edits, async (habits, changes) => {
      const root = makeJournal({});
      const file = await backupFile(habits);
      await importWrite(root, file);
      const notes = [...snapshot(root).keys()].filter((f) => f.startsWith('logs')).sort();
      fc.pre(notes.length > 0);
      for (const [pick, change] of changes) {
        const abs = path.join(root, notes[pick % notes.length]!);
        let text = fs.readFileSync(abs, 'utf8');
        if (change === 'uncheck') text = text.replace('- [x] ', '- [ ] ');
        else if (change === 'crlf') text = text.replace(/\r?\n/g, '\r\n');
        else if (change === 'mine') text += 'My own words, *kept*.\n';
        else text = text.replace(/^(- \[x\] (\[\[[^\]]+\]\]) (?:standard|skip))/m, '$1\n- [x] $2 minimum: my own line');
        fs.writeFileSync(abs, text);
      }
      const before = new Map(notes.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
      const statusBefore = await statuses(root);
      await importWrite(root, file);
      for (const [f, old] of before) {
        const now = fs.readFileSync(path.join(root, f), 'utf8').split('\n');
        let at = 0;
        for (const line of old.split('\n')) {
          while (at < now.length && now[at] !== line && now[at] !== line.replace('- [ ] ', '- [x] ')) at++;
          expect(at < now.length, `${f}: ${JSON.stringify(line)} is gone`).toBe(true);
          at++;
        }
      }
      const statusAfter = await statuses(root);
      for (const [key, days] of statusBefore) for (const [day, status] of days) expect(statusAfter.get(key)?.get(day), `${key} ${day}`).toBe(status);
    }), { seed: 2703, numRuns: RUNS });
  });

  it('a spoilt backup is refused, naming the file, and nothing is written', async () => {
    const spoils: Array<[string, RegExp]> = [
      ['pragma user_version = 26', /made by a newer Loop Habit Tracker \(database version 26/],
      ['pragma user_version = 1000', /made by a newer Loop Habit Tracker \(database version 1000/],
      [`insert into Repetitions (habit, timestamp, value) select min(id), ${Date.UTC(2023, 11, 31)}, 9 from Habits where type = 0`, /Repetitions id \d+: unknown value "9"|^$/],
      [`insert into Repetitions (habit, timestamp, value) select min(id), ${Date.UTC(2023, 11, 31) + 1000}, 2 from Habits`, /Repetitions id \d+: timestamp \d+ is not a day/],
      ['update Habits set freq_num = freq_den + 1', /Habits id \d+: \d+ times in \d+ days is more than once a day/],
      ['update Habits set target_type = 5 where type = 1', /unknown target_type "5"|^$/],
      ['drop table Habits', /not a Loop Habit Tracker backup \(no Habits table\)/],
      ['alter table Habits drop column freq_den', /the Habits table has no freq_den column/],
    ];
    await fc.assert(fc.asyncProperty(backups, fc.constantFrom(...spoils), async (habits, [sql, message]) => {
      const db = await loopBackupDb(habits);
      db.exec(sql);
      const file = path.join(tempDir('loop-prop-'), 'Spoilt Backup.db');
      fs.writeFileSync(file, db.export());
      db.close();
      const root = makeJournal({ 'goals/walk.md': '---\ntitle: Walk\nhabit:\n  cadence: 3/week\n---\n' });
      const before = snapshot(root);
      const r = await cli(['--dir', root, 'import', 'loop', file, '--write']);
      // A spoil that found no row to spoil (no yes/no habit, no numeric one) leaves a good backup.
      if (r.code === 0) {
        expect(message.test('')).toBe(true);
        return;
      }
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(new RegExp(`^kaizen: Spoilt Backup\\.db: .*(${message.source})`))]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(root)).toEqual(before);
    }), { seed: 2704, numRuns: RUNS * 3 });
  });
});

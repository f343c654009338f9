// `kaizen export loop FILE.db` (FORMAT §12): the journal's habits as a Loop Habit Tracker backup, for Loop's
// Settings → Import data, so a phone can log the days that `kaizen import loop` brings back.
import fs from 'node:fs';
import path from 'node:path';
import { daySum } from '../model/analytics.js';
import { cadenceFraction } from '../model/cadence.js';
import { JournalError } from '../model/errors.js';
import type { HabitDay } from '../model/habit-days.js';
import { milestoneTitle, parseHabitText } from '../model/syntax.js';
import type { Goal } from '../model/types.js';
import { joinPath } from './file-system.js';
import type { Journal } from './journal.js';
import { buildLoopBackup, isLoopUuid, LOOP_DB_VERSION, loopUuid, readLoopBackup, type LoopBackupHabit } from './loop-db.js';
import { loopKeyOf } from './loop-import.js';
import { writeFileAtomic } from './node-file-system.js';

const YES_MANUAL = 2;
const SKIP = 3;
/** What loopGoalText adds to Loop's question; it goes back as the question alone. */
const REWRITE_NOTE = / \(from Loop: rewrite it as why this matters to you\)$/;

/** A day as Loop stores it: done → YES_MANUAL (a numeric habit's value in thousandths), skipped → SKIP. */
function loopValue(goal: Goal, day: HabitDay): number | null {
  const done = day.standard || day.minimum;
  if (goal.target && day.values.length > 0 && done) return Math.round(daySum(day) * 1000);
  if (done) return YES_MANUAL;
  return day.skip ? SKIP : null;
}

/**
 * What the person wrote on each goal's checked lines of a day (`standard: cake, at work` → `cake, at work`), for
 * Loop's note; the goal's own step, which every line repeats, is no note.
 */
function dayNotes(journal: Journal): Map<string, Map<string, string>> {
  const steps = new Map(journal.goals.map((g) => [g.id, new Set([g.minimum, g.standard].filter((s): s is string => !!s))]));
  const out = new Map<string, Map<string, string>>();
  for (const log of journal.logs) {
    for (const h of log.habits) {
      const task = log.tasks[h.taskIndex];
      const note = h.checked && task ? milestoneTitle(parseHabitText(task.text)?.note ?? '') : '';
      if (!note || steps.get(h.goalId)?.has(note)) continue;
      let byDay = out.get(h.goalId);
      if (!byDay) out.set(h.goalId, (byDay = new Map()));
      const before = byDay.get(log.date);
      if (before !== note) byDay.set(log.date, before ? `${before}; ${note}` : note);
    }
  }
  return out;
}

/** `habit.time` (and `habit.days`, 0 = Monday) as Loop's reminder, whose weekday 0 is Saturday (Timestamp.weekday). */
function loopReminder(goal: Goal): LoopBackupHabit['reminder'] {
  const m = goal.time ? /^(\d{1,2}):(\d{2})$/.exec(goal.time) : null;
  if (!m) return null;
  const days = goal.days?.length ? goal.days.reduce((bits, d) => bits | (1 << ((d + 2) % 7)), 0) : 127;
  return { hour: Number(m[1]), minute: Number(m[2]), days };
}

/** The goals with a cadence (a wish has no days), in the journal's order, as Loop habits. */
export function loopBackupHabits(journal: Journal): LoopBackupHabit[] {
  const days = journal.habitDays();
  const notes = dayNotes(journal);
  const used = new Set<string>();
  return journal.orderedGoals().filter((g) => g.cadence !== null).map((goal) => {
    let key: string | null = null;
    try {
      key = loopKeyOf(fs.readFileSync(joinPath(journal.root, goal.file), 'utf8'));
    } catch {
      // unreadable goal files are check's business; the derived uuid serves
    }
    // An imported habit keeps Loop's uuid, so Loop updates it in place rather than adding a copy.
    let uuid = key !== null && isLoopUuid(key) ? key : loopUuid(goal.id);
    if (used.has(uuid)) uuid = loopUuid(goal.id);
    used.add(uuid);
    const target = goal.target ?? null;
    const fraction = cadenceFraction(goal.cadence!);
    // Loop's Frequency makes num = den daily (1/1); a numeric habit's den is its target's period.
    const [num, den] = target ? [1, { day: 1, week: 7, month: 30 }[target.per]] : fraction.num === fraction.den ? [1, 1] : [fraction.num, fraction.den];
    const entries = [...(days.get(goal.id) ?? new Map<string, HabitDay>()).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([day, d]) => {
        const value = loopValue(goal, d);
        return value === null ? [] : [{ day, value, notes: notes.get(goal.id)?.get(day) ?? '' }];
      });
    return {
      uuid, name: goal.title ?? goal.id, question: (goal.why ?? '').replace(REWRITE_NOTE, ''), numerical: target !== null, num, den,
      targetKind: target?.kind ?? 'at-least', targetValue: target?.value ?? 0, unit: target?.unit ?? '', archived: goal.status === 'done' || goal.status === 'dropped',
      reminder: loopReminder(goal), entries,
    };
  });
}

/** Writes the backup atomically (never over an existing file without `force`) and reads it back. */
export async function writeLoopBackup(journal: Journal, file: string, options: { force: boolean }): Promise<{ habits: number; days: number; version: number }> {
  if (!options.force && fs.existsSync(file)) throw new JournalError(`${file} exists: not overwriting it; choose another name or use --force`);
  const habits = loopBackupHabits(journal);
  const bytes = await buildLoopBackup(habits);
  const label = path.basename(file);
  // Exclusive as well: a file that appears while the backup is built is not replaced either.
  await writeFileAtomic(file, bytes, file, { exclusive: !options.force });
  const back = await readLoopBackup(fs.readFileSync(file), label);
  const days = habits.reduce((n, h) => n + h.entries.length, 0);
  if (back.length !== habits.length) throw new JournalError(`${file}: reading the backup back gave ${back.length} habits, not ${habits.length}`);
  return { habits: habits.length, days, version: LOOP_DB_VERSION };
}

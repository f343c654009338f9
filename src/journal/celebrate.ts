// The celebrations of one write (FORMAT §7), for the CLI and the editor alike: the goal before and
// after it, computed from the files, so a re-run or an uncheck celebrates nothing.
import type { Day } from '../model/dates.js';
import { celebrationsBetween, type Celebration } from '../model/celebrations.js';
import { collectHabitDays, type HabitDay } from '../model/habit-days.js';
import { goalLinkResolver, resolveHabitLinks } from '../model/goal-links.js';
import type { Goal } from '../model/types.js';
import { parseGoalText, parseLogText } from '../parser/index.js';
import type { Journal } from './journal.js';

/**
 * A daily note written (`log`, a click): only a goal measured by a metric can cross a mark from a log.
 * `journal` holds the logs of the goal's range (the day's own log is replaced by the texts given).
 */
export function celebrationsForLogWrite(journal: Journal, goalId: string, day: Day, file: string, beforeText: string | null, afterText: string, asOf: Day): Celebration[] {
  const goal = journal.goal(goalId);
  if (!goal || goal.metric === null) return [];
  const resolve = goalLinkResolver(journal.goals, journal.unreadableGoalIds);
  // The journal's days of this goal with the written day's entry taken from the text: a day's entry comes from
  // that day's notes alone, so the other ten years need not be collected again for a click.
  const known = journal.habitDays().get(goal.id);
  const daysOf = (text: string | null): Map<Day, HabitDay> => {
    const days = new Map(known);
    days.delete(day);
    const parsed = text === null ? null : parseLogText(text, day, file).value;
    const entry = parsed && collectHabitDays([resolveHabitLinks(parsed, resolve)], [goal]).get(goal.id)?.get(day);
    if (entry) days.set(day, entry);
    return days;
  };
  return celebrationsBetween({ goal, days: daysOf(beforeText) }, { goal, days: daysOf(afterText) }, asOf);
}

/** A goal file written (a task or milestone toggled): its tasks before and after. */
export function celebrationsForGoalWrite(goalId: string, file: string, beforeText: string, afterText: string, asOf: Day, days: ReadonlyMap<Day, HabitDay> = new Map()): Celebration[] {
  const before = parseGoalText(beforeText, goalId, file).value;
  const after = parseGoalText(afterText, goalId, file).value;
  if (!before || !after) return [];
  return celebrationsBetween({ goal: before, days }, { goal: after, days }, asOf);
}

export function goalOfHabitLine(text: string, day: Day, file: string, line: number, goals: readonly Goal[]): string | null {
  const log = parseLogText(text, day, file).value;
  const habit = log && resolveHabitLinks(log, goalLinkResolver(goals)).habits.find((h) => h.line === line);
  return habit ? habit.goalId : null;
}

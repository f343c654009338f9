// What the daily logs say about each goal, day by day: the only input the analytics need from logs.
import type { Day } from './dates.js';
import type { DailyLog, Goal } from './types.js';
import { trackedDay } from './habit-track.js';

export interface HabitDay {
  standard: boolean;
  minimum: boolean;
  skip: boolean;
  /** `[value:: N]` of the day's checked lines, in file order. */
  values: number[];
}

/** goal id -> day -> what was checked that day. Unchecked lines only mark that the log links the goal. */
export type HabitDays = Map<string, Map<Day, HabitDay>>;

export function collectHabitDays(logs: Iterable<DailyLog>, goals: readonly Goal[] = []): HabitDays {
  const byGoal: HabitDays = new Map();
  const tracked = goals.filter((g) => g.track !== null);
  for (const log of logs) {
    // A goal with `habit.track` reads its day from the vault's own record (habit lines still count too).
    for (const goal of tracked) {
      const recorded = trackedDay(log, goal.track!);
      if (!recorded) continue;
      let days = byGoal.get(goal.id);
      if (!days) byGoal.set(goal.id, (days = new Map()));
      days.set(log.date, recorded);
    }
    for (const habit of log.habits) {
      let days = byGoal.get(habit.goalId);
      if (!days) byGoal.set(habit.goalId, (days = new Map()));
      let day = days.get(log.date);
      if (!day) days.set(log.date, (day = { standard: false, minimum: false, skip: false, values: [] }));
      if (!habit.checked) continue;
      day[habit.level] = true;
      if (habit.value !== null) day.values.push(habit.value);
    }
  }
  return byGoal;
}

/** The first day a habit line links the goal: its start when the goal has no `start`. */
export function firstLinkedDay(days: Map<Day, HabitDay> | undefined): Day | null {
  let first: Day | null = null;
  if (days) for (const day of days.keys()) if (first === null || day < first) first = day;
  return first;
}

// A goal's numbers kept for the next read in the same process. A long-lived reader (`kaizen daemon`) gets the same
// parsed goal back while its file is unchanged (the parse cache shares its results), so a goal whose notes say the
// same thing day by day as last time, asked for the same day, has the same numbers: ten years of them need not be
// counted again because one note of another goal changed.
import type { Day } from '../model/dates.js';
import type { Goal } from '../model/types.js';
import type { HabitDay } from '../model/habit-days.js';
import { computeGoalStats, type GoalStats } from '../model/goal-stats.js';

interface Kept {
  asOf: Day;
  days: ReadonlyMap<Day, HabitDay>;
  stats: GoalStats;
}

// Keyed by the parse itself: a goal changed in any way is another object, and one no read holds any more goes.
const kept = new WeakMap<Goal, Kept>();

/** What two reads collected for one goal, compared in order (the numbers may count days in that order). */
export function sameHabitDays(a: ReadonlyMap<Day, HabitDay>, b: ReadonlyMap<Day, HabitDay>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const others = b.entries();
  for (const [day, x] of a) {
    const [otherDay, y] = others.next().value as [Day, HabitDay];
    if (day !== otherDay || x.standard !== y.standard || x.minimum !== y.minimum || x.skip !== y.skip) return false;
    if (x.values.length !== y.values.length) return false;
    for (let i = 0; i < x.values.length; i++) if (!Object.is(x.values[i], y.values[i])) return false;
  }
  return true;
}

/** The goal's numbers as of `asOf` from its days: the ones kept when nothing they are made of changed. */
export function goalStatsKept(goal: Goal, days: ReadonlyMap<Day, HabitDay>, asOf: Day, firstLinked: Day | null): GoalStats {
  const last = kept.get(goal);
  if (last && last.asOf === asOf && sameHabitDays(last.days, days)) return last.stats;
  const stats = computeGoalStats(goal, days, asOf, firstLinked);
  kept.set(goal, { asOf, days, stats });
  return stats;
}

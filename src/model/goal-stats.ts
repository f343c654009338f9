// One goal's numbers as of a date: everything `kaizen stats` prints and the reports chart.
import type { Day } from './dates.js';
import type { HabitDay } from './habit-days.js';
import type { Goal, HabitTarget } from './types.js';
import { eachDay, minDay } from './dates.js';
import { periodContaining } from './periods.js';
import {
  daySum, GoalTimeline, halfLifeDays, numericStrengthSeries, milestonesReached, periodSummaries, periodSummary, progressHistory, streaks, strengthSeries,
  type MilestoneReached, type WeekSummary,
} from './analytics.js';
import { cadencePeriod, periodWord, type CadencePeriod } from './cadence.js';
import { suggestionsFor, type Suggestion } from './suggestions.js';

export interface GoalStats {
  id: string;
  asOf: Day;
  /** Effective range: `start` (or the first linked day) to `due` (open-ended when absent). */
  start: Day | null;
  due: Day | null;
  /** The last day counted: min(asOf, due). */
  end: Day | null;
  perWeek: number | null;
  /** The cadence's current period (FORMAT §11): its ISO week for `N/week`. */
  week: WeekSummary | null;
  period: CadencePeriod | null;
  /** What one period is called in sentences: `week`, `fortnight`, `month`, `block of 3 days` (null for a wish). */
  periodName: string | null;
  /** The cadence's periods (ISO weeks for `N/week`) from the start. */
  weeks: WeekSummary[];
  /** Met periods in a row; weeks for `N/week` (the name stays for them), fortnights, months or blocks otherwise. */
  streakWeeks: number | null;
  bestStreakWeeks: number | null;
  strength: number | null;
  halfLifeDays: number | null;
  /** 0–100. */
  progress: number;
  metricCurrent: number | null;
  milestones: MilestoneReached[];
  suggestions: Suggestion[];
  /** A numeric habit's current day, week or month (`habit.target.per`) against its target (FORMAT §11). */
  numeric?: NumericSummary | null;
}

export interface NumericSummary {
  per: HabitTarget['per'];
  kind: HabitTarget['kind'];
  target: number;
  unit: string | null;
  /** The values logged in the period up to the as-of day; an unlogged day counts 0. */
  sum: number;
  met: boolean;
  period: { id: string; start: Day; end: Day };
}

/** Loop's denominator for a numeric habit's target: per day 1, per week 7, per month 30. */
export const TARGET_DAYS: Record<HabitTarget['per'], number> = { day: 1, week: 7, month: 30 };

/** The strength series a goal's habit has: Loop's numeric score with `habit.target`, else its yes/no score. */
export function goalStrengthSeries(timeline: GoalTimeline): { day: Day; value: number }[] {
  const goal = timeline.goal;
  if (!goal.cadence) return [];
  return goal.target ? numericStrengthSeries(timeline, goal.target, TARGET_DAYS[goal.target.per]) : strengthSeries(timeline, goal.cadence);
}

function numericSummary(timeline: GoalTimeline, target: HabitTarget): NumericSummary {
  const asOf = timeline.asOf;
  const period = target.per === 'day' ? { id: asOf, start: asOf, end: asOf }
    : target.per === 'week' ? cadencePeriod({ perWeek: 7 }, asOf, asOf)
      : { id: asOf.slice(0, 7), ...periodContaining('month', asOf) };
  let sum = 0;
  for (const day of eachDay(period.start, minDay(period.end, asOf))) {
    const s = timeline.status(day);
    if (s !== 'outside' && s !== 'skip' && s !== 'paused') sum += daySum(timeline.days.get(day));
  }
  const met = target.kind === 'at-least' ? sum >= target.value : sum <= target.value;
  return { per: target.per, kind: target.kind, target: target.value, unit: target.unit, sum, met, period: { id: period.id, start: period.start, end: period.end } };
}

export function computeGoalStats(goal: Goal, days: ReadonlyMap<Day, HabitDay>, asOf: Day, firstLinked: Day | null): GoalStats {
  const timeline = new GoalTimeline(goal, days, asOf, firstLinked);
  const cadence = goal.cadence;
  const perWeek = cadence?.perWeek ?? null;
  const history = progressHistory(timeline);
  const progress = history.at(asOf);
  const weeks = cadence === null ? [] : periodSummaries(timeline, cadence);
  const runs = streaks(weeks);
  const strength = cadence === null ? null : (goalStrengthSeries(timeline).at(-1)?.value ?? 0);
  const stats: GoalStats = {
    id: goal.id,
    asOf,
    start: timeline.start,
    due: timeline.due,
    end: timeline.end,
    perWeek,
    week: cadence === null ? null : (weeks.at(-1)?.current ? (weeks.at(-1) as WeekSummary) : periodSummary(timeline, cadence, asOf)),
    period: cadence === null ? null : cadencePeriod(cadence, timeline.start ?? asOf, asOf),
    periodName: cadence === null ? null : periodWord(cadence),
    weeks,
    streakWeeks: perWeek === null ? null : runs.current,
    bestStreakWeeks: perWeek === null ? null : runs.best,
    strength,
    halfLifeDays: perWeek === null ? null : goal.target ? 13 * Math.sqrt(TARGET_DAYS[goal.target.per]) : halfLifeDays(perWeek),
    numeric: goal.target && cadence ? numericSummary(timeline, goal.target) : null,
    progress,
    metricCurrent: history.current,
    milestones: milestonesReached(history),
    suggestions: [],
  };
  stats.suggestions = goal.status === 'active' ? suggestionsFor(goal, stats, timeline, history) : [];
  return stats;
}


/**
 * "2/4 this week", or what a period with nothing to do means: a goal that starts later says when
 * ("starts 2026-12-07"), never "0/0 this week".
 */
export function periodWords(goal: Goal, stats: GoalStats): string | null {
  const week = stats.week;
  if (!week) return null;
  const period = stats.periodName ?? 'week';
  if (week.target > 0) return `${week.done}/${week.target} this ${period}`;
  if (goal.start && goal.start > week.monday) return `starts ${goal.start}`;
  return `nothing due this ${period}`;
}

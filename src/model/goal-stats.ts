// One goal's numbers as of a date: everything `kaizen stats` prints and the reports chart.
import type { Day } from './dates.js';
import type { HabitDay } from './habit-days.js';
import type { Goal } from './types.js';
import {
  GoalTimeline, halfLifeDays, milestonesReached, periodSummaries, periodSummary, progressHistory, streaks, strengthSeries,
  type MilestoneReached, type WeekSummary,
} from './analytics.js';
import { cadencePeriod, type CadencePeriod } from './cadence.js';
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
}

export function computeGoalStats(goal: Goal, days: ReadonlyMap<Day, HabitDay>, asOf: Day, firstLinked: Day | null): GoalStats {
  const timeline = new GoalTimeline(goal, days, asOf, firstLinked);
  const cadence = goal.cadence;
  const perWeek = cadence?.perWeek ?? null;
  const history = progressHistory(timeline);
  const progress = history.at(asOf);
  const weeks = cadence === null ? [] : periodSummaries(timeline, cadence);
  const runs = streaks(weeks);
  const strength = cadence === null ? null : (strengthSeries(timeline, cadence).at(-1)?.value ?? 0);
  const stats: GoalStats = {
    id: goal.id,
    asOf,
    start: timeline.start,
    due: timeline.due,
    end: timeline.end,
    perWeek,
    week: cadence === null ? null : (weeks.at(-1)?.current ? (weeks.at(-1) as WeekSummary) : periodSummary(timeline, cadence, asOf)),
    period: cadence === null ? null : cadencePeriod(cadence, timeline.start ?? asOf, asOf),
    weeks,
    streakWeeks: perWeek === null ? null : runs.current,
    bestStreakWeeks: perWeek === null ? null : runs.best,
    strength,
    halfLifeDays: perWeek === null ? null : halfLifeDays(perWeek),
    progress,
    metricCurrent: history.current,
    milestones: milestonesReached(history),
    suggestions: [],
  };
  stats.suggestions = goal.status === 'active' ? suggestionsFor(goal, stats, timeline, history) : [];
  return stats;
}


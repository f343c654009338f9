// One goal's numbers as of a date: everything `kaizen stats` prints and the reports chart.
import type { Day } from './dates.js';
import type { HabitDay } from './habit-days.js';
import type { Goal } from './types.js';
import {
  GoalTimeline, halfLifeDays, milestonesReached, progressHistory, streaks, strengthSeries, weekSummaries, weekSummary,
  type MilestoneReached, type WeekSummary,
} from './analytics.js';
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
  week: WeekSummary | null;
  weeks: WeekSummary[];
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
  const perWeek = goal.cadence?.perWeek ?? null;
  const history = progressHistory(timeline);
  const progress = history.at(asOf);
  const weeks = perWeek === null ? [] : weekSummaries(timeline, perWeek);
  const runs = streaks(weeks);
  const strength = perWeek === null ? null : (strengthSeries(timeline, perWeek).at(-1)?.value ?? 0);
  const stats: GoalStats = {
    id: goal.id,
    asOf,
    start: timeline.start,
    due: timeline.due,
    end: timeline.end,
    perWeek,
    week: perWeek === null ? null : (weeks.at(-1)?.current ? (weeks.at(-1) as WeekSummary) : weekSummary(timeline, perWeek, asOf)),
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


// A period report's numbers: a pure function of the model, shared by `kaizen report`, `kaizen
// review` and the review webview. Plain data, so `--json` can print it as it is.
import { taskCounts } from '../model/task-status.js';
import { planWords } from '../model/habit-plan.js';
import { addDays, eachDay, isoWeekLabel, type Day } from '../model/dates.js';
import { firstLinkedDay, type HabitDay, type HabitDays } from '../model/habit-days.js';
import { GoalTimeline, isWeekMet, progressHistory, strengthSeries, weekSummaries, type DayCounts, type WeekSummary } from '../model/analytics.js';
import { cadenceLabel, periodWord } from '../model/cadence.js';
import { computeGoalStats, goalStrengthSeries, numericWords } from '../model/goal-stats.js';
import { periodWeekMondays, shiftPeriod, type Period } from '../model/periods.js';
import { ADJUSTMENTS, type SuggestionId } from '../model/suggestions.js';
import { milestoneTitle } from '../model/syntax.js';
import type { DailyLog, DayStatus, Goal } from '../model/types.js';

export const HEATMAP_WEEKS = 12;

export type PeriodTotals = DayCounts;

export interface ReportWeek extends PeriodTotals {
  period: string;
  monday: Day;
  met: boolean;
  neutral: boolean;
}

export interface ReportGoal {
  id: string;
  title: string;
  why: string | null;
  lead: boolean;
  status: Goal['status'];
  perWeek: number | null;
  /** `3/week`, `3/month`, `every 3 days` (FORMAT §11); absent for a wish. */
  cadence?: string;
  /** What one period of the cadence is called: week, fortnight, month, block of 3 days. */
  periodName?: string;
  /** `Mon, Wed, Fri, Sat at 07:00` (habit.days, habit.time), or null. */
  plan: string | null;
  minimum: string | null;
  standard: string | null;
  start: Day | null;
  due: Day | null;
  totals: PeriodTotals | null;
  /** A numeric habit's value against its target as of the report's day ("1.5/2 km today"), else null. */
  numericTarget?: string | null;
  previousTotals: PeriodTotals | null;
  weeks: ReportWeek[];
  streakWeeks: number | null;
  bestStreakWeeks: number | null;
  /** 0–1 at the report's as-of day, and at the end of the previous period. */
  strength: number | null;
  strengthBefore: number | null;
  halfLifeDays: number | null;
  /** What checking in on the as-of day adds to strength (percentage points), when it is not done yet. */
  strengthGainToday: number | null;
  progress: number;
  progressBefore: number;
  metric: { current: number | null; target: number; unit: string | null; name: string | null } | null;
  /** Micro-tasks without the cancelled ones (Obsidian Tasks' `[-]`), which are out of the progress count. */
  tasksTotal: number;
  tasksChecked: number;
  tasksInProgress: number;
  tasksCancelled: number;
  milestones: { percent: number; date: Day | null }[];
  /** Marks and milestones reached in the period, each with its reward (FORMAT §7) when it has one. */
  milestonesInPeriod: { percent: number | null; date: Day | null; title: string | null; reward: string | null }[];
  suggestions: { id: SuggestionId; message: string; evidence: string; advice: string; obstacle: string }[];
  tasksDone: { text: string; date: Day; stage: string | null }[];
  /** Each calendar day of the period. */
  days: { day: Day; status: ReportDayStatus }[];
  /** Monday-first days of the 12 weeks ending with the period's last week. */
  heatmap: { day: Day; status: ReportDayStatus }[];
  strengthHistory: { day: Day; value: number | null }[];
}

/** `today`: the running day, not logged yet — not missed while it can still be done. */
export type ReportDayStatus = DayStatus | 'future' | 'today';

export interface ReportData {
  period: Period;
  previous: string;
  next: string;
  asOf: Day;
  goals: ReportGoal[];
  energy: { average: number | null; count: number; weeks: { period: string; monday: Day; average: number | null; count: number }[] };
  logs: { date: Day; file: string }[];
}

export interface ReportInput {
  period: Period;
  asOf: Day;
  /** Lead goal first. */
  goals: readonly Goal[];
  habitDays: HabitDays;
  logs: readonly DailyLog[];
  /** Every daily log file, parsed or not, by date: for links. */
  logFiles: ReadonlyMap<Day, string>;
  /** The day that is still running (the person's today, or the as-of day they asked for). */
  today?: Day;
}

/** Goals the period's report is about: their range overlaps the period, and they were not dropped. */
export function goalsInPeriod(goals: readonly Goal[], habitDays: HabitDays, period: Period): Goal[] {
  return goals.filter((g) => {
    if (g.status === 'dropped') return false;
    const start = g.start ?? firstLinkedDay(habitDays.get(g.id));
    if (start === null) return g.status === 'active';
    return start <= period.end && (g.due === null || g.due >= period.start);
  });
}

function sumWeeks(weeks: readonly WeekSummary[]): PeriodTotals {
  const t: PeriodTotals = { target: 0, done: 0, minimum: 0, standard: 0, skipped: 0, paused: 0 };
  for (const w of weeks) {
    t.target += w.target; t.done += w.done; t.minimum += w.minimum; t.standard += w.standard; t.skipped += w.skipped; t.paused += w.paused;
  }
  return t;
}

export function buildReportData(input: ReportInput): ReportData {
  const { period, asOf } = input;
  const mondays = new Set(periodWeekMondays(period));
  const previous = shiftPeriod(period, -1);
  const previousMondays = new Set(periodWeekMondays(previous));
  const lastMonday = [...mondays].at(-1) as Day;
  const heatStart = addDays(lastMonday, -7 * (HEATMAP_WEEKS - 1));
  const heatEnd = addDays(lastMonday, 6);

  const goals = goalsInPeriod(input.goals, input.habitDays, period).map((goal): ReportGoal => {
    const days = input.habitDays.get(goal.id) ?? new Map();
    const firstLinked = firstLinkedDay(days);
    const stats = computeGoalStats(goal, days, asOf, firstLinked);
    const timeline = new GoalTimeline(goal, days, asOf, firstLinked);
    const dayStatus = (day: Day): ReportDayStatus => {
      if (day > asOf) return 'future';
      const status = timeline.status(day);
      return status === 'missed' && day === input.today ? 'today' : status;
    };
    const perWeek = goal.cadence?.perWeek ?? null;
    const series = goalStrengthSeries(timeline);
    const strengthOn = new Map(series.map((p) => [p.day, p.value]));
    const strengthAt = (day: Day): number | null => {
      if (perWeek === null) return null;
      if (timeline.start === null || day < timeline.start) return 0;
      return strengthOn.get(day) ?? series.at(-1)?.value ?? 0;
    };
    // A review is made of ISO weeks: a longer cadence (FORMAT §11) shows its weekly pace there (7·num/den a week).
    const weeks = goal.cadence?.span ? weekSummaries(timeline, goal.cadence.perWeek) : stats.weeks;
    const periodWeeks = weeks.filter((w) => mondays.has(w.monday));
    const previousWeeks = weeks.filter((w) => previousMondays.has(w.monday));
    const inPeriod = (d: Day | null): d is Day => d !== null && d >= period.start && d <= period.end && d <= asOf;
    const beforeDay = addDays(period.start, -1);
    return {
      id: goal.id,
      title: goal.title ?? goal.id,
      why: goal.why,
      lead: goal.lead && goal.status === 'active',
      status: goal.status,
      perWeek,
      ...(goal.cadence ? { cadence: cadenceLabel(goal.cadence), periodName: periodWord(goal.cadence) } : {}),
      plan: planWords(goal.days, goal.time),
      minimum: goal.minimum,
      standard: goal.standard,
      start: stats.start,
      due: stats.due,
      totals: perWeek === null ? null : sumWeeks(periodWeeks),
      numericTarget: numericWords(stats),
      previousTotals: perWeek === null || previousWeeks.length === 0 ? null : sumWeeks(previousWeeks),
      weeks: periodWeeks.map((w) => ({ period: w.period, monday: w.monday, target: w.target, done: w.done, minimum: w.minimum, standard: w.standard, skipped: w.skipped, paused: w.paused, met: isWeekMet(w), neutral: w.target === 0 })),
      streakWeeks: stats.streakWeeks,
      bestStreakWeeks: stats.bestStreakWeeks,
      strength: stats.strength,
      strengthBefore: strengthAt(beforeDay),
      halfLifeDays: stats.halfLifeDays,
      strengthGainToday: perWeek === null ? null : gainIfDoneToday(goal, days, asOf, firstLinked, stats.strength ?? 0),
      progress: stats.progress,
      progressBefore: progressHistory(timeline).at(beforeDay),
      metric: goal.metric ? { current: stats.metricCurrent, target: goal.metric.target, unit: goal.metric.unit, name: goal.metric.name } : null,
      ...((c) => ({ tasksTotal: c.total, tasksChecked: c.done, tasksInProgress: c.inProgress, tasksCancelled: c.cancelled }))(taskCounts(goal.tasks, asOf)),
      milestones: stats.milestones,
      milestonesInPeriod: [
        ...stats.milestones.filter((m) => inPeriod(m.date)).map((m) => ({ percent: m.percent as number | null, date: m.date, title: null as string | null, reward: goal.rewards?.[m.percent] ?? null })),
        ...goal.milestones.filter((m) => m.checked && inPeriod(m.doneDate)).map((m) => ({ percent: null, date: m.doneDate, title: milestoneTitle(m.text), reward: m.reward ?? null })),
      ],
      suggestions: stats.suggestions.map((s) => ({ ...s, obstacle: ADJUSTMENTS[s.id].obstacle })),
      tasksDone: goal.tasks.filter((t) => t.checked && inPeriod(t.doneDate))
        .map((t) => ({ text: milestoneTitle(t.text), date: t.doneDate as Day, stage: t.stage }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      days: [...eachDay(period.start, period.end)].map((day) => ({ day, status: dayStatus(day) })),
      heatmap: [...eachDay(heatStart, heatEnd)].map((day) => ({ day, status: dayStatus(day) })),
      strengthHistory: [...eachDay(heatStart, heatEnd)].map((day) => ({ day, value: day > asOf || perWeek === null || timeline.start === null || day < timeline.start ? null : strengthAt(day) })),
    };
  });

  const energyLogs = input.logs.filter((l) => l.energy !== null);
  const energyIn = (from: Day, to: Day) => {
    const values = energyLogs.filter((l) => l.date >= from && l.date <= to && l.date <= asOf).map((l) => l.energy as number);
    return { average: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, count: values.length };
  };
  const energyWeeks = [];
  for (let monday = heatStart; monday <= lastMonday; monday = addDays(monday, 7)) {
    energyWeeks.push({ period: isoWeekLabel(monday), monday, ...energyIn(monday, addDays(monday, 6)) });
  }
  const logs = [...input.logFiles.entries()].filter(([d]) => d >= period.start && d <= period.end)
    .sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, file]) => ({ date, file }));
  return {
    period,
    previous: previous.label,
    next: shiftPeriod(period, 1).label,
    asOf,
    goals,
    energy: { ...energyIn(period.start, period.end), weeks: energyWeeks },
    logs,
  };
}

/** Strength tomorrow if today is checked in, minus strength if it is not: what today's step is worth. */
function gainIfDoneToday(goal: Goal, days: ReadonlyMap<Day, HabitDay>, asOf: Day, firstLinked: Day | null, current: number): number | null {
  const today = days.get(asOf);
  // A numeric habit's day is worth what its value is: no single "done" to weigh.
  if (today?.standard || today?.minimum || goal.target) return null;
  const withToday = new Map(days);
  withToday.set(asOf, { standard: false, minimum: true, skip: false, values: [] });
  const timeline = new GoalTimeline(goal, withToday, asOf, firstLinked ?? asOf);
  if (!timeline.inRange(asOf) || timeline.isPaused(asOf)) return null;
  const done = strengthSeries(timeline, goal.cadence ?? 7).at(-1)?.value ?? current;
  return 100 * (done - current);
}

/** Whether the twelve weeks hold any rating: without one there is no energy chart to draw. */
export function hasEnergyChart(data: ReportData): boolean {
  return data.energy.weeks.some((w) => w.average !== null);
}

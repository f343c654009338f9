// Every derived number of FORMAT.md §4, as of a date: day statuses, week targets, streaks, the Loop
// Habit Tracker strength score, progress, milestones and the obstacle-table suggestions.
import { countsForProgress } from './task-status.js';
import {
  addDays, dayNumber, eachDay, isoWeekLabel, minDay, weekStart, type Day,
} from './dates.js';
import { cadenceFraction, cadencePeriod, periodTarget } from './cadence.js';
import type { HabitDay } from './habit-days.js';
import type { Cadence, DayStatus, Goal, HabitTarget } from './types.js';

/** Days counted over a week or a longer period: done = minimum + standard. */
export interface DayCounts {
  target: number;
  done: number;
  minimum: number;
  standard: number;
  skipped: number;
  paused: number;
}

export interface WeekSummary extends DayCounts {
  /** `GGGG-Www`. */
  period: string;
  /** The period's first day: the Monday of an ISO week, or the start of a longer period (FORMAT §11). */
  monday: Day;
  /** Days of the week inside the goal's range that were not skipped or paused. */
  available: number;
  /** The week holding `asOf`: still running, so not yet complete. */
  current: boolean;
}

export interface MilestoneReached {
  percent: number;
  /** When progress first reached it; null when only undated finished tasks got it there. */
  date: Day | null;
}

/** Reads a goal's day statuses; logs after `asOf` are not counted (they have not happened yet). */
export class GoalTimeline {
  readonly start: Day | null;
  readonly due: Day | null;
  readonly end: Day | null;

  constructor(
    readonly goal: Goal,
    readonly days: ReadonlyMap<Day, HabitDay>,
    readonly asOf: Day,
    firstLinked: Day | null,
  ) {
    this.start = goal.start ?? firstLinked;
    this.due = goal.due;
    this.end = this.start === null ? null : this.due === null ? asOf : minDay(asOf, this.due);
  }

  inRange(day: Day): boolean {
    return this.start !== null && day >= this.start && (this.due === null || day <= this.due);
  }

  isPaused(day: Day): boolean {
    return this.goal.pauses.some((p) => day >= p.from && day <= p.to);
  }

  /**
   * standard > minimum (both done), then paused, then skip, else missed; `outside` the goal's range. A numeric
   * at-least habit (FORMAT §11) is done on a day whose values add up to more than 0 (standard from
   * `habit.standardAt` on, when given); an at-most habit on any logged day.
   */
  status(day: Day): DayStatus {
    if (!this.inRange(day)) return 'outside';
    const logged = day <= this.asOf ? this.days.get(day) : undefined;
    const target = this.goal.target;
    if (target?.kind === 'at-least' && logged) {
      const sum = daySum(logged);
      if (sum > 0) {
        const standardAt = this.goal.standardAt ?? null;
        return standardAt !== null ? (sum >= standardAt ? 'standard' : 'minimum') : logged.standard ? 'standard' : 'minimum';
      }
    } else if (logged?.standard) return 'standard';
    else if (logged?.minimum) return 'minimum';
    if (this.isPaused(day)) return 'paused';
    if (logged?.skip) return 'skip';
    return 'missed';
  }

  isDone(day: Day): boolean {
    const s = this.status(day);
    return s === 'standard' || s === 'minimum';
  }
}

export function weekSummary(timeline: GoalTimeline, perWeek: number, anyDay: Day): WeekSummary {
  const monday = weekStart(anyDay);
  const w: WeekSummary = {
    period: isoWeekLabel(monday), monday, target: 0, done: 0, minimum: 0, standard: 0, skipped: 0, paused: 0,
    available: 0, current: monday === weekStart(timeline.asOf),
  };
  for (let i = 0; i < 7; i++) countDay(w, timeline.status(addDays(monday, i)));
  w.target = Math.ceil((perWeek * w.available) / 7);
  return w;
}

/** A day's status added to its period's counts: skips and pauses are not available days. */
function countDay(w: WeekSummary, status: ReturnType<GoalTimeline['status']>): void {
  if (status === 'outside') return;
  if (status === 'skip') w.skipped++;
  else if (status === 'paused') w.paused++;
  else {
    w.available++;
    if (status === 'minimum') { w.minimum++; w.done++; }
    if (status === 'standard') { w.standard++; w.done++; }
  }
}

export function isWeekMet(w: WeekSummary): boolean {
  return w.target > 0 && w.done >= w.target;
}

/** The summary of the cadence's period holding `anyDay` (FORMAT §11): an ISO week for `N/week`. */
export function periodSummary(timeline: GoalTimeline, cadence: Cadence, anyDay: Day): WeekSummary {
  if (!cadence.span) return weekSummary(timeline, cadence.perWeek, anyDay);
  const period = cadencePeriod(cadence, timeline.start ?? anyDay, anyDay);
  const holding = cadencePeriod(cadence, timeline.start ?? anyDay, timeline.asOf);
  const w: WeekSummary = {
    period: period.id, monday: period.start, target: 0, done: 0, minimum: 0, standard: 0, skipped: 0, paused: 0,
    available: 0, current: holding.start === period.start,
  };
  let length = 0;
  for (const day of eachDay(period.start, period.end)) {
    length++;
    countDay(w, timeline.status(day));
  }
  w.target = periodTarget(cadence, w.available, length);
  return w;
}

/** Periods from the goal's first up to the one holding asOf (or its due date, when earlier). */
export function periodSummaries(timeline: GoalTimeline, cadence: Cadence): WeekSummary[] {
  if (!cadence.span) return weekSummaries(timeline, cadence.perWeek);
  if (timeline.start === null || timeline.start > timeline.asOf) return [];
  const out: WeekSummary[] = [];
  const last = timeline.end ?? timeline.asOf;
  for (let day = timeline.start; day <= last; day = addDays(cadencePeriod(cadence, timeline.start, day).end, 1)) {
    out.push(periodSummary(timeline, cadence, day));
  }
  return out;
}

/**
 * Weeks from the goal's first week up to the week holding asOf, or its due date's week when that
 * is earlier: later weeks are all neutral, and neutral weeks change no streak.
 */
export function weekSummaries(timeline: GoalTimeline, perWeek: number): WeekSummary[] {
  if (timeline.start === null || timeline.start > timeline.asOf) return [];
  const weeks: WeekSummary[] = [];
  const last = weekStart(timeline.end ?? timeline.asOf);
  for (let monday = weekStart(timeline.start); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(weekSummary(timeline, perWeek, monday));
  }
  return weeks;
}

/**
 * Met weeks in a row, stepping over neutral weeks (target 0). A complete unmet week breaks the run;
 * the current week adds one when already met and never breaks it while it is still running.
 */
export function streaks(weeks: readonly WeekSummary[]): { current: number; best: number } {
  let run = 0;
  let best = 0;
  for (const w of weeks) {
    if (w.target === 0) continue;
    if (isWeekMet(w)) run++;
    else if (!w.current) run = 0;
    best = Math.max(best, run);
  }
  return { current: run, best };
}

export function halfLifeDays(perWeek: number): number {
  return 13 / Math.sqrt(perWeek / 7);
}

/** One day of Loop's score (`Score.compute`): f is the frequency, v the day's completion in [0, 1]. */
export function loopScoreStep(f: number, previous: number, v: number): number {
  const m = Math.pow(0.5, Math.sqrt(f) / 13);
  return m * previous + (1 - m) * v;
}

/**
 * Loop Habit Tracker's score (`ScoreList.recompute`): S = m·S + (1 − m)·v each counted day,
 * m = 0.5^(sqrt(f)/13), f = num/den; for f < 1, v = done / (2·num) over the last 2·den days that are neither
 * skipped nor paused (Loop's pull request #1713). A number is N of N/week. Returns the score at the end of
 * every day from start to end.
 */
export function strengthSeries(timeline: GoalTimeline, cadence: Cadence | number): { day: Day; value: number }[] {
  if (timeline.start === null || timeline.end === null || timeline.end < timeline.start) return [];
  const { num, den } = cadenceFraction(typeof cadence === 'number' ? { perWeek: cadence } : cadence);
  const f = Math.min(1, num / den);
  const series: { day: Day; value: number }[] = [];
  const doneWindow: boolean[] = [];
  let doneInWindow = 0;
  let score = 0;
  for (const day of eachDay(timeline.start, timeline.end)) {
    const status = timeline.status(day);
    // Format 1.1: a skipped or paused day is frozen, not failed — it neither moves S nor takes a
    // place in the window, so a 6/week habit with every weekend skipped can still reach 100 %.
    if (status !== 'skip' && status !== 'paused') {
      const done = status === 'minimum' || status === 'standard';
      doneWindow.push(done);
      if (done) doneInWindow++;
      if (doneWindow.length > 2 * den && doneWindow.shift()) doneInWindow--;
      const v = f >= 1 ? (done ? 1 : 0) : Math.min(1, doneInWindow / (2 * num));
      score = loopScoreStep(f, score, v);
    }
    series.push({ day, value: score });
  }
  return series;
}

/** What a day's lines logged for a numeric habit: several lines add up. */
export function daySum(day: HabitDay | undefined): number {
  return day ? day.values.reduce((a, b) => a + b, 0) : 0;
}

/**
 * Loop's numeric score (`ScoreList.recompute`, FORMAT §11): R is the sum of the values of the last `den` days
 * that are neither skipped nor paused (an unlogged day counts 0); at-least v = min(1, R / value), at-most
 * v = clamp(1 − (R − value) / value, 0, 1); S starts at 0 (at-least) or 1 (at-most); f = 1/den.
 */
export function numericStrengthSeries(timeline: GoalTimeline, target: Pick<HabitTarget, 'value' | 'kind'>, den: number): { day: Day; value: number }[] {
  if (timeline.start === null || timeline.end === null || timeline.end < timeline.start) return [];
  const atMost = target.kind === 'at-most';
  const f = 1 / den;
  const window: number[] = [];
  let score = atMost ? 1 : 0;
  const series: { day: Day; value: number }[] = [];
  for (const day of eachDay(timeline.start, timeline.end)) {
    const status = timeline.status(day);
    if (status !== 'skip' && status !== 'paused') {
      const value = Math.max(0, daySum(day <= timeline.asOf ? timeline.days.get(day) : undefined));
      window.push(value);
      if (window.length > den) window.shift();
      // Summed afresh (den ≤ 30): a running sum would leave rounding crumbs that turn an at-most 0 into a miss.
      const rolling = window.reduce((a, b) => a + b, 0);
      let v: number;
      if (!atMost) v = target.value > 0 ? Math.min(1, rolling / target.value) : 1;
      else if (target.value > 0) v = Math.min(1, Math.max(0, 1 - (rolling - target.value) / target.value));
      else v = rolling > 0 ? 0 : 1;
      score = loopScoreStep(f, score, v);
    }
    series.push({ day, value: score });
  }
  return series;
}

/** Progress (0–100) at the end of every day, plus a function for any later day. */
export interface ProgressHistory {
  at(day: Day): number;
  current: number | null;
  /** Days at which progress changed, ascending, with the new value. */
  changes: { day: Day | null; value: number }[];
}

export function progressHistory(timeline: GoalTimeline): ProgressHistory {
  const goal = timeline.goal;
  const changes: { day: Day | null; value: number }[] = [];
  if (goal.metric) {
    const { baseline, target, aggregate } = goal.metric;
    const toPercent = (current: number | null): number => {
      if (current === null) return 0;
      if (target === baseline) return current >= target ? 100 : 0;
      return 100 * Math.min(1, Math.max(0, (current - baseline) / (target - baseline)));
    };
    let current: number | null = aggregate === 'sum' ? 0 : null;
    let percent = toPercent(current);
    // An empty sum can already be past 0 % (a negative baseline): that holds from the start.
    if (percent !== 0) changes.push({ day: null, value: percent });
    if (timeline.start !== null && timeline.end !== null) {
      const sortedDays = [...timeline.days.keys()].filter((d) => d >= (timeline.start as Day) && d <= (timeline.end as Day)).sort();
      for (const day of sortedDays) {
        const values = timeline.days.get(day)?.values ?? [];
        if (values.length === 0) continue;
        for (const v of values) {
          if (aggregate === 'sum') current = (current ?? 0) + v;
          else if (aggregate === 'last') current = v;
          else current = current === null ? v : Math.max(current, v);
        }
        const next = toPercent(current);
        if (next !== percent) changes.push({ day, value: (percent = next) });
      }
    }
    return { at: (day) => valueAt(changes, day), current, changes };
  }
  // In progress is open work; cancelled is out of the denominator (Obsidian Tasks' `[/]` and `[-]`).
  const tasks = goal.tasks.filter(countsForProgress);
  if (tasks.length === 0) return { at: () => 0, current: null, changes };
  const counted = tasks.filter((t) => t.checked && (t.doneDate === null || t.doneDate <= timeline.asOf));
  const undated = counted.filter((t) => t.doneDate === null).length;
  const dated = counted.map((t) => t.doneDate).filter((d): d is Day => d !== null).sort();
  if (undated > 0) changes.push({ day: null, value: (100 * undated) / tasks.length });
  dated.forEach((day, i) => {
    const value = (100 * (undated + i + 1)) / tasks.length;
    const last = changes[changes.length - 1];
    if (last && last.day === day) last.value = value;
    else changes.push({ day, value });
  });
  return { at: (day) => valueAt(changes, day), current: null, changes };
}

function valueAt(changes: { day: Day | null; value: number }[], day: Day): number {
  let value = 0;
  for (const c of changes) {
    if (c.day !== null && c.day > day) break;
    value = c.value;
  }
  return value;
}

export function milestonesReached(history: ProgressHistory): MilestoneReached[] {
  const reached: MilestoneReached[] = [];
  for (const percent of [25, 50, 75, 100]) {
    const first = history.changes.find((c) => c.value >= percent - 1e-9);
    if (first) reached.push({ percent, date: first.day });
  }
  return reached;
}

/** Share (0–100) of the goal's [start, due] that has passed by asOf; null without both dates. */
export function elapsedShare(start: Day | null, due: Day | null, asOf: Day): number | null {
  if (start === null || due === null || due < start) return null;
  const total = dayNumber(due) - dayNumber(start) + 1;
  const elapsed = Math.max(0, dayNumber(minDay(asOf, due)) - dayNumber(start) + 1);
  return (100 * Math.min(total, elapsed)) / total;
}

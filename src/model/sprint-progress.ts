// What a sprint's files say as of a day (FORMAT §6): each committed item done or open, the burnup,
// execution, each goal's weeks met inside the window, and what carries over.
import { addDays, daysBetween, eachDay, minDay, type Day } from './dates.js';
import { GoalTimeline, isWeekMet, weekSummary } from './analytics.js';
import { firstLinkedDay, type HabitDays } from './habit-days.js';
import type { GoalLinkResolver } from './goal-links.js';
import { committedKey, type Sprint, type SprintItem } from './sprint.js';
import { ADJUSTMENTS } from './suggestions.js';
import type { Goal, TaskItem } from './types.js';

export interface ItemState {
  item: SprintItem;
  /** The goal a `[[goal]]` item names, when it exists. */
  goalId: string | null;
  /** The goal's micro-task the item stands for (or the sprint-only task itself). */
  task: TaskItem | null;
  /** A `[[goal]]` item that matches none of the goal's micro-tasks. */
  missing: boolean;
  done: boolean;
  /** The day it counts as done in the burnup (an undated check: the last day counted). */
  doneOn: Day | null;
  /** Not done and still open: it carries over. */
  open: boolean;
}

export interface BurnupPoint {
  day: Day;
  /** Items committed (planned + added); null for days after `asOf`. */
  scope: number | null;
  done: number | null;
  /** The straight line from 0 to the planned items over the window. */
  ideal: number;
}

export type HabitWeekMark = 'standard' | 'minimum' | 'missed' | 'running' | 'paused' | 'future' | 'none';

export interface SprintHabitRow {
  goalId: string;
  title: string;
  weeks: Array<{ period: string; monday: Day; target: number; done: number; minimum: number; standard: number; skipped: number; paused: number; mark: HabitWeekMark }>;
}

export interface SprintProgress {
  sprint: Sprint;
  asOf: Day;
  state: 'upcoming' | 'running' | 'finished';
  /** 1-based day of the sprint (clamped to the window) and its length in days. */
  day: number;
  days: number;
  items: ItemState[];
  planned: number;
  added: number;
  done: number;
  /** done ÷ planned; null without planned items. */
  execution: number | null;
  /** done ÷ what the ideal line expects by now (equal to execution once finished). */
  pace: number | null;
  burnup: BurnupPoint[];
  habits: SprintHabitRow[];
  carryOver: ItemState[];
  /** The obstacle table's advice when execution runs below 85 %. */
  suggestion: string | null;
  /** The goal the sprint serves: `focus`, else the lead goal. */
  focusGoalId: string | null;
}

export const EXECUTION_BAR = 0.85;

/**
 * The goal's micro-task a committed item stands for. A recurring task leaves a done copy per occurrence:
 * the one done since the sprint started (the latest), else the open one, else the first.
 */
export function matchGoalTask(goal: Goal, key: string, since?: Day): TaskItem | null {
  const matches = goal.tasks.filter((t) => t.section !== 'milestones' && committedKey(t.text) === key);
  if (matches.length <= 1) return matches[0] ?? null;
  const doneSince = matches.filter((t) => t.checked && t.doneDate !== null && since !== undefined && t.doneDate >= since)
    .sort((a, b) => (b.doneDate as Day).localeCompare(a.doneDate as Day));
  return doneSince[0] ?? matches.find((t) => t.state === 'open' || t.state === 'in-progress') ?? matches[0] ?? null;
}

export function sprintProgress(sprint: Sprint, goals: readonly Goal[], resolve: GoalLinkResolver, habitDays: HabitDays, asOf: Day): SprintProgress {
  const days = daysBetween(sprint.start, sprint.end) + 1;
  const state = asOf < sprint.start ? 'upcoming' : asOf > sprint.end ? 'finished' : 'running';
  const lastCounted = minDay(asOf, sprint.end);
  const inWindow = (d: Day) => d >= sprint.start && d <= lastCounted;
  const items = sprint.items.map((item): ItemState => {
    const goalId = item.goalName === null ? null : resolve(item.goalName);
    const goal = goalId === null ? undefined : goals.find((g) => g.id === goalId);
    const task = item.task ?? (goal ? matchGoalTask(goal, item.key, sprint.start) : null);
    const missing = item.goalName !== null && task === null;
    const checked = task?.checked === true;
    const dated = task?.doneDate ?? null;
    const done = checked && (dated === null ? state !== 'upcoming' : inWindow(dated));
    return { item, goalId, task, missing, done, doneOn: done ? dated ?? lastCounted : null, open: !checked };
  });
  const planned = items.filter((s) => !s.item.added).length;
  const added = items.length - planned;
  const done = items.filter((s) => s.done).length;
  const burnup: BurnupPoint[] = [];
  let k = 0;
  for (const day of eachDay(sprint.start, sprint.end)) {
    const ideal = planned * ((k + 1) / days);
    const counted = day <= asOf;
    burnup.push({ day, scope: counted ? items.length : null, done: counted ? items.filter((s) => s.doneOn !== null && s.doneOn <= day).length : null, ideal });
    k++;
  }
  const execution = planned === 0 ? null : done / planned;
  const elapsed = state === 'upcoming' ? 0 : daysBetween(sprint.start, lastCounted) + 1;
  const expected = planned * (elapsed / days);
  const pace = state === 'finished' ? execution : expected > 0 ? done / expected : null;
  const focusGoalId = (sprint.focus !== null ? resolve(sprint.focus) : null) ?? goals.find((g) => g.lead && g.status === 'active')?.id ?? null;
  // While it runs, a sprint is behind only when at least a whole item is missing from the ideal line.
  const behind = state === 'finished' ? execution !== null && execution < EXECUTION_BAR
    : state === 'running' && pace !== null && pace < EXECUTION_BAR && expected - done >= 1;
  const suggestion = behind && pace !== null
    ? `${ADJUSTMENTS['extend-or-reduce'].obstacle}: ${Math.round((pace) * 100)} % of ${state === 'finished' ? 'the committed items' : 'the pace the sprint needs'} done. `
      + 'Reduce the scope (move an item to the next sprint) or make the next one longer.'
    : null;
  return {
    sprint, asOf, state, day: Math.min(days, Math.max(1, elapsed)), days, items, planned, added, done, execution, pace, burnup,
    habits: habitRows(sprint, goals, habitDays, asOf), carryOver: items.filter((s) => !s.done && s.open), suggestion, focusGoalId,
  };
}

/** Each goal active in the window with a cadence: its ISO weeks inside the sprint, met with the standard or the minimum. */
function habitRows(sprint: Sprint, goals: readonly Goal[], habitDays: HabitDays, asOf: Day): SprintHabitRow[] {
  const rows: SprintHabitRow[] = [];
  for (const goal of goals) {
    if (goal.status !== 'active' || goal.cadence === null) continue;
    if ((goal.start !== null && goal.start > sprint.end) || (goal.due !== null && goal.due < sprint.start)) continue;
    const goalDays = habitDays.get(goal.id) ?? new Map();
    const timeline = new GoalTimeline(goal, goalDays, asOf, firstLinkedDay(goalDays));
    const weeks: SprintHabitRow['weeks'] = [];
    for (let monday = sprint.start; monday <= sprint.end; monday = addDays(monday, 7)) {
      const w = weekSummary(timeline, goal.cadence.perWeek, monday);
      const mark: HabitWeekMark = monday > asOf ? 'future'
        : w.target === 0 ? (w.paused > 0 ? 'paused' : 'none')
        : isWeekMet(w) ? (w.standard >= w.target ? 'standard' : 'minimum') : w.current ? 'running' : 'missed';
      weeks.push({ period: w.period, monday, target: w.target, done: w.done, minimum: w.minimum, standard: w.standard, skipped: w.skipped, paused: w.paused, mark });
    }
    rows.push({ goalId: goal.id, title: goal.title ?? goal.id, weeks });
  }
  return rows;
}

// Celebrations (FORMAT §7): a write that makes a goal cross a progress mark (25/50/75/100 %) or checks a
// milestone is celebrated once, with its reward. Derived from before/after, never stored.
import type { Day } from './dates.js';
import { computeGoalStats } from './goal-stats.js';
import { firstLinkedDay, type HabitDay } from './habit-days.js';
import { milestoneTitle } from './syntax.js';
import type { Goal } from './types.js';

export const PROGRESS_MARKS = [25, 50, 75, 100] as const;

export interface Celebration {
  goalId: string;
  title: string;
  /** The mark crossed, or null for a milestone. */
  percent: number | null;
  /** The milestone checked, or null for a mark. */
  milestone: string | null;
  reward: string | null;
}

export interface GoalState {
  goal: Goal;
  days: ReadonlyMap<Day, HabitDay>;
}

function progressOf(state: GoalState, asOf: Day): number {
  return computeGoalStats(state.goal, state.days, asOf, firstLinkedDay(state.days as Map<Day, HabitDay>)).progress;
}

/** What changed between the goal before and after one write, as of the write's day. */
export function celebrationsBetween(before: GoalState, after: GoalState, asOf: Day): Celebration[] {
  const goal = after.goal;
  const title = goal.title ?? goal.id;
  const out: Celebration[] = [];
  const was = progressOf(before, asOf);
  const now = progressOf(after, asOf);
  for (const mark of PROGRESS_MARKS) {
    if (was < mark && now >= mark) out.push({ goalId: goal.id, title, percent: mark, milestone: null, reward: goal.rewards?.[mark] ?? null });
  }
  const checkedBefore = new Set(before.goal.milestones.filter((m) => m.checked).map((m) => milestoneTitle(m.text)));
  for (const m of goal.milestones) {
    const name = milestoneTitle(m.text);
    if (m.checked && !checkedBefore.has(name)) out.push({ goalId: goal.id, title, percent: null, milestone: name, reward: m.reward ?? null });
  }
  return out;
}

/** `🎉 50 % of "Rebuild my morning energy" — reward: a massage` (plain: no emoji). */
export function celebrationText(c: Celebration, plain = false): string {
  const what = c.percent !== null ? `${c.percent} % of "${c.title}"` : `milestone "${c.milestone}" of "${c.title}"`;
  return `${plain ? 'Celebrate:' : '🎉'} ${what}${c.reward ? ` — reward: ${c.reward}` : ''}`;
}

// Reminders that never nag (FORMAT §8): at most one a day per journal, only when an active goal still
// needs today — not done, skipped or paused today, and its week not yet met. Pure functions of
// (goals, days, now, last shown), so the editor's timer and `kaizen remind` decide alike.
import { GoalTimeline, periodSummary } from './analytics.js';
import { cadencePeriod } from './cadence.js';
import { daysBetween, type Day } from './dates.js';
import { goalsForDay } from './daily-template.js';
import { firstLinkedDay, type HabitDays } from './habit-days.js';
import type { Goal } from './types.js';

export interface ReminderItem {
  goalId: string;
  title: string;
  lead: boolean;
  minimum: string | null;
  standard: string | null;
  why: string | null;
  done: number;
  target: number;
  /** Days left in the ISO week, today included. */
  daysLeft: number;
}

/** Active goals that still need today, lead goal first. */
export function goalsNeedingToday(goals: readonly Goal[], habitDays: HabitDays, day: Day): ReminderItem[] {
  const out: ReminderItem[] = [];
  for (const goal of goalsForDay(goals, day)) {
    if (!goal.cadence) continue;
    const days = habitDays.get(goal.id) ?? new Map();
    const timeline = new GoalTimeline(goal, days, day, firstLinkedDay(days));
    const status = timeline.status(day);
    if (status !== 'missed') continue; // done, skipped, paused or outside the goal: nothing to remind
    // The cadence's period (FORMAT §11): an ISO week for N/week, else its fortnight, month or block of days.
    const week = periodSummary(timeline, goal.cadence, day);
    if (week.target > 0 && week.done >= week.target) continue;
    out.push({
      goalId: goal.id, title: goal.title ?? goal.id, lead: goal.lead, minimum: goal.minimum, standard: goal.standard, why: goal.why,
      done: week.done, target: week.target, daysLeft: daysBetween(day, cadencePeriod(goal.cadence, timeline.start ?? day, day).end) + 1,
    });
  }
  return out.sort((a, b) => Number(b.lead) - Number(a.lead));
}

export interface ReminderSettings {
  /** `HH:MM` local; null: reminders are off (the default). */
  time: string | null;
  goals: 'lead' | 'all';
}

export interface ReminderNow {
  day: Day;
  /** Minutes since local midnight. */
  minutes: number;
}

/** What to remind of now, or null: off, too early, already shown today, or nothing needs today. */
export function reminderDue(settings: ReminderSettings, now: ReminderNow, lastShown: Day | null, items: readonly ReminderItem[]): ReminderItem[] | null {
  if (settings.time === null) return null;
  const [h, m] = settings.time.split(':').map(Number) as [number, number];
  if (now.minutes < h * 60 + m) return null;
  if (lastShown === now.day) return null;
  const wanted = settings.goals === 'lead' ? items.filter((i) => i.lead) : [...items];
  return wanted.length ? wanted : null;
}

/** "Rebuild my morning energy: Put on shoes and walk 5 minutes (1 of 4 this week)". */
export function reminderLine(item: ReminderItem): string {
  return `${item.title}: ${item.minimum ?? item.standard ?? 'the smallest step'} (${item.done} of ${item.target} this week, ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left)`;
}

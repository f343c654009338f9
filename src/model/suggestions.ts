// The obstacle playbook (FORMAT.md §4): when the numbers show a known obstacle, suggest its adjustment.
import { addDays, eachDay, weekStart } from './dates.js';
import type { Goal } from './types.js';
import { elapsedShare, isWeekMet, type GoalTimeline, type ProgressHistory, type WeekSummary } from './analytics.js';
import type { GoalStats } from './goal-stats.js';

export type SuggestionId = 'shrink-to-minimum' | 'add-metric' | 'rewrite-purpose' | 'extend-or-reduce' | 'raise-the-bar';

export interface Suggestion {
  id: SuggestionId;
  /** What the numbers show, without the obstacle's label: "nothing done in the last 10 days". */
  evidence: string;
  /** One sentence: the adjustment for this goal. */
  advice: string;
  /** `Label: evidence. Advice` — the whole suggestion in one line, for the CLI and JSON. */
  message: string;
}

function suggestion(id: SuggestionId, evidence: string, advice: string): Suggestion {
  return { id, evidence, advice, message: `${ADJUSTMENTS[id].obstacle}: ${evidence}. ${advice}` };
}

/** What each suggestion asks the person to do: the obstacle table's adjustment. */
export const ADJUSTMENTS: Record<SuggestionId, { obstacle: string; adjustment: string }> = {
  'shrink-to-minimum': { obstacle: 'Skipping sessions', adjustment: 'Shrink to the minimum: for one week, do only the 2–5 minute version.' },
  'add-metric': { obstacle: 'Busy but not improving', adjustment: 'Add one measurable metric and look at it in the weekly review.' },
  'rewrite-purpose': { obstacle: 'Losing interest', adjustment: 'Rewrite the purpose anchor: why does this matter to you now?' },
  'extend-or-reduce': { obstacle: 'Feeling behind', adjustment: 'Extend the timeframe or reduce the scope.' },
  'raise-the-bar': { obstacle: 'Consistent', adjustment: 'Raise the standard step a little (Kaizen: about 1 %).' },
};

export function suggestionsFor(goal: Goal, stats: GoalStats, timeline: GoalTimeline, history: ProgressHistory): Suggestion[] {
  // The n calendar weeks before the current one; weeks after the goal's due date are neutral.
  const byMonday = new Map(stats.weeks.map((w) => [w.monday, w]));
  const currentMonday = weekStart(stats.asOf);
  const firstMonday = stats.weeks[0]?.monday;
  const last = (n: number): WeekSummary[] | null => {
    const out: WeekSummary[] = [];
    for (let k = n; k >= 1; k--) {
      const monday = addDays(currentMonday, -7 * k);
      if (firstMonday === undefined || monday < firstMonday) return null;
      out.push(byMonday.get(monday) ?? { period: '', monday, target: 0, done: 0, minimum: 0, standard: 0, skipped: 0, paused: 0, available: 0, current: false });
    }
    return out;
  };
  const out: Suggestion[] = [];

  const two = last(2);
  const thisWeek = byMonday.get(currentMonday);
  // A week already met (this one, or both of the last two) is not a week of skipped sessions.
  const metNow = thisWeek !== undefined && thisWeek.target > 0 && isWeekMet(thisWeek);
  if (two && !metNow && !two.every((w) => w.target > 0 && isWeekMet(w))) {
    const target = two[0]!.target + two[1]!.target;
    const done = two[0]!.done + two[1]!.done;
    if (target > 0 && done < 0.5 * target) {
      out.push(suggestion('shrink-to-minimum', `${done} of ${target} sessions in the last two weeks`,
        `For one week, do only the minimum${goal.minimum ? ` ("${goal.minimum}")` : ''}.`));
    }
  }

  if (!goal.metric) {
    // "Busy but not improving" needs the busy part: a week of work behind the goal, not the day it was made.
    const sessions = stats.weeks.filter((w) => !w.current).reduce((sum, w) => sum + w.done, 0);
    if (sessions > 0) out.push(suggestion('add-metric', 'no metric yet',
      'Add one measurable number (minutes, pages, km) so you can see whether you improve, and look at it weekly.'));
  } else {
    const three = last(3);
    if (three && three.every((w) => w.target > 0 && w.done >= 0.75 * w.target)) {
      const before = history.at(addDays(three[0]!.monday, -1));
      const after = history.at(addDays(three[2]!.monday, 6));
      if (after - before < 5) {
        out.push(suggestion('add-metric', `three steady weeks moved progress only ${(after - before).toFixed(1)} points`,
          'Check that the metric measures what matters, and look at it weekly.'));
      }
    }
  }

  const four = last(4);
  const fell = four !== null && four[0]!.done > four[1]!.done && four[1]!.done > four[2]!.done && four[2]!.done > four[3]!.done;
  if (fell || nothingDoneInLastTenDays(timeline)) {
    out.push(fell
      ? suggestion('rewrite-purpose', 'fewer sessions in each of the last three weeks', 'Rewrite the purpose anchor: why does this matter to you now?')
      : suggestion('rewrite-purpose', 'nothing done in the last 10 days', 'Rewrite the purpose anchor, then start again with the minimum.'));
  }

  const elapsed = elapsedShare(stats.start, stats.due, stats.asOf);
  // Progress comes from micro-tasks or a metric: a goal with neither has none to be behind on.
  const measured = goal.tasks.length > 0 || goal.metric !== null;
  if (measured && elapsed !== null && elapsed >= 25 && elapsed - stats.progress > 25) {
    out.push(suggestion('extend-or-reduce', `${Math.round(elapsed)} % of the time has passed but progress is ${Math.round(stats.progress)} %`,
      'Extend the due date or reduce the scope.'));
  }

  const recent = last(3);
  if (recent && recent.every(isWeekMet)) {
    const done = recent.reduce((n, w) => n + w.done, 0);
    const standard = recent.reduce((n, w) => n + w.standard, 0);
    if (done > 0 && standard >= 0.8 * done) {
      out.push(suggestion('raise-the-bar', `three met weeks, ${standard} of ${done} sessions at the standard`,
        'Raise the standard step a little (about 1 %).'));
    }
  }
  return out;
}

/** Ten days inside the goal's range with no done day, not all of them paused or skipped. */
function nothingDoneInLastTenDays(timeline: GoalTimeline): boolean {
  const end = timeline.end;
  if (timeline.start === null || end === null) return false;
  const from = addDays(end, -9);
  if (from < timeline.start || end !== timeline.asOf) return false;
  let counted = 0;
  for (const day of eachDay(from, end)) {
    const status = timeline.status(day);
    if (status === 'minimum' || status === 'standard') return false;
    if (status === 'missed') counted++;
  }
  return counted > 0;
}

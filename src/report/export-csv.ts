// `kaizen export csv` (FORMAT §12): one row per goal and day — status, value, strength, the cadence's period and
// whether that period is met (so far, for the running one) — for spreadsheets and other trackers.
import { daySum, GoalTimeline, isWeekMet, periodSummaries } from '../model/analytics.js';
import { cadencePeriod } from '../model/cadence.js';
import type { Day } from '../model/dates.js';
import { goalStrengthSeries } from '../model/goal-stats.js';
import { firstLinkedDay, type HabitDays } from '../model/habit-days.js';
import { formatNumber } from '../model/syntax.js';
import type { Goal } from '../model/types.js';

export const EXPORT_CSV_HEADER = 'goal,date,status,value,strength,period,met';

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The rows of the goals that have a cadence (a wish has no days to count), from each start to min(asOf, due). */
export function exportCsv(goals: readonly Goal[], habitDays: HabitDays, asOf: Day): string {
  const lines = [EXPORT_CSV_HEADER];
  for (const goal of [...goals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!goal.cadence) continue;
    const days = habitDays.get(goal.id) ?? new Map();
    const timeline = new GoalTimeline(goal, days, asOf, firstLinkedDay(days));
    if (timeline.start === null) continue;
    const met = new Map(periodSummaries(timeline, goal.cadence).map((p) => [p.period, isWeekMet(p)]));
    for (const { day, value } of goalStrengthSeries(timeline)) {
      const logged = days.get(day);
      const period = cadencePeriod(goal.cadence, timeline.start, day).id;
      const amount = logged && logged.values.length ? formatNumber(daySum(logged)) : '';
      lines.push([goal.id, day, timeline.status(day), amount, value.toFixed(6), period, String(met.get(period) ?? false)].map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

// Reads what one period's report needs — the goals and only the daily logs in its window, never
// ten years — and builds the report data. Shared by `kaizen report`, `kaizen review` and watch.
import { addDays, minDay, type Day } from '../model/dates.js';
import { periodWeekMondays, type Period } from '../model/periods.js';
import type { Goal } from '../model/types.js';
import { buildReportData, HEATMAP_WEEKS, type ReportData } from '../report/data.js';
import type { JournalFileSystem } from './file-system.js';
import { Journal, type LogSelection, type OpenOptions } from './journal.js';

/**
 * The logs a period report reads: from the earliest start of a goal that overlaps the period (or
 * the 12-week chart window, whichever is earlier), 13 days before that for the strength window,
 * up to the as-of day. A goal without `start` is read from the chart window only.
 */
export function logsForPeriod(period: Period, asOf: Day): (goals: readonly Goal[]) => LogSelection {
  return (goals) => {
    const lastMonday = periodWeekMondays(period).at(-1) as Day;
    let from = addDays(lastMonday, -7 * (HEATMAP_WEEKS - 1));
    for (const g of goals) {
      if (g.start === null || g.status === 'dropped') continue;
      if (g.start <= period.end && (g.due === null || g.due >= period.start) && g.start < from) from = g.start;
    }
    return { from: addDays(from, -13), to: minDay(asOf, addDays(lastMonday, 6)) };
  };
}

export async function loadPeriodReport(fs: JournalFileSystem, root: string, period: Period, asOf: Day, options: Pick<OpenOptions, 'cache' | 'onProgress' | 'resultCache'> & { today?: Day } = {}): Promise<{ journal: Journal; data: ReportData }> {
  const journal = await Journal.open(fs, root, { ...options, logs: logsForPeriod(period, asOf) });
  const logFiles = new Map([...journal.logFiles].map(([day, f]) => [day, f.rel]));
  const data = buildReportData({ period, asOf, goals: journal.orderedGoals(), habitDays: journal.habitDays(), logs: journal.logs, logFiles, ...(options.today ? { today: options.today } : {}) });
  return { journal, data };
}

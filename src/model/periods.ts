// Review periods: ISO weeks (GGGG-Www), months (YYYY-MM) and quarters (YYYY-Qn). A month or quarter
// is made of the ISO weeks whose Thursday falls inside it, so every week belongs to exactly one.
import { addDays, daysInMonth, isoWeekLabel, isoWeekMonday, isoWeekOf, isoWeeksInYear, monthName, weekStart, type Day } from './dates.js';

export type PeriodKind = 'week' | 'month' | 'quarter';
export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter'];

export interface Period {
  kind: PeriodKind;
  /** `2026-W47`, `2026-11`, `2026-Q4`. */
  label: string;
  /** First and last calendar day, both included. */
  start: Day;
  end: Day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function monthPeriod(year: number, month: number): Period {
  return { kind: 'month', label: `${pad(year, 4)}-${pad(month)}`, start: `${pad(year, 4)}-${pad(month)}-01`, end: `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}` };
}

function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return { kind: 'quarter', label: `${pad(year, 4)}-Q${quarter}`, start: `${pad(year, 4)}-${pad(first)}-01`, end: `${pad(year, 4)}-${pad(last)}-${pad(daysInMonth(year, last))}` };
}

function weekPeriod(year: number, week: number): Period {
  const monday = isoWeekMonday(year, week);
  return { kind: 'week', label: isoWeekLabel(monday), start: monday, end: addDays(monday, 6) };
}

/** The period a label names, or null when the label is not a real period of that kind. */
export function parsePeriod(kind: PeriodKind, label: string): Period | null {
  let m: RegExpExecArray | null;
  if (kind === 'week' && (m = /^(\d{4})-W(\d{2})$/.exec(label))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    return week >= 1 && week <= isoWeeksInYear(year) ? weekPeriod(year, week) : null;
  }
  if (kind === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(label))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : null;
  }
  if (kind === 'quarter' && (m = /^(\d{4})-Q([1-4])$/.exec(label))) return quarterPeriod(Number(m[1]), Number(m[2]));
  return null;
}

export const PERIOD_FORMATS: Record<PeriodKind, string> = { week: 'GGGG-Www (like 2026-W47)', month: 'YYYY-MM (like 2026-11)', quarter: 'YYYY-Qn (like 2026-Q4)' };

export function periodContaining(kind: PeriodKind, day: Day): Period {
  if (kind === 'week') {
    const w = isoWeekOf(day);
    return weekPeriod(w.year, w.week);
  }
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return kind === 'month' ? monthPeriod(year, month) : quarterPeriod(year, Math.ceil(month / 3));
}

/** The period `count` steps away (negative: earlier). */
export function shiftPeriod(period: Period, count: number): Period {
  if (period.kind === 'week') return periodContaining('week', addDays(period.start, 7 * count));
  const months = period.kind === 'month' ? count : 3 * count;
  const year = Number(period.start.slice(0, 4));
  const month = Number(period.start.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const first = `${pad(y, 4)}-${pad((((month % 12) + 12) % 12) + 1)}-01`;
  return periodContaining(period.kind, first);
}

/** Mondays of the ISO weeks that make up the period (weeks whose Thursday is inside it). */
export function periodWeekMondays(period: Period): Day[] {
  if (period.kind === 'week') return [period.start];
  const mondays: Day[] = [];
  for (let monday = weekStart(period.start); monday <= period.end; monday = addDays(monday, 7)) {
    const thursday = addDays(monday, 3);
    if (thursday >= period.start && thursday <= period.end) mondays.push(monday);
  }
  return mondays;
}

/** The days the period's weeks cover: for months and quarters this can reach a little outside the calendar dates. */
export function periodWeekSpan(period: Period): { start: Day; end: Day } {
  const mondays = periodWeekMondays(period);
  return { start: mondays[0] as Day, end: addDays(mondays[mondays.length - 1] as Day, 6) };
}

export function periodTitle(period: Period): string {
  if (period.kind === 'week') return `Week ${period.label}`;
  if (period.kind === 'quarter') return `Quarter ${period.label}`;
  return `${monthName(Number(period.label.slice(5, 7)))} ${period.label.slice(0, 4)}`;
}

// Cadences (FORMAT §4 and 1.2 §11): `N/week` and `daily`, and Loop Habit Tracker's "num times in den days"
// spelt `N/2weeks`, `N/month`, `every K days`, `N in K days`. One place knows the spellings, the fraction
// Loop scores with, and the periods target, done, met and streak are counted over.
import { addDays, daysBetween, daysInMonth, isoWeekLabel, weekStart, type Day } from './dates.js';
import type { Cadence, CadenceSpan } from './types.js';

export const CADENCE_FORMS = '`N/week` (1–7), `daily`, `N/2weeks` (1–14), `N/month` (1–30), `every K days` or `N in K days`';

const WEEK = /^([1-7])[ \t]*\/[ \t]*(?:week|wk|w)$/i;
const TWO_WEEKS = /^(\d{1,2})[ \t]*\/[ \t]*(?:2[ \t]*weeks?|fortnight)$/i;
const MONTH = /^(\d{1,2})[ \t]*\/[ \t]*(?:month|mo)$/i;
const EVERY = /^every[ \t]+(\d{1,3})[ \t]+days?$/i;
const IN_DAYS = /^(\d{1,3})[ \t]+(?:times?[ \t]+)?in[ \t]+(\d{1,3})[ \t]+days?$/i;

/** The cadence a frontmatter value spells, or null (a `bad-cadence`). */
export function parseCadence(text: string): Cadence | null {
  const word = text.trim();
  let m: RegExpExecArray | null;
  if (/^daily$/i.test(word)) return { perWeek: 7 };
  if ((m = WEEK.exec(word))) return { perWeek: Number(m[1]) };
  if ((m = TWO_WEEKS.exec(word))) return span(Number(m[1]), 14, '2weeks');
  if ((m = MONTH.exec(word))) return span(Number(m[1]), 30, 'month');
  if ((m = EVERY.exec(word))) return span(1, Number(m[1]), 'days');
  if ((m = IN_DAYS.exec(word))) return span(Number(m[1]), Number(m[2]), 'days');
  return null;
}

function span(num: number, den: number, unit: CadenceSpan['unit']): Cadence | null {
  if (num < 1 || den < 1 || num > den) return null;
  return { perWeek: (7 * num) / den, span: { num, den, unit } };
}

/** Loop's frequency: N/week is N/7 (daily 7/7). */
export function cadenceFraction(cadence: Cadence): { num: number; den: number } {
  return cadence.span ? { num: cadence.span.num, den: cadence.span.den } : { num: cadence.perWeek, den: 7 };
}

/** How the cadence reads back: `daily`, `3/week`, `2/2weeks`, `3/month`, `every 3 days`, `2 in 3 days`. */
export function cadenceLabel(cadence: Cadence): string {
  const s = cadence.span;
  if (!s) return cadence.perWeek === 7 ? 'daily' : `${cadence.perWeek}/week`;
  if (s.unit === '2weeks') return `${s.num}/2weeks`;
  if (s.unit === 'month') return `${s.num}/month`;
  return s.num === 1 ? `every ${s.den} day${s.den === 1 ? '' : 's'}` : `${s.num} in ${s.den} days`;
}

export function isWeeklyCadence(cadence: Cadence): boolean {
  return cadence.span === undefined;
}

/** The word for one period in sentences: week, fortnight, month, or "3 days". */
export function periodWord(cadence: Cadence): string {
  const s = cadence.span;
  if (!s) return 'week';
  if (s.unit === '2weeks') return 'fortnight';
  if (s.unit === 'month') return 'month';
  return s.den === 1 ? 'day' : `block of ${s.den} days`;
}

/** `1 week`, `3 weeks`, `2 blocks of 3 days`: a count of periods in words. */
export function periodCount(count: number, word: string): string {
  return `${count} ${count === 1 ? word : word.replace(/^(\w+)/, '$1s')}`;
}

export interface CadencePeriod {
  /** `2026-W47` (ISO week), `2026-W10/2026-W11` (a pair of weeks), `2026-03` (month), `2026-03-04/2026-03-06` (a block of days). */
  id: string;
  start: Day;
  end: Day;
}

/**
 * The period holding `day`: ISO weeks for `N/week`; pairs of ISO weeks counted from the week of `anchor` (the
 * goal's start) for `N/2weeks`; calendar months for `N/month`; blocks of K days from `anchor` otherwise.
 */
export function cadencePeriod(cadence: Cadence, anchor: Day, day: Day): CadencePeriod {
  const s = cadence.span;
  if (!s) {
    const monday = weekStart(day);
    return { id: isoWeekLabel(monday), start: monday, end: addDays(monday, 6) };
  }
  if (s.unit === 'month') {
    const y = Number(day.slice(0, 4));
    const mo = Number(day.slice(5, 7));
    const first = `${day.slice(0, 7)}-01`;
    return { id: day.slice(0, 7), start: first, end: addDays(first, daysInMonth(y, mo) - 1) };
  }
  const origin = s.unit === '2weeks' ? weekStart(anchor) : anchor;
  const length = s.unit === '2weeks' ? 14 : s.den;
  const index = Math.floor(daysBetween(origin, day) / length);
  const start = addDays(origin, index * length);
  const end = addDays(start, length - 1);
  const id = s.unit === '2weeks' ? `${isoWeekLabel(start)}/${isoWeekLabel(addDays(start, 7))}` : `${start}/${end}`;
  return { id, start, end };
}

/** How many times the cadence asks for in a period of `length` days of which `available` can count. */
export function periodTarget(cadence: Cadence, available: number, length: number): number {
  const perPeriod = cadence.span ? cadence.span.num : cadence.perWeek;
  return Math.ceil((perPeriod * available) / length);
}

// Journal days are calendar dates, never instants. Every computation goes through a day number
// (days since 1970-01-01) built with Date.UTC, so no result depends on the machine's time zone and
// no day is ever "+24 hours" of local time.

/** A calendar date as `YYYY-MM-DD`. */
export type Day = string;
/** Days since 1970-01-01 (the proleptic Gregorian calendar). */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDay(text: unknown): text is Day {
  if (typeof text !== 'string') return false;
  const m = DAY_PATTERN.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayNumber(day: Day): DayNumber {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function dayFromNumber(n: DayNumber): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: Day, count: number): Day {
  return dayFromNumber(dayNumber(day) + count);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: Day): number {
  return (new Date(dayNumber(day) * MS_PER_DAY).getUTCDay() + 6) % 7;
}

export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}

export function maxDay(a: Day, b: Day): Day {
  return a >= b ? a : b;
}

/** The local calendar date of an instant, as the person's clock shows it. */
export function localDay(instant: Date): Day {
  const y = instant.getFullYear();
  const m = instant.getMonth() + 1;
  const d = instant.getDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface IsoWeek {
  year: number;
  week: number;
}

/** ISO-8601 week: Monday first, week 1 holds January 4th; the week-year can differ from the calendar year. */
export function isoWeekOf(day: Day): IsoWeek {
  const n = dayNumber(day);
  const thursday = n - weekdayIndex(day) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const jan1 = Math.round(Date.UTC(year, 0, 1) / MS_PER_DAY);
  return { year, week: 1 + Math.floor((thursday - jan1) / 7) };
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

export function isoWeekLabel(day: Day): string {
  return formatIsoWeek(isoWeekOf(day));
}

/** The Monday of the ISO week holding `day`. */
export function weekStart(day: Day): Day {
  return addDays(day, -weekdayIndex(day));
}

export function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when December 28th falls in week 53.
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).week;
}

/** The Monday of ISO week `week` of week-year `year`. */
export function isoWeekMonday(year: number, week: number): Day {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  return addDays(weekStart(jan4), (week - 1) * 7);
}

/** Every day from `from` to `to`, both included. */
export function* eachDay(from: Day, to: Day): Generator<Day> {
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) yield dayFromNumber(n);
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** "Sunday 22 November 2026": fixed English names, so output never depends on the locale. */
export function longDayTitle(day: Day): string {
  const [y, m, d] = day.split('-');
  return `${WEEKDAY_NAMES[weekdayIndex(day)]} ${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

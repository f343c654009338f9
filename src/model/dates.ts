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

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Checked for every daily note's name, so arithmetic rather than a Date. Date.UTC reads years 0-99 as
  // 1900-1999 (the year 0000 has no 29 February here): kept, so no name changes meaning.
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  if (month !== 2) return MONTH_DAYS[month - 1] as number;
  const y = year >= 0 && year <= 99 ? year + 1900 : year;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

// Days <-> civil dates by Howard Hinnant's algorithms: pure integer arithmetic, called millions of
// times over a long journal, so no Date objects and no string parsing by regex.
function daysFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

export function dayNumber(day: Day): DayNumber {
  if (day.length !== 10 || day[4] !== '-' || day[7] !== '-' || !DAY_PATTERN.test(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  const y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const m = digit(day, 5) * 10 + digit(day, 6);
  const d = digit(day, 8) * 10 + digit(day, 9);
  return daysFromCivil(y, m, d);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function dayFromNumber(n: DayNumber): Day {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function addDays(day: Day, count: number): Day {
  return dayFromNumber(dayNumber(day) + count);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayIndex(day: Day): number {
  return (((dayNumber(day) + 3) % 7) + 7) % 7;
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

// Daily-note names in Obsidian's date formats (moment.js tokens, FORMAT §9), for reading and for
// writing: `YYYY YY M MM MMM MMMM D DD Do ddd dddd`, ISO weeks `GGGG GG W WW`, locale (English:
// Sunday-first, week 1 holds 1 January) weeks `gggg gg w ww`, `[literal]` text, `/` for folders.
// A name is read strictly: it must be exactly what the format writes for its day, as Obsidian's
// own strict parse requires.
import { addDays, dayNumber, isoWeekOf, isValidDay, weekdayIndex, type Day } from './dates.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'field'; token: string };

/** Daily-note formats seen in real vaults, tried in this order to suggest a setting for unplaced notes. */
export const COMMON_DAILY_FORMATS = [
  'YYYY-MM-DD', 'YYYY/YYYY-MM-DD', 'YYYY/MM/YYYY-MM-DD', 'YYYY/YYYY-MM/YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY/MMMM/DD',
  'YYYY/YYYY-MM/YYYY-MM-DD dddd', 'YYYY-MM-DD dddd', 'YYYY-MM-DD ddd', 'DD-MM-YYYY', 'DD.MM.YYYY', 'MM-DD-YYYY',
  'YYYY_MM_DD', 'YYYYMMDD', 'dddd, MMMM Do YYYY', 'MMMM Do, YYYY', 'D MMMM YYYY', 'YYYY/MMMM/YYYY-MM-DD',
];

const SUPPORTED = ['YYYY', 'YY', 'MMMM', 'MMM', 'MM', 'M', 'Do', 'DD', 'D', 'dddd', 'ddd', 'GGGG', 'GG', 'WW', 'W', 'gggg', 'gg', 'ww', 'w', 'Q'];
// moment's own tokenizer, so a format splits into the same pieces moment sees.
const MOMENT_TOKENS = /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

// The pieces of that tokenizer that are fields (everything else is literal text).
const MOMENT_FIELD = /^(?:[Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?)$/;

export interface DayFormat {
  readonly source: string;
  readonly tokens: readonly Token[];
  /** Folder levels the format puts a note under (`YYYY/MM/…` is 2). */
  readonly depth: number;
  /** Names of months and days in another language (kaizen.yaml `locale:`), written and read by moment's own locale. */
  readonly localized?: { locale: string; format(day: Day): string; parse(name: string): Day | null };
}

function tokenize(source: string): Token[] | { problem: string } {
  const tokens: Token[] = [];
  for (const m of source.matchAll(MOMENT_TOKENS)) {
    if (m[1] !== undefined) tokens.push({ kind: 'text', text: m[1].slice(1, -1) });
    else if (m[2] !== undefined) tokens.push({ kind: 'text', text: m[3] ?? '' });
    else if (SUPPORTED.includes(m[3] as string)) tokens.push({ kind: 'field', token: m[3] as string });
    else if (MOMENT_FIELD.test(m[0])) {
      return { problem: `"${m[0]}" is a moment.js token Kaizen does not read in daily-note names (it reads ${SUPPORTED.join(' ')})` };
    } else tokens.push({ kind: 'text', text: m[0] });
  }
  return tokens;
}

function depthOf(tokens: readonly Token[]): number {
  const text = tokens.filter((t) => t.kind === 'text').map((t) => (t as { text: string }).text).join('');
  return (text.match(/\//g) ?? []).length;
}

/** The format, or why it cannot name one note per day. */
export function compileDayFormat(source: string): DayFormat | { problem: string } {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return tokens;
  const has = (...names: string[]) => tokens.some((t) => t.kind === 'field' && names.includes(t.token));
  const dated = has('YYYY', 'YY') && has('M', 'MM', 'MMM', 'MMMM') && has('D', 'DD', 'Do');
  if (!dated) return { problem: `"${source}" does not name a day: it needs a year (YYYY), a month (MM, MMM…) and a day of the month (DD, Do…)` };
  return { source, tokens, depth: depthOf(tokens) };
}

/**
 * A weekly, monthly or quarterly note name format (Periodic Notes): a week needs a week number, a
 * month a month, a quarter `Q`; each a year. A period is named by its first day (a week by its Monday).
 */
export function compilePeriodFormat(source: string, kind: 'week' | 'month' | 'quarter'): DayFormat | { problem: string } {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return tokens;
  const has = (...names: string[]) => tokens.some((t) => t.kind === 'field' && names.includes(t.token));
  // Vaults do write `YYYY-WW` (the calendar year with an ISO week): moment allows it, so does Kaizen.
  const ok = kind === 'week' ? has('GGGG', 'GG', 'gggg', 'gg', 'YYYY', 'YY') && has('WW', 'W', 'ww', 'w')
    : kind === 'month' ? has('YYYY', 'YY') && has('M', 'MM', 'MMM', 'MMMM')
    : has('YYYY', 'YY') && has('Q');
  if (!ok) {
    const needs = kind === 'week' ? 'a week-year and a week (GGGG and WW, or gggg and ww)' : kind === 'month' ? 'a year and a month (YYYY and MM)' : 'a year and a quarter (YYYY and Q)';
    return { problem: `"${source}" does not name a ${kind}: it needs ${needs}` };
  }
  return { source, tokens, depth: depthOf(tokens) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** English locale weeks (moment's `en`): Sunday first, week 1 is the week that holds 1 January. */
export function localeWeekOf(day: Day): { year: number; week: number } {
  const sunday = addDays(day, -((weekdayIndex(day) + 1) % 7));
  const saturday = addDays(sunday, 6);
  const year = Number(saturday.slice(0, 4));
  const jan1 = `${year}-01-01` as Day;
  const firstSaturday = addDays(jan1, 6 - ((weekdayIndex(jan1) + 1) % 7));
  return { year, week: (dayNumber(saturday) - dayNumber(firstSaturday)) / 7 + 1 };
}

function field(day: Day, token: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const weekday = (weekdayIndex(day) + 1) % 7;
  switch (token) {
    case 'YYYY': return pad(year, 4);
    case 'YY': return pad(year % 100, 2);
    case 'MMMM': return MONTHS[month - 1] as string;
    case 'MMM': return (MONTHS[month - 1] as string).slice(0, 3);
    case 'MM': return pad(month, 2);
    case 'M': return String(month);
    case 'Do': return ordinal(date);
    case 'DD': return pad(date, 2);
    case 'D': return String(date);
    case 'dddd': return WEEKDAYS[weekday] as string;
    case 'ddd': return (WEEKDAYS[weekday] as string).slice(0, 3);
    case 'GGGG': return pad(isoWeekOf(day).year, 4);
    case 'GG': return pad(isoWeekOf(day).year % 100, 2);
    case 'WW': return pad(isoWeekOf(day).week, 2);
    case 'W': return String(isoWeekOf(day).week);
    case 'gggg': return pad(localeWeekOf(day).year, 4);
    case 'gg': return pad(localeWeekOf(day).year % 100, 2);
    case 'ww': return pad(localeWeekOf(day).week, 2);
    case 'w': return String(localeWeekOf(day).week);
    case 'Q': return String(Math.ceil(month / 3));
    default: return token;
  }
}

/** The name the format gives a day (without `.md`), exactly as moment's `format` writes it. */
export function formatDay(day: Day, format: DayFormat): string {
  if (format.localized) return format.localized.format(day);
  return format.tokens.map((t) => (t.kind === 'text' ? t.text : field(day, t.token))).join('');
}

const PATTERN: Record<string, string> = {
  YYYY: '(\\d{4})', YY: '(\\d{2})', MMMM: `(${MONTHS.join('|')})`, MMM: `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`,
  MM: '(\\d{2})', M: '(\\d{1,2})', Do: '(\\d{1,2})(?:st|nd|rd|th)', DD: '(\\d{2})', D: '(\\d{1,2})',
  dddd: `(?:${WEEKDAYS.join('|')})`, ddd: `(?:${WEEKDAYS.map((d) => d.slice(0, 3)).join('|')})`,
  Q: '[1-4]', GGGG: '\\d{4}', GG: '\\d{2}', WW: '\\d{2}', W: '\\d{1,2}', gggg: '\\d{4}', gg: '\\d{2}', ww: '\\d{2}', w: '\\d{1,2}',
};

const regexCache = new WeakMap<DayFormat, { regex: RegExp; fields: string[] }>();

function matcher(format: DayFormat): { regex: RegExp; fields: string[] } {
  let cached = regexCache.get(format);
  if (!cached) {
    const fields: string[] = [];
    const body = format.tokens.map((t) => {
      if (t.kind === 'text') return t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (/^(YYYY|YY|MMMM|MMM|MM|M|Do|DD|D)$/.test(t.token)) fields.push(t.token);
      return PATTERN[t.token] as string;
    }).join('');
    cached = { regex: new RegExp(`^${body}$`, 'i'), fields };
    regexCache.set(format, cached);
  }
  return cached;
}

/**
 * The day a note name (path under the daily folder, without `.md`) stands for, or null. Strict: the
 * name must be what `formatDay` writes for that day (weekday names, weeks and padding must agree).
 */
export function parseDayName(name: string, format: DayFormat): Day | null {
  if (format.localized) {
    const day = format.localized.parse(name);
    return day !== null && format.localized.format(day).toLowerCase() === name.toLowerCase() ? day : null;
  }
  const { regex, fields } = matcher(format);
  const m = regex.exec(name);
  if (!m) return null;
  let year: number | null = null;
  let month: number | null = null;
  let date: number | null = null;
  fields.forEach((token, i) => {
    const value = m[i + 1] as string;
    if (token === 'YYYY') year = Number(value);
    else if (token === 'YY') year = (Number(value) > 68 ? 1900 : 2000) + Number(value);
    else if (token === 'MMMM' || token === 'MMM') month = MONTHS.findIndex((x) => x.toLowerCase().startsWith(value.toLowerCase())) + 1;
    else if (token.startsWith('M')) month = Number(value);
    else date = Number(value);
  });
  if (year === null || month === null || date === null) return null;
  const day = `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)}`;
  if (!isValidDay(day)) return null;
  return formatDay(day, format).toLowerCase() === name.toLowerCase() ? day : null;
}

/**
 * A day written in any format of supported tokens (`dddd`, `MMMM YYYY`, `[Week] WW`), for templates'
 * `{{date:FORMAT}}`; null when the format has a token Kaizen does not write (a time of day, say).
 */
export function formatDayWith(day: Day, source: string): string | null {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return null;
  return tokens.map((t) => (t.kind === 'text' ? t.text : field(day, t.token))).join('');
}

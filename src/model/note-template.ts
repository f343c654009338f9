// A vault's daily-note template filled in for a day, as Obsidian's core Templates and the Templater
// plugin would fill the date parts (FORMAT §9): `{{date}}`, `{{date:FORMAT}}`, `{{title}}`,
// `<% tp.date.now("FORMAT") %>` (with a day offset), `tp.date.yesterday/tomorrow`, `<% tp.file.title %>`,
// and `{{time}}`/`{{time:FORMAT}}` with the time the note is created, as Obsidian does. A date is the
// note's day (not the clock's), so a note made for another day says that day; any other token is kept
// as written, for the person (or the plugin) to fill.
import { addDays, type Day } from './dates.js';
import { formatDayWith } from './date-format.js';

export interface TemplateContext {
  day: Day;
  /** The note's name without `.md`. */
  title: string;
  /** `dateFormat` of the core Templates plugin; YYYY-MM-DD when unset. */
  dateFormat?: string | null;
  /** The local time the note is created, for `{{time}}`; without it `{{time}}` is kept as written. */
  time?: { hours: number; minutes: number; seconds: number } | null;
  /** `timeFormat` of the core Templates plugin; HH:mm when unset. */
  timeFormat?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time of day in moment's tokens (`HH:mm`, `hh:mm A`, `kk:mm`); null for a token it cannot write. */
export function formatTime(time: { hours: number; minutes: number; seconds: number }, format: string): string | null {
  let unknown = false;
  const h12 = time.hours % 12 === 0 ? 12 : time.hours % 12;
  const out = format.replace(/\[([^\]]*)\]|HH?|hh?|kk?|mm?|ss?|A|a|[A-Za-z]/g, (token, literal?: string) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'HH': return pad(time.hours);
      case 'H': return String(time.hours);
      case 'hh': return pad(h12);
      case 'h': return String(h12);
      case 'kk': return pad(time.hours === 0 ? 24 : time.hours);
      case 'k': return String(time.hours === 0 ? 24 : time.hours);
      case 'mm': return pad(time.minutes);
      case 'm': return String(time.minutes);
      case 'ss': return pad(time.seconds);
      case 's': return String(time.seconds);
      case 'A': return time.hours < 12 ? 'AM' : 'PM';
      case 'a': return time.hours < 12 ? 'am' : 'pm';
      default:
        unknown = true;
        return token;
    }
  });
  return unknown ? null : out;
}

const DEFAULT_DATE = 'YYYY-MM-DD';

export function fillDailyTemplate(template: string, context: TemplateContext): string {
  const date = (format: string | undefined, day: Day = context.day) => formatDayWith(day, format?.trim() || context.dateFormat || DEFAULT_DATE);
  let text = template.replace(/\{\{\s*(date|title|time)\s*(?::([^}]*))?\}\}/gi, (whole, name: string, format?: string) => {
    const kind = name.toLowerCase();
    if (kind === 'title') return format === undefined ? context.title : whole;
    if (kind === 'time') return context.time ? formatTime(context.time, format?.trim() || context.timeFormat || 'HH:mm') ?? whole : whole;
    return date(format) ?? whole;
  });
  text = text.replace(/<%[-_*]?\s*([\s\S]*?)\s*[-_]?%>/g, (whole, expression: string) => {
    if (/^tp\.file\.title$/.test(expression)) return context.title;
    const call = /^tp\.date\.(now|yesterday|tomorrow)\(\s*(?:(["'])(.*?)\2)?\s*(?:,\s*(-?\d+)\s*)?\)$/.exec(expression);
    if (!call) return whole;
    const [, fn, , format, offset] = call;
    // `now(format, offset)` counts days from the note's day; the plugin's reference-date arguments are not read.
    const shift = fn === 'yesterday' ? -1 : fn === 'tomorrow' ? 1 : Number(offset ?? 0);
    return date(format, addDays(context.day, shift)) ?? whole;
  });
  return text;
}

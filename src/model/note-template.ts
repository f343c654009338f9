// A vault's daily-note template filled in for a day, as Obsidian's core Templates and the Templater
// plugin would fill the date parts (FORMAT §9): `{{date}}`, `{{date:FORMAT}}`, `{{title}}`,
// `<% tp.date.now("FORMAT") %>` (with a day offset), `tp.date.yesterday/tomorrow`, `<% tp.file.title %>`.
// "Now" is the note's day, so every device writes the same bytes; a time of day and any other token
// are kept as written, for the person (or the plugin) to fill.
import { addDays, type Day } from './dates.js';
import { formatDayWith } from './date-format.js';

export interface TemplateContext {
  day: Day;
  /** The note's name without `.md`. */
  title: string;
  /** `dateFormat` of the core Templates plugin; YYYY-MM-DD when unset. */
  dateFormat?: string | null;
}

const DEFAULT_DATE = 'YYYY-MM-DD';

export function fillDailyTemplate(template: string, context: TemplateContext): string {
  const date = (format: string | undefined, day: Day = context.day) => formatDayWith(day, format?.trim() || context.dateFormat || DEFAULT_DATE);
  let text = template.replace(/\{\{\s*(date|title)\s*(?::([^}]*))?\}\}/gi, (whole, name: string, format?: string) => {
    if (name.toLowerCase() === 'title') return format === undefined ? context.title : whole;
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

// Month and day names in another language (kaizen.yaml `locale: de`), as Obsidian writes them: by
// moment.js itself with its locale data, loaded only for a journal that asks for it.
import type { Day } from '../model/dates.js';
import type { DayFormat } from '../model/date-format.js';

type MomentFactory = {
  utc(input: string, format: string, locale?: string | boolean, strict?: boolean): {
    locale(name: string): { format(pattern: string): string };
    isValid(): boolean;
    format(pattern: string): string;
  };
  locales(): string[];
};

let loading: Promise<MomentFactory> | null = null;

async function loadMoment(): Promise<MomentFactory> {
  loading ??= import('moment/min/moment-with-locales.js').then((m) => ((m as { default?: unknown }).default ?? m) as MomentFactory);
  return loading;
}

/** Whether names need a locale at all: English is the built-in reading. */
export function isEnglish(locale: string): boolean {
  return /^en(-us)?$/i.test(locale.trim());
}

/** The format with names in `locale`, or why not (an unknown locale). */
export async function localizeDayFormat(format: DayFormat, locale: string): Promise<DayFormat | { problem: string }> {
  const moment = await loadMoment();
  const name = locale.trim().toLowerCase();
  if (!moment.locales().includes(name)) return { problem: `"${locale}" is not a locale moment.js knows (like de, fr, ru, zh-cn)` };
  const source = format.source;
  return {
    ...format,
    localized: {
      locale: name,
      format: (day: Day) => moment.utc(day, 'YYYY-MM-DD', true).locale(name).format(source),
      parse: (text: string) => {
        const m = moment.utc(text, source, name, true);
        return m.isValid() ? (m.format('YYYY-MM-DD') as Day) : null;
      },
    },
  };
}

// When a person plans to do the habit (FORMAT §8): `habit.days` and `habit.time`. Used by reminders
// and the calendar only: statistics never depend on them (any N days of the week count).

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAY_KEYS)[number];
const NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `mon`, `Monday`, `MO` → 0 (Monday) … 6 (Sunday); null for anything else. */
export function weekdayIndexOf(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (w.length < 2) return null;
  const i = NAMES.findIndex((name) => name.startsWith(w));
  return i >= 0 && (w.length >= 3 || ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'][i] === w) ? i : null;
}

/** `HH:MM` (24-hour) normalised to two digits each, or null. */
export function parseTimeOfDay(text: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(text.trim());
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : null;
}

export function weekdayWords(days: readonly number[]): string {
  return days.map((d) => WEEKDAY_KEYS[d]).join(', ');
}

/** "Mon, Wed, Fri at 07:00", "at 07:00", "Mon, Wed" — how the plan reads, or null without one. */
export function planWords(days: readonly number[] | null | undefined, time: string | null | undefined): string | null {
  const dayText = days?.length ? days.map((d) => (WEEKDAY_KEYS[d] as string).replace(/^./, (c) => c.toUpperCase())).join(', ') : '';
  if (!dayText && !time) return null;
  return `${dayText}${dayText && time ? ' ' : ''}${time ? `at ${time}` : ''}`;
}

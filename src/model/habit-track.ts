// Habits the vault already records its own way (FORMAT §9, `habit.track`): a frontmatter property or
// Dataview field (`exercise: climb`, `Exercise:: 1`), a plain task (`- [x] meditate`) or a tag
// (`#exercise`). Reading them gives the goal's day; writing a day sets the same form.
import type { DailyLog, HabitTrack } from './types.js';
import type { HabitDay } from './habit-days.js';

const YES = new Set(['true', 'yes', 'y', 'x', 'done', '✓', '✔', '✅']);
const NO = new Set(['false', 'no', 'n', '0', '-', '']);

/** The field's value read as the habit: not done, or done (standard or minimum), and a number for the metric. */
export function fieldDay(value: string | number | boolean | undefined, standardAt: number | null): HabitDay | null {
  if (value === undefined) return null;
  const day: HabitDay = { standard: false, minimum: false, skip: false, values: [] };
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
  if (number !== null) {
    if (number <= 0) return day;
    day.values.push(number);
    if (standardAt !== null && number < standardAt) day.minimum = true;
    else day.standard = true;
    return day;
  }
  const text = String(value).trim().toLowerCase();
  if (NO.has(text)) return day;
  if (YES.has(text) || text.length > 0) day.standard = true;
  return day;
}

/** A task's text as compared with `habit.track.task`: no done/due dates, inline fields or extra space. */
export function plainTaskText(text: string): string {
  return text.replace(/[✅📅]\s*\d{4}-\d{2}-\d{2}/gu, '').replace(/\[[^\]\n]*::[^\]\n]*\]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What the day's note records for a goal that tracks its habit the vault's way (null: it says nothing). */
export function trackedDay(log: DailyLog, track: HabitTrack): HabitDay | null {
  switch (track.kind) {
    case 'field':
      return fieldDay(log.fields[track.name.toLowerCase()], track.standardAt);
    case 'task': {
      const wanted = plainTaskText(track.text);
      const tasks = log.tasks.filter((t) => plainTaskText(t.text) === wanted);
      if (tasks.length === 0) return null;
      return { standard: tasks.some((t) => t.checked), minimum: false, skip: false, values: [] };
    }
    case 'tag':
      return log.tags.includes(track.tag.replace(/^#/, '').toLowerCase()) ? { standard: true, minimum: false, skip: false, values: [] } : null;
  }
}

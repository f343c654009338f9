// Habits the vault already records its own way (FORMAT §9, `habit.track`): a frontmatter property or
// Dataview field (`exercise: climb`, `Exercise:: 1`, `exercise: [run, swim]`), a plain task
// (`- [x] meditate`, `- [x] Study English 1.5h`), a Logseq task block (`- DONE Meditate`) or a tag
// (`#exercise`). Reading them gives the goal's day; writing a day sets the same form.
import type { DailyLog, HabitLevel, HabitTrack, RecordedValue } from './types.js';
import type { HabitDay } from './habit-days.js';

const YES = new Set(['true', 'yes', 'y', 'x', 'done', '✓', '✔', '✅']);
const NO = new Set(['false', 'no', 'n', '0', '-', '']);

const numberOf = (value: RecordedValue): number | null =>
  typeof value === 'number' ? value
  : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value)
  : null;

/** The field's value read as the habit: not done, or done (standard or minimum), and a number for the metric. */
export function fieldDay(value: RecordedValue | undefined, standardAt: number | null, equals?: readonly string[] | null): HabitDay | null {
  if (value === undefined) return null;
  const day: HabitDay = { standard: false, minimum: false, skip: false, values: [] };
  if (equals && equals.length > 0) {
    const wanted = new Set(equals.map((e) => e.trim().toLowerCase()));
    const items = Array.isArray(value) ? value : [String(value)];
    if (items.some((item) => wanted.has(item.trim().toLowerCase()))) day.standard = true;
    return day;
  }
  if (Array.isArray(value)) {
    if (value.some((item) => item.trim() !== '')) day.standard = true;
    return day;
  }
  const number = numberOf(value);
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

/** Whether a value already records the level asked (and at least the number asked): then a write changes nothing. */
export function fieldMeets(value: RecordedValue | undefined, track: Extract<HabitTrack, { kind: 'field' }>,
  level: Exclude<HabitLevel, 'skip'>, wanted: number | null): boolean {
  const day = fieldDay(value, track.standardAt, track.equals);
  if (!day || !(day.standard || day.minimum)) return false;
  if (level === 'standard' && !day.standard) return false;
  if (wanted === null) return true;
  const number = value === undefined || Array.isArray(value) ? null : numberOf(value);
  // A text or `true` already says done; only a number can be below the number asked.
  return number === null || number >= wanted;
}

/** Whether a value says nothing was done yet, so setting it loses no record (empty, false, no, 0, a smaller number). */
export function fieldIsUnset(value: RecordedValue | undefined): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((item) => item.trim() === '');
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value <= 0;
  return NO.has(value.trim().toLowerCase());
}

export function numberRecorded(value: RecordedValue | undefined): number | null {
  return value === undefined || Array.isArray(value) ? null : numberOf(value);
}

/** A task's text as compared with `habit.track.task`: no done/due dates, inline fields or extra space. */
export function plainTaskText(text: string): string {
  return text.replace(/[✅📅⏳🛫➕]\s*\d{4}-\d{2}-\d{2}/gu, '').replace(/\[[^\]\n]*::[^\]\n]*\]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What may follow a tracked task's text and still be that task: a quantity (`1h`, `1.5 h`, `30 min`, `(20m)`, `x3`). */
const QUANTITY = /^[\s:,–-]*\(?\s*(?:x\s*)?\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?|pages?|km|mi|k|reps?|times|x)?\s*\)?$/;

/** Whether a task's text is the tracked task (any of its texts; a quantity or, with `prefix`, anything after it). */
export function isTrackedTask(text: string, track: Extract<HabitTrack, { kind: 'task' }>): boolean {
  const plain = plainTaskText(text);
  for (const wanted of (track.texts ?? [track.text]).map(plainTaskText)) {
    if (plain === wanted) return true;
    if (!plain.startsWith(wanted)) continue;
    const rest = plain.slice(wanted.length);
    if (!/^[\s:,(–-]/.test(rest)) continue;
    if (track.prefix || QUANTITY.test(rest)) return true;
  }
  return false;
}

/** What the day's note records for a goal that tracks its habit the vault's way (null: it says nothing). */
export function trackedDay(log: DailyLog, track: HabitTrack): HabitDay | null {
  switch (track.kind) {
    case 'field':
      return fieldDay(log.fields[track.name.toLowerCase()], track.standardAt, track.equals);
    case 'task': {
      const tasks = log.tasks.filter((t) => isTrackedTask(t.text, track));
      const blocks = (log.markerTasks ?? []).filter((t) => isTrackedTask(t.text, track));
      if (tasks.length === 0 && blocks.length === 0) return null;
      return { standard: tasks.some((t) => t.checked) || blocks.some((b) => b.done), minimum: false, skip: false, values: [] };
    }
    case 'tag':
      return log.tags.includes(track.tag.replace(/^#/, '').toLowerCase()) ? { standard: true, minimum: false, skip: false, values: [] } : null;
  }
}

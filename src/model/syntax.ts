// The inline syntax of FORMAT.md that lives inside a task's text: habit lines, estimates,
// Obsidian Tasks dates, Dataview inline fields. Pure string work, shared by parsing and writing.
import { isValidDay, type Day } from './dates.js';
import type { HabitLevel } from './types.js';

// A wikilink `[[target|label]]` or a Markdown link `[label](target)`, then the level word.
const HABIT = /^(?:\[\[([^\]|\n]+?)(?:\|[^\]\n]*)?\]\]|\[[^\]\n]*\]\((<[^>\n]+>|[^)\s]+)\))[ \t]+(minimum|min|standard|std|skip)(?=$|[\s:])(?:[ \t]*:)?[ \t]*(.*)$/i;
const VALUE_FIELD = /\[value::[ \t]*(-?\d+(?:\.\d+)?)[ \t]*\]/i;
const ESTIMATE = /\((\d+(?:\.\d+)?)[ \t]*(m|min|mins|minutes|h|hr|hrs|hours?)\)/i;
const DONE_DATE = / ?✅ ?(\d{4}-\d{2}-\d{2})/u;
const DUE_DATE = /📅 ?(\d{4}-\d{2}-\d{2})/u;

export const GOAL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface HabitLineText {
  /** The note the link names, as Obsidian reads it: no path, `.md`, `#heading` or `#^block` (case kept). */
  goalId: string;
  level: HabitLevel;
  note: string;
}

/**
 * The note name a link target names (FORMAT §9): `goals/Walk.md#Stages` → `Walk`. A Markdown link is
 * URL-decoded; one to a web address names no note.
 */
export function linkedNoteName(target: string, markdown: boolean): string | null {
  let t = target.trim();
  if (markdown) {
    if (t.startsWith('<') && t.endsWith('>')) t = t.slice(1, -1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return null;
    try {
      t = decodeURIComponent(t);
    } catch {
      // A stray % is part of the name.
    }
  }
  const name = (t.split('#')[0] as string).replace(/\.md$/i, '').split('/').at(-1)?.trim() ?? '';
  return name === '' ? null : name;
}

/** A task's text (after the checkbox) read as a habit line, or null when it is an ordinary task. */
export function parseHabitText(text: string): HabitLineText | null {
  const m = HABIT.exec(text.trim());
  if (!m) return null;
  const goalId = m[1] !== undefined ? linkedNoteName(m[1], false) : linkedNoteName(m[2] as string, true);
  if (goalId === null) return null;
  const word = (m[3] as string).toLowerCase();
  const level: HabitLevel = word.startsWith('min') ? 'minimum' : word === 'skip' ? 'skip' : 'standard';
  return { goalId, level, note: (m[4] ?? '').trim() };
}

export function parseValueField(text: string): number | null {
  const m = VALUE_FIELD.exec(text);
  return m ? Number(m[1]) : null;
}

/** `[value:: N]` as written, its offset in `text` and length, for replacing it in place. */
export function findValueField(text: string): { index: number; length: number } | null {
  const m = VALUE_FIELD.exec(text);
  return m ? { index: m.index, length: m[0].length } : null;
}

export function formatValueField(value: number): string {
  return `[value:: ${formatNumber(value)}]`;
}

export function parseEstimate(text: string): { minutes: number; index: number } | null {
  const m = ESTIMATE.exec(text);
  if (!m) return null;
  const amount = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  return { minutes: unit.startsWith('h') ? amount * 60 : amount, index: m.index };
}

export function parseDoneDate(text: string): Day | null {
  const m = DONE_DATE.exec(text);
  return m && isValidDay(m[1]) ? (m[1] as Day) : null;
}

/** Where ` ✅ YYYY-MM-DD` sits in a line (with its leading space when there is one). */
export function findDoneDate(text: string): { index: number; length: number } | null {
  const m = DONE_DATE.exec(text);
  return m ? { index: m.index, length: m[0].length } : null;
}

export function parseDueDate(text: string): Day | null {
  const m = DUE_DATE.exec(text);
  return m && isValidDay(m[1]) ? (m[1] as Day) : null;
}

export function formatHabitLine(goalId: string, level: HabitLevel, note: string | null, checked: boolean, value: number | null): string {
  let line = `- [${checked ? 'x' : ' '}] [[${goalId}]] ${level}`;
  if (note) line += `: ${note}`;
  if (value !== null) line += ` ${formatValueField(value)}`;
  return line;
}

/** Numbers for people and files: no exponent, no locale, at most 2 decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** A task's text without its Obsidian Tasks dates and inline fields, for showing it as a title. */
export function milestoneTitle(text: string): string {
  return text.replace(/\s*(✅|📅)\s*\d{4}-\d{2}-\d{2}/gu, '').replace(/\s*\[[^\]\n:]+::[^\]\n]*\]/g, '').trim();
}

const REWARD_FIELD = /\[reward::[ \t]*([^\]\n]*?)[ \t]*\]/iu;

/** `[reward:: a massage]` on a milestone line (FORMAT §7), or null. */
export function parseRewardField(text: string): string | null {
  const m = REWARD_FIELD.exec(text);
  return m && (m[1] as string).trim() ? (m[1] as string).trim() : null;
}

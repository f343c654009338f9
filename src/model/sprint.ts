// Sprints (FORMAT §6): a time box of 1–4 ISO weeks over the goals, with a committed list whose
// `[[goal]] text` items stand for the goal's own micro-tasks (the goal file stays the one truth).
import { addDays, isoWeekLabel, isoWeekMonday, type Day } from './dates.js';
import type { Place, TaskItem } from './types.js';

export const SPRINT_ID = /^(\d{4})-W(\d{2})$/;

export interface SprintItem {
  line: number;
  column: number;
  /** The goal a `- [[goal]] text` item names (as written, resolved later); null for a sprint-only task. */
  goalName: string | null;
  /** The item's words after the link or checkbox, as written. */
  text: string;
  /** The words compared with a goal's micro-tasks: no estimate, dates, inline fields or notes of ours. */
  key: string;
  /** A sprint-only task item (`- [ ] text`): its own checkbox and `✅` date. */
  task: TaskItem | null;
  /** `(carried from 2026-W47)`. */
  carriedFrom: string | null;
  /** `(added)`: committed after the sprint started. */
  added: boolean;
}

export interface Sprint {
  /** `GGGG-Www`: the first ISO week, the file's name. */
  id: string;
  file: string;
  start: Day;
  end: Day;
  weeks: number;
  goal: string | null;
  focus: string | null;
  items: SprintItem[];
  /** Line of `## Committed`, where new items go. */
  committedLine: number | null;
  /** Line of the last committed item (or the heading), for inserting carried items after it. */
  committedEndLine: number | null;
  /** Retrospective answers under their `###` prompts, as written. */
  retrospective: Record<string, string>;
  places: Record<string, Place>;
}

export const DEFAULT_SPRINT_WEEKS = 2;

/** Monday of the id's week to the Sunday of its last week. */
export function sprintWindow(id: string, weeks: number): { start: Day; end: Day } | null {
  const m = SPRINT_ID.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const start = isoWeekMonday(year, week);
  if (isoWeekLabel(start) !== id) return null;
  return { start, end: addDays(start, weeks * 7 - 1) };
}

export function sprintIdOf(day: Day): string {
  return isoWeekLabel(day);
}

/** The sprint after this one: starts the Monday after it ends. */
export function nextSprintId(sprint: Pick<Sprint, 'end'>): string {
  return isoWeekLabel(addDays(sprint.end, 1));
}

const CARRIED = /\(carried from (\d{4}-W\d{2})\)/i;
const ADDED = /\(added\)/i;

/** An item's words as compared with a goal's micro-tasks (FORMAT §6). */
export function committedKey(text: string): string {
  return text
    .replace(CARRIED, ' ').replace(ADDED, ' ')
    .replace(/\((\d+(?:\.\d+)?)[ \t]*(m|min|mins|minutes|h|hr|hrs|hours?)\)/gi, ' ')
    .replace(/[✅📅📆🗓⏳⌛🛫➕❌]\uFE0F?[ \t]*\d{4}-\d{2}-\d{2}/gu, ' ')
    // A recurring task's next occurrence drops its block id and 🆔/⛔: the same task still.
    .replace(/[🆔⛔]\uFE0F?[ \t]*[a-zA-Z0-9-_]+(?:[ \t]*,[ \t]*[a-zA-Z0-9-_]+)*/gu, ' ')
    .replace(/[ \t]\^[a-zA-Z0-9-]+[ \t]*$/u, ' ')
    .replace(/\[[^\]\n:]+::[^\]\n]*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function itemNotes(text: string): { carriedFrom: string | null; added: boolean } {
  return { carriedFrom: CARRIED.exec(text)?.[1] ?? null, added: ADDED.test(text) };
}

export const RETRO_PROMPTS = ['What went well', 'What needs tweaking', 'One 1 % change for the next sprint', 'Carry over or pivot'] as const;

// The day's log: a new file from the template, or the habit lines an existing log is missing.
import { longDayTitle, type Day } from './dates.js';
import { formatHabitLine } from './syntax.js';
import { lineBreakOf, type TextEdit } from './edits.js';
import type { DailyLog, Goal, HabitLevel } from './types.js';

/** Active goals whose [start, due] holds the day (a goal without `start` is open from the beginning). */
export function goalsForDay(goals: readonly Goal[], day: Day): Goal[] {
  return goals.filter((g) => g.status === 'active' && g.cadence !== null
    && (g.start === null || g.start <= day) && (g.due === null || day <= g.due));
}

export interface PlannedHabitLine {
  goalId: string;
  level: HabitLevel;
  note: string | null;
  checked: boolean;
  value: number | null;
}

export function templateLines(goals: readonly Goal[]): PlannedHabitLine[] {
  // A goal tracked the vault's way (`habit.track`) gets no habit lines: its record is its own form.
  return goals.filter((g) => !g.track).flatMap((g) => [
    { goalId: g.id, level: 'minimum' as const, note: g.minimum, checked: false, value: null },
    { goalId: g.id, level: 'standard' as const, note: g.standard, checked: false, value: null },
  ]);
}

export function newLogText(day: Day, lines: readonly PlannedHabitLine[], eol = '\n'): string {
  const out = ['---', `date: ${day}`, '---', `# ${longDayTitle(day)}`, '', '## Habits'];
  for (const l of lines) out.push(formatHabitLine(l.goalId, l.level, l.note, l.checked, l.value));
  out.push('', '## Tasks', '', '## Notes', '');
  return out.join(eol);
}

/**
 * Inserts habit lines into an existing log: after its last habit line, else at the end of a
 * `## Habits` section, else as a new `## Habits` section after the frontmatter and title.
 * Uses the file's own line break so CRLF files stay CRLF.
 */
export function insertHabitLinesEdit(source: string, log: DailyLog, lines: readonly PlannedHabitLine[], anchors: LogAnchors): TextEdit | null {
  if (lines.length === 0) return null;
  return insertLogLinesEdit(source, log, lines.map((l) => formatHabitLine(l.goalId, l.level, l.note, l.checked, l.value)), anchors);
}

/** Any lines (habit lines, a tracked task, a tag) where habit lines go; see `insertHabitLinesEdit`. */
export function insertLogLinesEdit(source: string, log: DailyLog, texts: readonly string[], anchors: LogAnchors): TextEdit | null {
  if (texts.length === 0) return null;
  const eol = lineBreakOf(source);
  const body = texts.join(eol);
  const lastHabit = log.habits.at(-1);
  if (lastHabit) {
    const task = log.tasks[lastHabit.taskIndex];
    if (task) return insertAfterLine(source, anchors.lineEndAfter(lastHabit.line), body, eol);
  }
  if (anchors.habitsHeadingLine !== null) {
    return insertAfterLine(source, anchors.lineEndAfter(anchors.habitsHeadingLine), body, eol);
  }
  const section = `## Habits${eol}${body}${eol}`;
  if (anchors.titleLine !== null) {
    const at = anchors.lineEndAfter(anchors.titleLine);
    return { start: at, end: at, text: `${needsBreak(source, at) ? eol : ''}${eol}${section}` };
  }
  const at = anchors.bodyStart;
  return { start: at, end: at, text: section + (at < source.length ? eol : '') };
}

function needsBreak(source: string, at: number): boolean {
  return at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r';
}

function insertAfterLine(source: string, at: number, body: string, eol: string): TextEdit {
  // `at` is just past the line's break, or the end of a file whose last line has none.
  if (needsBreak(source, at)) return { start: at, end: at, text: eol + body };
  return { start: at, end: at, text: body + eol };
}

/** Positions in a log file that the parser knows and the template needs. */
export interface LogAnchors {
  habitsHeadingLine: number | null;
  titleLine: number | null;
  /** Offset just after the frontmatter (0 without one). */
  bodyStart: number;
  /** Offset just past line `n`'s line break (or the end of the file). */
  lineEndAfter(line: number): number;
}

// What a write should do to a file's current text: toggle a task, log a habit, fill in the day's
// log. Pure functions of (text, goals, day) so the CLI (with node:fs) and the extension (with a
// WorkspaceEdit) write exactly the same bytes. A plan re-parses the text it is given, so it always
// acts on what the file says now, never on an earlier parse.
import type { Day } from '../model/dates.js';
import type { DailyLog, Goal, HabitLevel, HabitTrack, TaskItem } from '../model/types.js';
import { applyEdits, checkTaskEdits, type TextEdit } from '../model/edits.js';
import { toggleTaskEdits } from '../model/task-toggle.js';
import { goalsForDay, insertHabitLinesEdit, newLogText, templateLines, type LogAnchors, type PlannedHabitLine } from '../model/daily-template.js';
import { parseLogText, parseMarkdown } from '../parser/index.js';
import { LineIndex } from '../parser/text.js';
import { conflictMarkerLine } from '../parser/conflict-markers.js';
import { JournalError } from '../model/errors.js';
import { planTrackWrite, trackReadsBack } from './track-writes.js';
import { formatHabitLine } from '../model/syntax.js';
import { stateOfSymbol, type TasksSettings } from '../model/task-status.js';
import { goalLinkResolver, resolveHabitLinks } from '../model/goal-links.js';

export interface Plan {
  /** The file's text after the change (equal to the input when nothing changes). */
  text: string;
  edits: TextEdit[];
  changed: boolean;
  /** The line the change is about, 1-based. */
  line: number;
}

function planOf(source: string, edits: TextEdit[], line: number): Plan {
  const text = edits.length ? applyEdits(source, edits) : source;
  return { text, edits, changed: text !== source, line };
}

export interface ToggleRequest {
  file: string;
  line: number;
  today: Day;
  /** Goal files stamp `✅ date`; daily logs and other files do not. */
  stampDoneDate: boolean;
  /** When the caller rendered the line earlier (a CodeLens), the text it showed: refuse if it changed. */
  expectedLineText?: string;
  /** The vault's Obsidian Tasks statuses, field form and where a next occurrence goes (`Journal.tasksSettings`). */
  tasks?: TasksSettings;
}

const CHECKBOX = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)([^\]\r\n\t])\]/;
const DONE_FIELD = /\s*(?:✅\uFE0F? *\d{4}-\d{2}-\d{2}|[[(]completion:: *\d{4}-\d{2}-\d{2} *[\])])/u;

/**
 * Whether `now` is the task line `expected` with only its check state changed (and the `✅ date` a
 * goal's toggle adds or removes): a second click on a lens drawn before the first click landed asks
 * for what is already done, which is no change and no cause for a warning.
 */
export function isSameTaskToggled(now: string, expected: string): boolean {
  const a = CHECKBOX.exec(now);
  const b = CHECKBOX.exec(expected);
  if (!a || !b || a[2] === b[2]) return false;
  const plain = (line: string) => line.replace(CHECKBOX, '$1 ]').replace(DONE_FIELD, '').trimEnd();
  return plain(now) === plain(expected);
}

export function planToggle(source: string, request: ToggleRequest): Plan & { task: TaskItem; checked: boolean; nextOccurrenceLine: number | null } {
  const conflict = conflictMarkerLine(source);
  if (conflict !== null) {
    throw new JournalError(`${request.file}:${conflict}:1: git conflict markers: resolve them first; nothing was changed`);
  }
  const md = parseMarkdown(source);
  const raw = md.tasks.find((t) => t.line === request.line);
  const where = `${request.file}:${request.line}`;
  if (request.line < 1 || request.line > md.lines.lineCount) {
    throw new JournalError(`${where}: the file has only ${md.lines.lineCount} lines; nothing was changed`);
  }
  const lineText = md.lines.lineText(request.line);
  if (request.expectedLineText !== undefined && lineText !== request.expectedLineText) {
    throw new JournalError(`${where}: the line changed since it was read (now "${clip(lineText)}"); nothing was changed`);
  }
  if (!raw) {
    const looksLikeTask = CHECKBOX.test(lineText);
    const why = looksLikeTask ? 'it is inside a code block, HTML or other text where "- [ ]" is not a task' : 'the line is not a task item ("- [ ] …")';
    const shown = lineText.trim() === '' ? 'the line is empty' : `"${clip(lineText)}"`;
    throw new JournalError(`${where}: cannot toggle: ${why}: ${shown}; nothing was changed`);
  }
  const task: TaskItem = {
    line: raw.line, checked: raw.checked, status: raw.status, state: stateOfSymbol(raw.status, request.tasks), checkboxOffset: raw.checkboxOffset, lineStart: raw.lineStart, lineEnd: raw.lineEnd,
    text: source.slice(raw.textStart, raw.lineEnd).trim(), estimateMinutes: null, estimateColumn: null, doneDate: null, dueDate: null,
    section: 'other', stage: null,
  };
  const edits = toggleTaskEdits(source, task, { stampDoneDate: request.stampDoneDate, today: request.today, tasks: request.tasks });
  const status = edits[0]?.text ?? raw.status;
  // A next occurrence written above the task moves it down a line.
  const above = edits.some((e) => e.start < raw.checkboxOffset && e.text.length > 0);
  const plan = planOf(source, edits, raw.line + (above ? 1 : 0));
  const added = new LineIndex(plan.text).lineCount > md.lines.lineCount;
  const nextOccurrenceLine = added ? (above ? raw.line : raw.line + 1) : null;
  return { ...plan, task, checked: stateOfSymbol(status, request.tasks) === 'done', nextOccurrenceLine };
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 70 ? `${t.slice(0, 67)}...` : t;
}

function readLog(source: string, day: Day, file: string, goals: readonly Goal[]): DailyLog {
  const parsed = parseLogText(source, day, file);
  if (!parsed.value) {
    const first = parsed.diagnostics[0];
    throw new JournalError(`${file}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'cannot be read'}; fix it first, nothing was changed`);
  }
  // `[[Walk]]`, `[[goals/walk.md]]` or an alias in the note is the same goal's line: never a second one.
  return resolveHabitLinks(parsed.value, goalLinkResolver(goals));
}

function anchorsOf(source: string, log: DailyLog): LogAnchors {
  const lines = new LineIndex(source);
  return {
    habitsHeadingLine: log.habitsHeadingLine,
    titleLine: log.titleLine,
    bodyStart: lines.lineStart(log.bodyLine),
    lineEndAfter: (line) => lines.lineStart(line + 1),
  };
}

export interface LogRequest {
  file: string;
  day: Day;
  goal: Goal;
  level: HabitLevel;
  value: number | null;
  /** Why a skip: written after `skip:` when the line says no reason yet (FORMAT §3, `skip: travel day`). */
  reason?: string | null;
  /** All goals, for the template of a new log. */
  goals: readonly Goal[];
  /** The text after `level:` on a new line instead of the goal's step (an imported note, FORMAT §12). */
  note?: string | null;
  /** A new note's text from the vault's own daily template (filled in), instead of Kaizen's. */
  template?: string | null;
  /** A Logseq journal: a new note is blocks only (no frontmatter or headings), a tracked task `- DONE …`. */
  blocks?: boolean;
}

/** Kaizen's new note: frontmatter, title and sections, or, in a Logseq journal, the lines alone. */
function newNoteText(day: Day, planned: readonly PlannedHabitLine[], blocks: boolean | undefined): string {
  if (!blocks) return newLogText(day, planned);
  return planned.length ? `${planned.map((l) => formatHabitLine(l.goalId, l.level, l.note, l.checked, l.value)).join('\n')}\n` : '';
}

/** A note that does not exist yet, started from the vault's template: the plan on that text, written whole. */
function fromTemplate<P extends Plan>(template: string, plan: (text: string) => P): P {
  const inner = plan(template);
  return { ...inner, edits: [{ start: 0, end: 0, text: inner.text }], changed: true };
}

/**
 * Check the goal's habit line of that level, creating the log (from the day's template) or the line
 * when missing. Idempotent: logging the same thing twice changes nothing the second time.
 */
export function planLog(source: string | null, request: LogRequest): Plan {
  if (source === null && request.template != null) {
    const template = request.template;
    return fromTemplate(template, (text) => planLog(text, { ...request, template: null }));
  }
  const plan = planHabitLine(source, request);
  if (request.goal.track && request.level !== 'skip') return plan;
  // Read back: the note, parsed again as the journal will, has the goal's line of that level checked.
  const after = parseLogText(plan.text, request.day, request.file).value;
  const resolved = after && resolveHabitLinks(after, goalLinkResolver(request.goals));
  if (!resolved?.habits.some((h) => h.goalId === request.goal.id && h.level === request.level && h.checked)) {
    throw new JournalError(`${request.file}: the ${request.level} line for ${request.goal.id} would not be read as checked; nothing was written`);
  }
  return plan;
}

function planHabitLine(source: string | null, request: LogRequest): Plan {
  const { goal, level, value } = request;
  // A goal that tracks its habit the vault's way is written that way (a skip is still a skip line).
  if (goal.track && level !== 'skip') {
    return planTrackedLog(source ?? newNoteText(request.day, templateLines(goalsForDay(request.goals, request.day)), request.blocks), request, goal.track);
  }
  const reason = level === 'skip' ? request.reason?.replace(/\s+/g, ' ').trim() || null : null;
  const note = request.note?.trim() || (level === 'minimum' ? goal.minimum : level === 'standard' ? goal.standard : reason);
  if (source === null) {
    const planned = templateLines(goalsForDay(request.goals, request.day));
    let target = planned.find((l) => l.goalId === goal.id && l.level === level);
    if (!target) {
      target = { goalId: goal.id, level, note, checked: false, value: null };
      const lastOfGoal = planned.map((l) => l.goalId).lastIndexOf(goal.id);
      planned.splice(lastOfGoal === -1 ? planned.length : lastOfGoal + 1, 0, target);
    }
    target.checked = true;
    target.value = value;
    if (reason) target.note = reason;
    const text = newNoteText(request.day, planned, request.blocks);
    const line = text.split('\n').findIndex((l) => l.includes(`[[${goal.id}]] ${level}`)) + 1;
    return { text, edits: [{ start: 0, end: 0, text }], changed: true, line };
  }
  const log = readLog(source, request.day, request.file, request.goals);
  const habit = log.habits.find((h) => h.goalId === goal.id && h.level === level && h.checked)
    ?? log.habits.find((h) => h.goalId === goal.id && h.level === level);
  if (habit) {
    const task = log.tasks[habit.taskIndex] as TaskItem;
    const edits = checkTaskEdits(source, task, value);
    const line = source.slice(task.lineStart, task.lineEnd);
    // "- [ ] [[goal]] skip" from the template gets the reason; a reason already written stays.
    if (reason && /\]\]\s*skip\s*:?\s*$/iu.test(line)) {
      const end = task.lineStart + line.trimEnd().length;
      edits.push({ start: end, end, text: line.trimEnd().endsWith(':') ? ` ${reason}` : `: ${reason}` });
    }
    return planOf(source, edits, habit.line);
  }
  const line: PlannedHabitLine = { goalId: goal.id, level, note, checked: true, value };
  const edit = insertHabitLinesEdit(source, log, [line], anchorsOf(source, log)) as TextEdit;
  const plan = planOf(source, [edit], 0);
  plan.line = new LineIndex(plan.text).placeOf(edit.start + (edit.text.indexOf('- [x]') > 0 ? edit.text.indexOf('- [x]') : 0)).line;
  return plan;
}

/**
 * Sets the field, checks the task or adds the tag (FORMAT §9), by offsets, where the note keeps it; a
 * new log starts from the template. The result is read back: a write the reader would not count is
 * refused, never written.
 */
function planTrackedLog(source: string, request: LogRequest, track: HabitTrack): Plan {
  const log = readLog(source, request.day, request.file, request.goals);
  const level = request.level === 'minimum' ? 'minimum' : 'standard';
  const write = planTrackWrite(source, log, track, { file: request.file, goalId: request.goal.id, level, value: request.value, blocks: request.blocks });
  const plan = planOf(source, write.edits, write.line);
  const after = parseLogText(plan.text, request.day, request.file);
  if (!after.value || !trackReadsBack(after.value, track, level)) {
    const why = after.value ? 'the note would not count the day' : `the note would not be readable (${after.diagnostics[0]?.message ?? 'parse error'})`;
    throw new JournalError(`${request.file}: writing ${describeTrack(track)} for ${request.goal.id}: ${why}; nothing was written`);
  }
  return plan;
}

function describeTrack(track: HabitTrack): string {
  return track.kind === 'field' ? `\`${track.name}\`` : track.kind === 'task' ? `the task "${track.text}"` : `#${track.tag}`;
}

/** The day's log from the template; for an existing log, only the habit lines it is missing. */
export function planToday(source: string | null, day: Day, file: string, goals: readonly Goal[], template?: string | null,
  blocks?: boolean): Plan & { added: number } {
  if (source === null && template != null) return fromTemplate(template, (text) => planToday(text, day, file, goals));
  const planned = templateLines(goalsForDay(goals, day));
  if (source === null) {
    const text = newNoteText(day, planned, blocks);
    return { text, edits: [{ start: 0, end: 0, text }], changed: true, line: 1, added: planned.length };
  }
  const log = readLog(source, day, file, goals);
  const missing = planned.filter((p) => !log.habits.some((h) => h.goalId === p.goalId && h.level === p.level));
  const edit = insertHabitLinesEdit(source, log, missing, anchorsOf(source, log));
  return { ...planOf(source, edit ? [edit] : [], 1), added: missing.length };
}

// What a write should do to a file's current text: toggle a task, log a habit, fill in the day's
// log. Pure functions of (text, goals, day) so the CLI (with node:fs) and the extension (with a
// WorkspaceEdit) write exactly the same bytes. A plan re-parses the text it is given, so it always
// acts on what the file says now, never on an earlier parse.
import type { Day } from '../model/dates.js';
import type { DailyLog, Goal, HabitLevel, HabitTrack, TaskItem } from '../model/types.js';
import { applyEdits, checkTaskEdits, type TextEdit } from '../model/edits.js';
import { toggleTaskEdits } from '../model/task-toggle.js';
import { goalsForDay, insertHabitLinesEdit, insertLogLinesEdit, newLogText, templateLines, type LogAnchors, type PlannedHabitLine } from '../model/daily-template.js';
import { parseLogText, parseMarkdown } from '../parser/index.js';
import { LineIndex } from '../parser/text.js';
import { conflictMarkerLine } from '../parser/conflict-markers.js';
import { JournalError } from '../model/errors.js';
import { plainTaskText } from '../model/habit-track.js';
import { formatNumber } from '../model/syntax.js';
import { stateOfSymbol, type TasksSettings } from '../model/task-status.js';
import { setFrontmatterScalarEdit } from './frontmatter-edits.js';
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
}

/**
 * Check the goal's habit line of that level, creating the log (from the day's template) or the line
 * when missing. Idempotent: logging the same thing twice changes nothing the second time.
 */
export function planLog(source: string | null, request: LogRequest): Plan {
  const { goal, level, value } = request;
  // A goal that tracks its habit the vault's way is written that way (a skip is still a skip line).
  if (goal.track && level !== 'skip') return planTrackedLog(source ?? newLogText(request.day, templateLines(goalsForDay(request.goals, request.day))), request, goal.track);
  const reason = level === 'skip' ? request.reason?.replace(/\s+/g, ' ').trim() || null : null;
  const note = level === 'minimum' ? goal.minimum : level === 'standard' ? goal.standard : reason;
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
    const text = newLogText(request.day, planned);
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

/** Sets the field, checks the task or adds the tag (FORMAT §9), by offsets; a new log starts from the template. */
function planTrackedLog(source: string, request: LogRequest, track: HabitTrack): Plan {
  const log = readLog(source, request.day, request.file, request.goals);
  const anchors = anchorsOf(source, log);
  if (track.kind === 'task') {
    const wanted = plainTaskText(track.text);
    const task = log.tasks.find((t) => plainTaskText(t.text) === wanted && !log.habits.some((h) => log.tasks[h.taskIndex] === t));
    if (task) return planOf(source, checkTaskEdits(source, task, null), task.line);
    const edit = insertLogLinesEdit(source, log, [`- [x] ${track.text}`], anchors) as TextEdit;
    return planOf(source, [edit], new LineIndex(applyEdits(source, [edit])).placeOf(edit.start + edit.text.indexOf('- [x]')).line);
  }
  if (track.kind === 'tag') {
    if (log.tags.includes(track.tag.toLowerCase())) return planOf(source, [], 1);
    const edit = insertLogLinesEdit(source, log, [`#${track.tag}`], anchors) as TextEdit;
    return planOf(source, [edit], new LineIndex(applyEdits(source, [edit])).placeOf(edit.start + edit.text.indexOf('#')).line);
  }
  const value = request.value !== null ? formatNumber(request.value)
    : track.standardAt === null ? 'true'
    : request.level === 'standard' ? formatNumber(track.standardAt) : null;
  if (value === null) {
    throw new JournalError(`${request.goal.id} records \`${track.name}\` as a number (${formatNumber(track.standardAt as number)} or more is standard): give the minimum's number with --value; nothing was written`);
  }
  const inline = inlineFieldEdit(source, track.name, value);
  if (inline) return planOf(source, inline.edits, inline.line);
  const edit = setFrontmatterScalarEdit(source, track.name, value);
  if (edit === null && !(track.name.toLowerCase() in log.fields)) throw new JournalError(`${request.file}: cannot set \`${track.name}\` in its frontmatter; nothing was written`);
  return planOf(source, edit ? [edit] : [], 1);
}

/** `Exercise:: 1` on its own line in the body: its value replaced in place (the field is where the person keeps it). */
function inlineFieldEdit(source: string, name: string, value: string): { edits: TextEdit[]; line: number } | null {
  const lines = new LineIndex(source);
  const field = new RegExp(`^(\\s*(?:[-*+]\\s+)?\\**${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\**::[ \\t]*)(.*?)\\s*$`, 'i');
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    const m = field.exec(text);
    if (!m) continue;
    if (m[2] === value) return { edits: [], line };
    const start = lines.lineStart(line) + (m[1] as string).length;
    return { edits: [{ start, end: start + (m[2] as string).length, text: value }], line };
  }
  return null;
}

/** The day's log from the template; for an existing log, only the habit lines it is missing. */
export function planToday(source: string | null, day: Day, file: string, goals: readonly Goal[]): Plan & { added: number } {
  const planned = templateLines(goalsForDay(goals, day));
  if (source === null) {
    const text = newLogText(day, planned);
    return { text, edits: [{ start: 0, end: 0, text }], changed: true, line: 1, added: planned.length };
  }
  const log = readLog(source, day, file, goals);
  const missing = planned.filter((p) => !log.habits.some((h) => h.goalId === p.goalId && h.level === p.level));
  const edit = insertHabitLinesEdit(source, log, missing, anchorsOf(source, log));
  return { ...planOf(source, edit ? [edit] : [], 1), added: missing.length };
}

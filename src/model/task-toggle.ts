// A task toggle, as Obsidian Tasks does it: the status symbol's next symbol, the done/cancelled date
// fields, and a recurring task's next occurrence. One edit list shared by every face (the CLI, a VS Code
// lens, an LSP code action, a sprint lens), computed from source offsets like every write.
import type { Day } from './dates.js';
import { lineBreakOf, type TextEdit } from './edits.js';
import { nextOccurrence, parseRecurrenceRule, type RecurrenceRule } from './recurrence.js';
import { fieldInsertionIndex, formatDateField, formOfLine, parseTaskFields, type TaskFields } from './task-fields.js';
import { DEFAULT_TASKS_SETTINGS, nextSymbol, recurrenceSymbol, stateOfSymbol, type TaskState, type TasksSettings } from './task-status.js';
import type { TaskItem } from './types.js';

export interface ToggleOptions {
  /** Goal files record a done date (Obsidian Tasks' `✅ YYYY-MM-DD`); in a daily log the file's date is the done date. */
  stampDoneDate: boolean;
  today: Day;
  /** The vault's Obsidian Tasks statuses and settings (its defaults when absent). */
  tasks?: TasksSettings;
}

/**
 * Toggle a task as Obsidian Tasks does: the status moves to its next symbol (`[ ]` ↔ `[x]`, `[/]` → `[x]`,
 * `[-]` → `[ ]`); in goal files (and on any recurring task) a done date is added on completion and removed
 * when it is undone, a cancelled date likewise. Completing a recurring task also writes its next occurrence
 * (status reset, dates moved, no done date, block id or 🆔) on a new line above it, or below when the vault
 * says so; when that line is already there (completed, undone and completed again) it is not written twice,
 * and undoing a completion never removes it (as in the plugin).
 */
export function toggleTaskEdits(source: string, task: TaskItem, options: ToggleOptions): TextEdit[] {
  const settings = options.tasks ?? DEFAULT_TASKS_SETTINGS;
  const symbol = source.charAt(task.checkboxOffset);
  const next = nextSymbol(symbol, settings);
  const edits: TextEdit[] = [{ start: task.checkboxOffset, end: task.checkboxOffset + 1, text: next }];
  const line = source.slice(task.lineStart, task.lineEnd);
  const fields = parseTaskFields(line);
  const rule = fields.recurrence ? parseRecurrenceRule(fields.recurrence.value) : null;
  if (!options.stampDoneDate && !rule) return edits;
  const was = stateOfSymbol(symbol, settings);
  const becomes = stateOfSymbol(next, settings);
  const form = formOfLine(fields, settings.format);
  const at = task.lineStart + fieldInsertionIndex(line, fields);
  const addOrRemove = (field: 'done' | 'cancelled', state: TaskState) => {
    const existing = fields.dates[field];
    if (was !== state && becomes === state && !existing) {
      edits.push({ start: at, end: at, text: `${form === 'dataview' ? '  ' : ' '}${formatDateField(field, options.today, form)}` });
    } else if (was === state && becomes !== state && existing) {
      const spaces = /[ \t]{0,2}$/.exec(line.slice(0, existing.index))?.[0].length ?? 0;
      const lead = existing.form === 'dataview' ? spaces : Math.min(spaces, 1);
      edits.push({ start: task.lineStart + existing.index - lead, end: task.lineStart + existing.index + existing.length, text: '' });
    }
  };
  addOrRemove('done', 'done');
  addOrRemove('cancelled', 'cancelled');
  if (rule && was !== 'done' && becomes === 'done') {
    const occurrence = nextOccurrenceLine(source, task, line, fields, rule, next, options.today, settings);
    // Two insertions at one offset would depend on the applier's order (ours and VS Code's differ): a
    // next occurrence written below, at the end of the file, joins the ✅ inserted at the line's end.
    const same = occurrence && edits.find((e) => e.start === occurrence.start && e.end === e.start);
    if (same && occurrence) same.text += occurrence.text;
    else if (occurrence) edits.push(occurrence);
  }
  return edits;
}

/** The next occurrence of a recurring task as an insertion, or null when it has none or is already there. */
function nextOccurrenceLine(source: string, task: TaskItem, line: string, fields: TaskFields, rule: RecurrenceRule, doneSymbol: string,
  today: Day, settings: TasksSettings): TextEdit | null {
  const dates = { start: fields.dates.start?.value ?? null, scheduled: fields.dates.scheduled?.value ?? null, due: fields.dates.due?.value ?? null };
  const next = nextOccurrence(rule, dates, today, settings);
  if (!next) return null;
  // Rewrite the line right to left, so earlier offsets stay valid.
  const changes: { index: number; end: number; text: string }[] = [];
  for (const field of ['start', 'scheduled', 'due'] as const) {
    const span = fields.dates[field];
    const day = next[field];
    if (!span) continue;
    if (day) changes.push({ index: span.valueIndex, end: span.valueIndex + span.value.length, text: day });
    else changes.push({ index: span.index - (/ *$/.exec(line.slice(0, span.index))?.[0].length ?? 0), end: span.index + span.length, text: '' });
  }
  for (const span of [fields.dates.done, fields.dates.cancelled, ...fields.dependencies]) {
    if (span) changes.push({ index: span.index - (/ *$/.exec(line.slice(0, span.index))?.[0].length ?? 0), end: span.index + span.length, text: '' });
  }
  if (fields.blockId) changes.push({ index: fields.blockId.index, end: fields.blockId.index + fields.blockId.length, text: '' });
  const created = fields.dates.created;
  if (settings.setCreatedDate && created) changes.push({ index: created.valueIndex, end: created.valueIndex + created.value.length, text: today });
  else if (settings.setCreatedDate) {
    const form = formOfLine(fields, settings.format);
    const end = line.trimEnd().length;
    changes.push({ index: end, end, text: `${form === 'dataview' ? '  ' : ' '}${formatDateField('created', today, form)}` });
  }
  const box = task.checkboxOffset - task.lineStart;
  changes.push({ index: box, end: box + 1, text: recurrenceSymbol(doneSymbol, settings) });
  let text = line;
  for (const c of changes.sort((a, b) => b.index - a.index)) text = text.slice(0, c.index) + c.text + text.slice(c.end);
  const lines = new LineIndexLite(source);
  const eol = lines.breakAfter(task.lineEnd) ?? lineBreakOf(source);
  if (settings.recurrenceBelow) {
    if (lines.lineAfter(task.lineEnd) === text) return null;
    const brk = lines.breakAfter(task.lineEnd);
    // At the start of the next line, so it never meets the ✅ inserted at this line's end.
    if (brk !== null) return { start: task.lineEnd + brk.length, end: task.lineEnd + brk.length, text: `${text}${brk}` };
    return { start: task.lineEnd, end: task.lineEnd, text: `${eol}${text}` };
  }
  if (lines.lineBefore(task.lineStart) === text) return null;
  // A BOM stays the file's first character.
  const start = task.lineStart === 0 && source.charCodeAt(0) === 0xfeff ? 1 : task.lineStart;
  return { start, end: start, text: `${start === task.lineStart ? text : text.replace(/^\uFEFF/, '')}${eol}` };
}

/** The lines next to a task line, read from the text alone (the model has no parser). */
class LineIndexLite {
  constructor(private readonly source: string) {}

  breakAfter(lineEnd: number): string | null {
    const m = /^(\r\n?|\n)/.exec(this.source.slice(lineEnd, lineEnd + 2));
    return m ? (m[1] as string) : null;
  }

  lineAfter(lineEnd: number): string | null {
    const brk = this.breakAfter(lineEnd);
    if (brk === null) return null;
    const from = lineEnd + brk.length;
    const m = /\r\n?|\n/.exec(this.source.slice(from));
    return this.source.slice(from, m ? from + m.index : this.source.length);
  }

  lineBefore(lineStart: number): string | null {
    if (lineStart === 0) return null;
    const before = this.source.slice(0, lineStart).replace(/(\r\n?|\n)$/, '');
    const m = /[\s\S]*(\r\n?|\n)/.exec(before);
    return m ? before.slice(m[0].length) : before.replace(/^\uFEFF/, '');
  }
}

// Edits to people's files, computed from source offsets (never by re-stringifying Markdown).
// Every edit is the smallest change that does the job, and applying it twice changes nothing more.
import { findValueField, formatValueField } from './syntax.js';
import type { TaskItem } from './types.js';

/** Replace `[start, end)` of the text with `text`. Offsets are UTF-16 indices into the whole file. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = source;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new RangeError('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** Check a task (never uncheck) and set its `[value:: N]` when a value is given. */
export function checkTaskEdits(source: string, task: TaskItem, value: number | null): TextEdit[] {
  const edits: TextEdit[] = [];
  if (!task.checked) edits.push({ start: task.checkboxOffset, end: task.checkboxOffset + 1, text: 'x' });
  if (value === null) return edits;
  const line = source.slice(task.lineStart, task.lineEnd);
  const field = findValueField(line);
  const wanted = formatValueField(value);
  if (field) {
    if (line.slice(field.index, field.index + field.length) !== wanted) {
      edits.push({ start: task.lineStart + field.index, end: task.lineStart + field.index + field.length, text: wanted });
    }
  } else {
    const trimmedEnd = task.lineStart + line.trimEnd().length;
    edits.push({ start: trimmedEnd, end: trimmedEnd, text: ` ${wanted}` });
  }
  return edits;
}

/** The one edit that turns `before` into `after`: the differing middle between a common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

/** The file's line break, from its first one: CRLF (Windows), LF, or a lone CR (classic Mac OS, some pastes). */
export function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  const m = /\r\n?|\n/.exec(text);
  return (m?.[0] as '\r\n' | '\n' | '\r' | undefined) ?? '\n';
}

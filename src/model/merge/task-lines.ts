// Task lines as the merge sees them (FORMAT §10): a habit line is known by its goal and level, any
// other task by its text; what may differ between devices is the checkbox, `[value:: N]` and `✅ date`.
import { isValidDay } from '../dates.js';
import { findDoneDate, findValueField, parseHabitText, parseValueField } from '../syntax.js';

const TASK_LINE = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)([ xX])(\][ \t]+)(.*)$/;

export interface TaskLine {
  /** Same key on two devices = the same line, whatever its checkbox, value and done date. */
  key: string;
  /** What people read in the merge report: `[[walk]] minimum` or the task's text. */
  label: string;
  habit: boolean;
  checked: boolean;
  mark: string;
  value: number | null;
  valueText: string | null;
  doneDate: string | null;
  /** The line without checkbox state, value and done date: two sides that differ here changed the words. */
  core: string;
}

function withoutDatesAndValue(text: string): string {
  let t = text;
  const value = findValueField(t);
  if (value) t = t.slice(0, value.index) + t.slice(value.index + value.length);
  const done = findDoneDate(t);
  if (done) t = t.slice(0, done.index) + t.slice(done.index + done.length);
  return t.replace(/\s+/g, ' ').trim();
}

/** The line read as a task line, keyed without its occurrence number; null for any other line. */
export function readTaskLine(line: string): Omit<TaskLine, 'key'> & { baseKey: string } | null {
  const m = TASK_LINE.exec(line);
  if (!m) return null;
  const text = m[4] as string;
  const habit = parseHabitText(text);
  const value = findValueField(text);
  const done = findDoneDate(text);
  const doneDay = done ? text.slice(done.index, done.index + done.length).replace(/[^\d-]/g, '') : null;
  const plain = withoutDatesAndValue(text);
  return {
    baseKey: habit ? `habit:${habit.goalId.toLowerCase()}|${habit.level}` : `task:${plain}`,
    label: habit ? `[[${habit.goalId}]] ${habit.level}` : plain,
    habit: habit !== null,
    checked: m[2] !== ' ',
    mark: m[2] as string,
    value: parseValueField(text),
    valueText: value ? text.slice(value.index, value.index + value.length) : null,
    doneDate: doneDay !== null && isValidDay(doneDay) ? doneDay : null,
    core: `${m[1]} ${m[3]}${plain}`,
  };
}

/** Every task line of a file by key; the second line with the same text is `key#2`, and so on. */
export function taskLinesByKey(lines: readonly string[]): Map<string, { index: number; task: TaskLine }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { index: number; task: TaskLine }>();
  lines.forEach((line, index) => {
    const read = readTaskLine(line);
    if (!read) return;
    const n = (seen.get(read.baseKey) ?? 0) + 1;
    seen.set(read.baseKey, n);
    const { baseKey, ...rest } = read;
    const key = n === 1 ? baseKey : `${baseKey}#${n}`;
    out.set(key, { index, task: { key, ...rest } });
  });
  return out;
}

/** The key a line has on its own (without occurrence numbers), for checks that no key was doubled. */
export function lineKey(line: string): string | null {
  return readTaskLine(line)?.baseKey ?? null;
}

/** Sets a task line's checkbox, value field and done date by the smallest change to its text. */
export function rewriteTaskLine(line: string, state: { mark: string; valueText: string | null; doneDate: string | null }): string {
  const m = TASK_LINE.exec(line);
  if (!m) return line;
  let text = m[4] as string;
  const value = findValueField(text);
  if (state.valueText === null) {
    if (value) text = (text.slice(0, value.index).replace(/[ \t]+$/, '') + text.slice(value.index + value.length));
  } else if (value) {
    text = text.slice(0, value.index) + state.valueText + text.slice(value.index + value.length);
  } else {
    const done = findDoneDate(text);
    text = done ? `${text.slice(0, done.index)} ${state.valueText}${text.slice(done.index)}` : `${text.replace(/[ \t]+$/, '')} ${state.valueText}`;
  }
  const done = findDoneDate(text);
  const current = done ? text.slice(done.index, done.index + done.length).replace(/[^\d-]/g, '') : null;
  if (current !== state.doneDate) {
    if (done) text = text.slice(0, done.index) + text.slice(done.index + done.length);
    if (state.doneDate !== null) text = `${text.replace(/[ \t]+$/, '')} ✅ ${state.doneDate}`;
  }
  return `${m[1]}${state.mark}${m[3]}${text}`;
}

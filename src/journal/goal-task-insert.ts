// A micro-task added to a goal (the `sprint-task-missing` quick fix): into the first stage that still
// has open tasks, after its last task, in the file's own line breaks; nothing else moves.
import { addDays } from '../model/dates.js';
import { lineBreakOf, type TextEdit } from '../model/edits.js';
import type { Goal } from '../model/types.js';
import { LineIndex } from '../parser/text.js';

export function addGoalTaskEdit(goalText: string, goal: Goal, words: string): TextEdit {
  const eol = lineBreakOf(goalText);
  const line = `- [ ] ${words.trim()}`;
  const stageTasks = goal.tasks.filter((t) => t.section === 'stages');
  const openStage = stageTasks.find((t) => !t.checked && t.state !== 'cancelled')?.stage;
  const inStage = stageTasks.filter((t) => t.stage === openStage);
  const last = (inStage.length ? inStage : stageTasks).at(-1);
  if (last) return { start: last.lineEnd, end: last.lineEnd, text: `${eol}${line}` };
  const lines = new LineIndex(goalText);
  if (goal.stagesHeading) {
    const at = lines.lineEnd(goal.stagesHeading.line);
    return { start: at, end: at, text: `${eol}${line}` };
  }
  const tail = goalText === '' || /(\r\n|\r|\n)$/.test(goalText) ? '' : eol;
  return { start: goalText.length, end: goalText.length, text: `${tail}${eol}## Stages${eol}${line}${eol}` };
}

const QUICK_WIN_WORDS = 'A first quick win';

/**
 * The `quick-win` fix: a milestone dated a week after `start`, after the last milestone (or under a new
 * `## Milestones` at the end). `placeholder` is where its words are, for the person to type over.
 */
export function quickWinMilestoneEdit(goalText: string, goal: Goal): { edit: TextEdit; placeholder: { start: number; end: number } } | null {
  if (!goal.start) return null;
  const eol = lineBreakOf(goalText);
  const line = `- [ ] ${QUICK_WIN_WORDS} 📅 ${addDays(goal.start, 7)}`;
  const last = goal.milestones.at(-1);
  let at: number;
  let prefix: string;
  let suffix = '';
  if (last) {
    at = last.lineEnd;
    prefix = eol;
  } else {
    at = goalText.length;
    const tail = goalText === '' || /(\r\n|\r|\n)$/.test(goalText) ? '' : eol;
    prefix = `${tail}${eol}## Milestones${eol}`;
    suffix = eol;
  }
  const start = at + prefix.length + '- [ ] '.length;
  return { edit: { start: at, end: at, text: `${prefix}${line}${suffix}` }, placeholder: { start, end: start + QUICK_WIN_WORDS.length } };
}

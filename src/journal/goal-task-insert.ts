// A micro-task added to a goal (the `sprint-task-missing` quick fix): into the first stage that still
// has open tasks, after its last task, in the file's own line breaks; nothing else moves.
import { lineBreakOf, type TextEdit } from '../model/edits.js';
import type { Goal } from '../model/types.js';
import { LineIndex } from '../parser/text.js';

export function addGoalTaskEdit(goalText: string, goal: Goal, words: string): TextEdit {
  const eol = lineBreakOf(goalText);
  const line = `- [ ] ${words.trim()}`;
  const stageTasks = goal.tasks.filter((t) => t.section === 'stages');
  const openStage = stageTasks.find((t) => !t.checked)?.stage;
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

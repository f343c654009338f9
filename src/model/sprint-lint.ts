// Sprint diagnostics (FORMAT §6) that need the other files: overlapping sprints, and committed
// `[[goal]]` items that name no goal or none of its micro-tasks.
import type { GoalLinkResolver } from './goal-links.js';
import { matchGoalTask } from './sprint-progress.js';
import type { Sprint } from './sprint.js';
import type { Diagnostic, Goal } from './types.js';

export function lintSprints(sprints: readonly Sprint[], goals: readonly Goal[], resolve: GoalLinkResolver): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sorted = [...sprints].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const sprint = sorted[i] as Sprint;
    const earlier = sorted.slice(0, i).find((s) => s.end >= sprint.start);
    if (!earlier) continue;
    const place = sprint.places.weeks ?? sprint.places[''] ?? { line: 1, column: 1 };
    out.push({ file: sprint.file, line: place.line, column: place.column, severity: 'warning', code: 'sprint-overlap',
      message: `this sprint (${sprint.start} to ${sprint.end}) shares days with ${earlier.file} (${earlier.start} to ${earlier.end}): shorten the earlier one's \`weeks:\` or start this one later` });
  }
  for (const sprint of sprints) {
    if (sprint.focus !== null && resolve(sprint.focus) === null) {
      const place = sprint.places['focus='] ?? sprint.places.focus ?? { line: 1, column: 1 };
      out.push({ file: sprint.file, line: place.line, column: place.column, severity: 'warning', code: 'unknown-goal', message: `\`focus: ${sprint.focus}\` names no goal in goals/` });
    }
    for (const item of sprint.items) {
      if (item.goalName === null) continue;
      const id = resolve(item.goalName);
      const goal = id === null ? undefined : goals.find((g) => g.id === id);
      if (!goal) {
        out.push({ file: sprint.file, line: item.line, column: item.column, severity: 'warning', code: 'unknown-goal', message: `[[${item.goalName}]] names no goal in goals/` });
      } else if (matchGoalTask(goal, item.key) === null) {
        out.push({ file: sprint.file, line: item.line, column: item.column, severity: 'warning', code: 'sprint-task-missing',
          message: `"${item.key}" is not a micro-task of ${goal.id} (renamed?): fix the words here, or add it to the goal's stages` });
      }
    }
  }
  return out;
}

// The journal's lint rules (FORMAT.md §5) that need the parsed model rather than the raw text:
// SMART checks, the one-lead-goal rule, links, dates and sizes.
import { parseRecurrenceRule } from './recurrence.js';
import { addDays, daysBetween } from './dates.js';
import { goalIdProblem, matchGoalId, unknownGoalHint } from './goal-ids.js';
import type { DailyLog, Diagnostic, DiagnosticCode, Goal, Place, Severity, TaskItem } from './types.js';

const ARCHIVED = new Set(['done', 'dropped']);
const TWO_HOURS = 120;

function at(file: string, place: Place, severity: Severity, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: place.line, column: place.column, severity, code, message };
}

/** Where a missing key would be reported: its parent key, else the frontmatter's first line. */
function placeFor(goal: Goal, ...keys: string[]): Place {
  for (const key of keys) {
    const place = goal.places[key];
    if (place) return place;
  }
  return goal.places[''] ?? { line: 1, column: 1 };
}

export function lintGoal(goal: Goal): Diagnostic[] {
  const out: Diagnostic[] = [];
  const f = goal.file;
  if (goal.title === null) out.push(at(f, placeFor(goal, 'title'), 'error', 'missing-title', 'the goal has no `title:`: name it in a few words'));
  if (goal.start !== null && goal.due !== null && goal.due < goal.start) {
    out.push(at(f, placeFor(goal, 'due=', 'due'), 'error', 'bad-date', `\`due\` (${goal.due}) is before \`start\` (${goal.start})`));
  }
  out.push(...lintTaskFields(f, [...goal.tasks, ...goal.milestones]));
  for (const task of goal.tasks) {
    if (task.estimateMinutes !== null && task.estimateMinutes > TWO_HOURS) {
      out.push(at(f, { line: task.line, column: task.estimateColumn ?? 1 }, 'info', 'task-too-big',
        `this micro-task is estimated at ${formatMinutes(task.estimateMinutes)}: break it into steps of 1–2 hours`));
    }
  }
  if (ARCHIVED.has(goal.status)) return out;
  if (goal.status === 'active' && goal.start !== null) {
    const firstWeek = addDays(goal.start, 7);
    if (!goal.milestones.some((m) => m.dueDate !== null && m.dueDate >= goal.start! && m.dueDate <= firstWeek)) {
      out.push(at(f, placeFor(goal, 'start', 'title'), 'info', 'quick-win',
        `create a quick win: a first milestone you can reach in the first week (📅 by ${firstWeek})`));
    }
  }

  const missing: [DiagnosticCode, string, string, Place][] = [];
  if (goal.standard === null) missing.push(['smart-specific', '`habit.standard`', 'no `habit.standard`: write the concrete action of a normal day (Specific)', placeFor(goal, 'habit', 'title')]);
  if (goal.metric === null && !goal.places['metric']) missing.push(['smart-measurable', '`metric`', 'no `metric`: add one number that shows progress (Measurable)', placeFor(goal, 'title')]);
  if (goal.minimum === null) missing.push(['smart-achievable', '`habit.minimum`', 'no `habit.minimum`: write the 2–5 minute version for low-energy days (Achievable)', placeFor(goal, 'habit', 'title')]);
  if (goal.why === null) missing.push(['smart-relevant', '`why`', 'no `why`: anchor the goal to a purpose that matters to you (Relevant)', placeFor(goal, 'title')]);
  if (goal.due === null && !goal.places['due']) missing.push(['smart-time-bound', '`due`', 'no `due` date: give it 30–90 days (Time-bound)', placeFor(goal, 'start', 'title')]);
  if (!goal.cadenceGiven) {
    // A wish is one warning that says what a SMART goal would add, not five on one line; the
    // missing fields stay as notes so each keeps its quick fix.
    const also = missing.length ? ` It also lacks ${missing.map((m) => m[1]).join(', ')}.` : '';
    out.push(at(f, placeFor(goal, 'habit', 'title'), 'warning', 'wish', `no \`habit.cadence\`: if it can't be a weekly habit, it's still a wish. Add e.g. \`cadence: 3/week\`.${also}`));
  }
  for (const [code, , message, place] of missing) out.push(at(f, place, goal.cadenceGiven ? 'warning' : 'info', code, message));

  if (goal.start !== null && goal.due !== null && goal.due >= goal.start) {
    const days = daysBetween(goal.start, goal.due);
    if (days < 30 || days > 90) {
      out.push(at(f, placeFor(goal, 'due'), 'info', 'timeframe', `the goal runs ${days} days: a lead goal works best over 30–90 days`));
    }
  }
  if (goal.stagesHeading && (goal.stages.length < 3 || goal.stages.length > 7)) {
    out.push(at(f, goal.stagesHeading, 'info', 'stage-count', `${goal.stages.length} stage${goal.stages.length === 1 ? '' : 's'} under "Stages": aim for 3–7`));
  }
  return out;
}

/** Rules across goals: only one active lead goal. Every extra one is flagged at its `lead:` key. */
export function lintGoalSet(goals: readonly Goal[]): Diagnostic[] {
  const leads = goals.filter((g) => g.status === 'active' && g.lead).sort((a, b) => compareText(a.file, b.file));
  if (leads.length < 2) return [];
  const names = leads.map((g) => g.id).join(', ');
  return leads.map((g) => at(g.file, placeFor(g, 'lead'), 'warning', 'lead-goal',
    `${leads.length} active goals are marked \`lead: true\` (${names}): choose one lead goal for these 30–90 days`));
}

export function lintLog(log: DailyLog, goalExists: (id: string) => boolean, goalIds: readonly string[] = []): Diagnostic[] {
  return [...lintLogContent(log), ...lintLogLinks(log, goalExists, goalIds)];
}

/**
 * What a log's own text gets wrong, whatever the goals: a function of the file alone, so the persistent
 * parse cache keeps it beside the parse result and a warm read need not look at the log's tasks again.
 */
export function lintLogContent(log: DailyLog): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (log.frontmatterDate !== null && log.frontmatterDate !== log.date) {
    out.push(at(log.file, log.places['date='] ?? log.places['date'] ?? { line: 1, column: 1 }, 'warning', 'date-mismatch',
      `\`date: ${log.frontmatterDate}\` differs from the file name's date ${log.date}`));
  }
  out.push(...lintTaskFields(log.file, log.tasks));
  return out;
}

/** The log's habit lines against the journal's goals: links to no goal, links by an old name. */
export function lintLogLinks(log: DailyLog, goalExists: (id: string) => boolean, goalIds: readonly string[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const habit of log.habits) {
    if (!goalExists(habit.goalId)) {
      const match = matchGoalId(goalIds, habit.goalId);
      const hint = match.id === null && match.suggestions.length ? ` (${unknownGoalHint(goalIds, match.suggestions)})` : '';
      const create = goalIdProblem(habit.goalId) ? '' : `create goals/${habit.goalId}.md or `;
      out.push(at(log.file, { line: habit.line, column: habit.column }, 'warning', 'unknown-goal',
        `[[${habit.goalId}]] is not a goal: ${create}fix the link${hint}`));
    } else if (habit.linkedAs && habit.linkedAs.toLowerCase() !== habit.goalId.toLowerCase() && !goalIdProblem(habit.linkedAs)) {
      // An id-like alias is most often the id before a rename (kept so other devices' links count).
      out.push(at(log.file, { line: habit.line, column: habit.column }, 'info', 'old-goal-name',
        `[[${habit.linkedAs}]] names ${habit.goalId} by an alias (its id before a rename?): `
        + `\`kaizen rename ${habit.linkedAs} ${habit.goalId} --write\` rewrites these links`));
    }
  }
  return out;
}

/**
 * Obsidian Tasks' fields that cannot mean what they say: a done date on a task that is not done (the plugin
 * and Kaizen count it as open), and a recurrence rule the plugin cannot read (completing the task would end
 * the recurrence, silently, in Obsidian as here).
 */
function lintTaskFields(file: string, tasks: readonly TaskItem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const task of tasks) {
    if (task.doneDateColumn != null && task.state !== 'done' && task.state !== 'cancelled') {
      out.push(at(file, { line: task.line, column: task.doneDateColumn }, 'warning', 'done-date-open',
        `a ✅ done date on a task that is not checked: it counts as open; check it (\`[x]\`) or remove the date`));
    }
    if (task.recurrence && !parseRecurrenceRule(task.recurrence.rule)) {
      const shown = task.recurrence.rule ? `"${task.recurrence.rule}"` : 'an empty rule';
      out.push(at(file, { line: task.line, column: task.recurrence.column }, 'warning', 'bad-recurrence',
        `${shown} is not a recurrence Obsidian Tasks can read, so completing the task would end it: write e.g. `
        + '"every week", "every 2 days", "every weekday", "every week on Monday, Friday", "every month on the last Friday", '
        + 'optionally followed by "when done"'));
    }
  }
  return out;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/** Code-unit order: the same in every locale, so output never depends on LANG. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code));
}

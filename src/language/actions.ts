// What a person can do on a line, editor-neutral: the lenses over habit lines, tasks and a goal's title,
// the same numbers as inlay hints (for editors without lenses, such as Helix), the code actions at the
// cursor, and the quick fixes of FORMAT §5's diagnostics. Each face turns a command into its own call;
// the writes behind them are the shared plans (src/journal/plans.ts), which refuse a line that moved.
import { periodCount } from '../model/cadence.js';
import { fixLogDateEdit, insertFrontmatterKey, type MissingKey } from '../journal/frontmatter-edits.js';
import { quickWinMilestoneEdit } from '../journal/goal-task-insert.js';
import type { JournalPath } from '../journal/layout.js';
import type { Day } from '../model/dates.js';
import { minimalEdit, type TextEdit } from '../model/edits.js';
import type { GoalLinkResolver } from '../model/goal-links.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { numericWords, periodWords, type GoalStats } from '../model/goal-stats.js';
import { outsideGoalWindow } from '../model/goal-window.js';
import { planWords } from '../model/habit-plan.js';
import { resolveConflictMarkers } from '../model/merge/conflict-blocks.js';
import { parseRecurrenceRule } from '../model/recurrence.js';
import { parseTaskFields } from '../model/task-fields.js';
import { applyTaskStatuses, stateOfSymbol, type TasksSettings } from '../model/task-status.js';
import type { Goal, HabitLevel, TaskItem } from '../model/types.js';
import { linkAt, linksIn } from '../model/wiki-links.js';
import { parseGoalText, parseLogText } from '../parser/index.js';
import { LineIndex } from '../parser/text.js';

/** A command the faces run: toggle a task on a line of this document, or log a goal's habit today. */
export type LineCommand =
  | { kind: 'toggle'; line: number; expected: string }
  | { kind: 'log'; goal: string; level: HabitLevel }
  | { kind: 'review' };

export interface Lens {
  /** 1-based. */
  line: number;
  title: string;
  icon: 'open' | 'done' | 'in-progress' | 'cancelled' | 'warning' | null;
  tooltip: string | null;
  command: LineCommand | null;
}

export interface LensJournal {
  goals: readonly Goal[];
  stats: ReadonlyMap<string, GoalStats>;
  resolve: GoalLinkResolver;
  today: Day;
  /** The vault's Obsidian Tasks statuses: what `[d]` or `[~]` mean in this journal. */
  tasks?: TasksSettings;
}

export function statusWords(goal: Goal, stats: GoalStats): string {
  const parts: string[] = [];
  const period = periodWords(goal, stats);
  if (period) parts.push(period);
  const numeric = numericWords(stats);
  if (numeric) parts.push(numeric);
  if (stats.streakWeeks !== null) parts.push(`streak ${periodCount(stats.streakWeeks, stats.periodName ?? 'week')}`);
  if (stats.strength !== null) parts.push(`strength ${Math.round(stats.strength * 100)} %`);
  parts.push(`progress ${Math.round(stats.progress)} %`);
  return parts.join(' · ');
}

function lensesOfItem(lines: LineIndex, task: TaskItem, what: string): Lens[] {
  const lineText = lines.lineText(task.line);
  const toggle: LineCommand = { kind: 'toggle', line: task.line, expected: lineText };
  const rule = parseTaskFields(lineText).recurrence?.value;
  const check = rule && parseRecurrenceRule(rule) ? `Check this item; its next occurrence (${rule}) is written on a new line` : 'Check this item';
  // A status is a statement, not a link: only the separate command beside it changes it.
  if (task.state === 'in-progress') {
    return [
      { line: task.line, title: `${what} in progress`, icon: 'in-progress', tooltip: null, command: null },
      { line: task.line, title: 'check', icon: 'open', tooltip: check, command: toggle },
    ];
  }
  if (task.state === 'cancelled') {
    return [
      { line: task.line, title: `${what} cancelled`, icon: 'cancelled', tooltip: 'Cancelled: not counted in progress', command: null },
      { line: task.line, title: 'reopen', icon: null, tooltip: 'Reopen this item', command: toggle },
    ];
  }
  if (!task.checked) return [{ line: task.line, title: `check ${what}`, icon: 'open', tooltip: check, command: toggle }];
  return [
    { line: task.line, title: `${what} done`, icon: 'done', tooltip: null, command: null },
    { line: task.line, title: 'uncheck', icon: null, tooltip: 'Uncheck this item', command: toggle },
  ];
}

/**
 * Which micro-tasks and milestones of a goal file get a lens row. A row per item doubled a goal's height, so by
 * default only what a person acts on next has one: each stage's first open item, every item in progress, and an
 * item checked today (its "uncheck" undoes a slip). Every line still has its check action (Ctrl+. / code action).
 */
export type TaskLensMode = 'next' | 'all';

function itemsWithLenses(items: readonly TaskItem[], mode: TaskLensMode, today: Day): TaskItem[] {
  if (mode === 'all') return [...items];
  const nextOpenOf = new Map<string | null, TaskItem>();
  for (const item of items) if (item.state === 'open' && !nextOpenOf.has(item.stage)) nextOpenOf.set(item.stage, item);
  const next = new Set(nextOpenOf.values());
  return items.filter((item) => next.has(item) || item.state === 'in-progress' || (item.checked && item.doneDate === today));
}

/**
 * The lenses of a daily log or a goal file (a sprint's lenses read other files: the editor's business). A goal's
 * title gets two short rows instead of one long one that a narrow split cuts off: what to do today above the
 * title, the numbers under it; the planned days sit over `habit.days`.
 */
export function lensesFor(j: LensJournal, kind: JournalPath | null, text: string, file: string, taskLenses: TaskLensMode = 'next'): Lens[] {
  const lines = new LineIndex(text);
  if (kind?.kind === 'log') {
    const log = parseLogText(text, kind.date, file).value;
    return log ? log.habits.flatMap((h) => lensesOfItem(lines, log.tasks[h.taskIndex] as TaskItem, h.level)) : [];
  }
  if (kind?.kind !== 'goal') return [];
  const goal = parseGoalText(text, kind.id, file).value;
  if (!goal) return [];
  if (j.tasks) applyTaskStatuses([...goal.tasks, ...goal.milestones], j.tasks);
  const title = goal.titleLine ?? 1;
  const numbersLine = title < lines.lineCount ? title + 1 : title;
  const lenses: Lens[] = [];
  const window = goal.cadence && goal.status === 'active' ? outsideGoalWindow(goal, j.today) : null;
  if (window) lenses.push({ line: title, title: window.short, icon: null, tooltip: window.message, command: null });
  else if (goal.cadence && goal.status === 'active') {
    const log = (level: HabitLevel) => ({ kind: 'log' as const, goal: goal.id, level });
    lenses.push({ line: title, title: 'Log today: minimum', icon: null, tooltip: goal.minimum, command: log('minimum') });
    lenses.push({ line: title, title: 'standard', icon: null, tooltip: goal.standard, command: log('standard') });
    lenses.push({ line: title, title: 'skip', icon: null, tooltip: 'A planned rest: does not count against you', command: log('skip') });
  }
  const stats = j.stats.get(goal.id);
  if (stats) {
    lenses.push({ line: numbersLine, title: statusWords(goal, stats), icon: null, tooltip: 'Open the review', command: { kind: 'review' } });
  }
  const plan = planWords(goal.days, goal.time);
  if (plan && goal.status === 'active') {
    // Over the keys it comes from, where it explains them, rather than lengthening the title's rows.
    const keys = goal.places['habit.days'] ?? goal.places['habit.time'];
    const tooltip = 'habit.days and habit.time: for reminders and the calendar; any days count';
    lenses.push({ line: keys?.line ?? numbersLine, title: `planned ${plan}`, icon: null, tooltip, command: null });
  }
  for (const task of itemsWithLenses(goal.tasks, taskLenses, j.today)) lenses.push(...lensesOfItem(lines, task, 'task'));
  for (const milestone of itemsWithLenses(goal.milestones, taskLenses, j.today)) {
    lenses.push(...lensesOfItem(lines, milestone, 'milestone'));
  }
  return lenses;
}

export interface InlayHint {
  /** 1-based line; the hint sits at its end. */
  line: number;
  label: string;
  tooltip: string | null;
}

/** The lenses' numbers where an editor has no lenses: after a goal's title, and after each habit line its goal's week. */
export function inlayHintsFor(j: LensJournal, kind: JournalPath | null, text: string, file: string): InlayHint[] {
  if (kind?.kind === 'goal') {
    const goal = parseGoalText(text, kind.id, file).value;
    const stats = goal && j.stats.get(goal.id);
    if (!goal || !stats) return [];
    const plan = planWords(goal.days, goal.time);
    return [{ line: goal.titleLine ?? 1, label: ` ${statusWords(goal, stats)}${plan && goal.status === 'active' ? ` · planned ${plan}` : ''}`, tooltip: goal.why ? `Why: ${goal.why}` : null }];
  }
  if (kind?.kind === 'log') {
    const log = parseLogText(text, kind.date, file).value;
    if (!log) return [];
    const seen = new Set<string>();
    const hints: InlayHint[] = [];
    for (const h of log.habits) {
      const stats = j.stats.get(h.goalId);
      const goal = j.goals.find((g) => g.id === h.goalId);
      const words = goal && stats ? periodWords(goal, stats) : null;
      if (!words || seen.has(h.goalId)) continue;
      seen.add(h.goalId);
      const numeric = stats ? numericWords(stats) : null;
      hints.push({ line: h.line, label: ` ${words}${numeric ? ` · ${numeric}` : ''}`, tooltip: null });
    }
    return hints;
  }
  return [];
}

export interface LineAction {
  title: string;
  command: LineCommand;
}

/**
 * Code actions on the cursor's line: toggle its task, and log minimum, standard or skip today for the goal
 * the line is about (a habit line's goal, any linked goal with a habit, or the goal file's own title).
 */
export function lineActions(j: LensJournal, kind: JournalPath | null, text: string, file: string, line: number): LineAction[] {
  const lines = new LineIndex(text);
  if (line < 1 || line > lines.lineCount) return [];
  const lineText = lines.lineText(line);
  const actions: LineAction[] = [];
  let task: TaskItem | undefined;
  if (kind?.kind === 'log') task = parseLogText(text, kind.date, file).value?.tasks.find((t) => t.line === line);
  else if (kind?.kind === 'goal') {
    const goal = parseGoalText(text, kind.id, file).value;
    task = goal ? [...goal.tasks, ...goal.milestones].find((t) => t.line === line) : undefined;
    if (task && j.tasks) applyTaskStatuses([task], j.tasks);
  } else {
    const box = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[([^\]\r\n\t])\]/.exec(lineText);
    if (box) task = { line, state: stateOfSymbol(box[1] as string, j.tasks) } as TaskItem;
  }
  if (task) {
    const verb = task.state === 'done' ? 'uncheck' : task.state === 'cancelled' ? 'reopen' : 'check';
    actions.push({ title: `Kaizen: ${verb} this task`, command: { kind: 'toggle', line, expected: lineText } });
  }
  const goals = new Set<string>();
  for (const link of linksIn(lineText)) {
    const id = j.resolve(link.name);
    if (id) goals.add(id);
  }
  if (kind?.kind === 'goal') {
    const goal = j.goals.find((g) => g.id === kind.id);
    if (goal && (goal.titleLine ?? 1) === line) goals.add(goal.id);
  }
  for (const id of goals) {
    const goal = j.goals.find((g) => g.id === id);
    if (!goal?.cadence || goal.status !== 'active' || outsideGoalWindow(goal, j.today)) continue;
    for (const level of ['minimum', 'standard', 'skip'] as const) {
      actions.push({ title: `Kaizen: log ${level} today for ${goal.id}`, command: { kind: 'log', goal: goal.id, level } });
    }
  }
  return actions;
}

const MISSING: Record<string, { key: MissingKey; title: string }> = {
  'smart-relevant': { key: 'why', title: 'Add `why:` (the purpose anchor)' },
  'smart-measurable': { key: 'metric', title: 'Add a `metric:`' },
  'smart-achievable': { key: 'habit.minimum', title: 'Add `habit.minimum` (the 2–5 minute version)' },
  'smart-specific': { key: 'habit.standard', title: 'Add `habit.standard` (the normal-day action)' },
  'smart-time-bound': { key: 'due', title: 'Add `due:` 60 days after the start' },
  wish: { key: 'habit.cadence', title: 'Make it a weekly habit: add `habit.cadence`' },
};

/** Keys whose value only the person can write: an editor puts the cursor there (a snippet) rather than a placeholder. */
export const FREE_TEXT_KEYS: ReadonlySet<MissingKey> = new Set<MissingKey>(['why', 'habit.minimum', 'habit.standard']);

export interface QuickFix {
  title: string;
  edit: TextEdit | null;
  /** Where the words to type are, inside the edit's text (an editor with snippets selects them). */
  placeholder: { start: number; end: number } | null;
  /** A fix that needs more than this file's text (create a goal file). */
  createGoal: string | null;
  /** The key a free-text fix inserts, for editors that type it with a snippet. */
  key: MissingKey | null;
  preferred: boolean;
  /** Shown but not applicable, and why. */
  disabled: string | null;
}

const fix = (title: string, rest: Partial<QuickFix>): QuickFix =>
  ({ title, edit: null, placeholder: null, createGoal: null, key: null, preferred: false, disabled: null, ...rest });

/**
 * The quick fixes for one diagnostic (FORMAT §5 codes) on this text, the likeliest first. `at` is the
 * diagnostic's offset: for `unknown-goal` the link there is changed to the goal the message suggests
 * (a typo is far likelier than a new goal), before the fix that creates the typed name.
 */
export function quickFixesFor(kind: JournalPath | null, text: string, file: string, code: string, message: string, today: Day, at?: number): QuickFix[] {
  const first = quickFixFor(kind, text, file, code, message, today);
  if (code !== 'unknown-goal' || at === undefined) return first ? [first] : [];
  const link = linkAt(text, at);
  const said = /did you mean (?:one of )?([^?]+)\?/.exec(message)?.[1];
  if (!link || !said) return first ? [first] : [];
  const nameStart = link.targetStart + link.target.lastIndexOf(link.name);
  const changes = said.split(', ').map((id) => id.trim()).filter((id) => id && !goalIdProblem(id)).slice(0, 3)
    .map((id, i) => fix(`Change to [[${id}]]`, { edit: { start: nameStart, end: nameStart + link.name.length, text: id }, preferred: i === 0 }));
  return first ? [...changes, first] : changes;
}

/** The first quick fix for one diagnostic (FORMAT §5 codes) on this text, or null when there is none. */
export function quickFixFor(kind: JournalPath | null, text: string, file: string, code: string, message: string, today: Day): QuickFix | null {
  const missing = MISSING[code];
  if (missing) {
    const insertion = insertFrontmatterKey(text, missing.key, today);
    return insertion && fix(missing.title, { edit: insertion.edit, placeholder: insertion.placeholder, key: missing.key, preferred: true });
  }
  if (code === 'unknown-goal') {
    const id = /\[\[([^\]|]+)/.exec(message)?.[1];
    // A link like [[../../notes]] names no goal file that could be created inside the journal.
    return id && !goalIdProblem(id) ? fix(`Create goals/${id}.md`, { createGoal: id }) : null;
  }
  if (code === 'quick-win' && kind?.kind === 'goal') {
    const goal = parseGoalText(text, kind.id, file).value;
    const insertion = goal && quickWinMilestoneEdit(text, goal);
    return insertion ? fix('Add a first-week milestone (a quick win)', { edit: insertion.edit, placeholder: insertion.placeholder }) : null;
  }
  if (code === 'date-mismatch' && kind?.kind === 'log') {
    const edit = fixLogDateEdit(text, kind.date);
    return edit && fix(`Set date: ${kind.date} (the file name's date)`, { edit, preferred: true });
  }
  if (code === 'conflict-markers') {
    const resolved = resolveConflictMarkers(text);
    if (!resolved) return null;
    const left = resolved.conflicts.length;
    const title = left === 0 ? 'Resolve with Kaizen (merge both devices by meaning)' : `Resolve with Kaizen (${left} conflict${left === 1 ? '' : 's'} left for you)`;
    const edit = minimalEdit(text, resolved.text);
    if (!edit) return fix(title, { disabled: `Kaizen cannot choose: ${resolved.conflicts.map((c) => `line ${c.line}: ${c.reason}`).join('; ')}` });
    return fix(title, { edit, preferred: left === 0 });
  }
  return null;
}

// CodeLens checkboxes: over each habit line of a daily log, each micro-task and milestone of a goal,
// and a goal's title ("Log today: minimum · standard · skip" and this week's numbers).
import * as vscode from 'vscode';
import { parseGoalText, parseLogText } from '../parser/index.js';
import type { TaskItem } from '../model/types.js';
import { outsideGoalWindow } from '../model/goal-window.js';
import { planWords } from '../model/habit-plan.js';
import type { JournalIndex } from './journal-index.js';
import { parseSprintText } from '../parser/sprint.js';
import { matchGoalTask } from '../model/sprint-progress.js';

/** What a lens hands its command: enough to find the line again, or refuse, if the text moved. */
export interface LineTarget {
  uri: string;
  version: number;
  /** 1-based. */
  line: number;
  expected: string;
}

export class KaizenCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly index: JournalIndex) {
    index.onDidChange(() => this.changed.fire());
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kaizen.codeLens')) this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] | Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('kaizen').get<boolean>('codeLens.enabled', true)) return [];
    const kind = this.index.kindOf(document.uri);
    if (!kind) return [];
    if (kind.kind === 'sprint') return this.sprintLenses(document, kind.id);
    const rel = this.index.relative(document.uri) as string;
    const text = document.getText();
    const lenses: vscode.CodeLens[] = [];
    const taskLens = (task: TaskItem, what: string) => {
      const range = document.lineAt(task.line - 1).range;
      const target: LineTarget = { uri: document.uri.toString(), version: document.version, line: task.line, expected: document.lineAt(task.line - 1).text };
      if (!task.checked) {
        lenses.push(new vscode.CodeLens(range, { title: `$(circle-large-outline) check ${what}`, tooltip: 'Check this item', command: 'kaizen.toggleTask', arguments: [target] }));
        return;
      }
      // "done" is a statement, not a link: only the separate "uncheck" undoes it.
      lenses.push(new vscode.CodeLens(range, { title: `$(pass-filled) ${what} done`, command: '' }));
      lenses.push(new vscode.CodeLens(range, { title: 'uncheck', tooltip: 'Uncheck this item', command: 'kaizen.toggleTask', arguments: [target] }));
    };
    if (kind.kind === 'log') {
      const log = parseLogText(text, kind.date, rel).value;
      if (!log) return [];
      for (const habit of log.habits) taskLens(log.tasks[habit.taskIndex] as TaskItem, habit.level);
    } else if (kind.kind === 'goal') {
      const goal = parseGoalText(text, kind.id, rel).value;
      if (!goal) return [];
      const titleRange = document.lineAt((goal.titleLine ?? 1) - 1).range;
      const today = this.index.today();
      const window = goal.cadence && goal.status === 'active' ? outsideGoalWindow(goal, today) : null;
      if (window) lenses.push(new vscode.CodeLens(titleRange, { title: window.short, tooltip: window.message, command: '' }));
      else if (goal.cadence && goal.status === 'active') {
        lenses.push(new vscode.CodeLens(titleRange, { title: 'Log today: minimum', command: 'kaizen.logHabit', arguments: [goal.id, 'minimum'] }));
        lenses.push(new vscode.CodeLens(titleRange, { title: 'standard', command: 'kaizen.logHabit', arguments: [goal.id, 'standard'] }));
        lenses.push(new vscode.CodeLens(titleRange, { title: 'skip', command: 'kaizen.logHabit', arguments: [goal.id, 'skip'] }));
      }
      const row = this.index.rows.find((r) => r.goal.id === goal.id);
      if (row) lenses.push(new vscode.CodeLens(titleRange, { title: statusText(row.stats), tooltip: 'Open the review', command: 'kaizen.openReview', arguments: [] }));
      const plan = planWords(goal.days, goal.time);
      if (plan && goal.status === 'active') lenses.push(new vscode.CodeLens(titleRange, { title: `planned ${plan}`, tooltip: 'habit.days and habit.time: for reminders and the calendar; any days count', command: '' }));
      for (const task of goal.tasks) taskLens(task, 'task');
      for (const milestone of goal.milestones) taskLens(milestone, 'milestone');
    }
    return lenses;
  }

  /**
   * Over each committed item: a `[[goal]]` item shows and toggles the goal's own micro-task (the goal
   * file is the one truth, changed by the same edit path as a click there); a sprint-only task its own box.
   */
  private async sprintLenses(document: vscode.TextDocument, id: string): Promise<vscode.CodeLens[]> {
    const rel = this.index.relative(document.uri) as string;
    const sprint = parseSprintText(document.getText(), id, rel).value;
    const journal = this.index.journal;
    if (!sprint || !journal || !this.index.root) return [];
    const lenses: vscode.CodeLens[] = [];
    const resolve = journal.linkResolver();
    const title = document.lineAt(Math.max(0, (sprint.committedLine ?? 1) - 1)).range;
    const running = this.index.sprint?.sprint.id === sprint.id ? this.index.sprint : null;
    if (running) {
      const pace = running.pace !== null ? ` · pace ${Math.round(running.pace * 100)} %` : '';
      lenses.push(new vscode.CodeLens(title, { title: `Day ${running.day} of ${running.days} · ${running.done}/${running.planned} done${pace}`, tooltip: 'Open the sprint in the review panel', command: 'kaizen.openReview', arguments: ['sprint'] }));
    }
    for (const item of sprint.items) {
      const range = document.lineAt(item.line - 1).range;
      if (item.task) {
        const target: LineTarget = { uri: document.uri.toString(), version: document.version, line: item.line, expected: document.lineAt(item.line - 1).text };
        lenses.push(item.task.checked
          ? new vscode.CodeLens(range, { title: `$(pass-filled) done${item.task.doneDate ? ` ${item.task.doneDate}` : ''}`, command: '' })
          : new vscode.CodeLens(range, { title: '$(circle-large-outline) check', tooltip: 'Check this sprint task', command: 'kaizen.toggleTask', arguments: [target] }));
        if (item.task.checked) lenses.push(new vscode.CodeLens(range, { title: 'uncheck', command: 'kaizen.toggleTask', arguments: [target] }));
        continue;
      }
      const goalId = item.goalName === null ? null : resolve(item.goalName);
      const known = goalId === null ? undefined : journal.goal(goalId);
      if (!known) {
        lenses.push(new vscode.CodeLens(range, { title: `$(warning) no goal [[${item.goalName}]]`, command: '' }));
        continue;
      }
      const goalUri = vscode.Uri.file(`${this.index.root}/${known.file}`);
      const goalDocument = await vscode.workspace.openTextDocument(goalUri);
      const goal = parseGoalText(goalDocument.getText(), known.id, known.file).value ?? known;
      const task = matchGoalTask(goal, item.key);
      if (!task) {
        lenses.push(new vscode.CodeLens(range, { title: `$(warning) not a micro-task of ${goal.id}`, tooltip: 'Quick fix (Ctrl+.): add it to the goal', command: '' }));
        continue;
      }
      const target: LineTarget = { uri: goalUri.toString(), version: goalDocument.version, line: task.line, expected: goalDocument.lineAt(task.line - 1).text };
      if (task.checked) {
        lenses.push(new vscode.CodeLens(range, { title: `$(pass-filled) done in ${goal.id}${task.doneDate ? ` ${task.doneDate}` : ''}`, command: '' }));
        lenses.push(new vscode.CodeLens(range, { title: 'uncheck', tooltip: `Uncheck it in ${known.file}`, command: 'kaizen.toggleTask', arguments: [target] }));
      } else {
        lenses.push(new vscode.CodeLens(range, { title: `$(circle-large-outline) check in ${goal.id}`, tooltip: `Check it in ${known.file}:${task.line}`, command: 'kaizen.toggleTask', arguments: [target] }));
      }
    }
    return lenses;
  }
}

export function statusText(stats: import('../model/goal-stats.js').GoalStats): string {
  const parts: string[] = [];
  if (stats.week) parts.push(`${stats.week.done}/${stats.week.target} this week`);
  if (stats.streakWeeks !== null) parts.push(`streak ${stats.streakWeeks} ${stats.streakWeeks === 1 ? 'week' : 'weeks'}`);
  if (stats.strength !== null) parts.push(`strength ${Math.round(stats.strength * 100)} %`);
  parts.push(`progress ${Math.round(stats.progress)} %`);
  return parts.join(' · ');
}

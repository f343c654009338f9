// CodeLens checkboxes: over each habit line of a daily log, a goal's next micro-tasks and milestone (or all of
// them: kaizen.codeLens.tasks), and around a goal's title ("Log today: minimum · standard · skip", the numbers).
import * as vscode from 'vscode';
import { parseGoalText } from '../parser/index.js';
import { lensesFor } from '../language/actions.js';
import type { JournalIndex } from './journal-index.js';
import { journalUri } from './workspace-fs.js';
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
    const settings = vscode.workspace.getConfiguration('kaizen');
    if (!settings.get<boolean>('codeLens.enabled', true)) return [];
    const kind = this.index.kindOf(document.uri);
    if (!kind) return [];
    if (kind.kind === 'sprint') return this.sprintLenses(document, kind.id);
    const rel = this.index.relative(document.uri) as string;
    const journal = this.index.journal;
    if (!journal) return [];
    const j = { goals: journal.goals, stats: this.index.statsById, resolve: journal.linkResolver(), today: this.index.today(), tasks: journal.layout.tasks };
    // The same lenses as the language server's (src/language/actions.ts), with VS Code's icons.
    const taskLenses = settings.get<string>('codeLens.tasks', 'next') === 'all' ? 'all' : 'next';
    return lensesFor(j, kind, document.getText(), rel, taskLenses).map((lens) => {
      const range = document.lineAt(lens.line - 1).range;
      const icon = lens.icon === 'open' ? '$(circle-large-outline) ' : lens.icon === 'done' ? '$(pass-filled) ' : lens.icon === 'in-progress' ? '$(clock) ' : lens.icon === 'cancelled' ? '$(circle-slash) ' : lens.icon === 'warning' ? '$(warning) ' : '';
      const title = `${icon}${lens.title}`;
      const tooltip = lens.tooltip ?? undefined;
      const c = lens.command;
      if (!c) return new vscode.CodeLens(range, { title, tooltip, command: '' });
      if (c.kind === 'toggle') {
        const target: LineTarget = { uri: document.uri.toString(), version: document.version, line: c.line, expected: c.expected };
        return new vscode.CodeLens(range, { title, tooltip, command: 'kaizen.toggleTask', arguments: [target] });
      }
      if (c.kind === 'log') return new vscode.CodeLens(range, { title, tooltip, command: 'kaizen.logHabit', arguments: [c.goal, c.level] });
      return new vscode.CodeLens(range, { title, tooltip, command: 'kaizen.openReview', arguments: [] });
    });
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
      const goalUri = journalUri(this.index.root, known.file);
      const goalDocument = await vscode.workspace.openTextDocument(goalUri);
      const goal = parseGoalText(goalDocument.getText(), known.id, known.file).value ?? known;
      const task = matchGoalTask(goal, item.key, sprint.start);
      if (!task) {
        lenses.push(new vscode.CodeLens(range, { title: `$(warning) not a micro-task of ${goal.id}`, tooltip: 'Quick fix (Ctrl+.): add it to the goal', command: '' }));
        continue;
      }
      const target: LineTarget = { uri: goalUri.toString(), version: goalDocument.version, line: task.line, expected: goalDocument.lineAt(task.line - 1).text };
      if (task.state === 'cancelled') {
        lenses.push(new vscode.CodeLens(range, { title: `$(circle-slash) cancelled in ${goal.id}`, command: '' }));
        lenses.push(new vscode.CodeLens(range, { title: 'reopen', tooltip: `Reopen it in ${known.file}`, command: 'kaizen.toggleTask', arguments: [target] }));
      } else if (task.checked) {
        lenses.push(new vscode.CodeLens(range, { title: `$(pass-filled) done in ${goal.id}${task.doneDate ? ` ${task.doneDate}` : ''}`, command: '' }));
        lenses.push(new vscode.CodeLens(range, { title: 'uncheck', tooltip: `Uncheck it in ${known.file}`, command: 'kaizen.toggleTask', arguments: [target] }));
      } else {
        lenses.push(new vscode.CodeLens(range, { title: `$(circle-large-outline) check in ${goal.id}`, tooltip: `Check it in ${known.file}:${task.line}`, command: 'kaizen.toggleTask', arguments: [target] }));
      }
    }
    return lenses;
  }
}

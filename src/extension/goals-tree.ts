// The goals tree: grouped by status, each goal with its progress and this week's count.
import * as vscode from 'vscode';
import type { GoalStatus } from '../model/types.js';
import { periodWords } from '../model/goal-stats.js';
import type { GoalRow, JournalIndex } from './journal-index.js';
import { statusWords as statusText } from '../language/actions.js';
import { journalUri } from './workspace-fs.js';

type Node = { kind: 'group'; status: GoalStatus; rows: GoalRow[] } | { kind: 'goal'; row: GoalRow } | { kind: 'sprint' };

const GROUPS: { status: GoalStatus; label: string }[] = [
  { status: 'active', label: 'Active' }, { status: 'paused', label: 'Paused' }, { status: 'done', label: 'Done' }, { status: 'dropped', label: 'Dropped' },
];

export class GoalsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: JournalIndex) {
    index.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const groups: Node[] = GROUPS.map((g) => ({ kind: 'group' as const, status: g.status, rows: this.index.rows.filter((r) => r.goal.status === g.status) }))
        .filter((g) => g.rows.length > 0);
      return this.index.sprint ? [{ kind: 'sprint' }, ...groups] : groups;
    }
    return node.kind === 'group' ? node.rows.map((row) => ({ kind: 'goal' as const, row })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'sprint') return sprintItem(this.index);
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${GROUPS.find((g) => g.status === node.status)?.label} (${node.rows.length})`,
        node.status === 'active' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.contextValue = 'kaizenGroup';
      item.id = `group:${node.status}`;
      return item;
    }
    const { goal, stats } = node.row;
    const item = new vscode.TreeItem(goal.title ?? goal.id, vscode.TreeItemCollapsibleState.None);
    item.id = `goal:${goal.id}`;
    // The count first: a narrow side bar cuts the end of the description.
    const period = goal.status === 'active' ? periodWords(goal, stats) : null;
    item.description = period ? `${period} · ${Math.round(stats.progress)} %` : `${Math.round(stats.progress)} %`;
    // The side bar may cut the description short: the tooltip says everything, in words.
    item.tooltip = new vscode.MarkdownString(`**${goal.title ?? goal.id}**${goal.why ? `\n\n_${goal.why}_` : ''}\n\n${statusText(goal, stats)}`);
    item.iconPath = new vscode.ThemeIcon(goal.lead && goal.status === 'active' ? 'star-full' : goal.status === 'done' ? 'pass' : goal.cadence ? 'target' : 'lightbulb');
    item.contextValue = goal.status === 'active' && goal.cadence ? 'kaizenGoal.loggable' : 'kaizenGoal';
    item.command = { title: 'Open goal', command: 'kaizen.openGoal', arguments: [goal.id] };
    (item as vscode.TreeItem & { goalId: string }).goalId = goal.id;
    return item;
  }
}

/** The running sprint above the goals: day n of m and items done; a click opens the sprint file. */
function sprintItem(index: JournalIndex): vscode.TreeItem {
  const p = index.sprint!;
  const item = new vscode.TreeItem(`Sprint ${p.sprint.id}`, vscode.TreeItemCollapsibleState.None);
  item.id = `sprint:${p.sprint.id}`;
  item.description = `day ${p.day}/${p.days} · ${p.done}/${p.planned} done`;
  const pace = p.pace !== null ? ` · pace ${Math.round(p.pace * 100)} % of the ideal line` : '';
  item.tooltip = new vscode.MarkdownString(`**Sprint ${p.sprint.id}** (${p.sprint.start} – ${p.sprint.end})${p.sprint.goal ? `\n\n_${p.sprint.goal}_` : ''}`
    + `\n\nDay ${p.day} of ${p.days} · ${p.done} of ${p.planned} planned items done${pace}${p.suggestion ? `\n\n${p.suggestion}` : ''}`);
  item.iconPath = new vscode.ThemeIcon('rocket');
  item.contextValue = 'kaizenSprint';
  if (index.root) item.command = { title: 'Open the sprint', command: 'vscode.open', arguments: [journalUri(index.root, p.sprint.file)] };
  return item;
}

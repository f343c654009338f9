// The lead goal in the status bar: this week's count and the streak; the purpose in the tooltip;
// a click logs today's step.
import { periodCount } from '../model/cadence.js';
import { periodWords } from '../model/goal-stats.js';
import * as vscode from 'vscode';
import type { JournalIndex } from './journal-index.js';

export function registerStatusBar(context: vscode.ExtensionContext, index: JournalIndex): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('kaizen.lead', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kaizen lead goal';
  context.subscriptions.push(item);
  const update = () => {
    const reading = index.progress;
    if (reading) {
      // Ten years take a moment the first time: say so instead of showing nothing.
      item.text = `$(sync~spin) Kaizen: reading ${reading.done.toLocaleString('en')} of ${reading.total.toLocaleString('en')} notes`;
      item.tooltip = 'Kaizen is reading the journal for the first time; later changes are read in milliseconds';
      item.command = undefined;
      item.show();
      return;
    }
    const lead = index.hasJournal ? index.leadRow() ?? index.rows.find((r) => r.goal.status === 'active' && r.goal.cadence) : undefined;
    if (!lead) {
      item.hide();
      return;
    }
    const { goal, stats } = lead;
    const period = stats.periodName ?? 'week';
    const week = periodWords(goal, stats) ?? `${Math.round(stats.progress)} %`;
    const streak = stats.streakWeeks !== null && stats.week?.target !== 0 ? ` · streak ${periodCount(stats.streakWeeks, period)}` : '';
    const pinned = index.pinnedDay;
    // Which goal, in a few words: the whole title is in the tooltip.
    item.text = `$(flame) ${shortTitle(goal.title ?? goal.id)}: ${week}${streak}${pinned ? ` · as of ${pinned}` : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(goal.title ?? goal.id)}**\n\n`);
    if (goal.why) tooltip.appendMarkdown(`_${escape(goal.why)}_\n\n`);
    if (stats.week) tooltip.appendMarkdown(`${stats.week.done} of ${stats.week.target} this ${period} · streak ${periodCount(stats.streakWeeks ?? 0, period)} · strength ${Math.round((stats.strength ?? 0) * 100)} %\n\n`);
    const sprint = index.sprint;
    if (sprint) {
      tooltip.appendMarkdown(`Sprint ${sprint.sprint.id}: day ${sprint.day} of ${sprint.days} · ${sprint.done} of ${sprint.planned} items done`
        + `${sprint.pace !== null ? ` · pace ${Math.round(sprint.pace * 100)} %` : ''}${sprint.sprint.goal ? ` — _${escape(sprint.sprint.goal)}_` : ''}\n\n`);
    }
    if (pinned) tooltip.appendMarkdown(`Shown as of ${pinned}: pinned by \`as_of\` in kaizen.yaml (a demo or sample journal)\n\n`);
    tooltip.appendMarkdown('Click to log today\'s step');
    item.tooltip = tooltip;
    item.command = { title: 'Log today', command: 'kaizen.logHabit', arguments: [goal.id] };
    item.show();
  };
  context.subscriptions.push(index.onDidChange(update), index.onDidProgress(update));
  update();
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** At most 28 characters, cut between words: the status bar is shared with everything else. */
function shortTitle(title: string): string {
  if (title.length <= 28) return title;
  const cut = title.slice(0, 27);
  const space = cut.lastIndexOf(' ');
  return `${(space > 10 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

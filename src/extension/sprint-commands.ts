// "Kaizen: Start a sprint" and "Kaizen: Close the sprint": the CLI's `kaizen sprint start|close`
// with a quick pick of open micro-tasks. Files are written through the same plans as the CLI.
import * as vscode from 'vscode';
import { addDays, isoWeekLabel, weekdayIndex, weekStart, type Day } from '../model/dates.js';
import { JournalError } from '../model/errors.js';
import { minimalEdit } from '../model/edits.js';
import { nextSprintId } from '../model/sprint.js';
import { matchGoalTask, sprintProgress } from '../model/sprint-progress.js';
import { parseSprintText } from '../parser/sprint.js';
import { parseGoalText } from '../parser/index.js';
import { addGoalTaskEdit } from '../journal/goal-task-insert.js';
import { committedLineFor, currentSprint, openMicroTasks, planCarryOver, planSprintStart, refreshSprintSummary, sprintPath } from '../journal/sprints.js';
import { sprintReportPath } from '../report/sprint-markdown.js';
import { milestoneTitle } from '../model/syntax.js';
import type { JournalIndex } from './journal-index.js';
import { requireJournal } from './commands.js';
import { applyTextEdits, exists, openOrCreate, revealFile } from './edits.js';
import { journalUri } from './workspace-fs.js';

function warn(message: string): false {
  void vscode.window.showWarningMessage(`Kaizen: ${message}`);
  return false;
}

export function registerSprintCommands(context: vscode.ExtensionContext, index: JournalIndex): void {
  // The `sprint-task-missing` quick fix: the committed item's words become a micro-task of its goal.
  context.subscriptions.push(vscode.commands.registerCommand('kaizen.addSprintTaskToGoal', async (uri: string, line: number) => {
    try {
      const journal = await requireJournal(index);
      if (!journal) return false;
      const sprintDocument = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const kind = index.kindOf(sprintDocument.uri);
      if (kind?.kind !== 'sprint') return false;
      const sprint = parseSprintText(sprintDocument.getText(), kind.id, index.relative(sprintDocument.uri) ?? '').value;
      const item = sprint?.items.find((i) => i.line === line && i.goalName !== null);
      const goalId = item?.goalName ? journal.linkResolver()(item.goalName) : null;
      const goal = goalId ? journal.goal(goalId) : undefined;
      if (!item || !goal) return warn(`line ${line} is no longer a [[goal]] item; nothing was changed`);
      const goalDocument = await vscode.workspace.openTextDocument(journalUri(journal.root, goal.file));
      const fresh = parseGoalText(goalDocument.getText(), goal.id, goal.file).value ?? goal;
      if (matchGoalTask(fresh, item.key)) return true;
      const words = item.text.replace(/\s*\((?:carried from \d{4}-W\d{2}|added)\)/gi, '').trim();
      await applyTextEdits(goalDocument, [addGoalTaskEdit(goalDocument.getText(), fresh, words)], { saveIfClean: true });
      await index.reload();
      return true;
    } catch (e) {
      return warn(e instanceof JournalError ? e.message : `the task could not be added: ${e instanceof Error ? e.message : String(e)}`);
    }
  }));

  context.subscriptions.push(vscode.commands.registerCommand('kaizen.startSprint', async () => {
    try {
      const journal = await requireJournal(index);
      if (!journal) return false;
      const today = index.today();
      // Inside a running sprint, the next one starts the day after it ends.
      const running = journal.sprintOn(today);
      let day: Day = running ? addDays(running.end, 1) : today;
      // A sprint runs whole ISO weeks from Monday: started late in the week it would be "day 6 of 14" and behind at once.
      if (!running && weekdayIndex(today) >= 3) {
        const monday = weekStart(today);
        const next = addDays(monday, 7);
        const when = await vscode.window.showQuickPick([
          { label: `Next week, from Monday ${next}`, description: isoWeekLabel(next), day: next },
          { label: `This week, from Monday ${monday}`, description: `today is day ${weekdayIndex(today) + 1} of it`, day: today },
        ], { ignoreFocusOut: true, title: 'Start the sprint when? (a sprint runs whole weeks, Monday to Sunday)' });
        if (!when) return false;
        day = when.day;
      }
      const focus = journal.orderedGoals().find((g) => g.lead && g.status === 'active')?.id ?? null;
      const candidates = openMicroTasks(journal.orderedGoals(), focus);
      if (candidates.length === 0) return warn('no active goal has an open micro-task to commit: add tasks under a goal\'s ## Stages first');
      const items = await vscode.window.showQuickPick(candidates.map((c) => ({
        label: milestoneTitle(c.task.text), description: c.goal.id, detail: c.task.stage ?? undefined, picked: c.suggested, candidate: c,
      })), { canPickMany: true, ignoreFocusOut: true, title: `Start a sprint ${running ? `after ${running.id} (from ${day})` : day === today ? 'this week' : `from ${day}`}: commit micro-tasks (1 of 3)`,
        placeHolder: 'The suggested ones are picked: the lead goal\'s current stage and each other goal\'s next task' });
      if (!items) return false;
      const weeks = await vscode.window.showQuickPick(['1 week', '2 weeks', '3 weeks', '4 weeks'].map((label, i) => ({ label, weeks: i + 1, picked: i === 1 })),
        { ignoreFocusOut: true, title: 'How long (2 of 3)', placeHolder: '2 weeks is a good first sprint' });
      if (!weeks) return false;
      const goal = await vscode.window.showInputBox({ ignoreFocusOut: true, title: 'The sprint goal (3 of 3)', prompt: 'One sentence: what this sprint is for (Enter with nothing to write it later)',
        placeHolder: 'Walk through the first cold snap and have rain gear ready' });
      if (goal === undefined) return false;
      const plan = planSprintStart({ day, weeks: weeks.weeks, goal: goal.trim() || null, focus, items: items.map((i) => committedLineFor(i.candidate.goal, i.candidate.task)), sprints: journal.sprints, sprintsFolder: journal.layout.sprints });
      const uri = journalUri(journal.root, plan.file);
      if (await exists(uri)) return warn(`${plan.file} already exists; nothing was written`);
      const { document } = await openOrCreate(uri, () => plan.text);
      await vscode.window.showTextDocument(document);
      void vscode.window.showInformationMessage(`Kaizen: sprint ${plan.id} started (${plan.start} to ${plan.end}) with ${items.length} items in ${plan.file}.`);
      await index.reload();
      return plan.file;
    } catch (e) {
      return warn(e instanceof JournalError ? e.message : `the sprint could not be started: ${e instanceof Error ? e.message : String(e)}`);
    }
  }));

  context.subscriptions.push(vscode.commands.registerCommand('kaizen.closeSprint', async () => {
    try {
      const journal = await requireJournal(index);
      if (!journal) return false;
      const today = index.today();
      const sprint = currentSprint(journal.sprints, today);
      if (!sprint) return warn('there is no sprint to close: start one with "Kaizen: Start a sprint"');
      const progress = sprintProgress(sprint, journal.goals, journal.linkResolver(), journal.habitDays(), today);
      const own = await vscode.workspace.openTextDocument(journalUri(journal.root, sprint.file));
      const reportExists = await exists(journalUri(journal.root, sprintReportPath(journal.layout.reports, sprint.id)));
      const refreshed = refreshSprintSummary(own.getText(), progress, journal.layout.reports, reportExists);
      const edit = minimalEdit(own.getText(), refreshed.text);
      if (edit) await applyTextEdits(own, [edit], { saveIfClean: true });
      const nextUri = journalUri(journal.root, sprintPath(journal.layout.sprints, nextSprintId(sprint)));
      const nextExists = await exists(nextUri);
      const nextDocument = nextExists ? await vscode.workspace.openTextDocument(nextUri) : null;
      const carry = planCarryOver(progress, nextDocument?.getText() ?? null, journal.layout.sprints);
      if (carry.nextText !== null) {
        if (nextDocument) {
          const change = minimalEdit(nextDocument.getText(), carry.nextText);
          if (change) await applyTextEdits(nextDocument, [change], { saveIfClean: true });
        } else await openOrCreate(nextUri, () => carry.nextText as string);
      }
      const open = 'Open the next sprint';
      const words = carry.carried.length ? `${carry.carried.length} unfinished item${carry.carried.length === 1 ? '' : 's'} carried into ${carry.nextFile}`
        : progress.carryOver.length ? `${carry.nextFile} already holds every unfinished item` : 'every committed item is done';
      void vscode.window.showInformationMessage(`Kaizen: sprint ${sprint.id} closed: summary refreshed, ${words}. Write the retrospective in ${sprint.file}.`, ...(carry.nextText !== null || nextExists ? [open] : []))
        .then((choice) => {
          if (choice === open) void revealFile(nextUri);
        });
      await index.reload();
      return { carried: carry.carried, next: carry.nextFile };
    } catch (e) {
      return warn(e instanceof JournalError ? e.message : `the sprint could not be closed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }));
}

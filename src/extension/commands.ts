// The "Kaizen" commands. Every write is computed by the shared core (the CLI's plans) and applied
// to the document through a WorkspaceEdit, so the bytes are the CLI's and the edit is undoable.
import * as vscode from 'vscode';
import { addDays, type Day } from '../model/dates.js';
import type { Goal, HabitLevel } from '../model/types.js';
import { JournalError } from '../model/errors.js';
import { goalPath } from '../journal/layout.js';
import { outsideGoalWindow } from '../model/goal-window.js';
import { isSameTaskToggled, planLog, planToday, planToggle } from '../journal/plans.js';
import { newDailyNoteText } from '../journal/daily-note-template.js';
import { goalText, CONFIG_TEXT, vaultConfigText } from '../journal/templates.js';
import { readVaultDailyNotes } from '../journal/obsidian-settings.js';
import { newGoalWizard } from './goal-wizard.js';
import { plainWords } from './plain-words.js';
import { loadPeriodReport } from '../journal/period-report.js';
import { writeReportFilesTo } from '../journal/generated-files.js';
import { parsePeriod, periodContaining, shiftPeriod, type Period, type PeriodKind } from '../model/periods.js';
import { ReviewPanel } from './review/panel.js';
import type { JournalIndex } from './journal-index.js';
import type { Journal } from '../journal/journal.js';
import type { LineTarget } from './codelens.js';
import { applyTextEdits, exists, oneAtATime, openOrCreate, revealFile } from './edits.js';
import { journalUri, pathOfUri, workspaceFileSystem, workspaceGeneratedFiles } from './workspace-fs.js';
import { addQuickWin, fillField } from './quick-fixes.js';
import type { MissingKey } from '../journal/frontmatter-edits.js';
import { celebrationText, type Celebration } from '../model/celebrations.js';
import { celebrationsForGoalWrite, celebrationsForLogWrite, goalOfHabitLine } from '../journal/celebrate.js';

const LEVELS: HabitLevel[] = ['minimum', 'standard', 'skip'];

function fail(message: string): false {
  void vscode.window.showWarningMessage(`Kaizen: ${plainWords(message)}`);
  return false;
}

/**
 * The journal a writing command may write into; in a folder that is not a journal yet (no kaizen.yaml,
 * no goals) nothing is written and the person is offered to create one, as the CLI refuses too.
 */
export async function requireJournal(index: JournalIndex, use: 'read' | 'click' = 'read'): Promise<Journal | null> {
  const journal = use === 'click' ? await index.forWrite() : await index.current();
  const blocker = journal?.writeBlocker();
  if (journal && blocker) {
    const open = 'Open kaizen.yaml';
    void vscode.window.showWarningMessage(`Kaizen: ${blocker}`, open).then((choice) => {
      if (choice === open) void revealFile(journalUri(journal.root, 'kaizen.yaml'));
    });
    return null;
  }
  if (journal && index.hasJournal) return journal;
  const create = 'Create a journal';
  void vscode.window.showWarningMessage('Kaizen: this folder is not a journal yet (no kaizen.yaml, no goals/), so nothing was written.', create)
    .then((choice) => {
      if (choice === create) void vscode.commands.executeCommand('kaizen.initJournal');
    });
  return null;
}

/** One notification per celebration (FORMAT §7), with the way to the review where it is marked. */
function celebrate(celebrations: readonly Celebration[]): void {
  for (const c of celebrations) {
    const open = 'Open the review';
    void vscode.window.showInformationMessage(`Kaizen: ${celebrationText(c)}`, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('kaizen.openReview');
    });
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function reportError(e: unknown): false {
  if (e instanceof JournalError) return fail(e.message);
  return fail(`something went wrong: ${e instanceof Error ? e.message : String(e)}`);
}

/** The line a lens pointed at, found again if the document changed since: never another line. */
export function resolveLine(document: vscode.TextDocument, target: LineTarget, fits = (text: string) => text === target.expected): number | null {
  const fitsAt = (line: number) => line >= 1 && line <= document.lineCount && fits(document.lineAt(line - 1).text);
  if (fitsAt(target.line)) return target.line;
  let best: number | null = null;
  for (let i = 1; i <= document.lineCount; i++) {
    if (fitsAt(i) && (best === null || Math.abs(i - target.line) < Math.abs(best - target.line))) best = i;
  }
  return best;
}

export function registerCommands(context: vscode.ExtensionContext, index: JournalIndex): void {
  const register = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('kaizen.toggleTask', async (target?: LineTarget) => {
    try {
      if (!(await requireJournal(index, 'click'))) return false;
      const file = target && typeof target.uri === 'string' ? target.uri : vscode.window.activeTextEditor?.document.uri.toString() ?? '';
      return await oneAtATime(file, () => toggleTask(target));
    } catch (e) {
      return reportError(e);
    }
  });

  const toggleTask = async (target?: LineTarget): Promise<boolean> => {
    let document: vscode.TextDocument;
    let line: number | null;
    let expected: string;
    if (target && typeof target.uri === 'string') {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
      line = resolveLine(document, target);
      expected = target.expected;
      if (line === null) {
        // Clicked again before the lens caught up with the first click: already as asked.
        if (resolveLine(document, target, (text) => isSameTaskToggled(text, target.expected)) !== null) return true;
        const where = `${vscode.workspace.asRelativePath(document.uri)}:${target.line}`;
        return fail(`nothing changed: ${where} was edited since the lens was drawn (it was "${clip(target.expected.trim())}")`);
      }
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return fail('open a file and put the cursor on a task line');
      document = editor.document;
      line = editor.selection.active.line + 1;
      expected = document.lineAt(line - 1).text;
    }
    const kind = index.kindOf(document.uri);
    const rel = index.relative(document.uri) ?? vscode.workspace.asRelativePath(document.uri);
    const before = document.getText();
    const plan = planToggle(before, { file: rel, line, today: index.today(), stampDoneDate: kind?.kind === 'goal' || kind?.kind === 'sprint', expectedLineText: expected, tasks: index.layout?.tasks });
    if (!(await applyTextEdits(document, plan.edits, { saveIfClean: true }))) return fail(`VS Code refused the edit to ${rel}; nothing was changed`);
    if (plan.changed) await index.edited(document);
    if (plan.changed && plan.checked) {
      const journal = index.journal;
      if (kind?.kind === 'goal') celebrate(celebrationsForGoalWrite(kind.id, rel, before, plan.text, index.today()));
      else if (kind?.kind === 'log' && journal) {
        const goalId = goalOfHabitLine(plan.text, kind.date, rel, plan.line, journal.goals);
        if (goalId) celebrate(celebrationsForLogWrite(journal, goalId, kind.date, rel, before, plan.text, index.today()));
      }
    }
    return true;
  };

  register('kaizen.logHabit', async (goalId?: string, levelArg?: HabitLevel) => {
    try {
      const journal = await requireJournal(index, 'click');
      if (!journal) return false;
      const today = index.today();
      let goal: Goal | undefined = goalId ? journal.goal(goalId) : undefined;
      if (goalId && !goal) return fail(`unknown goal "${goalId}"`);
      if (!goal) {
        const active = journal.orderedGoals().filter((g) => g.status === 'active' && g.cadence);
        const candidates = active.filter((g) => !outsideGoalWindow(g, today));
        if (candidates.length === 0) {
          const outside = active.map((g) => outsideGoalWindow(g, today)?.short).filter(Boolean);
          return fail(outside.length ? `no goal to log today: ${outside.join('; ')}` : 'no active goal with a cadence yet: create one with "Kaizen: New goal"');
        }
        if (candidates.length === 1) goal = candidates[0]!;
        else {
          const logged = index.loggedToday;
          const pick = await vscode.window.showQuickPick(candidates.map((g) => ({
            label: `${g.lead ? '$(star-full) ' : ''}${g.title ?? g.id}`,
            description: logged.has(g.id) ? `$(check) ${logged.get(g.id)} logged today` : g.id, goal: g,
          })), { title: 'Log today: which goal?' });
          if (!pick) return false;
          goal = pick.goal;
        }
      }
      const outside = outsideGoalWindow(goal, today);
      if (outside) {
        const open = 'Open the goal';
        const goalFile = journalUri(journal.root, goal.file);
        void vscode.window.showWarningMessage(`Kaizen: ${outside.message}.`, open).then((choice) => {
          if (choice === open) void revealFile(goalFile);
        });
        return false;
      }
      let level = levelArg;
      let value: number | null = null;
      if (!level) {
        const chosen = goal;
        const already = index.loggedToday.get(chosen.id);
        const pick = await vscode.window.showQuickPick(LEVELS.map((l) => {
          const what = l === 'minimum' ? chosen.minimum ?? '' : l === 'standard' ? chosen.standard ?? '' : 'a planned rest: does not count against you';
          return { label: l, description: l === already ? `$(check) logged today · ${what}` : what, level: l };
        }), { title: `Log today for ${goal.title ?? goal.id}` });
        if (!pick) return false;
        level = pick.level;
        if (goal.metric && level !== 'skip') {
          const unit = goal.metric.unit ? ` ${goal.metric.unit}` : '';
          // What today's line already holds: a second value is added or replaces it as the person says, never silently.
          // Read after any click or log just made (a click leaves the journal's re-read for later).
          const current = (await index.current()) ?? journal;
          const logged = current.logs.find((l) => l.date === today)?.habits.find((h) => h.goalId === chosen.id && h.level === level && h.value !== null)?.value ?? null;
          const typed = await vscode.window.showInputBox({
            title: `${goal.metric.name ?? 'Value'}${goal.metric.unit ? ` (${goal.metric.unit})` : ''}: optional`,
            prompt: logged === null ? undefined : `Already logged today: ${logged}${unit}`,
            validateInput: (t) => (t.trim() === '' || Number.isFinite(Number(t)) ? null : 'a number, or leave empty'),
          });
          if (typed === undefined) return false;
          value = typed.trim() === '' ? logged : Number(typed);
          if (logged !== null && value !== null && typed.trim() !== '') {
            const typedValue = value;
            const add = { label: `Add: ${logged} + ${typedValue} = ${logged + typedValue}${unit}`, value: logged + typedValue };
            const replace = { label: `Replace ${logged} with ${typedValue}${unit}`, value: typedValue };
            const how = await vscode.window.showQuickPick(goal.metric.aggregate === 'sum' ? [add, replace] : [replace, add],
              { title: `Already logged today: ${logged}${unit} for ${goal.title ?? goal.id}` });
            if (!how) return false;
            value = how.value;
          }
        }
      }
      let reason: string | null = null;
      if (level === 'skip') {
        // A reason turns a skip into a plan ("travel day"), and the review reads it later.
        const typed = await vscode.window.showInputBox({
          title: `Skip today for ${goal.title ?? goal.id}`, prompt: 'Why? (optional; Enter to skip without a reason, Esc to cancel)',
          placeHolder: 'travel day, sick, planned rest', ignoreFocusOut: true,
        });
        if (typed === undefined) return false;
        reason = typed.trim() || null;
      }
      const rel = journal.dayNotePath(today);
      const uri = journalUri(journal.root, rel);
      const template = journal.logFiles.has(today) ? null : await newDailyNoteText(journal.fs, journal.layout, today, rel);
      const request = { file: rel, day: today, goal, level, value, reason, goals: journal.orderedGoals(), template, blocks: journal.layout.blocks };
      let texts: { before: string | null; after: string } | null = null;
      let note: vscode.TextDocument | null = null;
      const written = await oneAtATime(uri.toString(), async () => {
        const { document, created } = await openOrCreate(uri, () => planLog(null, request).text);
        const before = created ? null : document.getText();
        const ok = created || (await applyTextEdits(document, planLog(document.getText(), request).edits, { saveIfClean: true }));
        texts = { before, after: document.getText() };
        note = document;
        return ok;
      });
      if (!written) return fail(`VS Code refused the edit to ${rel}`);
      // The status bar, tree and lenses count the log before the command returns.
      const edited = note as vscode.TextDocument | null;
      if (edited) await index.edited(edited);
      else await index.wrote(uri);
      const change = texts as { before: string | null; after: string } | null;
      if (change && change.before !== change.after) celebrate(celebrationsForLogWrite(journal, goal.id, today, rel, change.before, change.after, today));
      const openLog = "Open today's log";
      const said = level === 'skip' ? `Kaizen: logged a skip for ${goal.title ?? goal.id} today (${rel}); it does not count against you.`
        : `Kaizen: logged ${level} for ${goal.title ?? goal.id} today (${rel}).`;
      void vscode.window.showInformationMessage(said, openLog).then(async (choice) => {
        if (choice === openLog) await revealFile(uri);
      });
      return true;
    } catch (e) {
      return reportError(e);
    }
  });

  register('kaizen.openToday', async () => {
    try {
      const journal = await requireJournal(index);
      if (!journal) return false;
      const today = index.today();
      const rel = journal.dayNotePath(today);
      const goals = journal.orderedGoals();
      const template = journal.logFiles.has(today) ? null : await newDailyNoteText(journal.fs, journal.layout, today, rel);
      const { document, created } = await openOrCreate(journalUri(journal.root, rel), () => planToday(null, today, rel, goals, template, journal.layout.blocks).text);
      if (!created) await applyTextEdits(document, planToday(document.getText(), today, rel, goals).edits, { saveIfClean: true });
      await index.wrote(document.uri);
      await vscode.window.showTextDocument(document);
      return true;
    } catch (e) {
      return reportError(e);
    }
  });

  register('kaizen.newGoal', async () => {
    const journal = await requireJournal(index);
    return journal ? newGoalWizard(index, journal) : false;
  });
  register('kaizen.addQuickWin', async (uri?: string) => (typeof uri === 'string' ? addQuickWin(index, uri) : false));

  register('kaizen.createGoal', async (id?: string) => {
    try {
      const journal = await requireJournal(index);
      if (!journal || typeof id !== 'string') return false;
      const uri = journalUri(journal.root, goalPath(journal.layout, id));
      const today = index.today();
      const title = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
      const draft = { title, why: null, cadence: '3/week', minimum: null, standard: null, metric: null, start: today, due: addDays(today, 60) };
      const { document } = await openOrCreate(uri, () => goalText(draft));
      await vscode.window.showTextDocument(document);
      return true;
    } catch (e) {
      return reportError(e);
    }
  });

  register('kaizen.generateReport', async (kindArg?: PeriodKind, labelArg?: string) => {
    try {
      const journal = await requireJournal(index);
      if (!journal) return false;
      const today = index.today();
      let period = kindArg && typeof labelArg === 'string' ? parsePeriod(kindArg, labelArg) : null;
      if (kindArg && !period) return fail(`"${labelArg}" is not a ${kindArg}`);
      if (!period) {
        const pick = await vscode.window.showQuickPick(reportChoices(today), { title: 'Write a report: which period?', placeHolder: 'The report and its charts go to reports/' });
        if (!pick) return false;
        period = pick.period;
      }
      if (today < period.start) return fail(`${period.label} has not started yet; nothing was written`);
      const asOf = today < period.end ? today : period.end;
      const { data } = await loadPeriodReport(workspaceFileSystem, journal.root, period, asOf, { today });
      const result = await writeReportFilesTo(workspaceGeneratedFiles(journal.root), journal.layout, data, { force: false });
      const open = 'Open the preview';
      const charts = result.written.filter((f) => f !== result.report).length;
      const said = result.written.length === 0 ? `${result.report} is up to date` : `wrote ${result.report}${charts ? ` and ${charts} charts` : ''}`;
      void vscode.window.showInformationMessage(`Kaizen: ${said}.`, open).then(async (choice) => {
        // The preview shows the charts; the raw Markdown shows only their file names.
        if (choice === open) await vscode.commands.executeCommand('markdown.showPreview', journalUri(journal.root, result.report));
      });
      return result.report;
    } catch (e) {
      return reportError(e);
    }
  });

  register('kaizen.openReview', async (kind?: PeriodKind | 'sprint', label?: string) => {
    if (!(await requireJournal(index))) return false;
    const panel = ReviewPanel.show(context, index, kind === 'month' || kind === 'quarter' || kind === 'sprint' ? kind : 'week', typeof label === 'string' ? label : undefined);
    await panel.rendered;
    return true;
  });

  register('kaizen.checkJournal', async () => {
    if (!(await requireJournal(index))) return false;
    await index.reload();
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const journal = await index.current();
    const diagnostics = journal ? journal.diagnostics() : [];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const files = journal ? journal.goals.length + journal.logs.length : 0;
    void vscode.window.showInformationMessage(diagnostics.length === 0
      ? `Kaizen: the journal is healthy: ${files} files read, nothing to fix.`
      : `Kaizen: ${errors} errors, ${warnings} warnings, ${diagnostics.length - errors - warnings} notes in ${files} files: they are listed in the Problems panel, most with a quick fix (Ctrl+.).`);
    return diagnostics.length;
  });

  register('kaizen.initJournal', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return fail('open a folder first');
    const root = pathOfUri(folder.uri);
    const config = journalUri(root, 'kaizen.yaml');
    if (await exists(config)) {
      void vscode.window.showInformationMessage('Kaizen: this folder is already a journal (it has kaizen.yaml); nothing was changed.');
      return true;
    }
    // In an Obsidian vault, kaizen.yaml states where its daily notes already are.
    const vault = await readVaultDailyNotes(workspaceFileSystem, root);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(vault ? vaultConfigText(vault) : CONFIG_TEXT));
    await vscode.workspace.fs.createDirectory(journalUri(root, 'goals'));
    await index.reload();
    // No placeholder goal to fix by hand: the first goal is made with the wizard, and becomes the lead.
    void vscode.window.showInformationMessage('Kaizen: created kaizen.yaml, so this folder is a journal. Now your first goal: eight short questions (the ← button goes back a step).');
    const journal = await index.current();
    // After the first goal, one offer of the daily reminder (off until the person turns it on).
    const made = journal ? await newGoalWizard(index, journal, { offerReminder: true }) : false;
    return made;
  });

  register('kaizen.explain', async (message?: unknown) => {
    if (typeof message !== 'string') return false;
    void vscode.window.showInformationMessage(`Kaizen: ${plainWords(message)}`, { modal: false });
    return true;
  });

  register('kaizen.fillField', async (uri?: string, key?: MissingKey) => {
    if (typeof uri !== 'string' || typeof key !== 'string') return false;
    return fillField(uri, key, index.today());
  });

  register('kaizen.openGoal', async (goalId?: string | { goalId?: string }) => {
    const id = typeof goalId === 'string' ? goalId : goalId?.goalId;
    const journal = await index.current();
    const goal = id ? journal?.goal(id) : undefined;
    if (!journal || !goal) return false;
    await revealFile(journalUri(journal.root, goal.file));
    return true;
  });
}

/** This and the previous week, month and quarter: what people write reports for. */
function reportChoices(today: Day): (vscode.QuickPickItem & { period: Period })[] {
  const kinds: PeriodKind[] = ['week', 'month', 'quarter'];
  return kinds.flatMap((kind) => {
    const current = periodContaining(kind, today);
    const previous = shiftPeriod(current, -1);
    return [
      { label: `This ${kind}`, description: `${current.label} · so far`, period: current },
      { label: `Last ${kind}`, description: previous.label, period: previous },
    ];
  });
}

// The "Kaizen Review" panel: one instance, restored after a reload, re-rendered (debounced) when
// the journal changes, every message validated, the review saved with the CLI's code.
import * as vscode from 'vscode';
import type { Day } from '../../model/dates.js';
import { minimalEdit } from '../../model/edits.js';
import { JournalError } from '../../model/errors.js';
import { parsePeriod, periodContaining, type Period, type PeriodKind } from '../../model/periods.js';
import { loadPeriodReport } from '../../journal/period-report.js';
import { insertFrontmatterKey } from '../../journal/frontmatter-edits.js';
import { planToday } from '../../journal/plans.js';
import { applyReviewAnswers, periodKindWord, readReviewAnswers, reviewSummary } from '../../report/review.js';
import { reviewFileToRead, reviewFileToWrite } from '../../journal/layout.js';
import { reportPath } from '../../report/markdown.js';
import { newLogText, templateLines, goalsForDay } from '../../model/daily-template.js';
import { parseLogText } from '../../parser/index.js';
import { goalLinkResolver, resolveHabitLinks } from '../../model/goal-links.js';
import type { JournalIndex } from '../journal-index.js';
import { workspaceFileSystem, journalUri } from '../workspace-fs.js';
import { applyTextEdits, openOrCreate, saveKeepingUndo } from '../edits.js';
import { renderReviewHtml } from './html.js';
import { parseReviewMessage, type PanelKind, type ReviewMessage } from './messages.js';
import { renderNoSprintHtml, renderSprintHtml } from './html.js';
import { SPRINT_ID } from '../../model/sprint.js';
import { sprintProgress } from '../../model/sprint-progress.js';
import { currentSprint, refreshSprintSummary } from '../../journal/sprints.js';
import { applySprintRetrospective } from '../../journal/sprint-retro.js';
import { sprintReportPath } from '../../report/sprint-markdown.js';
import { isoWeekLabel } from '../../model/dates.js';
import type { Journal } from '../../journal/journal.js';

export const REVIEW_VIEW_TYPE = 'kaizen.review';
const RENDER_DELAY_MS = 300;

/** A fresh script nonce per render, from the Web Crypto API both hosts have (Node's and the browser's worker). */
function nonce(): string {
  return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(18))));
}

export interface ReviewPanelState {
  kind: PanelKind;
  label: string;
}

export class ReviewPanel {
  static current: ReviewPanel | undefined;
  private period: Period;
  /** Unsaved answers per period label, so hiding the panel or a live update never loses typing. */
  private readonly drafts = new Map<string, Record<string, string>>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stale = false;
  /** The last save's words per period, shown again by the re-render that the save itself causes. */
  private readonly saved = new Map<string, string>();
  private latestRender: Promise<void> = Promise.resolve();

  /** Resolved once the newest render is on screen (a render overtaken by a newer one waits for that one). */
  get rendered(): Promise<void> {
    return (async () => {
      let awaited: Promise<void>;
      do {
        awaited = this.latestRender;
        await awaited;
      } while (awaited !== this.latestRender);
    })();
  }
  renderCount = 0;

  static show(context: vscode.ExtensionContext, index: JournalIndex, kind: PanelKind = 'week', label?: string): ReviewPanel {
    const sprint = kind === 'sprint' ? { id: label && SPRINT_ID.test(label) ? label : null } : null;
    const periodKind: PeriodKind = kind === 'sprint' ? 'week' : kind;
    const period = (label && !sprint ? parsePeriod(periodKind, label) : null) ?? periodContaining(periodKind, index.today());
    if (ReviewPanel.current) {
      ReviewPanel.current.panel.reveal();
      if (sprint) ReviewPanel.current.goSprint(sprint.id);
      else ReviewPanel.current.go(period);
      return ReviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Kaizen Review', vscode.ViewColumn.Active, webviewOptions(context));
    ReviewPanel.current = new ReviewPanel(panel, context, index, period, sprint);
    return ReviewPanel.current;
  }

  static restore(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, index: JournalIndex, state: unknown): ReviewPanel {
    const s = state as Partial<ReviewPanelState> | undefined;
    const sprint = s?.kind === 'sprint' && typeof s.label === 'string' && SPRINT_ID.test(s.label) ? { id: s.label } : null;
    const period = (s && !sprint && typeof s.kind === 'string' && typeof s.label === 'string' ? parsePeriod(s.kind as PeriodKind, s.label) : null) ?? periodContaining('week', index.today());
    panel.webview.options = webviewOptions(context);
    ReviewPanel.current?.dispose();
    ReviewPanel.current = new ReviewPanel(panel, context, index, period, sprint);
    return ReviewPanel.current;
  }

  /** Showing a sprint (its id; null id: the one holding today, else the latest) instead of a period. */
  private sprint: { id: string | null } | null;
  /** The sprint id last rendered, for the label when none was named. */
  private sprintShown: string | null = null;

  private constructor(readonly panel: vscode.WebviewPanel, private readonly context: vscode.ExtensionContext, private readonly index: JournalIndex, period: Period,
    sprint: { id: string | null } | null = null) {
    this.period = period;
    this.sprint = sprint;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.schedule();
      }),
      index.onDidChange(() => this.schedule()),
    );
    this.latestRender = this.render();
  }

  get label(): string {
    return this.sprint ? this.sprint.id ?? this.sprintShown ?? '' : this.period.label;
  }

  get kind(): PanelKind {
    return this.sprint ? 'sprint' : this.period.kind;
  }

  go(period: Period): void {
    this.period = period;
    this.sprint = null;
    this.latestRender = this.render();
  }

  goSprint(id: string | null): void {
    this.sprint = { id };
    this.latestRender = this.render();
  }

  private draftKey(kind: PanelKind, label: string): string {
    return `${kind}:${label}`;
  }

  private schedule(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.latestRender = this.render();
    }, RENDER_DELAY_MS);
  }

  /** Bumped by each render: an older render still awaiting the journal must not overwrite a newer view. */
  private generation = 0;

  private async render(): Promise<void> {
    this.stale = false;
    const generation = ++this.generation;
    const journal = await this.index.current();
    if (generation !== this.generation) return;
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', name)).toString();
    if (!journal || !this.index.hasJournal) {
      webview.html = `<!DOCTYPE html><html><body><p>This folder is not a Kaizen journal yet: run <b>Kaizen: Create a journal</b> first.</p></body></html>`;
      return;
    }
    if (this.sprint) {
      this.renderSprint(journal, media);
      this.renderCount++;
      return;
    }
    const today = this.index.today();
    const asOf: Day = today < this.period.end ? (today < this.period.start ? this.period.start : today) : this.period.end;
    const { data } = await loadPeriodReport(workspaceFileSystem, journal.root, this.period, asOf, { today });
    const rel = reviewFileToRead(journal.layout, this.period);
    const reviewText = rel === null ? null : await readText(`${journal.root}/${rel}`);
    if (generation !== this.generation) return;
    this.panel.title = `Kaizen Review · ${this.period.label}`;
    webview.html = renderReviewHtml({
      data,
      answers: reviewText === null ? {} : readReviewAnswers(reviewText, this.period.kind),
      drafts: this.drafts.get(this.draftKey(this.period.kind, this.period.label)) ?? null,
      reviewExists: reviewText !== null,
      cspSource: webview.cspSource,
      nonce: nonce(),
      styleUri: media('review.css'),
      scriptUri: media('review.js'),
      status: this.saved.get(this.draftKey(this.period.kind, this.period.label)) ?? null,
      pinned: this.index.pinnedDay,
    });
    this.renderCount++;
  }

  private renderSprint(journal: Journal, media: (name: string) => string): void {
    const webview = this.panel.webview;
    const today = this.index.today();
    const sprint = this.sprint?.id ? journal.sprints.find((x) => x.id === this.sprint?.id) : currentSprint(journal.sprints, today);
    const page = { cspSource: webview.cspSource, nonce: nonce(), styleUri: media('review.css'), scriptUri: media('review.js') };
    if (!sprint) {
      this.sprintShown = null;
      this.panel.title = 'Kaizen Review · sprint';
      webview.html = renderNoSprintHtml({ ...page, message: this.sprint?.id ? `There is no sprint ${this.sprint.id} in ${journal.layout.sprints}/.` : 'No sprint yet.' });
      return;
    }
    this.sprintShown = sprint.id;
    const at = journal.sprints.indexOf(sprint);
    const progress = sprintProgress(sprint, journal.goals, journal.linkResolver(), journal.habitDays(), today);
    const key = this.draftKey('sprint', sprint.id);
    this.panel.title = `Kaizen Review · sprint ${sprint.id}`;
    webview.html = renderSprintHtml({
      ...page, progress, lastWeek: isoWeekLabel(sprint.end),
      goalTitles: Object.fromEntries(journal.goals.map((g) => [g.id, g.title ?? g.id])), previous: journal.sprints[at - 1]?.id ?? null, next: journal.sprints[at + 1]?.id ?? null,
      answers: sprint.retrospective, drafts: this.drafts.get(key) ?? null, status: this.saved.get(key) ?? null, pinned: this.index.pinnedDay,
    });
  }

  /** The retrospective answers into the sprint file, with its summary refreshed; everything else kept. */
  private async saveSprint(journal: Journal, id: string, answers: Record<string, string>): Promise<void> {
    const sprint = journal.sprints.find((x) => x.id === id);
    if (!sprint) throw new JournalError(`there is no sprint ${id} in ${journal.layout.sprints}/; nothing was written`);
    const progress = sprintProgress(sprint, journal.goals, journal.linkResolver(), journal.habitDays(), this.index.today());
    const document = await vscode.workspace.openTextDocument(journalUri(journal.root, sprint.file));
    const reportExists = (await workspaceFileSystem.stat(`${journal.root}/${sprintReportPath(journal.layout.reports, id)}`)) !== null;
    // Read right before the edit, with no wait between: the edit's offsets are into this text.
    const before = document.getText();
    const after = refreshSprintSummary(applySprintRetrospective(before, answers), progress, journal.layout.reports, reportExists).text;
    const edit = minimalEdit(before, after);
    if (edit && !(await applyTextEdits(document, [edit], { saveIfClean: false }))) throw new JournalError(`VS Code refused the edit to ${sprint.file}`);
    if (document.isDirty && !(await saveKeepingUndo(document))) throw new JournalError(`could not save ${sprint.file}`);
    const key = this.draftKey('sprint', id);
    this.drafts.delete(key);
    this.saved.set(key, `Saved to ${sprint.file}`);
    void this.panel.webview.postMessage({ type: 'saved', label: id, file: sprint.file });
    void vscode.window.showInformationMessage(`Kaizen: saved the retrospective of sprint ${id} to ${sprint.file}.`);
  }

  /** Handles one message from the webview; anything malformed is ignored. */
  async receive(raw: unknown): Promise<boolean> {
    const message = parseReviewMessage(raw);
    if (!message) return false;
    try {
      await this.handle(message);
      return true;
    } catch (e) {
      const text = e instanceof JournalError ? e.message : `something went wrong: ${e instanceof Error ? e.message : String(e)}`;
      void this.panel.webview.postMessage({ type: 'error', message: text });
      void vscode.window.showWarningMessage(`Kaizen: ${text}`);
      return false;
    }
  }

  private async handle(message: ReviewMessage): Promise<void> {
    const journal = await this.index.current();
    if (!journal || !this.index.hasJournal) throw new JournalError('this folder is not a journal yet (run "Kaizen: Create a journal"); nothing was written');
    const blocker = journal.writeBlocker();
    if (blocker && (message.type === 'save' || message.type === 'suggestion')) throw new JournalError(blocker);
    switch (message.type) {
      case 'navigate':
        if (message.kind === 'sprint') this.goSprint(message.label);
        else this.go(parsePeriod(message.kind, message.label) as Period);
        return;
      case 'switch': {
        if (message.kind === 'sprint') {
          this.goSprint(null);
          return;
        }
        // Keep the moment: the week, month or quarter that holds the period's as-of day.
        const anchor = this.index.today() < this.period.end ? (this.index.today() < this.period.start ? this.period.start : this.index.today()) : this.period.end;
        this.go(periodContaining(message.kind, anchor));
        return;
      }
      case 'draft':
        this.drafts.set(this.draftKey(message.kind, message.label), message.answers);
        this.saved.delete(this.draftKey(message.kind, message.label));
        return;
      case 'save': {
        if (message.kind === 'sprint') {
          await this.saveSprint(journal, message.label, message.answers);
          return;
        }
        const period = parsePeriod(message.kind, message.label) as Period;
        const today = this.index.today();
        const asOf = today < period.end ? today : period.end;
        const { data } = await loadPeriodReport(workspaceFileSystem, journal.root, period, asOf, { today });
        const rel = reviewFileToWrite(journal.layout, period);
        const uri = journalUri(journal.root, rel);
        const reportFile = `${journal.root}/${reportPath(journal.layout.reports, period.label)}`;
        const summary = reviewSummary(data, { reports: journal.layout.reports, reviewFile: rel }, (await workspaceFileSystem.stat(reportFile)) !== null);
        const { document, created } = await openOrCreate(uri, () => applyReviewAnswers(null, period, summary, message.answers, rel));
        if (!created) {
          const before = document.getText();
          const edit = minimalEdit(before, applyReviewAnswers(before, period, summary, message.answers, rel));
          if (edit && !(await applyTextEdits(document, [edit], { saveIfClean: false }))) throw new JournalError(`VS Code refused the edit to ${rel}`);
          // "Save review" ends on disk before it says so.
          if (document.isDirty && !(await saveKeepingUndo(document))) throw new JournalError(`could not save ${rel}`);
        }
        this.drafts.delete(this.draftKey(period.kind, period.label));
        this.saved.set(this.draftKey(period.kind, period.label), `Saved to ${rel}`);
        void this.panel.webview.postMessage({ type: 'saved', label: period.label, file: rel });
        const open = 'Open the review file';
        void vscode.window.showInformationMessage(`Kaizen: saved your ${periodKindWord(period.kind)} review to ${rel}${created ? ' (new file)' : ''}.`, open)
          .then(async (choice) => {
            if (choice === open) await showOnce(journalUri(journal.root, rel));
          });
        return;
      }
      case 'openGoal': {
        const goal = journal.goal(message.goal);
        if (!goal) throw new JournalError(`no goal "${message.goal}"`);
        await showOnce(journalUri(journal.root, goal.file));
        return;
      }
      case 'openLog':
        await showOnce(journalUri(journal.root, journal.dayNotePath(message.date)));
        return;
      case 'suggestion':
        await this.firstStep(message.goal, message.suggestion);
        return;
    }
  }

  /** The first step of each adjustment of the obstacle table. */
  private async firstStep(goalId: string, suggestion: string): Promise<void> {
    const journal = (await this.index.current())!;
    const goal = journal.goal(goalId);
    if (!goal) throw new JournalError(`no goal "${goalId}"`);
    const goalUri = journalUri(journal.root, goal.file);
    const today = this.index.today();
    if (suggestion === 'shrink-to-minimum') {
      const rel = journal.dayNotePath(today);
      const goals = journal.orderedGoals();
      const { document, created } = await openOrCreate(journalUri(journal.root, rel), () => newLogText(today, templateLines(goalsForDay(goals, today))));
      if (!created) await applyTextEdits(document, planToday(document.getText(), today, rel, goals).edits, { saveIfClean: true });
      const parsed = parseLogText(document.getText(), today, rel).value;
      const log = parsed && resolveHabitLinks(parsed, goalLinkResolver(goals));
      const habit = log?.habits.find((h) => h.goalId === goalId && h.level === 'minimum');
      await revealLine(document, habit ? habit.line : 1);
      return;
    }
    const document = await vscode.workspace.openTextDocument(goalUri);
    if (suggestion === 'add-metric') {
      const insertion = insertFrontmatterKey(document.getText(), 'metric', today);
      if (!insertion) throw new JournalError(`${goal.file} has frontmatter errors: fix them first`);
      await applyTextEdits(document, [insertion.edit], { saveIfClean: false });
      const editor = await showOnce(document.uri);
      editor.selection = new vscode.Selection(document.positionAt(insertion.placeholder.start), document.positionAt(insertion.placeholder.end));
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
      return;
    }
    const key = suggestion === 'rewrite-purpose' ? 'why' : suggestion === 'extend-or-reduce' ? 'due' : 'habit.standard';
    const place = goal.places[`${key}=`] ?? goal.places[key];
    if (!place) {
      const insertion = insertFrontmatterKey(document.getText(), key === 'habit.standard' ? 'habit.standard' : key, today);
      if (!insertion) throw new JournalError(`${goal.file} has frontmatter errors: fix them first`);
      await applyTextEdits(document, [insertion.edit], { saveIfClean: false });
      const editor = await showOnce(document.uri);
      editor.selection = new vscode.Selection(document.positionAt(insertion.placeholder.start), document.positionAt(insertion.placeholder.end));
      return;
    }
    const editor = await showOnce(document.uri);
    const line = document.lineAt(place.line - 1);
    editor.selection = new vscode.Selection(place.line - 1, place.column - 1, place.line - 1, line.text.length);
    editor.revealRange(line.range, vscode.TextEditorRevealType.InCenter);
  }

  dispose(): void {
    if (ReviewPanel.current === this) ReviewPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
  };
}

async function readText(path: string): Promise<string | null> {
  try {
    return new TextDecoder().decode(await workspaceFileSystem.readFile(path));
  } catch {
    return null;
  }
}

/**
 * The file where it is already open beside the panel (no second copy), else beside the panel; never
 * in the panel's own group, where it would hide the review.
 */
async function showOnce(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const key = uri.toString();
  const panelColumn = ReviewPanel.current?.panel.viewColumn;
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn !== panelColumn
    && g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
  return vscode.window.showTextDocument(uri, { viewColumn: group?.viewColumn ?? vscode.ViewColumn.Beside });
}

async function revealLine(document: vscode.TextDocument, line: number): Promise<void> {
  const editor = await showOnce(document.uri);
  const range = document.lineAt(Math.max(0, line - 1)).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
}

export function registerReviewPanel(context: vscode.ExtensionContext, index: JournalIndex): void {
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state) {
      ReviewPanel.restore(panel, context, index, state);
    },
  }));
}

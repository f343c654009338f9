// Kaizen Journal for VS Code: wires the features to one shared journal index, the same for both entries
// (extension.ts in the Node host, browser.ts in the web worker) but for what the platform adds.
import * as vscode from 'vscode';
import { JournalIndex, type IndexOptions } from './journal-index.js';
import { KaizenCodeLensProvider } from './codelens.js';
import { registerCommands } from './commands.js';
import { registerDiagnostics } from './diagnostics.js';
import { KaizenQuickFixes } from './quick-fixes.js';
import { registerStatusBar } from './status-bar.js';
import { GoalsTree } from './goals-tree.js';
import { registerReviewPanel, ReviewPanel } from './review/panel.js';
import { registerSprintCommands } from './sprint-commands.js';
import { Reminders } from './reminders.js';
import { registerLanguageFeatures } from './language.js';
import { registerAbout } from './about.js';
import type { Platform } from './platform.js';

export interface KaizenApi {
  index: JournalIndex;
  statusBar: vscode.StatusBarItem;
  tree: GoalsTree;
  diagnostics: vscode.DiagnosticCollection;
  codeLenses: KaizenCodeLensProvider;
  review(): ReviewPanel | undefined;
  /** How long activation took, and when the background read of the journal finished. */
  timings: { activationMs: number; indexMs: number | null };
  /** A second, independent index: for measuring what one costs (and its first read, cold or warm). */
  createIndex(options?: IndexOptions): JournalIndex;
  /** Which entry runs: the Node host's or the browser's web worker. */
  platform: Platform['kind'];
}

export async function activateKaizen(context: vscode.ExtensionContext, platform: Platform): Promise<KaizenApi> {
  const started = performance.now();
  const timings: KaizenApi['timings'] = { activationMs: 0, indexMs: null };
  const index = new JournalIndex(platform);
  context.subscriptions.push(index);
  // Any file system the workspace is on (github.dev's too): the index says which files are the journal's.
  const markdown: vscode.DocumentSelector = { language: 'markdown' };
  const codeLenses = new KaizenCodeLensProvider(index);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(markdown, codeLenses));
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(markdown, new KaizenQuickFixes(index), { providedCodeActionKinds: KaizenQuickFixes.kinds }));
  registerCommands(context, index);
  registerReviewPanel(context, index);
  platform.register(context, index);
  registerSprintCommands(context, index);
  registerLanguageFeatures(context, index);
  registerAbout(context);
  const reminders = new Reminders(context, index);
  context.subscriptions.push(reminders, vscode.commands.registerCommand('kaizen.checkReminder', (at?: string, options?: { ignoreFocus?: boolean; reset?: boolean }) =>
    (options?.reset ? reminders.reset() : Promise.resolve()).then(() => reminders.check(at ? new Date(at) : new Date(), { ignoreFocus: options?.ignoreFocus === true }))),
  vscode.commands.registerCommand('kaizen.remindNow', () => reminders.check(new Date(), { now: true })));
  const diagnostics = registerDiagnostics(context, index);
  const statusBar = registerStatusBar(context, index);
  const tree = new GoalsTree(index);
  context.subscriptions.push(vscode.window.registerTreeDataProvider('kaizenGoals', tree));
  // Tree context menus hand over the tree node; the commands take a goal id.
  for (const [menu, target] of [['kaizen.tree.open', 'kaizen.openGoal'], ['kaizen.tree.log', 'kaizen.logHabit'], ['kaizen.tree.review', 'kaizen.openReview']] as const) {
    context.subscriptions.push(vscode.commands.registerCommand(menu, (node?: { row?: { goal: { id: string } } }) =>
      vscode.commands.executeCommand(target, ...(target === 'kaizen.openReview' ? [] : [node?.row?.goal.id]))));
  }
  // Reading a big journal must not hold up the window: the index fills in the background.
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Kaizen: reading the journal' }, async () => {
    await index.reload();
    timings.indexMs = performance.now() - started;
  });
  timings.activationMs = performance.now() - started;
  return { index, statusBar, tree, diagnostics, codeLenses, review: () => ReviewPanel.current, timings, createIndex: (options?: IndexOptions) => new JournalIndex(platform, options), platform: platform.kind };
}

// Quick fixes for the SMART warnings (insert the missing field), `unknown-goal` (create the goal)
// and `date-mismatch` (use the file name's date). The text edits come from the shared core.
import * as vscode from 'vscode';
import { fixLogDateEdit, insertFrontmatterKey, type MissingKey } from '../journal/frontmatter-edits.js';
import type { JournalIndex } from './journal-index.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { resolveConflictMarkers } from '../model/merge/conflict-blocks.js';
import { minimalEdit } from '../model/edits.js';
import { quickWinMilestoneEdit } from '../journal/goal-task-insert.js';
import { parseGoalText } from '../parser/index.js';

const MISSING: Record<string, { key: MissingKey; title: string }> = {
  'smart-relevant': { key: 'why', title: 'Add `why:` (the purpose anchor)' },
  'smart-measurable': { key: 'metric', title: 'Add a `metric:`' },
  'smart-achievable': { key: 'habit.minimum', title: 'Add `habit.minimum` (the 2–5 minute version)' },
  'smart-specific': { key: 'habit.standard', title: 'Add `habit.standard` (the normal-day action)' },
  'smart-time-bound': { key: 'due', title: 'Add `due:` 60 days after the start' },
  wish: { key: 'habit.cadence', title: 'Make it a weekly habit: add `habit.cadence`' },
};

const FREE_TEXT = new Set<MissingKey>(['why', 'habit.minimum', 'habit.standard']);

/** The missing key's lines with an empty value to type into: a snippet whose one tab stop is the value. */
export async function fillField(uri: string, key: MissingKey, today: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const insertion = insertFrontmatterKey(document.getText(), key, today as Parameters<typeof insertFrontmatterKey>[2]);
  if (!insertion) return false;
  const { edit, placeholder } = insertion;
  const escape = (t: string) => t.replace(/[$}\\]/g, '\\$&');
  const before = edit.text.slice(0, placeholder.start - edit.start);
  const after = edit.text.slice(placeholder.end - edit.start);
  const snippet = new vscode.SnippetString(`${escape(before)}$1${escape(after)}`);
  const editor = await vscode.window.showTextDocument(document);
  return editor.insertSnippet(snippet, document.positionAt(edit.start));
}

export class KaizenQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: JournalIndex) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const text = document.getText();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'kaizen') continue;
      const code = String(diagnostic.code);
      const missing = MISSING[code];
      if (missing) {
        const insertion = insertFrontmatterKey(text, missing.key, this.index.today());
        if (!insertion) continue;
        const action = new vscode.CodeAction(missing.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        if (FREE_TEXT.has(missing.key)) {
          // Words only the person can write: the cursor waits on an empty value, so the warning stays until they do.
          action.command = { title: missing.title, command: 'kaizen.fillField', arguments: [document.uri.toString(), missing.key] };
        } else {
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(document.uri, document.positionAt(insertion.edit.start), insertion.edit.text);
        }
        actions.push(action);
      } else if (code === 'unknown-goal') {
        const id = /\[\[([^\]|]+)/.exec(diagnostic.message)?.[1];
        // A link like [[../../notes]] names no goal file that could be created inside the journal.
        if (!id || goalIdProblem(id)) continue;
        const action = new vscode.CodeAction(`Create goals/${id}.md`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: 'kaizen.createGoal', arguments: [id] };
        actions.push(action);
      } else if (code === 'quick-win') {
        const action = new vscode.CodeAction('Add a first-week milestone (a quick win)', vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: 'kaizen.addQuickWin', arguments: [document.uri.toString()] };
        actions.push(action);
      } else if (code === 'sprint-task-missing') {
        const goalId = /is not a micro-task of (\S+) \(/.exec(diagnostic.message)?.[1];
        if (!goalId) continue;
        const action = new vscode.CodeAction(`Add it to ${goalId}'s first open stage`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: 'kaizen.addSprintTaskToGoal', arguments: [document.uri.toString(), diagnostic.range.start.line + 1] };
        actions.push(action);
      } else if (code === 'conflict-markers') {
        const action = resolveAction(document, text, diagnostic);
        if (action) actions.push(action);
      } else if (code === 'date-mismatch') {
        const kind = this.index.kindOf(document.uri);
        if (kind?.kind !== 'log') continue;
        const edit = fixLogDateEdit(text, kind.date);
        if (!edit) continue;
        const action = new vscode.CodeAction(`Set date: ${kind.date} (the file name's date)`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
        actions.push(action);
      }
    }
    return actions;
  }
}

/**
 * "Resolve with Kaizen": the same merge as `kaizen resolve`, applied as one undoable edit. When nothing
 * can be decided without a person, the action is shown disabled with the reason.
 */
function resolveAction(document: vscode.TextDocument, text: string, diagnostic: vscode.Diagnostic): vscode.CodeAction | null {
  const resolved = resolveConflictMarkers(text);
  if (!resolved) return null;
  const left = resolved.conflicts.length;
  const title = left === 0 ? 'Resolve with Kaizen (merge both devices by meaning)' : `Resolve with Kaizen (${left} conflict${left === 1 ? '' : 's'} left for you)`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  const edit = minimalEdit(text, resolved.text);
  if (!edit) {
    action.disabled = { reason: `Kaizen cannot choose: ${resolved.conflicts.map((c) => `line ${c.line}: ${c.reason}`).join('; ')}` };
    return action;
  }
  action.isPreferred = left === 0;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  return action;
}

/** The quick win's milestone line, with the cursor on its words (the date is set a week after `start`). */
export async function addQuickWin(index: JournalIndex, uri: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const kind = index.kindOf(document.uri);
  if (kind?.kind !== 'goal') return false;
  const goal = parseGoalText(document.getText(), kind.id, index.relative(document.uri) ?? '').value;
  const insertion = goal && quickWinMilestoneEdit(document.getText(), goal);
  if (!insertion) return false;
  const { edit, placeholder } = insertion;
  const escape = (t: string) => t.replace(/[$}\\]/g, '\\$&');
  const before = edit.text.slice(0, placeholder.start - edit.start);
  const words = edit.text.slice(placeholder.start - edit.start, placeholder.end - edit.start);
  const after = edit.text.slice(placeholder.end - edit.start);
  const editor = await vscode.window.showTextDocument(document);
  return editor.insertSnippet(new vscode.SnippetString(`${escape(before)}\${1:${escape(words)}}${escape(after)}`), document.positionAt(edit.start));
}

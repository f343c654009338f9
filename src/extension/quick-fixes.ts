// Quick fixes for the SMART warnings (insert the missing field), `unknown-goal` (create the goal)
// and `date-mismatch` (use the file name's date). The text edits come from the shared core.
import * as vscode from 'vscode';
import { plainWords } from './plain-words.js';
import { insertFrontmatterKey, type MissingKey } from '../journal/frontmatter-edits.js';
import type { JournalIndex } from './journal-index.js';
import { FREE_TEXT_KEYS, quickFixesFor } from '../language/actions.js';
import { quickWinMilestoneEdit } from '../journal/goal-task-insert.js';
import { parseGoalText } from '../parser/index.js';

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
    const kind = this.index.kindOf(document.uri);
    const rel = this.index.relative(document.uri) ?? '';
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'kaizen') continue;
      const code = String(diagnostic.code);
      if (code === 'sprint-task-missing') {
        // Needs the goal file as well as this one: the extension's own command.
        const goalId = /is not a micro-task of (\S+) \(/.exec(diagnostic.message)?.[1];
        if (!goalId) continue;
        const action = new vscode.CodeAction(`Add it to ${goalId}'s first open stage`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: 'kaizen.addSprintTaskToGoal', arguments: [document.uri.toString(), diagnostic.range.start.line + 1] };
        actions.push(action);
        continue;
      }
      // The same fixes as the language server's (src/language/actions.ts).
      for (const fix of quickFixesFor(kind, text, rel, code, diagnostic.message, this.index.today(), document.offsetAt(diagnostic.range.start))) {
        const action = new vscode.CodeAction(plainWords(fix.title), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        // VS Code hides a disabled action's reason from the light bulb: an action that says it is clearer.
        if (fix.disabled) action.command = { title: fix.title, command: 'kaizen.explain', arguments: [`${fix.title}: ${fix.disabled}`] };
        else if (fix.key && FREE_TEXT_KEYS.has(fix.key)) {
          // Words only the person can write: the cursor waits on an empty value, so the warning stays until they do.
          action.command = { title: fix.title, command: 'kaizen.fillField', arguments: [document.uri.toString(), fix.key] };
        } else if (code === 'quick-win') {
          action.command = { title: fix.title, command: 'kaizen.addQuickWin', arguments: [document.uri.toString()] };
        } else if (fix.createGoal) {
          action.command = { title: fix.title, command: 'kaizen.createGoal', arguments: [fix.createGoal] };
        } else if (fix.edit) {
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(fix.edit.start), document.positionAt(fix.edit.end)), fix.edit.text);
        }
        actions.push(action);
      }
    }
    return actions;
  }
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

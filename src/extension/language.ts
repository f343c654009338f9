// The language layer (src/language) in VS Code: goal completion after `[[`, level words after a habit
// link, the metric's unit after `[value:: `, hover on a goal link, and go to the goal file.
import * as vscode from 'vscode';
import { completionsAt, definitionAt, hoverAt, type LanguageJournal } from '../language/features.js';
import type { JournalIndex } from './journal-index.js';

function languageJournal(index: JournalIndex): LanguageJournal | null {
  const journal = index.journal;
  if (!journal) return null;
  return { goals: journal.goals, stats: new Map(index.rows.map((r) => [r.goal.id, r.stats])), resolve: journal.linkResolver() };
}

const KINDS = { goal: vscode.CompletionItemKind.Reference, level: vscode.CompletionItemKind.EnumMember, unit: vscode.CompletionItemKind.Unit };

export function registerLanguageFeatures(context: vscode.ExtensionContext, index: JournalIndex): void {
  const selector: vscode.DocumentSelector = { language: 'markdown', scheme: 'file' };
  const inJournal = (document: vscode.TextDocument) => index.isInJournal(document.uri);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(selector, {
      provideCompletionItems(document, position) {
        const j = inJournal(document) ? languageJournal(index) : null;
        if (!j) return [];
        return completionsAt(j, document.getText(), document.offsetAt(position)).map((entry, i) => {
          const item = new vscode.CompletionItem({ label: entry.label, description: entry.detail }, KINDS[entry.kind]);
          item.insertText = entry.insertText;
          item.range = new vscode.Range(document.positionAt(entry.replaceStart), document.positionAt(entry.replaceEnd));
          item.detail = entry.detail;
          if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
          item.preselect = entry.preselect;
          item.sortText = `${entry.preselect ? '0' : '1'}${String(i).padStart(4, '0')}`;
          return item;
        });
      },
    }, '[', ' ', ':'),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        const j = inJournal(document) ? languageJournal(index) : null;
        const hover = j && hoverAt(j, document.getText(), document.offsetAt(position));
        if (!hover) return null;
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document, position) {
        const j = inJournal(document) ? languageJournal(index) : null;
        const target = j && definitionAt(j, document.getText(), document.offsetAt(position));
        if (!target || !index.root) return null;
        return new vscode.Location(vscode.Uri.file(`${index.root}/${target.file}`), new vscode.Position(target.line - 1, 0));
      },
    }),
  );
}

// The language layer (src/language) in VS Code: goal completion after `[[`, level words after a habit
// link, the metric's unit after `[value:: `, hover on a goal link or title, go to the goal file,
// references, document links, rename (F2: one undoable WorkspaceEdit with the file rename), the outline,
// goals as workspace symbols, and the line's actions (toggle, log today) as code actions.
import * as vscode from 'vscode';
import { plainWords } from './plain-words.js';
import { completionsAt, definitionAt, hoverAt, type LanguageJournal } from '../language/features.js';
import { lineActions } from '../language/actions.js';
import { documentLinks, documentSymbols, goalAtCursor, referencesTo, workspaceSymbols, type DocumentSymbol, type Span } from '../language/navigation.js';
import { planGoalRename } from '../journal/rename-goal.js';
import { JournalError } from '../model/errors.js';
import type { LineTarget } from './codelens.js';
import type { JournalIndex } from './journal-index.js';
import { journalUri } from './workspace-fs.js';

function languageJournal(index: JournalIndex): LanguageJournal | null {
  const journal = index.journal;
  if (!journal) return null;
  return { goals: journal.goals, stats: index.statsById, resolve: journal.linkResolver(), loggedToday: index.loggedToday };
}

const range = (s: Span) => new vscode.Range(s.start.line, s.start.character, s.end.line, s.end.character);

const SYMBOL_KINDS: Record<DocumentSymbol['kind'], vscode.SymbolKind> = {
  goal: vscode.SymbolKind.Module, stage: vscode.SymbolKind.Namespace, task: vscode.SymbolKind.Boolean,
  milestone: vscode.SymbolKind.Event, habit: vscode.SymbolKind.Key, 'sprint-item': vscode.SymbolKind.Boolean,
};

function toSymbol(s: DocumentSymbol): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(s.name || '(untitled)', s.detail, SYMBOL_KINDS[s.kind], range(s.span), range(s.span));
  symbol.children = s.children.map(toSymbol);
  return symbol;
}

/** The goal a position names, for references and rename (a link, or anywhere in a goal file). */
function goalAt(index: JournalIndex, document: vscode.TextDocument, position: vscode.Position) {
  const journal = index.journal;
  if (!journal || !index.isInJournal(document.uri)) return null;
  return goalAtCursor(journal.goals, journal.linkResolver(), index.kindOf(document.uri), document.getText(), document.offsetAt(position));
}

const KINDS = { goal: vscode.CompletionItemKind.Reference, level: vscode.CompletionItemKind.EnumMember, unit: vscode.CompletionItemKind.Unit,
  key: vscode.CompletionItemKind.Property, value: vscode.CompletionItemKind.Value };

export function registerLanguageFeatures(context: vscode.ExtensionContext, index: JournalIndex): void {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  const inJournal = (document: vscode.TextDocument) => index.isInJournal(document.uri);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(selector, {
      provideCompletionItems(document, position) {
        const j = inJournal(document) ? languageJournal(index) : null;
        if (!j) return [];
        return completionsAt(j, document.getText(), document.offsetAt(position), index.kindOf(document.uri)).map((entry, i) => {
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
        const hover = j && hoverAt(j, document.getText(), document.offsetAt(position), index.kindOf(document.uri));
        if (!hover) return null;
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document, position) {
        const j = inJournal(document) ? languageJournal(index) : null;
        const target = j && definitionAt(j, document.getText(), document.offsetAt(position));
        if (!target || !index.root) return null;
        return new vscode.Location(journalUri(index.root, target.file), new vscode.Position(target.line - 1, 0));
      },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(document, position, context) {
        const journal = await index.current();
        const at = goalAt(index, document, position);
        if (!at || !journal) return [];
        const refs = await referencesTo(journal, at.goal, context.includeDeclaration);
        return refs.map((r) => new vscode.Location(journalUri(journal.root, r.file), range(r.span)));
      },
    }),
    vscode.languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks(document) {
        const journal = index.journal;
        if (!journal || !inJournal(document)) return [];
        return documentLinks(journal.goals, journal.linkResolver(), document.getText()).map((l) => {
          const link = new vscode.DocumentLink(range(l.span), journalUri(journal.root, l.file));
          link.tooltip = l.tooltip;
          return link;
        });
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        const rel = index.relative(document.uri);
        return rel === null ? [] : documentSymbols(index.kindOf(document.uri), document.getText(), rel).map(toSymbol);
      },
    }),
    vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols(query) {
        const journal = index.journal;
        if (!journal) return [];
        return workspaceSymbols(journal.goals, query).map((s) => new vscode.SymbolInformation(s.name, vscode.SymbolKind.Module, s.detail,
          new vscode.Location(journalUri(journal.root, s.file), new vscode.Position(s.line, 0))));
      },
    }),
    vscode.languages.registerRenameProvider(selector, {
      async prepareRename(document, position) {
        // Pressed right after the window opened: wait for the first read of the journal rather than refuse.
        await index.current();
        const at = goalAt(index, document, position);
        if (!at) throw new Error('Put the cursor on a [[goal]] link, or in a goal file, to rename the goal.');
        const place = at.start === at.end ? document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position) : new vscode.Range(document.positionAt(at.start), document.positionAt(at.end));
        return { range: place, placeholder: at.goal.id };
      },
      async provideRenameEdits(document, position, newName) {
        const journal = await index.current();
        const at = goalAt(index, document, position);
        if (!at || !journal) return null;
        const blocker = journal.writeBlocker();
        if (blocker) throw new Error(blocker);
        try {
          // Read through the editor's file system: open (and unsaved) buffers first, so the plan is what the person sees.
          const plan = await planGoalRename(journal, at.goal.id, newName.trim());
          const edit = new vscode.WorkspaceEdit();
          for (const change of plan.changes) {
            const uri = journalUri(journal.root, change.file);
            change.edits.forEach((e, i) => {
              const { start, end } = change.places[i]!;
              edit.replace(uri, new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1), e.text);
            });
          }
          edit.renameFile(journalUri(journal.root, plan.fileFrom), journalUri(journal.root, plan.fileTo), { overwrite: false });
          return edit;
        } catch (e) {
          throw new Error(e instanceof JournalError ? e.message : String(e));
        }
      },
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      provideCodeActions(document, selection) {
        const j = inJournal(document) ? languageJournal(index) : null;
        const rel = index.relative(document.uri);
        if (!j || rel === null) return [];
        const today = index.today();
        return lineActions({ ...j, today }, index.kindOf(document.uri), document.getText(), rel, selection.start.line + 1).map((a) => {
          const action = new vscode.CodeAction(plainWords(a.title), vscode.CodeActionKind.Empty);
          if (a.command.kind === 'toggle') {
            const target: LineTarget = { uri: document.uri.toString(), version: document.version, line: a.command.line, expected: a.command.expected };
            action.command = { title: a.title, command: 'kaizen.toggleTask', arguments: [target] };
          } else if (a.command.kind === 'log') action.command = { title: a.title, command: 'kaizen.logHabit', arguments: [a.command.goal, a.command.level] };
          return action;
        });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.Empty] }),
  );
}

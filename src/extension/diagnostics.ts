// FORMAT.md §5 in the Problems panel: the whole journal's diagnostics after every (debounced)
// change, open editors included, with the code string as the diagnostic code.
import * as vscode from 'vscode';
import { plainWords } from './plain-words.js';
import type { Diagnostic } from '../model/types.js';
import type { JournalIndex } from './journal-index.js';
import type { Journal } from '../journal/journal.js';
import { journalUri } from './workspace-fs.js';
import { fileDiagnostics } from '../language/workspace.js';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVscodeDiagnostic(d: Diagnostic, document?: vscode.TextDocument): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const start = new vscode.Position(line, Math.max(0, d.column - 1));
  const end = document && line < document.lineCount ? document.lineAt(line).range.end : start.translate(0, 1);
  // A wish's missing SMART fields are notes under its one warning: shown as hints (no squiggle), their quick fixes kept.
  const severity = d.severity === 'info' && d.code.startsWith('smart-') ? vscode.DiagnosticSeverity.Hint : SEVERITY[d.severity];
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end.isBefore(start) ? start : end), plainWords(d.message), severity);
  diagnostic.code = d.code;
  diagnostic.source = 'kaizen';
  return diagnostic;
}

/**
 * The next turn of the event loop: changes that arrive together (a multi-cursor edit, a paste, an undo) are linted
 * once, and a lone keystroke waits for nothing (one note's parse and lint take a few milliseconds).
 */
const KEYSTROKE_LINT_DELAY_MS = 0;

export function registerDiagnostics(context: vscode.ExtensionContext, index: JournalIndex): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('kaizen');
  context.subscriptions.push(collection);
  let byFile = new Map<string, Diagnostic[]>();
  // A keystroke re-lints only its own note (src/language/workspace.ts), after a short pause that lets a burst
  // of typing (or an edit and its save) land first; the whole journal's numbers and cross-file rules follow
  // when the index re-reads after typing stops.
  const pending = new Map<string, vscode.TextDocument>();
  let timer: NodeJS.Timeout | null = null;
  const lintPending = () => {
    timer = null;
    const journal = index.journal;
    for (const document of pending.values()) {
      const rel = index.relative(document.uri);
      if (!journal || rel === null || document.isClosed) continue;
      const list = fileDiagnostics(journal, rel, document.getText(), byFile.get(rel) ?? []);
      collection.set(document.uri, list.map((d) => toVscodeDiagnostic(d, document)));
    }
    pending.clear();
  };
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length === 0 || index.relative(e.document.uri) === null) return;
    pending.set(e.document.uri.toString(), e.document);
    timer ??= setTimeout(lintPending, KEYSTROKE_LINT_DELAY_MS);
  }), { dispose: () => timer && clearTimeout(timer) });
  // The index also changes when only the numbers followed a keystroke or a click: the journal read is the same
  // then, and so are its diagnostics (the edited note's own were set as it was typed). Only a new read resets them.
  let shown: Journal | null | undefined;
  const update = () => {
    const journal = index.journal;
    if (journal === shown) return;
    shown = journal;
    collection.clear();
    if (!journal) return;
    byFile = new Map<string, Diagnostic[]>();
    for (const d of journal.diagnostics()) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    for (const [file, list] of byFile) {
      const uri = journalUri(journal.root, file);
      const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
      collection.set(uri, list.map((d) => toVscodeDiagnostic(d, document)));
    }
  };
  context.subscriptions.push(index.onDidChange(update));
  update();
  return collection;
}

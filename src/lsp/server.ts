// `kaizen lsp`: the language layer (src/language) as a Language Server over stdio, for Neovim, Helix, Zed,
// Emacs and any LSP client. Open buffers win over the disk; a keystroke re-lints only its file, the journal
// is re-read (from the parse cache) once typing pauses. Edits go through workspace/applyEdit whenever the
// client applies edits, open or not (versioned for open buffers: one undo, a stale line refused), so a buffer
// held by another server or window is never written under; only a client that cannot gets the CLI's disk write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, createConnection, DiagnosticSeverity, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  CompletionItemKind, SymbolKind, InlayHintKind, MarkupKind, MessageType, ShowMessageNotification, DidChangeWatchedFilesNotification,
  type CodeAction, type CodeLens, type Connection, type Diagnostic as LspDiagnostic, type DocumentSymbol as LspSymbol, type InitializeParams,
  type InlayHint, type Location, type Range, type TextDocumentEdit, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { joinPath } from '../journal/file-system.js';
import { findRoot, goalPath } from '../journal/layout.js';
import { nodeFileSystem } from '../journal/node-file-system.js';
import { FileResultCache } from '../journal/result-cache.js';
import { planLog, planToday, planToggle, type Plan } from '../journal/plans.js';
import { newDailyNoteText } from '../journal/daily-note-template.js';
import { planGoalRename, renameEdits, type RenamePlan } from '../journal/rename-goal.js';
import { updateFile } from '../journal/update-file.js';
import { celebrationsForGoalWrite, celebrationsForLogWrite, goalOfHabitLine } from '../journal/celebrate.js';
import { celebrationText, type Celebration } from '../model/celebrations.js';
import { loadPeriodReport } from '../journal/period-report.js';
import { writeReportFiles } from '../journal/report-files.js';
import { goalText } from '../journal/templates.js';
import { addDays } from '../model/dates.js';
import { applyEdits } from '../model/edits.js';
import { JournalError } from '../model/errors.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { parsePeriod, periodContaining, type PeriodKind } from '../model/periods.js';
import type { Diagnostic, HabitLevel } from '../model/types.js';
import { decodeUtf8, LineIndex } from '../parser/text.js';
import { watchJournalFolders } from './journal-watcher.js';
import { inlayHintsFor, lensesFor, lineActions, quickFixesFor, type LineCommand, type TaskLensMode } from '../language/actions.js';
import { completionsAt, definitionAt, hoverAt } from '../language/features.js';
import { documentLinks, documentSymbols, goalAtCursor, referencesTo, spanOf, workspaceSymbols, type DocumentSymbol, type Span } from '../language/navigation.js';
import { LanguageWorkspace } from '../language/workspace.js';
import { PROGRAM_VERSION } from '../model/version.js';

/** How long typing must pause before the whole journal is re-read (the edited file is re-linted at once). */
declare const KAIZEN_BUILD: string | undefined;

const REREAD_DELAY_MS = 300;

export const SERVER_COMMANDS = ['kaizen.toggleTask', 'kaizen.logHabit', 'kaizen.today', 'kaizen.report', 'kaizen.createGoal', 'kaizen.noop'] as const;

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
const SYMBOL_KIND: Record<DocumentSymbol['kind'], SymbolKind> = {
  goal: SymbolKind.Module, stage: SymbolKind.Namespace, task: SymbolKind.Boolean, milestone: SymbolKind.Event, habit: SymbolKind.Key, 'sprint-item': SymbolKind.Boolean,
};
const COMPLETION_KIND = { goal: CompletionItemKind.Reference, level: CompletionItemKind.EnumMember, unit: CompletionItemKind.Unit, key: CompletionItemKind.Property, value: CompletionItemKind.Value };

interface ToggleTarget {
  uri: string;
  version: number | null;
  line: number;
  expected: string;
}

export interface ServerOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** The journal root, instead of the client's workspace folder. */
  root?: string;
}

export function startLanguageServer(options: ServerOptions = {}): Connection {
  // Always stdio (whether or not the editor passed --stdio); the input closing without a shutdown is exit 1.
  const input = options.input ?? process.stdin;
  const connection = createConnection(ProposedFeatures.all, input, options.output ?? process.stdout);
  let shutdown = false;
  input.on('end', () => process.exit(shutdown ? 0 : 1));
  const documents = new TextDocuments(TextDocument);
  let ws: LanguageWorkspace | null = null;
  let client: InitializeParams['capabilities'] = {};
  // initializationOptions.codeLensTasks: "all" for a lens row over every micro-task (as VS Code's kaizen.codeLens.tasks).
  let taskLenses: TaskLensMode = 'next';
  let timer: NodeJS.Timeout | null = null;
  const published = new Map<string, string>();
  let watcher: { close(): void } | null = null;

  const toUri = (rel: string) => pathToFileURL(joinPath((ws as LanguageWorkspace).root, rel)).href;
  const relOf = (uri: string): string | null => {
    if (!ws || !uri.startsWith('file:')) return null;
    try {
      return ws.relative(fileURLToPath(uri).split('\\').join('/'));
    } catch {
      return null;
    }
  };
  const spanRange = (s: Span): Range => ({ start: s.start, end: s.end });
  // One line index per text, not per lens or diagnostic: a goal file of 50,000 tasks has thousands of lenses.
  const lineRange = (lines: LineIndex, line: number): Range => spanRange(spanOf(lines, lines.lineStart(line), lines.lineEnd(line)));
  const toLsp = (d: Diagnostic, lines: LineIndex | null): LspDiagnostic => {
    const line = Math.max(0, d.line - 1);
    const start = { line, character: Math.max(0, d.column - 1) };
    const end = lines === null ? { line, character: start.character + 1 } : lineRange(lines, d.line).end;
    return { range: { start, end: end.line === line && end.character > start.character ? end : { line, character: start.character + 1 } }, severity: SEVERITY[d.severity], code: d.code, source: 'kaizen', message: d.message };
  };

  const publish = (rel: string, list: readonly Diagnostic[], text: string | null, version?: number) => {
    const lines = text === null || list.length === 0 ? null : new LineIndex(text);
    const diagnostics = list.map((d) => toLsp(d, lines));
    const key = JSON.stringify(diagnostics);
    if ((published.get(rel) ?? '[]') === key) return;
    if (diagnostics.length) published.set(rel, key);
    else published.delete(rel);
    void connection.sendDiagnostics({ uri: toUri(rel), version, diagnostics });
  };

  /** After a re-read: every file whose diagnostics changed, and the lenses and hints, which read the new numbers. */
  const publishAll = async () => {
    if (!ws) return;
    const all = ws.allDiagnostics();
    for (const rel of new Set([...all.keys(), ...published.keys()])) {
      // An open note may have changed since the read began (and between these awaits): its own text decides, as
      // after a keystroke, so a read that finishes late never puts back what was typed away.
      const open = documents.get(toUri(rel));
      if (open) publish(rel, ws.fileDiagnostics(rel, open.getText()), open.getText(), open.version);
      else publish(rel, all.get(rel) ?? [], await ws.text(rel));
    }
    if (client.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (client.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const reread = async () => {
    if (!ws) return;
    try {
      await ws.refresh();
      await publishAll();
    } catch (e) {
      connection.console.error(`kaizen: reading the journal failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const scheduleReread = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void reread();
    }, REREAD_DELAY_MS);
  };
  /** The journal, read once before the first answer; later answers use the last read while typing goes on. */
  const ready = async (): Promise<LanguageWorkspace> => {
    if (!ws) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'kaizen: the server is not initialized');
    if (!ws.journal) await ws.refresh();
    return ws;
  };
  /** Wraps a handler: bad input and journal errors become answers, never a crash. */
  const guard = <P, R>(handler: (params: P) => Promise<R> | R, fallback: R) => async (params: P): Promise<R> => {
    try {
      return await handler(params);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (e instanceof JournalError) throw new ResponseError(ErrorCodes.InvalidRequest, `kaizen: ${e.message}`);
      connection.console.error(`kaizen: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };
  const documentOf = (params: { textDocument?: { uri?: unknown } }) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen: textDocument.uri is missing');
    const document = documents.get(uri);
    const rel = relOf(uri);
    return { uri, document, rel };
  };
  const positionOf = (params: { position?: unknown }) => {
    const p = params?.position as { line?: unknown; character?: unknown } | undefined;
    if (!p || typeof p.line !== 'number' || typeof p.character !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen: position is missing');
    return { line: p.line, character: p.character };
  };

  connection.onInitialize(async (params) => {
    client = params.capabilities ?? {};
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    const start = options.root ?? (folder?.startsWith('file:') ? fileURLToPath(folder) : params.rootPath ?? process.cwd());
    const init = params.initializationOptions as { journalRoot?: unknown; codeLensTasks?: unknown } | undefined;
    const explicit = init?.journalRoot;
    taskLenses = init?.codeLensTasks === 'all' ? 'all' : 'next';
    const root = await findRoot(nodeFileSystem, start.split('\\').join('/').replace(/\/$/, ''), typeof explicit === 'string' && explicit ? explicit : undefined);
    const persistent = typeof KAIZEN_BUILD === 'string' && process.env.KAIZEN_CACHE !== 'off' ? FileResultCache.load(root, KAIZEN_BUILD, process.env) : undefined;
    ws = new LanguageWorkspace(root, nodeFileSystem, () => new Date(), persistent);
    return {
      serverInfo: { name: 'kaizen', version: PROGRAM_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['[', ' ', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      },
    };
  });

  connection.onInitialized(async () => {
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type,
        { watchers: [{ globPattern: '**/*.{md,yaml}' }] }).catch(() => undefined);
    } else if (ws) {
      // Editors that cannot watch files for the server (Neovim 0.7, Helix): the server watches the journal itself,
      // so a `kaizen log` in a terminal or a `git pull` shows up without reopening anything.
      watcher = watchJournalFolders(ws.root, (rel) => {
        if (documents.get(toUri(rel))) return;
        ws?.touch(rel);
        scheduleReread();
      });
    }
    await reread();
  });

  documents.onDidChangeContent((e) => {
    const rel = relOf(e.document.uri);
    if (!ws || rel === null) return;
    const text = e.document.getText();
    ws.setOpen(rel, text, e.document.version);
    if (ws.journal) publish(rel, ws.fileDiagnostics(rel, text), text, e.document.version);
    scheduleReread();
  });
  documents.onDidClose((e) => {
    const rel = relOf(e.document.uri);
    if (!ws || rel === null) return;
    ws.close(rel);
    scheduleReread();
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes ?? []) {
      const rel = relOf(change.uri);
      if (rel !== null && !documents.get(change.uri)) ws?.touch(rel);
    }
    scheduleReread();
  });

  connection.onCompletion(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    const j = w.languageJournal();
    if (!document || !j || rel === null) return [];
    const text = document.getText();
    return completionsAt(j, text, document.offsetAt(positionOf(params)), w.kindOf(rel)).map((entry, i) => ({
      label: entry.label,
      kind: COMPLETION_KIND[entry.kind],
      detail: entry.detail,
      documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined,
      preselect: entry.preselect || undefined,
      sortText: `${entry.preselect ? '0' : '1'}${String(i).padStart(4, '0')}`,
      filterText: entry.label,
      textEdit: { range: { start: document.positionAt(entry.replaceStart), end: document.positionAt(entry.replaceEnd) }, newText: entry.insertText },
    }));
  }, []));

  connection.onHover(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    const j = w.languageJournal();
    if (!document || !j || rel === null) return null;
    const hover = hoverAt(j, document.getText(), document.offsetAt(positionOf(params)), w.kindOf(rel));
    return hover && { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) } };
  }, null));

  connection.onDefinition(guard(async (params) => {
    const w = await ready();
    const { document } = documentOf(params);
    const j = w.languageJournal();
    const target = document && j ? definitionAt(j, document.getText(), document.offsetAt(positionOf(params))) : null;
    return target ? { uri: toUri(target.file), range: { start: { line: target.line - 1, character: 0 }, end: { line: target.line - 1, character: 0 } } } : null;
  }, null));

  const goalUnderCursor = async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    if (!document || rel === null || !w.journal) return null;
    const at = goalAtCursor(w.journal.goals, w.journal.linkResolver(), w.kindOf(rel), document.getText(), document.offsetAt(positionOf(params)));
    return at && { ...at, document, w };
  };

  connection.onReferences(guard(async (params) => {
    const at = await goalUnderCursor(params);
    if (!at || !at.w.journal) return [];
    const refs = await referencesTo(at.w.journal, at.goal, params.context?.includeDeclaration !== false);
    return refs.map((r): Location => ({ uri: toUri(r.file), range: spanRange(r.span) }));
  }, []));

  // Clients that cannot rename files inside an edit (every released Emacs, Helix before 23.10) still rename:
  // the links go through the client as text edits and the server moves the goal file on disk, the CLI's way.
  const canRenameFiles = () => canVersion() && (client.workspace?.workspaceEdit?.resourceOperations ?? []).includes('rename');
  /** Why a rename cannot be done here, asked in prepareRename so the person is told before typing a name. */
  const renameBlocker = async (w: LanguageWorkspace, goalFile: string): Promise<string | null> => {
    if (canRenameFiles()) return null;
    if (!canApply()) return 'this editor cannot apply edits from the server; run `kaizen rename` in a terminal instead';
    const open = documents.get(toUri(goalFile));
    if (open && open.getText() !== await readDisk(w, goalFile)) return `${goalFile} has unsaved changes; save it first (the file itself moves)`;
    return null;
  };

  connection.onPrepareRename(guard(async (params) => {
    const at = await goalUnderCursor(params);
    if (!at) throw new ResponseError(ErrorCodes.InvalidRequest, 'kaizen: put the cursor on a [[goal]] link or in a goal file to rename the goal');
    const blocker = await renameBlocker(at.w, at.goal.file);
    if (blocker) throw new ResponseError(ErrorCodes.InvalidRequest, `kaizen: ${blocker}`);
    return { range: { start: at.document.positionAt(at.start), end: at.document.positionAt(at.end) }, placeholder: at.goal.id };
  }, null));

  connection.onRenameRequest(guard(async (params) => {
    const at = await goalUnderCursor(params);
    if (!at || !at.w.journal) throw new ResponseError(ErrorCodes.InvalidRequest, 'kaizen: put the cursor on a [[goal]] link or in a goal file to rename the goal');
    if (typeof params.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen: newName is missing');
    const refused = await renameBlocker(at.w, at.goal.file);
    if (refused) throw new ResponseError(ErrorCodes.InvalidRequest, `kaizen: ${refused}; nothing was renamed`);
    const blocker = at.w.journal.writeBlocker();
    if (blocker) throw new JournalError(blocker);
    const plan = await planGoalRename(at.w.journal, at.goal.id, params.newName.trim());
    if (!canRenameFiles()) return renameThroughClient(at.w, plan);
    // A file rename exists only inside documentChanges, so a client that can rename files takes them (Neovim 0.7
    // says resourceOperations without documentChanges).
    const changes: WorkspaceEdit['documentChanges'] = [];
    for (const change of plan.changes) {
      const uri = toUri(change.file);
      changes.push({
        textDocument: { uri, version: documents.get(uri)?.version ?? null },
        edits: change.edits.map((e, i): LspTextEdit => {
          const { start, end } = change.places[i]!;
          return { range: { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } }, newText: e.text };
        }),
      } satisfies TextDocumentEdit);
    }
    changes.push({ kind: 'rename', oldUri: toUri(plan.fileFrom), newUri: toUri(plan.fileTo) });
    return { documentChanges: changes };
  }, null));

  /**
   * The links as one edit through the client (versioned for open buffers), then the goal file's own links and
   * its move on disk: the answer to the rename request is then empty, the work already done.
   */
  const renameThroughClient = async (w: LanguageWorkspace, plan: RenamePlan): Promise<WorkspaceEdit> => {
    const others = plan.changes.filter((c) => c.file !== plan.fileFrom);
    const files = await Promise.all(others.map(async (c) => {
      const uri = toUri(c.file);
      const open = documents.get(uri);
      const text = open ? open.getText() : await w.text(c.file);
      if (text === null) throw new JournalError(`${c.file} can no longer be read; nothing was renamed`);
      return { uri, version: open ? open.version : null, text, edits: c.edits };
    }));
    if (files.length) {
      const applied = await connection.workspace.applyEdit({ label: `Kaizen: rename ${plan.from} to ${plan.to}`, edit: workspaceEditOf(files) });
      if (!applied.applied) throw new JournalError(`the editor refused the edit${applied.failureReason ? `: ${applied.failureReason}` : ''}; nothing was renamed`);
    }
    const wasOpen = documents.get(toUri(plan.fileFrom)) !== undefined;
    try {
      await updateFile(joinPath(w.root, plan.fileFrom), plan.fileFrom, (current) => {
        if (current === null) throw new JournalError(`${plan.fileFrom} no longer exists`);
        const edits = renameEdits(current, plan.from, plan.to, false);
        return { text: applyEdits(current, edits), edits, changed: edits.length > 0, line: 1 };
      });
      await moveFile(w.root, plan.fileFrom, plan.fileTo);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new JournalError(`the links were changed in the editor, but ${plan.fileFrom} could not be moved to ${plan.fileTo} (${why}); undo the edit or move the file by hand`);
    }
    w.touch(plan.fileFrom);
    w.touch(plan.fileTo);
    scheduleReread();
    if (wasOpen && client.window?.showDocument?.support) void connection.window.showDocument({ uri: toUri(plan.fileTo), takeFocus: true });
    info(`Kaizen: ${plan.fileFrom} is now ${plan.fileTo}${files.length ? `; ${files.length} notes changed in the editor: save them to keep the links` : ''}`);
    return canVersion() ? { documentChanges: [] } : { changes: {} };
  };

  connection.onDocumentSymbol(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    if (!document || rel === null) return [];
    const symbols = documentSymbols(w.kindOf(rel), document.getText(), rel);
    if (client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) {
      const convert = (s: DocumentSymbol): LspSymbol => ({ name: s.name || '(untitled)', detail: s.detail, kind: SYMBOL_KIND[s.kind], range: spanRange(s.span), selectionRange: spanRange(s.span), children: s.children.map(convert) });
      return symbols.map(convert);
    }
    const flat = (s: DocumentSymbol, container?: string): { name: string; kind: SymbolKind; location: Location; containerName?: string }[] =>
      [{ name: s.name || '(untitled)', kind: SYMBOL_KIND[s.kind], location: { uri: params.textDocument.uri, range: spanRange(s.span) }, containerName: container }, ...s.children.flatMap((c) => flat(c, s.name))];
    return symbols.flatMap((s) => flat(s));
  }, []));

  connection.onWorkspaceSymbol(guard(async (params) => {
    const w = await ready();
    return workspaceSymbols(w.journal?.goals ?? [], typeof params.query === 'string' ? params.query : '')
      .map((s) => ({ name: s.name, kind: SymbolKind.Module, containerName: s.detail, location: { uri: toUri(s.file), range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } } }));
  }, []));

  connection.onDocumentLinks(guard(async (params) => {
    const w = await ready();
    const { document } = documentOf(params);
    if (!document || !w.journal) return [];
    return documentLinks(w.journal.goals, w.journal.linkResolver(), document.getText())
      .map((l) => ({ range: spanRange(l.span), target: toUri(l.file), tooltip: l.tooltip }));
  }, []));

  const commandOf = (c: LineCommand, title: string, uri: string, version: number) => {
    if (c.kind === 'toggle') return { title, command: 'kaizen.toggleTask', arguments: [{ uri, version, line: c.line, expected: c.expected } satisfies ToggleTarget] };
    if (c.kind === 'log') return { title, command: 'kaizen.logHabit', arguments: [c.goal, c.level] };
    return { title, command: 'kaizen.report', arguments: ['week'] };
  };

  connection.onCodeLens(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    const j = w.languageJournal();
    if (!document || rel === null || !j) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    return lensesFor(j, w.kindOf(rel), text, rel, taskLenses).map((lens): CodeLens => {
      const title = `${lens.icon === 'open' ? '☐ ' : lens.icon === 'done' ? '☑ ' : lens.icon === 'in-progress' ? '◐ ' : lens.icon === 'cancelled' ? '⊘ ' : lens.icon === 'warning' ? '⚠ ' : ''}${lens.title}`;
      return { range: lineRange(lines, lens.line), command: lens.command ? commandOf(lens.command, title, params.textDocument.uri, document.version) : { title, command: 'kaizen.noop' } };
    });
  }, []));

  connection.languages.inlayHint.on(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    const j = w.languageJournal();
    if (!document || rel === null || !j) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    return inlayHintsFor(j, w.kindOf(rel), text, rel)
      .filter((h) => h.line - 1 >= params.range.start.line && h.line - 1 <= params.range.end.line)
      .map((h): InlayHint => ({ position: lineRange(lines, h.line).end, label: h.label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: h.tooltip ?? undefined }));
  }, []));

  connection.onCodeAction(guard(async (params) => {
    const w = await ready();
    const { document, rel } = documentOf(params);
    const j = w.languageJournal();
    if (!document || rel === null || !j) return [];
    const text = document.getText();
    const kind = w.kindOf(rel);
    const actions: CodeAction[] = [];
    for (const d of params.context?.diagnostics ?? []) {
      if (d.source !== 'kaizen') continue;
      for (const fix of quickFixesFor(kind, text, rel, String(d.code), d.message, w.today(), document.offsetAt(d.range.start))) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred || undefined };
        if (fix.disabled) action.disabled = { reason: fix.disabled };
        else if (fix.edit) {
          const edit = { range: { start: document.positionAt(fix.edit.start), end: document.positionAt(fix.edit.end) }, newText: fix.edit.text };
          action.edit = { documentChanges: [{ textDocument: { uri: params.textDocument.uri, version: document.version }, edits: [edit] }] };
        } else if (fix.createGoal) action.command = { title: fix.title, command: 'kaizen.createGoal', arguments: [fix.createGoal] };
        actions.push(action);
      }
    }
    const only = params.context?.only;
    if (!only || only.some((k) => k === CodeActionKind.Empty || k === '')) {
      for (const a of lineActions(j, kind, text, rel, params.range.start.line + 1)) {
        actions.push({ title: a.title, kind: CodeActionKind.Empty, command: commandOf(a.command, a.title, params.textDocument.uri, document.version) });
      }
    }
    return actions;
  }, []));

  /** Whether the client applies edits the server asks for, and how (documentChanges, file creation). */
  const canApply = () => client.workspace?.applyEdit === true;
  const canVersion = () => client.workspace?.workspaceEdit?.documentChanges === true;
  const canCreate = () => canVersion() && (client.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
  /** Text edits (offsets into `text`) as one WorkspaceEdit: versioned when the client takes documentChanges. */
  const workspaceEditOf = (files: ReadonlyArray<{ uri: string; version: number | null; text: string; edits: readonly { start: number; end: number; text: string }[] }>): WorkspaceEdit => {
    const lspEdits = files.map((f) => {
      // A BOM is not a column in an editor's buffer.
      const bom = f.text.startsWith('\uFEFF') ? 1 : 0;
      const doc = TextDocument.create(f.uri, 'markdown', 0, f.text.slice(bom));
      const at = (offset: number) => doc.positionAt(Math.max(0, offset - bom));
      return f.edits.map((e): LspTextEdit => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.text }));
    });
    if (canVersion()) return { documentChanges: files.map((f, i) => ({ textDocument: { uri: f.uri, version: f.version }, edits: lspEdits[i]! })) };
    return { changes: Object.fromEntries(files.map((f, i) => [f.uri, lspEdits[i]!])) };
  };

  /**
   * Writes a plan into a journal file through the client whenever it applies edits, open or not: in an editor
   * the file may be open in a buffer this server does not know of (Emacs without a project root starts one
   * server per folder), and a write on disk under that buffer loses one side. One undoable edit, refused if an
   * open buffer moved on. Only a client that cannot apply edits (or create a new note) gets the CLI's disk write.
   */
  const applyPlan = async <P extends Plan>(rel: string, plan: (current: string | null) => P):
    Promise<{ before: string | null; plan: P; unsaved: boolean }> => {
    const w = ws as LanguageWorkspace;
    const uri = toUri(rel);
    const open = documents.get(uri);
    const current = open ? open.getText() : canApply() ? await w.text(rel) : null;
    if (open || (canApply() && (current !== null || canCreate()))) {
      // When the buffer changed since the lens or action was drawn, the plan's expected line text refuses a moved line.
      const result = plan(current);
      if (!result.changed) return { before: current, plan: result, unsaved: false };
      const edit: WorkspaceEdit = current === null
        ? { documentChanges: [{ kind: 'create', uri }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.text }] }] }
        : workspaceEditOf([{ uri, version: open ? open.version : null, text: current, edits: result.edits }]);
      const applied = await connection.workspace.applyEdit({ label: 'Kaizen', edit });
      if (!applied.applied) throw new JournalError(`the editor refused the edit to ${rel}${applied.failureReason ? `: ${applied.failureReason}` : ''}; nothing was changed`);
      return { before: current, plan: result, unsaved: !open };
    }
    const before = await w.text(rel);
    const result = await updateFile(joinPath(w.root, rel), rel, plan);
    w.touch(rel);
    return { before, plan: result, unsaved: false };
  };

  // Notifications, not requests: a message with no buttons must not wait for an answer (Neovim would prompt).
  const info = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  const say = (celebrations: readonly Celebration[]) => {
    for (const c of celebrations) info(celebrationText(c));
  };

  connection.onExecuteCommand(guard(async (params) => {
    const w = await ready();
    const journal = w.journal;
    if (!journal) return null;
    const args = params.arguments ?? [];
    const blocker = journal.writeBlocker();
    try {
      if (params.command === 'kaizen.noop') return null;
      if (blocker && params.command !== 'kaizen.report') throw new JournalError(blocker);
      const today = w.today();
      if (params.command === 'kaizen.toggleTask') {
        const target = args[0] as Partial<ToggleTarget> | undefined;
        if (!target || typeof target.uri !== 'string' || typeof target.line !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen.toggleTask takes { uri, version, line, expected }');
        const rel = relOf(target.uri);
        const kind = rel === null ? null : w.kindOf(rel);
        if (rel === null || !kind) throw new JournalError('that file is not in the journal; nothing was changed');
        const expected = typeof target.expected === 'string' ? target.expected : undefined;
        const { before, plan } = await applyPlan(rel, (current) => {
          if (current === null) throw new JournalError(`${rel} no longer exists; nothing was changed`);
          return planToggle(current, { file: rel, line: target.line as number, today, stampDoneDate: kind.kind === 'goal' || kind.kind === 'sprint', expectedLineText: expected, tasks: journal.layout.tasks });
        });
        if (plan.changed && before !== null) {
          if (kind.kind === 'goal') say(celebrationsForGoalWrite(kind.id, rel, before, plan.text, today, journal.habitDays().get(kind.id)));
          else if (kind.kind === 'log') {
            const goal = goalOfHabitLine(before, kind.date, rel, plan.line, journal.goals);
            if (goal) say(celebrationsForLogWrite(journal, goal, kind.date, rel, before, plan.text, today));
          }
        }
        return { file: rel, line: plan.line, changed: plan.changed, nextOccurrenceLine: plan.nextOccurrenceLine };
      }
      if (params.command === 'kaizen.logHabit') {
        const [goalId, level, value] = args as [unknown, unknown, unknown];
        const goal = typeof goalId === 'string' ? journal.goal(goalId) : undefined;
        if (!goal) throw new JournalError(`no goal "${String(goalId)}"; nothing was logged`);
        if (level !== 'minimum' && level !== 'standard' && level !== 'skip') throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen.logHabit takes a goal id and minimum, standard or skip');
        const rel = journal.dayNotePath(today);
        const template = journal.logFiles.has(today) ? null : await newDailyNoteText(journal.fs, journal.layout, today, rel);
        const { before, plan, unsaved } = await applyPlan(rel, (current) => planLog(current, { file: rel, day: today, goal, level: level as HabitLevel,
          value: typeof value === 'number' ? value : null, goals: journal.orderedGoals(), template, blocks: journal.layout.blocks }));
        if (plan.changed) say(celebrationsForLogWrite(journal, goal.id, today, rel, before, plan.text, today));
        info(!plan.changed ? `Kaizen: ${rel} already says so; nothing changed`
          : `Kaizen: logged ${level} for ${goal.title ?? goal.id} in ${rel}${unsaved ? ' (in the editor: save that note to keep it)' : ''}`);
        return { file: rel, line: plan.line, changed: plan.changed };
      }
      if (params.command === 'kaizen.today') {
        const rel = journal.dayNotePath(today);
        const template = journal.logFiles.has(today) ? null : await newDailyNoteText(journal.fs, journal.layout, today, rel);
        const { plan } = await applyPlan(rel, (current) => planToday(current, today, rel, journal.orderedGoals(), template, journal.layout.blocks));
        if (client.window?.showDocument?.support) void connection.window.showDocument({ uri: toUri(rel), takeFocus: true, selection: { start: { line: plan.line - 1, character: 0 }, end: { line: plan.line - 1, character: 0 } } });
        return { file: rel, line: plan.line, changed: plan.changed };
      }
      if (params.command === 'kaizen.report') {
        const kind = (typeof args[0] === 'string' ? args[0] : 'week') as PeriodKind;
        if (!['week', 'month', 'quarter'].includes(kind)) throw new ResponseError(ErrorCodes.InvalidParams, 'kaizen.report takes week, month or quarter, and optionally a label');
        const period = typeof args[1] === 'string' ? parsePeriod(kind, args[1]) : periodContaining(kind, today);
        if (!period) throw new JournalError(`"${String(args[1])}" is not a ${kind}`);
        if (blocker) throw new JournalError(blocker);
        const asOf = today < period.end ? (today < period.start ? period.start : today) : period.end;
        const { journal: read, data } = await loadPeriodReport(w.fs, w.root, period, asOf, { today });
        const result = await writeReportFiles(read.layout, data, { force: false });
        if (client.window?.showDocument?.support) void connection.window.showDocument({ uri: toUri(result.report), takeFocus: true });
        return { file: result.report, written: result.written };
      }
      if (params.command === 'kaizen.createGoal') {
        const id = args[0];
        const problem = typeof id === 'string' ? goalIdProblem(id) : 'is not a goal id';
        if (typeof id !== 'string' || problem) throw new JournalError(`"${String(id)}" ${problem}; nothing was created`);
        const rel = goalPath(journal.layout, id);
        if (await w.text(rel) !== null) throw new JournalError(`${rel} already exists; nothing was created`);
        const title = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
        const text = goalText({ title, why: null, cadence: '3/week', minimum: null, standard: null, metric: null, start: today, due: addDays(today, 60) });
        await updateFile(joinPath(w.root, rel), rel, (current) => {
          if (current !== null) throw new JournalError(`${rel} already exists; nothing was created`);
          return { text, edits: [], changed: true, line: 1 };
        });
        w.touch(rel);
        scheduleReread();
        if (client.window?.showDocument?.support) void connection.window.showDocument({ uri: toUri(rel), takeFocus: true });
        return { file: rel };
      }
      throw new ResponseError(ErrorCodes.InvalidParams, `kaizen: unknown command ${params.command}`);
    } catch (e) {
      if (e instanceof JournalError) warn(`Kaizen: ${e.message}`);
      throw e;
    } finally {
      scheduleReread();
    }
  }, null));

  connection.onShutdown(() => {
    shutdown = true;
    watcher?.close();
    if (timer) clearTimeout(timer);
    timer = null;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** A file's text on disk, whatever the editor's buffer says (null when it cannot be read). */
async function readDisk(w: LanguageWorkspace, rel: string): Promise<string | null> {
  try {
    const decoded = decodeUtf8(await fs.promises.readFile(joinPath(w.root, rel)));
    return decoded.ok ? decoded.text : null;
  } catch {
    return null;
  }
}

/** Moves a journal file, never over another one (a case-only rename is the same file). */
async function moveFile(root: string, from: string, to: string): Promise<void> {
  const target = joinPath(root, to);
  if (from.toLowerCase() !== to.toLowerCase() && fs.existsSync(target)) throw new JournalError(`${to} already exists`);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(joinPath(root, from), target);
}

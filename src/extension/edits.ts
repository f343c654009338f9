// Applies the shared core's text edits to a document through a WorkspaceEdit: undoable like
// typing, no "file on disk is newer" conflicts, and the boolean result checked.
import * as vscode from 'vscode';
import type { TextEdit } from '../model/edits.js';

/** Saves this extension started and that have not finished: they make a clean file look dirty for a moment. */
const ourSaves = new Map<string, Promise<boolean>>();

export async function applyTextEdits(document: vscode.TextDocument, edits: readonly TextEdit[], options: { saveIfClean: boolean }): Promise<boolean> {
  if (edits.length === 0) return true;
  const key = document.uri.toString();
  const pendingSave = ourSaves.get(key);
  // Dirty only because our previous click's save is still running is not the person's typing.
  const wasDirty = document.isDirty && !pendingSave;
  const applied = await applyThroughShownEditor(document, edits) ?? await applyThroughWorkspace(document, edits);
  if (!applied) return false;
  // A click on a clean file ends on disk, like the CLI; a file with unsaved typing stays unsaved.
  // The edit is done once applied: the save finishes in the background and only a failure speaks.
  if (options.saveIfClean && !wasDirty) {
    const save = (pendingSave ?? Promise.resolve(true)).then(() => document.save(), () => document.save());
    ourSaves.set(key, save);
    void save.then((saved) => {
      if (ourSaves.get(key) === save) ourSaves.delete(key);
      if (!saved) void vscode.window.showWarningMessage(`Kaizen: could not save ${vscode.workspace.asRelativePath(document.uri)}; the change is in the editor, unsaved`);
    });
  }
  return true;
}

const rangeOf = (document: vscode.TextDocument, e: TextEdit) => new vscode.Range(document.positionAt(e.start), document.positionAt(e.end));

/**
 * A note shown in an editor (where a lens is clicked) is edited through that editor: VS Code applies it to the
 * editor's model directly, without its bulk-edit service (measured on ten years of notes: p95 50–61 ms against
 * 74–77 ms for the same edit as a WorkspaceEdit), and refuses it if the text changed since the edits were planned.
 * Undefined when no editor shows it or the editor closed meanwhile: then the workspace applies it.
 */
async function applyThroughShownEditor(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean | undefined> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  if (!editor) return undefined;
  try {
    return await editor.edit((builder) => {
      for (const e of edits) builder.replace(rangeOf(document, e), e.text);
    });
  } catch {
    return undefined;
  }
}

async function applyThroughWorkspace(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, rangeOf(document, e), e.text);
  return vscode.workspace.applyEdit(edit);
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs writes to one file one after another. Two clicks in quick succession would otherwise both
 * plan against the text before the first edit landed, and VS Code would refuse the second edit;
 * in turn, the second plans against the first's result (and usually finds nothing left to do).
 */
export function oneAtATime<T>(file: string, write: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(write, write);
  queues.set(file, next);
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file);
  }).catch(() => {});
  return next;
}

const created = new vscode.EventEmitter<vscode.Uri>();
/** Files this extension created: no editor event says so, and a watcher may miss a note in a new folder. */
export const onDidCreateFile = created.event;

/** Opens a file (creating it with `initial` text when missing) as a document. */
export async function openOrCreate(uri: vscode.Uri, initial: () => string): Promise<{ document: vscode.TextDocument; created: boolean }> {
  try {
    await vscode.workspace.fs.stat(uri);
    return { document: await vscode.workspace.openTextDocument(uri), created: false };
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(initial()));
    created.fire(uri);
    return { document: await vscode.workspace.openTextDocument(uri), created: true };
  }
}

/** Whether a file or folder is there (through the workspace file system). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows a file where it is already open (another editor group, a background tab) instead of opening a
 * second copy of it in the active group; else opens it in the active group.
 */
export async function revealFile(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const key = uri.toString();
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  if (visible) return vscode.window.showTextDocument(visible.document, { viewColumn: visible.viewColumn, preview: false });
  for (const group of vscode.window.tabGroups.all) {
    const tab = group.tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key);
    if (tab) return vscode.window.showTextDocument(uri, { viewColumn: group.viewColumn, preview: false });
  }
  return vscode.window.showTextDocument(uri);
}

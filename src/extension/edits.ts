// Applies the shared core's text edits to a document through its editor or a WorkspaceEdit: undoable like
// typing, no "file on disk is newer" conflicts, and the result checked.
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
  // The edits' offsets are into this version of the text: a later one is refused, never edited at stale offsets.
  const version = document.version;
  const changes = edits.map((e) => ({ range: new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), text: e.text }));
  const applied = await applyThroughShownEditor(document, changes, version) ?? await applyThroughWorkspace(document, changes, version);
  if (!applied) return false;
  // A click on a clean file ends on disk, like the CLI; a file with unsaved typing stays unsaved.
  // The edit is done once applied: the save finishes in the background and only a failure speaks.
  if (options.saveIfClean && !wasDirty) {
    const saveNow = () => saveKeepingUndo(document);
    const save = (pendingSave ?? Promise.resolve(true)).then(saveNow, saveNow);
    ourSaves.set(key, save);
    void save.then((saved) => {
      if (ourSaves.get(key) === save) ourSaves.delete(key);
      if (!saved) void vscode.window.showWarningMessage(`Kaizen: could not save ${vscode.workspace.asRelativePath(document.uri)}; the change is in the editor, unsaved`);
    });
  }
  return true;
}

/**
 * Saves the document. An undo (or redo) made while VS Code records the save can bring the editor back to the text it
 * last saved before: VS Code then calls the editor clean although the file holds the text this save wrote (a lens
 * click undone at once, in code-server 9 times in 20). The file is then saved again from what the editor shows.
 */
export async function saveKeepingUndo(document: vscode.TextDocument): Promise<boolean> {
  const text = document.getText();
  const saved = await document.save();
  if (!saved || document.isDirty || document.isClosed || document.getText() === text) return saved;
  // Only when the file holds exactly what this save wrote: another program's write, or what a save step (format on
  // save, a final newline) made of the text, is not this save's to redo.
  if (!(await fileHolds(document, text)) || document.isDirty || document.isClosed) return saved;
  // Saved even though VS Code calls it clean (workspace.save forces it); it needs an editor showing the note.
  if (await vscode.workspace.save(document.uri)) return saved;
  const where = vscode.workspace.asRelativePath(document.uri);
  void vscode.window.showWarningMessage(`Kaizen: ${where} on disk is not what the editor shows (an undo came while it `
    + 'was being saved); type any change and save to write what you see');
  return saved;
}

/** Whether the file, decoded as the document is (a byte order mark aside), is `text`. */
async function fileHolds(document: vscode.TextDocument, text: string): Promise<boolean> {
  try {
    const bytes = await vscode.workspace.fs.readFile(document.uri);
    const disk = await vscode.workspace.decode(bytes, { encoding: document.encoding });
    return disk.replace(/^\uFEFF/, '') === text;
  } catch {
    return false;
  }
}

interface RangeChange { range: vscode.Range; text: string }

/**
 * A note shown in an editor (where a lens is clicked) is edited through that editor: VS Code applies it to the
 * editor's model directly, without its bulk-edit service (medians 21.5–25.9 ms against 23.1–28.3 ms for the same edit
 * as a WorkspaceEdit, six runs on ten years of notes). Undefined — the workspace applies it then — when no editor
 * shows it or the editor closed before the edit; false when the text changed since the edits were planned, or the
 * editor took the edit without changing the text (a read-only editor, such as the left side of a comparison).
 */
async function applyThroughShownEditor(document: vscode.TextDocument, changes: readonly RangeChange[], version: number): Promise<boolean | undefined> {
  const active = vscode.window.activeTextEditor;
  const editor = active?.document === document ? active : vscode.window.visibleTextEditors.find((e) => e.document === document);
  if (!editor) return undefined;
  let applied: boolean;
  try {
    applied = await editor.edit((builder) => {
      for (const c of changes) builder.replace(c.range, c.text);
    });
  } catch {
    return undefined;
  }
  // Not applied: the text changed since (refused), or the editor went away before it (the workspace tries).
  if (!applied) return document.version !== version ? false : undefined;
  // The document's change arrives before the edit's answer; without one, the editor took an edit that changed
  // nothing. Applying it again through the workspace could apply it twice, so it is refused, after a last look.
  return document.version !== version || (await changedWithin(document, version, UNCHANGED_EDIT_WAIT_MS));
}

const UNCHANGED_EDIT_WAIT_MS = 300;

function changedWithin(document: vscode.TextDocument, version: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== document || document.version === version) return;
      done(true);
    });
    const timer = setTimeout(() => done(document.version !== version), ms);
    function done(changed: boolean): void {
      clearTimeout(timer);
      listener.dispose();
      resolve(changed);
    }
  });
}

async function applyThroughWorkspace(document: vscode.TextDocument, changes: readonly RangeChange[], version: number): Promise<boolean> {
  if (document.version !== version) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const c of changes) edit.replace(document.uri, c.range, c.text);
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

// The journal's file-system interface over vscode.workspace.fs, with unsaved editors taken into
// account: what a person typed and has not saved yet is what the numbers count.
import * as vscode from 'vscode';
import { insideJournal, type EntryKind, type JournalFileSystem } from '../journal/file-system.js';

const encoder = new TextEncoder();

function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'other';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** A file of the journal as a URI; throws for a path built from journal text that would leave it. */
export function journalUri(root: string, rel: string): vscode.Uri {
  return vscode.Uri.file(insideJournal(root, rel));
}

export function openDocumentAt(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
}

/**
 * An open document with unsaved changes. A saved one is its file, and the file is the newer of the two
 * while VS Code catches up with a change on disk (git pull, the CLI, a note deleted and written again).
 */
export function unsavedDocumentAt(path: string): vscode.TextDocument | undefined {
  const open = openDocumentAt(path);
  return open?.isDirty ? open : undefined;
}

export const workspaceFileSystem: JournalFileSystem = {
  async readFile(path) {
    const open = unsavedDocumentAt(path);
    if (open) return encoder.encode(open.getText());
    return vscode.workspace.fs.readFile(vscode.Uri.file(path));
  },
  async readDirectory(path) {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(path));
    return entries.map(([name, type]): [string, EntryKind] => [name, kindOf(type)]);
  },
  async stat(path) {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.file(path));
      return { kind: kindOf(s.type), size: s.size, mtimeMs: s.mtime };
    } catch {
      return null;
    }
  },
};

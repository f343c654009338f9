// The journal's file-system interface over vscode.workspace.fs, with unsaved editors taken into
// account: what a person typed and has not saved yet is what the numbers count. The journal's paths
// are the `path` of the workspace folder's URI and below; a file's URI is joined from the folder's URI,
// so the same code reads a local disk, a remote one, or github.dev's virtual file system.
import * as vscode from 'vscode';
import { insideJournal, relativeTo, type EntryKind, type JournalFileSystem } from '../journal/file-system.js';
import type { GeneratedFileStore } from '../journal/generated-files.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'other';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

function folderPath(uri: vscode.Uri): string {
  return uri.path.length > 1 ? uri.path.replace(/\/+$/, '') : uri.path;
}

/** The journal path of a workspace folder (or of a file in one): its URI's path. */
export function pathOfUri(uri: vscode.Uri): string {
  return folderPath(uri);
}

/** The URI of a journal path, joined from the workspace folder that holds it (the first one's file system else). */
export function uriOfPath(path: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders) {
    const rel = relativeTo(folderPath(folder.uri), path);
    if (rel !== null) return rel === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
  }
  const first = folders[0];
  if (!first) throw new Error(`no workspace folder is open to hold ${path}`);
  return first.uri.with({ path });
}

/** A file of the journal as a URI; throws for a path built from journal text that would leave it. */
export function journalUri(root: string, rel: string): vscode.Uri {
  return uriOfPath(insideJournal(root, rel));
}

export function openDocumentAt(path: string): vscode.TextDocument | undefined {
  let uri: string | undefined;
  // The path first (cheap, and run for every file of a read), the whole URI only for a candidate.
  return vscode.workspace.textDocuments.find((d) => d.uri.path === path && d.uri.toString() === (uri ??= uriOfPath(path).toString()));
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
    return vscode.workspace.fs.readFile(uriOfPath(path));
  },
  async readDirectory(path) {
    const entries = await vscode.workspace.fs.readDirectory(uriOfPath(path));
    return entries.map(([name, type]): [string, EntryKind] => [name, kindOf(type)]);
  },
  async stat(path) {
    try {
      const s = await vscode.workspace.fs.stat(uriOfPath(path));
      return { kind: kindOf(s.type), size: s.size, mtimeMs: s.mtime };
    } catch {
      return null;
    }
  },
};

function isMissing(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

/**
 * Generated reports and charts written through the workspace's file system. On a virtual one there is
 * no lock or atomic rename: one provider write replaces a file, after the text it held was checked.
 */
export function workspaceGeneratedFiles(root: string): GeneratedFileStore {
  const uri = (rel: string) => journalUri(root, rel);
  return {
    async read(rel) {
      try {
        const s = await vscode.workspace.fs.stat(uri(rel));
        return s.type & vscode.FileType.Directory ? '' : decoder.decode(await vscode.workspace.fs.readFile(uri(rel)));
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async write(rel, text) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri(rel), '..'));
      await vscode.workspace.fs.writeFile(uri(rel), encoder.encode(text));
    },
    exists: async (rel) => vscode.workspace.fs.stat(uri(rel)).then(() => true, () => false),
    async list(folder) {
      try {
        return (await vscode.workspace.fs.readDirectory(uri(folder))).map(([name]) => name);
      } catch {
        return [];
      }
    },
    async remove(rel) {
      try {
        await vscode.workspace.fs.delete(uri(rel), { useTrash: false });
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    },
  };
}

// The journal reads through this small interface: the CLI hands it node:fs, the extension
// vscode.workspace.fs. Paths are absolute and use `/` separators.

import { JournalError } from '../model/errors.js';

export type EntryKind = 'file' | 'directory' | 'other';

export interface FileStat {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  /**
   * What git's index keeps to tell that a file is unchanged without reading it. Absent where the file
   * system cannot say (an editor's unsaved buffer, a virtual file system): the content decides there.
   */
  signature?: FileSignature;
}

export interface FileSignature {
  /** Size, mtime and ctime in nanoseconds, inode and device: an equal key is the same, unchanged file. */
  key: string;
  /**
   * The mtime (ns since the epoch). As for git, it alone says whether an entry is racily clean: a write
   * after the read gives an mtime of its own time, equal to the recorded one only when that was as recent.
   */
  mtimeNs: bigint;
  /** The key's numbers (size, mtime ms, ctime ms, inode, device), where the key is made of them. */
  parts?: readonly number[];
}

export interface JournalFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Entries of a folder; symbolic links are reported as `other` and never followed. */
  readDirectory(path: string): Promise<[name: string, kind: EntryKind][]>;
  /** Null when nothing is there. */
  stat(path: string): Promise<FileStat | null>;
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/').replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The absolute path of a journal-relative path built from journal text (a goal id, a period label, a
 * configured folder): refused when it would leave the journal, whatever face builds it.
 */
export function insideJournal(root: string, rel: string): string {
  const parts: string[] = [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' || part.includes('\\') || part.includes('\0')) {
      throw new JournalError(`"${rel}" is not a path inside the journal; nothing was written`);
    }
    parts.push(part);
  }
  if (parts.length === 0 || rel.startsWith('/')) throw new JournalError(`"${rel}" is not a path inside the journal; nothing was written`);
  return joinPath(root, ...parts);
}

/** `child` relative to `root` with `/` separators, or null when it is not inside root. */
export function relativeTo(root: string, child: string): string | null {
  const base = root.endsWith('/') ? root : `${root}/`;
  if (child === root) return '';
  return child.startsWith(base) ? child.slice(base.length) : null;
}

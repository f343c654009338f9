// The journal reads through this small interface: the CLI hands it node:fs, the extension
// vscode.workspace.fs. Paths are absolute and use `/` separators.

export type EntryKind = 'file' | 'directory' | 'other';

export interface FileStat {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
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

/** `child` relative to `root` with `/` separators, or null when it is not inside root. */
export function relativeTo(root: string, child: string): string | null {
  const base = root.endsWith('/') ? root : `${root}/`;
  if (child === root) return '';
  return child.startsWith(base) ? child.slice(base.length) : null;
}

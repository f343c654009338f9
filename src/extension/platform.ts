// What differs between the extension's two entries: the Node host (desktop, a remote, code-server) has a
// disk, a persistent parse cache and git; the browser's web worker (vscode.dev, github.dev) has none of them.
// Everything else is one code path over vscode.workspace.fs.
import type * as vscode from 'vscode';
import type { JournalFileSystem } from '../journal/file-system.js';
import type { ResultCache } from '../journal/result-cache.js';
import type { JournalIndex } from './journal-index.js';

export interface PersistentCache extends ResultCache {
  save(): Promise<void>;
}

export interface Platform {
  readonly kind: 'node' | 'web';
  /** What the index reads through: `base`, plus the stat data a persistent cache trusts where there is a disk. */
  readingFileSystem(base: JournalFileSystem, unsaved: (path: string) => boolean, root: string): JournalFileSystem;
  /** Parse results kept across sessions (shared with the CLI); none on the web, where the cache is memory only. */
  persistentCache(root: string, options: { cacheDirectory?: string }): PersistentCache | undefined;
  /** The commands only this platform can run (git sync setup needs git and a disk). */
  register(context: vscode.ExtensionContext, index: JournalIndex): void;
}

/** Commands the Node entry registers and the web entry does not: hidden there by `!isWeb` in the manifest. */
export const NODE_ONLY_COMMANDS: readonly string[] = ['kaizen.setUpGitSync'];

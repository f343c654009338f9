// Node-only: where a journal path is on this computer's disk, for what node:fs and git read there.
import type * as vscode from 'vscode';
import { uriOfPath } from './workspace-fs.js';

/** The disk path of a journal path; null for any other file system (a remote's, a virtual one). */
export function diskPath(path: string): string | null {
  const uri: vscode.Uri = uriOfPath(path);
  return uri.scheme === 'file' ? uri.fsPath.split('\\').join('/') : null;
}

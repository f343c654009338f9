// The core's messages are written for a terminal and Markdown (`kaizen sync setup`, `due`); VS Code
// shows toasts, Problems and quick-fix titles as plain text, where backticks are noise and a path from
// the root of the disk hides the file's name at the end of a cut-off toast.
import * as vscode from 'vscode';
import { pathOfUri } from './workspace-fs.js';

/** `code` → ‘code’, and paths inside the workspace relative to it. */
export function plainWords(message: string): string {
  let text = message.replace(/`([^`\n]+)`/g, '‘$1’');
  // The core names files by journal paths: the folder's URI path and below, whatever its file system.
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = pathOfUri(folder.uri);
    if (root !== '/') text = text.split(`${root}/`).join('');
  }
  return text;
}

// "Kaizen: Set up git sync" — the CLI's `kaizen sync setup` from the editor, for trusted workspaces:
// git will run a program on merges, so an untrusted folder never gets that config from us.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { JournalError } from '../model/errors.js';
import { refreshDriverShim, setUpGitSync } from '../journal/sync-setup.js';
import type { JournalIndex } from './journal-index.js';
import { requireJournal } from './commands.js';
import { diskPath } from './disk-path.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = dir && path.join(dir, name);
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * How git should start the merge driver: an installed `kaizen`, else Node and the CLI this extension
 * ships, else the editor's own runtime acting as Node.
 */
export function driverProgram(extensionPath: string): string {
  if (onPath('kaizen')) return 'kaizen';
  const script = path.join(extensionPath, 'dist', 'kaizen.cjs');
  if (!fs.existsSync(script)) throw new JournalError('the kaizen command is not installed: install it (npm install -g kaizen-journal), then set up git sync again');
  const node = onPath('node');
  if (node) return `${quote(node)} ${quote(script)}`;
  return `ELECTRON_RUN_AS_NODE=1 ${quote(process.execPath)} ${quote(script)}`;
}

export function registerGitSync(context: vscode.ExtensionContext, index: JournalIndex): void {
  const output = vscode.window.createOutputChannel('Kaizen git sync');
  // Offered only where git can run on the journal's folder: this host, a journal on this disk.
  const offer = () => void vscode.commands.executeCommand('setContext', 'kaizen.canSetUpGitSync', index.root !== null && diskPath(index.root) === index.root);
  context.subscriptions.push(index.onDidChange(offer));
  offer();
  // After an update the extension's folder has a new version in its name: the shim git starts is
  // pointed at this one, so the merge driver keeps starting (never when the folder is not trusted).
  if (vscode.workspace.isTrusted) {
    void index.current().then(async (journal) => {
      if (journal && diskPath(journal.layout.root) === journal.layout.root) await refreshDriverShim(journal.layout.root, driverProgram(context.extensionPath));
    }).catch(() => undefined);
  }
  context.subscriptions.push(output, vscode.commands.registerCommand('kaizen.setUpGitSync', async () => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Kaizen: git sync makes git run a program on merges, so it is set up only in a trusted workspace. Trust this folder first (Manage Workspace Trust).');
      return false;
    }
    const journal = await requireJournal(index);
    if (!journal) return false;
    if (diskPath(journal.layout.root) !== journal.layout.root) {
      void vscode.window.showWarningMessage('Kaizen: git sync is set up in a journal on this computer\'s disk; this one is on another file system. Set it up where the repository is cloned (`kaizen sync setup`).');
      return false;
    }
    try {
      const steps = await setUpGitSync(journal.layout, driverProgram(context.extensionPath));
      output.clear();
      for (const s of steps) output.appendLine(`${s.changed ? 'added  ' : 'already'} ${s.what}\n        ${s.why}`);
      const added = steps.filter((s) => s.changed).length;
      const show = 'Show what was written';
      const message = added
        ? `Kaizen: git sync is set up (${added} lines and settings added): journal notes now merge by meaning on this device. Commit .gitattributes, and set it up once on each device (“Kaizen: Set up git sync”, or kaizen sync setup in a terminal).`
        : 'Kaizen: git sync was already set up on this device; nothing was changed.';
      void vscode.window.showInformationMessage(message, show).then((choice) => {
        if (choice === show) output.show(true);
      });
      return steps;
    } catch (e) {
      void vscode.window.showWarningMessage(`Kaizen: ${e instanceof JournalError ? e.message : `git sync could not be set up: ${e instanceof Error ? e.message : String(e)}`}`);
      return false;
    }
  }));
}

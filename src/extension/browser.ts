// Kaizen Journal for VS Code, the web worker's entry (`browser`): vscode.dev, github.dev, code-server's
// browser host. The same features over vscode.workspace.fs; no git, no persistent cache.
import type * as vscode from 'vscode';
import { activateKaizen, type KaizenApi } from './activate.js';
import { webPlatform } from './web-platform.js';

export type { KaizenApi } from './activate.js';

export function activate(context: vscode.ExtensionContext): Promise<KaizenApi> {
  return activateKaizen(context, webPlatform);
}

export function deactivate(): void {}

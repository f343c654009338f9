// Kaizen Journal for VS Code, the Node host's entry (`main`): the desktop, a remote, code-server.
import type * as vscode from 'vscode';
import { activateKaizen, type KaizenApi } from './activate.js';
import { nodePlatform } from './node-platform.js';

export type { KaizenApi } from './activate.js';

export function activate(context: vscode.ExtensionContext): Promise<KaizenApi> {
  return activateKaizen(context, nodePlatform);
}

export function deactivate(): void {}

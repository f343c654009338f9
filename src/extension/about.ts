// *Kaizen: About*: the extension's version and the journal format it reads and writes, the same line
// `kaizen --version` prints, so a bug report names both whichever face was used.
import * as vscode from 'vscode';
import { versionLine } from '../model/version.js';

export function registerAbout(context: vscode.ExtensionContext): void {
  let channel: vscode.OutputChannel | undefined;
  context.subscriptions.push(vscode.commands.registerCommand('kaizen.about', () => {
    const line = versionLine(String(context.extension.packageJSON.version ?? ''));
    channel ??= vscode.window.createOutputChannel('Kaizen Journal');
    channel.appendLine(`${line} · VS Code ${vscode.version} · ${context.extension.id}`);
    const copy = 'Copy';
    // Not awaited: the command answers at once, the notification stays until the person closes it.
    void vscode.window.showInformationMessage(line, copy).then(async (choice) => {
      if (choice === copy) await vscode.env.clipboard.writeText(line);
    });
    return line;
  }));
}

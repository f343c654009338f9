// Performance of the browser entry in the web worker, on the generated 10-year journal served from memory
// (tests/vscode/web/memfs-extension.ts): the measures of tests/vscode/perf.ts that mean the same in both hosts,
// printed side by side with the Node host's by `npm run bench:vscode`. It measures, it does not fail.
import * as vscode from 'vscode';
import type { KaizenApi } from '../../../src/extension/browser.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

export async function run(): Promise<void> {
  const host = await vscode.commands.executeCommand<{ results: string; worker: boolean }>('kaizenTest.host');
  const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' && vscode.env.uiKind === vscode.UIKind.Web;
  const api = await vscode.extensions.getExtension<KaizenApi>('kaizen-journal.kaizen-journal')!.activate();
  while (api.timings.indexMs === null) await sleep(50);
  const folder = api.index.rootUri!;
  const journal = api.index.journal!;
  const result: Record<string, number | boolean | string> = {
    inWorker, platform: api.platform, activationMs: api.timings.activationMs, indexReadyMs: api.timings.indexMs, files: journal.logs.length + journal.goals.length,
  };
  // The floor: every file read through vscode.workspace.fs, 32 at a time, nothing parsed.
  const every = [...journal.logs.map((l) => l.file), ...journal.goals.map((g) => g.file)];
  let started = performance.now();
  for (let i = 0; i < every.length; i += 32) await Promise.all(every.slice(i, i + 32).map((rel) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, rel))));
  result.readEveryFileMs = performance.now() - started;
  // A new index's first read: memory only on the web, so always cold.
  started = performance.now();
  const another = api.createIndex();
  await another.reload();
  result.firstReadMs = performance.now() - started;
  another.dispose();
  // CodeLens for the largest daily log of the last year, and a lens click until the edit is applied.
  const sizes = await Promise.all(journal.logs.slice(-365).map(async (l) => [l.file, (await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, l.file))).size] as const));
  const file = [...sizes].sort((a, b) => b[1] - a[1])[0]![0];
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, file));
  await vscode.window.showTextDocument(document);
  result.logBytes = document.getText().length;
  const lensTimes: number[] = [];
  let lenses: vscode.CodeLens[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    lenses = await api.codeLenses.provideCodeLenses(document);
    lensTimes.push(performance.now() - t);
  }
  result.lenses = lenses.length;
  result.codeLensMedianMs = percentile(lensTimes, 0.5);
  result.codeLensP95Ms = percentile(lensTimes, 0.95);
  const clicks: number[] = [];
  for (let i = 0; i < 22; i++) {
    const lens = (await api.codeLenses.provideCodeLenses(document)).find((l) => l.command?.command === 'kaizen.toggleTask')!;
    const t = performance.now();
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    clicks.push(performance.now() - t);
    await sleep(300);
    await api.index.current();
    await sleep(200);
  }
  result.firstClickMs = clicks[0]!;
  result.clickMedianMs = percentile(clicks.slice(2), 0.5);
  result.clickP95Ms = percentile(clicks.slice(2), 0.95);
  await vscode.workspace.fs.writeFile(vscode.Uri.parse(host.results), new TextEncoder().encode(JSON.stringify({ vscodeVersion: vscode.version, perf: result }, null, 2)));
}

// Runs extension-host tests one after another and writes their results where the launcher
// (scripts/test-vscode.mjs) waits for them: beside the workspace folder.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';

/** Polls until `probe` gives a value: the editor updates on its own time. */
export async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type Test = { name: string; fn: () => Promise<void> };

export async function runTests(tests: readonly Test[]): Promise<void> {
  const results: { name: string; ok: boolean; error?: string; ms: number }[] = [];
  // KAIZEN_HOST_ONLY=<regex> runs the matching tests (and the first, which activates the extension).
  const only = process.env.KAIZEN_HOST_ONLY ? new RegExp(process.env.KAIZEN_HOST_ONLY) : null;
  for (const t of tests.filter((t, i) => i === 0 || !only || only.test(t.name))) {
    const started = Date.now();
    try {
      await t.fn();
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e), ms: Date.now() - started });
    }
  }
  const out = process.env.KAIZEN_TEST_RESULTS ?? path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.', '..', 'vscode-results.json');
  fs.writeFileSync(out, JSON.stringify({ vscodeVersion: vscode.version, results }, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} extension tests failed`);
}

// Runs extension-host tests one after another and hands their results to `write`: the same runner in the
// Node host (results on disk) and in the browser's web worker (results through vscode.workspace.fs).
import * as vscode from 'vscode';

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
export type TestResult = { name: string; ok: boolean; error?: string; ms: number };

/** `only` runs the matching tests (and the first, which activates the extension). */
export async function runTestsWith(tests: readonly Test[], only: RegExp | null, write: (report: string) => Promise<void>): Promise<void> {
  const results: TestResult[] = [];
  for (const t of tests.filter((t, i) => i === 0 || !only || only.test(t.name))) {
    const started = Date.now();
    try {
      await t.fn();
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e), ms: Date.now() - started });
    }
  }
  await write(JSON.stringify({ vscodeVersion: vscode.version, results }, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} extension tests failed`);
}

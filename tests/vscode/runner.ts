// Runs extension-host tests in the Node host and writes their results where the launcher
// (scripts/test-vscode.mjs) waits for them: beside the workspace folder.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { runTestsWith, type Test } from './run-tests.js';

export { until, type Test } from './run-tests.js';

export async function runTests(tests: readonly Test[]): Promise<void> {
  // KAIZEN_HOST_ONLY=<regex> runs the matching tests (and the first, which activates the extension).
  const only = process.env.KAIZEN_HOST_ONLY ? new RegExp(process.env.KAIZEN_HOST_ONLY) : null;
  const out = process.env.KAIZEN_TEST_RESULTS ?? path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.', '..', 'vscode-results.json');
  await runTestsWith(tests, only, async (report) => fs.writeFileSync(out, report));
}

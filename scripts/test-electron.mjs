// The same extension-host suite (tests/vscode/suite.ts) on a desktop VS Code, for machines that
// can download one (this project's CI cannot: it runs the suite in code-server instead, see
// scripts/test-vscode.mjs).   node scripts/test-electron.mjs [--version 1.100.3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : '1.100.3';

await build({ entryPoints: ['tests/vscode/suite.ts'], outfile: 'dist-test/vscode-suite.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-electron-'));
const workspace = path.join(dir, 'journal');
fs.cpSync(path.join(project, 'samples/journal'), workspace, { recursive: true });
fs.rmSync(path.join(workspace, 'reports'), { recursive: true, force: true });
process.env.KAIZEN_TEST_RESULTS = path.join(dir, 'vscode-results.json');
try {
  await runTests({
    version,
    extensionDevelopmentPath: project,
    extensionTestsPath: path.join(project, 'dist-test/vscode-suite.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log(fs.readFileSync(process.env.KAIZEN_TEST_RESULTS, 'utf8'));
} catch (e) {
  if (fs.existsSync(process.env.KAIZEN_TEST_RESULTS)) console.error(fs.readFileSync(process.env.KAIZEN_TEST_RESULTS, 'utf8'));
  console.error(`the extension tests failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
}

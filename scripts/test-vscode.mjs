// The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) driven by Debian's
// Chromium through playwright-core, on loopback only.
//   (a) the extension-host suite (tests/vscode/suite.ts) with the real `vscode` API, loaded through
//       the workbench `payload` (extensionDevelopmentPath + extensionTestsPath);
//   (b) UI tests that install the packaged .vsix, click a CodeLens as a person does, read the file
//       from disk, and take screenshots into test-results/.
// Installs code-server and Chromium first when missing (scripts/setup-vscode.sh).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { reviewChecks } from '../tests/vscode/ui-review.mjs';
import { editingChecks } from '../tests/vscode/ui-editing.mjs';
import { firstRunChecks } from '../tests/vscode/ui-first-run.mjs';
import { peoplesView } from '../tests/vscode/ui-perf.mjs';
import { waitFor } from '../tests/vscode/wait.mjs';
import { browserOptions } from './browser-bundle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const CODE_SERVER = path.join(project, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const RESULTS = path.join(project, 'test-results');
const SAMPLE = path.join(project, 'samples/journal');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const only = process.argv[2]; // "host", "ui" or "ui-web" (the web-only package's UI tests) to run one part

// Every scratch folder (workspace, user data, extensions) is removed when the run ends, pass or fail.
const scratchDirs = [];
function scratchDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

// VS Code and code-server leave a socket per window in the temp folder (vscode-ipc-*.sock): those this run made
// and nothing listens on any more are removed when it ends (one a person's own VS Code listens on stays).
const ipcFolders = [...new Set([os.tmpdir(), process.env.XDG_RUNTIME_DIR].filter(Boolean))];
const ipcSockets = () => ipcFolders.flatMap((dir) => {
  try {
    return fs.readdirSync(dir).filter((name) => /^vscode-ipc-[\w-]+\.sock$/.test(name)).map((name) => path.join(dir, name));
  } catch {
    return [];
  }
});
const socketsBefore = new Set(ipcSockets());
const listeningOn = (socket) => new Promise((resolve) => {
  const connection = net.connect(socket);
  connection.once('connect', () => {
    connection.destroy();
    resolve(true);
  });
  connection.once('error', () => resolve(false));
});
async function removeLeftSockets() {
  // A server stopped at the end of the run may take a few seconds to let go of its socket.
  for (let attempt = 0; attempt < 20; attempt++) {
    let live = 0;
    for (const socket of ipcSockets()) {
      if (socketsBefore.has(socket)) continue;
      if (await listeningOn(socket)) live++;
      else fs.rmSync(socket, { force: true });
    }
    if (live === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function step(text) {
  console.log(`\n== ${text}`);
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: project, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}


/** A code-server of its own: fresh user data, loopback, no trust prompt or welcome page. */
async function startCodeServer(dir, workspace, extensionsDir) {
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'workbench.tips.enabled': false,
    'update.mode': 'none', 'files.autoSave': 'off', 'editor.codeLens': true, 'git.enabled': false,
  }));
  const port = await freePort();
  const log = fs.openSync(path.join(dir, 'code-server.log'), 'w');
  const child = spawn(process.execPath, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensionsDir, workspace], {
    stdio: ['ignore', log, log], detached: true, env: { KAIZEN_CACHE_DIR: path.join(dir, 'kaizen-cache'), ...process.env, KAIZEN_TEST_RESULTS: path.join(dir, 'vscode-results.json') },
  });
  await waitFor('code-server to listen', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 60_000);
  return {
    port, userData, log: path.join(dir, 'code-server.log'),
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch { /* already gone */ }
    },
  };
}

/** The sample as a living journal: without its reports, and without the as_of pin that keeps it at its last day. */
function freshWorkspace(dir) {
  const workspace = path.join(dir, 'journal');
  fs.cpSync(SAMPLE, workspace, { recursive: true });
  fs.rmSync(path.join(workspace, 'reports'), { recursive: true, force: true });
  const config = path.join(workspace, 'kaizen.yaml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^as_of:.*\n/m, ''));
  return workspace;
}

async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * Loads the extension from this folder and a test module into code-server's extension host
 * through the workbench payload, and returns what the module wrote to its results file.
 */
function printResults(results) {
  for (const r of results) {
    if (r.skipped) console.log(`  – ${r.name} (skipped: ${r.skipped})`);
    else console.log(`${r.ok ? '  ✓' : '  ✗'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n      ${r.error.split('\n').slice(0, 6).join('\n      ')}`}`);
  }
}

/**
 * UI checks the web-only package cannot pass in code-server's remote window, and why. There the built-in
 * Markdown extension runs in the Node host, and its preview does not get the `markdown.previewStyles` of an
 * extension in the worker's host (seen: the charts keep color-scheme "normal" in a dark preview). On vscode.dev
 * and github.dev both run in the worker.
 */
const WEB_UI_SKIPS = [
  { name: /opens the preview, whose charts follow a dark theme/, why: 'the preview style of a worker extension is not applied by the Node host\'s Markdown preview' },
];

/**
 * `web` runs the extension in the browser's web worker instead of the Node host: { folder: the workspace
 * folder's URI, prepare(dir, extensionsDir): installs what runs there and returns the one extension folder
 * to load for development, whose host (the worker's, for a web-only one) runs the test module inside it }.
 */
async function runInExtensionHost(prefix, workspaceFrom, testsModule, defaultTimeoutMs, web = null) {
  // A loaded machine (CI sharing its cores) may need longer: KAIZEN_HOST_TIMEOUT_S overrides.
  const timeoutMs = process.env.KAIZEN_HOST_TIMEOUT_S ? Number(process.env.KAIZEN_HOST_TIMEOUT_S) * 1000 : defaultTimeoutMs;
  const dir = scratchDir(prefix);
  const workspace = workspaceFrom(dir);
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(extensionsDir);
  const development = web ? web.prepare(dir, extensionsDir) : project;
  const server = await startCodeServer(dir, workspace, extensionsDir);
  const browser = await launchBrowser();
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    // A test module inside the development extension's folder runs in that extension's host. For `web`,
    // `extensionDevelopmentKind` asks for the worker, but code-server 4.100.3's workbench does not read it
    // (its environment names it extensionDevelopmentLocationKind), a manifest with `main` runs in the Node host
    // of a remote window, and the payload keeps one development path (a Map): the development extension is the
    // web-only file system helper, Kaizen is installed as a web-only .vsix, and the suite checks where it runs.
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(development)], ...(web ? [['extensionDevelopmentKind', 'web']] : []),
      ['extensionTestsPath', remote(path.join(development, testsModule))],
    ]);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The workbench's console (the web worker's extension host logs there): shown when a run fails.
    const consoleLog = path.join(dir, 'console.log');
    page.on('console', (m) => fs.appendFileSync(consoleLog, `${m.type()}: ${m.text()}\n`));
    const folder = web ? web.folder : workspace;
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
    const resultsFile = path.join(dir, 'vscode-results.json');
    await waitFor('the extension tests to report', () => fs.existsSync(resultsFile), timeoutMs);
    await page.screenshot({ path: path.join(RESULTS, `${path.basename(testsModule, '.cjs')}.png`) }).catch(() => {});
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch (e) {
    console.error(`code-server log: ${server.log}\n${fs.readFileSync(server.log, 'utf8').split('\n').slice(-30).join('\n')}`);
    const consoleLog = path.join(dir, 'console.log');
    if (fs.existsSync(consoleLog)) console.error(`browser console:\n${fs.readFileSync(consoleLog, 'utf8').split('\n').filter((l) => !/^(debug|verbose)/.test(l)).slice(-40).join('\n')}`);
    throw e;
  } finally {
    await browser.close();
    server.stop();
  }
}

async function hostSuite() {
  step('(a) extension-host suite with the real vscode API');
  const { vscodeVersion, results } = await runInExtensionHost('kaizen-vscode-host-', freshWorkspace, 'dist-test/vscode-suite.cjs', 240_000);
  console.log(`VS Code ${vscodeVersion}`);
  printResults(results);
  return results;
}

/**
 * This extension packaged web-only, staged in `folder`: the manifest without `main` (and without the CLI,
 * which needs Node), so VS Code runs its `browser` entry in the worker even where a Node host exists.
 */
function webOnlyVsix(folder) {
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  delete manifest.main;
  delete manifest.bin;
  // The worker loads an extension as an ES module (which it refuses) when the manifest says "type": "module"
  // and `main` does not end in .cjs: with `main` gone, the type goes too (the browser entry is CommonJS).
  delete manifest.type;
  fs.mkdirSync(path.join(folder, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const f of ['package.nls.json', 'dist/browser.js', 'LICENSE', 'CHANGELOG.md', '.vscodeignore']) fs.copyFileSync(path.join(project, f), path.join(folder, f));
  fs.cpSync(path.join(project, 'media'), path.join(folder, 'media'), { recursive: true });
  const vsix = path.join(folder, '..', `kaizen-journal-web-${manifest.version}.vsix`);
  sh(process.execPath, [path.join(project, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--readme-path', 'media/README.md', '--allow-missing-repository', '--out', vsix],
    { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

async function webSuite() {
  step('(a4) extension-host suite in the browser\'s web worker, over a virtual file system (kaizenmem:)');
  const { vscodeVersion, results } = await runInExtensionHost('kaizen-vscode-web-', freshWorkspace, 'tests/suite.js', 240_000,
    { folder: 'kaizenmem:/journal', prepare: inTheWorker('dist-test/vscode-web-suite.js') });
  console.log(`VS Code ${vscodeVersion}, web worker`);
  printResults(results);
  return results;
}

/**
 * Prepares a run in the browser's web worker: Kaizen as a web-only .vsix (its manifest without `main`),
 * installed; the test-only file system extension, loaded for development, with the journal of the run
 * (dir/journal) it serves from memory and the test module (`tests`, built) inside it as tests/suite.js.
 */
function inTheWorker(tests) {
  return (dir, extensionsDir) => {
    const vsix = webOnlyVsix(path.join(dir, 'kaizen-web'));
    sh(process.execPath, [CODE_SERVER, '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'ignore' });
    const folder = path.join(dir, 'kaizen-memfs');
    fs.mkdirSync(path.join(folder, 'tests'), { recursive: true });
    fs.copyFileSync(path.join(project, 'dist-test/memfs-extension.js'), path.join(folder, 'extension.js'));
    fs.copyFileSync(path.join(project, tests), path.join(folder, 'tests/suite.js'));
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({
      name: 'kaizen-memfs', publisher: 'kaizen-test', version: '0.0.1', engines: { vscode: '^1.100.0' },
      browser: './extension.js', activationEvents: ['*', 'onFileSystem:kaizenmem'],
    }));
    const journal = path.join(dir, 'journal');
    const files = {};
    const walk = (rel) => {
      for (const e of fs.readdirSync(path.join(journal, rel), { withFileTypes: true })) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(child);
        else files[child] = fs.readFileSync(path.join(journal, child), 'utf8');
      }
    };
    walk('');
    fs.writeFileSync(path.join(folder, 'journal.json'), JSON.stringify(files));
    return folder;
  };
}

async function vaultSuite() {
  step('(a3) extension-host suite in an Obsidian vault (no kaizen.yaml, nested daily notes)');
  const vault = (dir) => {
    const workspace = path.join(dir, 'vault');
    const write = (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(workspace, rel), text);
    };
    write('.obsidian/daily-notes.json', '{"folder":"Daily","format":"YYYY/MM/YYYY-MM-DD dddd","template":""}');
    write('goals/walk.md', '---\ntitle: Walk\nlead: true\nwhy: Energy\nstart: 2026-01-01\ndue: 2027-12-31\nhabit:\n  cadence: 3/week\n  minimum: Walk 5 minutes\n  standard: Walk 20 minutes\n---\n# Walk\n');
    write('Daily/2026/11/2026-11-20 Friday.md', '- [x] [[Walk]] standard\n');
    write('Daily/2026/11/2026-11-21 Saturday.md', '- [x] [[goals/walk.md]] minimum\n');
    write('Daily/2026/11/ideas.md', '# Ideas\n');
    return workspace;
  };
  const { results } = await runInExtensionHost('kaizen-vscode-vault-', vault, 'dist-test/vscode-vault.cjs', 120_000);
  printResults(results);
  return results;
}

async function notAJournalSuite() {
  step('(a2) extension-host suite in a folder that is not a journal');
  const notes = (dir) => {
    const workspace = path.join(dir, 'notes');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'notes.md'), '# Shopping\n\n- [ ] milk\n- [ ] bread\n');
    return workspace;
  };
  const { results } = await runInExtensionHost('kaizen-vscode-nojournal-', notes, 'dist-test/vscode-not-a-journal.cjs', 120_000);
  printResults(results);
  return results;
}

async function uiSuite(vsix, { web = false } = {}) {
  step(web ? '(b2) UI tests: the web-only .vsix (its manifest without `main`), run by the browser\'s web worker'
    : '(b) UI tests: the packaged .vsix, clicked as a person clicks');
  // The web run's screenshots go beside the desktop's, in their own folder.
  const RESULTS_HERE = web ? path.join(RESULTS, 'web') : RESULTS;
  fs.mkdirSync(RESULTS_HERE, { recursive: true });
  const dir = scratchDir(web ? 'kaizen-vscode-ui-web-' : 'kaizen-vscode-ui-');
  const workspace = freshWorkspace(dir);
  const extensionsDir = path.join(dir, 'extensions');
  sh(process.execPath, [CODE_SERVER, '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'ignore' });
  const installed = fs.readdirSync(extensionsDir).filter((n) => n.startsWith('kaizen-journal.kaizen-journal-'));
  const results = [];
  // KAIZEN_UI_ONLY=<regex> runs only the matching UI checks (for working on one of them).
  const only = process.env.KAIZEN_UI_ONLY ? new RegExp(process.env.KAIZEN_UI_ONLY) : null;
  const check = async (name, fn) => {
    if (only && !only.test(name)) return;
    const notOnWeb = web && WEB_UI_SKIPS.find((s) => s.name.test(name));
    if (notOnWeb) {
      results.push({ name, ok: true, skipped: notOnWeb.why, ms: 0 });
      return;
    }
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - started });
    } catch (e) {
      results.push({ name, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e), ms: Date.now() - started });
      await failureShot?.(`failed-${results.length}.png`);
    }
  };
  let failureShot = null;
  await check('the .vsix installs into code-server', async () => {
    if (installed.length !== 1) throw new Error(`installed: ${fs.readdirSync(extensionsDir)}`);
    const files = fs.readdirSync(path.join(extensionsDir, installed[0]));
    if (files.includes('node_modules') || files.includes('src')) throw new Error(`the package holds ${files}`);
    // Without `main` there is no Node entry to fall back on: every check below is the worker's doing.
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, installed[0], 'package.json'), 'utf8'));
    if (web && (manifest.main || !manifest.browser)) throw new Error(`not a web-only package: main ${manifest.main}, browser ${manifest.browser}`);
  });
  const server = await startCodeServer(dir, workspace, extensionsDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    failureShot = (name) => page.screenshot({ path: path.join(RESULTS_HERE, name) }).catch(() => {});
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const logPath = path.join(workspace, 'logs/2026/2026-11-22.md');
    // A folder of 100 logs is a virtual list: open that file through Quick Open, clicking its row.
    // Quick Open and the command palette: type, then click the row (Enter raced the result list).
    // A key pressed while a webview has focus opens the picker with the focus left in the webview, where the typed
    // text would go (the list stays unfiltered): the picker's input is focused before typing.
    const pick = async (key, text) => {
      await page.keyboard.press(key);
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.focus();
      await page.keyboard.type(text);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
      // Keys lost while the picker opened leave a list with nothing to click (once in CI): the text is set again.
      if (!(await row.waitFor({ timeout: 7_000 }).then(() => true, () => false))) {
        const held = await input.inputValue().catch(() => '(closed)');
        if (!(await input.isVisible())) await page.keyboard.press(key);
        await input.fill(`${key === 'F1' ? '>' : ''}${text}`);
        await row.waitFor({ timeout: 15_000 }).catch((e) => {
          throw new Error(`${e.message} (the picker held "${held}" before the text was set again)`);
        });
      }
      await row.click();
    };
    // The Kaizen view container in the activity bar: open (expanded) with one click.
    const showKaizen = async () => {
      const icon = page.locator('.activitybar .action-item [aria-label^="Kaizen"]').first();
      await icon.waitFor({ timeout: 20_000 });
      if (!(await page.locator('.sidebar .composite.title', { hasText: /Kaizen/i }).first().isVisible().catch(() => false))) await icon.click();
      await page.locator('.sidebar .composite.title', { hasText: /Kaizen/i }).first().waitFor({ timeout: 10_000 });
    };
    const runCommand = (title) => pick('F1', title);
    const quickOpen = async (name) => {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
      await pick('Control+P', name);
      await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    };
    await check('clicking "check" on a habit line writes the checkbox to disk', async () => {
      await quickOpen('2026-11-22.md');
      const before = fs.readFileSync(logPath, 'utf8');
      const lens = page.locator('.codelens-decoration a', { hasText: /check (minimum|standard)/ }).first();
      await lens.waitFor({ timeout: 60_000 });
      const label = await lens.innerText();
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-codelens-before.png') });
      await lens.click();
      const after = await waitFor('the file on disk to change', () => {
        const text = fs.readFileSync(logPath, 'utf8');
        return text !== before && text;
      }, 15_000);
      const changed = before.split('\n').map((l, i) => [l, after.split('\n')[i]]).filter(([a, b]) => a !== b);
      if (changed.length !== 1 || changed[0][1] !== changed[0][0].replace('- [ ]', '- [x]')) throw new Error(`unexpected change: ${JSON.stringify(changed)}`);
      if (!new RegExp(label.replace(/^.*check /, '').trim()).test(changed[0][1])) throw new Error(`the lens said "${label}" but changed ${changed[0][1]}`);
      const checkedLines = after.split('\n').filter((l) => /^- \[x\] \[\[/.test(l)).length;
      await waitFor('an "uncheck" lens on the checked line', async () => (await page.locator('.codelens-decoration a', { hasText: /^uncheck$/ }).count()) === checkedLines, 15_000);
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-codelens-after.png') });
    });
    await check('a second click on a "check" lens before it catches up changes nothing more and warns of nothing', async () => {
      const before = fs.readFileSync(logPath, 'utf8');
      // Wait until the lenses show the file as it is (one "check" per unchecked habit line).
      const unchecked = before.split('\n').filter((l) => /^- \[ \] \[\[/.test(l)).length;
      const lenses = page.locator('.codelens-decoration a', { hasText: /check (minimum|standard)/ });
      await waitFor('lenses that match the file', async () => (await lenses.count()) === unchecked, 20_000);
      const lens = lenses.first();
      const box = await lens.boundingBox();
      await lens.click();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await waitFor('the file on disk to change', () => fs.readFileSync(logPath, 'utf8') !== before, 15_000);
      await page.waitForTimeout(2000);
      const after = fs.readFileSync(logPath, 'utf8');
      const changed = before.split('\n').map((l, i) => [l, after.split('\n')[i]]).filter(([a, b]) => a !== b);
      if (changed.length !== 1 || changed[0][1] !== changed[0][0].replace('- [ ]', '- [x]')) throw new Error(`two clicks changed ${JSON.stringify(changed)}`);
      const warnings = await page.locator('.notifications-toasts .notification-list-item', { hasText: 'Kaizen:' }).allInnerTexts();
      if (warnings.length) throw new Error(`the second click said: ${warnings.join(' | ')}`);
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-codelens-double-click.png') });
    });
    await check('a lens click that takes a goal to 50 % is celebrated with one notification', async () => {
      const spanish = path.join(workspace, 'goals/learn-spanish.md');
      const before = fs.readFileSync(spanish, 'utf8');
      try {
        await quickOpen('learn-spanish.md');
        const lens = page.locator('.codelens-decoration a', { hasText: /check task/ }).first();
        await lens.waitFor({ timeout: 30_000 });
        await lens.click();
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: '🎉 50 % of "Learn Spanish"' }).first();
        await toast.waitFor({ timeout: 15_000 });
        if ((await toast.locator('.monaco-button', { hasText: 'Open the review' }).count()) !== 1) throw new Error('the celebration has no "Open the review" button');
        await page.waitForTimeout(600);
        await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-celebration.png') });
      } finally {
        fs.writeFileSync(spanish, before);
      }
    });
    await check('F2 renames a goal across its logs (the file too, as one edit); Ctrl+Z undoes it in every file', async () => {
      const walk = (rel = '') => fs.readdirSync(path.join(workspace, rel), { withFileTypes: true }).flatMap((e) => {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.name.startsWith('.') || child === 'reports') return [];
        return e.isDirectory() ? walk(child) : e.name.endsWith('.md') ? [child] : [];
      });
      const before = new Map(walk().map((rel) => [rel, fs.readFileSync(path.join(workspace, rel), 'utf8')]));
      const linking = [...before].filter(([rel, t]) => rel.startsWith('logs/') && t.includes('[[read-daily]]')).length;
      const problems = () => page.locator('[id="status.problems"]').first().innerText().catch(() => '');
      const problemsBefore = await problems();
      try {
        // Quick Open's `file:line:column` puts the cursor inside the first [[read-daily]] link (line 10, column 12).
        const line = before.get('logs/2026/2026-11-20.md').split('\n').findIndex((l) => l.includes('[[read-daily]]')) + 1;
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
        await page.keyboard.type('2026-11-20.md');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: '2026-11-20.md' }).first().waitFor({ timeout: 30_000 });
        await page.keyboard.type(`:${line}:12`);
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: '2026-11-20.md' }).waitFor({ timeout: 15_000 });
        await waitFor('the cursor on the link', async () => /Ln \d+, Col 12/.test(await page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText().catch(() => '')), 10_000);
        await page.keyboard.press('F2');
        const box = page.locator('.rename-box input');
        await box.waitFor({ timeout: 15_000 });
        if ((await box.inputValue()) !== 'read-daily') throw new Error(`the rename box offers "${await box.inputValue()}"`);
        // Typed into the rename box itself: a key press must never land in the note instead.
        await box.fill('reading');
        await box.press('Enter');
        await waitFor('goals/reading.md on disk', () => fs.existsSync(path.join(workspace, 'goals/reading.md')) && !fs.existsSync(path.join(workspace, 'goals/read-daily.md')), 20_000);
        const renamed = await waitFor('every log rewritten and saved', () => {
          const now = walk().filter((rel) => rel.startsWith('logs/') && fs.readFileSync(path.join(workspace, rel), 'utf8').includes('[[reading]]'));
          return now.length === linking && now;
        }, 30_000);
        if (walk().some((rel) => /\[\[read-daily[\]|#]/.test(fs.readFileSync(path.join(workspace, rel), 'utf8')))) throw new Error('a link to read-daily is left');
        await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-rename.png') });
        // Undo from the editor where F2 was pressed: one Ctrl+Z takes back the whole rename (VS Code may ask first
        // whether to undo in all the files it touched: then "Undo in N Files").
        await page.locator('.tab.active', { hasText: '2026-11-20.md' }).click();
        await page.keyboard.press('Control+Z');
        const all = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in \d+ Files|Undo in All/ }).first();
        if (await all.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await all.click();
        await page.waitForTimeout(1000);
        await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-rename-undone.png') });
        await waitFor('goals/read-daily.md back', () => fs.existsSync(path.join(workspace, 'goals/read-daily.md')) && !fs.existsSync(path.join(workspace, 'goals/reading.md')), 20_000);
        await runCommand('File: Save All');
        await waitFor('every file as before the rename', () => [...before].every(([rel, text]) => fs.existsSync(path.join(workspace, rel)) && fs.readFileSync(path.join(workspace, rel), 'utf8') === text), 30_000);
        if (renamed.length < 10) throw new Error(`only ${renamed.length} logs were renamed`);
        // The notes' warnings while the links and the file were apart are gone once the journal is read again.
        await waitFor(`the Problems count back to "${problemsBefore.replace(/\s+/g, ' ')}"`, async () => (await problems()) === problemsBefore, 20_000);
      } catch (e) {
        await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-rename-failed.png') });
        throw e;
      } finally {
        for (const [rel, text] of before) {
          const abs = path.join(workspace, rel);
          if (!fs.existsSync(abs) || fs.readFileSync(abs, 'utf8') !== text) fs.writeFileSync(abs, text);
        }
        fs.rmSync(path.join(workspace, 'goals/reading.md'), { force: true });
        await runCommand('View: Revert and Close Editor').catch(() => {});
      }
    });
    await check('the status bar shows the lead goal', async () => {
      const item = page.locator('.statusbar-item', { hasText: / this week · streak \d+ weeks?$/ }).first();
      await item.waitFor({ timeout: 20_000 });
      const text = await item.innerText();
      // Which goal, then its week: "Rebuild my morning energy: 2/4 this week · streak 1 week".
      if (!/^Rebuild my morning energy: \d+\/\d+ this week · streak \d+ weeks?$/.test(text.trim())) throw new Error(`status bar says "${text}"`);
    });
    await check('the goals tree lists the goals in the Kaizen side bar', async () => {
      await showKaizen();
      await page.locator('.monaco-list-row', { hasText: 'Rebuild my morning energy' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-goals-tree.png') });
    });
    await check('the reminder: one notification with the minimum step and its buttons; "Log minimum" writes today\'s log', async () => {
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const todayLog = path.join(workspace, 'logs', today.slice(0, 4), `${today}.md`);
      await runCommand('Notifications: Clear All Notifications');
      await runCommand('Kaizen: Remind me now');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Rebuild my morning energy: Put on shoes and walk 5 minutes' }).first();
      await toast.waitFor({ timeout: 15_000 });
      const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
      if (buttons.join('|') !== "Log minimum|Log standard|Skip today|Open today's log") throw new Error(`the reminder's buttons: ${buttons.join(', ')}`);
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-reminder.png') });
      await toast.locator('.monaco-button', { hasText: 'Log minimum' }).click();
      await waitFor('today\'s minimum logged', () => fs.existsSync(todayLog) && fs.readFileSync(todayLog, 'utf8').includes('- [x] [[morning-energy]] minimum'), 15_000);
      fs.rmSync(todayLog);
    });
    await check('a click on a goal in the tree opens it; its "Log today: standard" lens logs today', async () => {
      const row = page.locator('.monaco-list-row', { hasText: 'Rebuild my morning energy' }).first();
      const opened = page.locator('.tab.active', { hasText: 'morning-energy.md' });
      await row.click();
      // Seen twice in CI, right after the reminder's own command ran: code-server answered "command not found"
      // for a moment. A second click tells a moment from a command that is really gone (it fails then).
      if (!(await opened.waitFor({ timeout: 7_000 }).then(() => true, () => false))) {
        console.log('    (the first click on the tree opened nothing; clicking again)');
        await row.click();
      }
      await opened.waitFor({ timeout: 15_000 });
      const lens = page.locator('.codelens-decoration a', { hasText: /^standard$/ }).first();
      await lens.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(RESULTS_HERE, 'ui-goal-lenses.png') });
      await lens.click();
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const todayLog = path.join(workspace, 'logs', today.slice(0, 4), `${today}.md`);
      await waitFor('today\'s log with the standard line checked', () => fs.existsSync(todayLog) && fs.readFileSync(todayLog, 'utf8').includes('- [x] [[morning-energy]] standard'), 15_000);
    });
    // The review panel's frame showing a heading (null: any period).
    const reviewFrame = (heading) => waitFor(`the review panel showing "${heading ?? 'a period'}"`, async () => {
      for (const frame of page.frames()) {
        const h1 = await frame.$('body[data-label] h1').catch(() => null);
        if (h1 && (heading === null || (await h1.innerText().catch(() => '')) === heading)) return frame;
      }
      return null;
    }, 30_000);
    const frameWithLabel = (label) => waitFor(`the review panel on ${label}`, async () => {
      for (const f of page.frames()) {
        const l = await f.locator('body[data-label]').getAttribute('data-label', { timeout: 200 }).catch(() => null);
        if (l && (label instanceof RegExp ? label.test(l) : l === label)) return f;
      }
      return null;
    }, 15_000);
    const theme = async (name, cls) => {
      await runCommand('Preferences: Color Theme');
      // The list is long and virtual: filter it to the theme's name first.
      await page.keyboard.type(name);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      await page.waitForFunction((c) => document.querySelector('.monaco-workbench')?.classList.contains(c), cls, { timeout: 20_000 });
      await page.waitForTimeout(1500);
    };
    await check('the review panel: opened from the palette, one week back, an answer saved, restored after a reload, light and dark', async () => {
      await runCommand('Kaizen: Open the review');
      let frame = await reviewFrame(`Week ${currentWeek()}`);
      // Step back week by week, as a person would, to the sample's last week.
      for (let i = 0; i < 200 && (await frame.locator('body').getAttribute('data-label')) !== '2026-W47'; i++) {
        const label = await frame.locator('body').getAttribute('data-label');
        await frame.click('button.nav >> nth=0');
        frame = await waitFor('the previous week', async () => {
          for (const f of page.frames()) {
            const l = await f.locator('body[data-label]').getAttribute('data-label', { timeout: 200 }).catch(() => null);
            if (l && l !== label) return f;
          }
          return null;
        }, 15_000);
      }
      frame = await reviewFrame('Week 2026-W47');
      await page.screenshot({ path: path.join(RESULTS_HERE, 'review-light.png') });
      const box = frame.locator('textarea').first();
      await box.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Typed in the review panel.');
      await frame.click('#save');
      const reviewFile = path.join(workspace, 'reviews/2026-W47.md');
      await waitFor('the saved answer on disk', () => fs.readFileSync(reviewFile, 'utf8').includes('Typed in the review panel.'), 15_000);
      await frame.locator('#status', { hasText: 'Saved to reviews/2026-W47.md' }).waitFor({ timeout: 10_000 });
      await runCommand('Developer: Reload Window');
      await page.waitForTimeout(2000);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      frame = await reviewFrame('Week 2026-W47');
      await theme('Dark Modern', 'vs-dark');
      await page.screenshot({ path: path.join(RESULTS_HERE, 'review-dark.png') });
      await theme('Light Modern', 'vs');
    });
    await reviewChecks({
      page, check, runCommand, reviewFrame, frameWithLabel, currentWeek, theme, workspace, results: RESULTS_HERE,
    });
    await editingChecks({ page, check, quickOpen, runCommand, workspace, results: RESULTS_HERE });
    await check('journal text cannot run as script in the review panel (real browser, every frame)', async () => {
      const evil = makeEvilJournal(path.join(dir, 'evil'));
      const dialogs = [];
      const consoleHits = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      page.on('console', (m) => { if (m.text().includes('kaizen-xss')) consoleHits.push(m.text()); });
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(evil)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      // The palette lists Kaizen's commands once the workbench has loaded the extension: its status item says so.
      await page.locator('.statusbar-item', { hasText: / weeks?$/ }).first().waitFor({ timeout: 30_000 });
      await runCommand('Kaizen: Open the review');
      const shown = await reviewFrame(`Week ${currentWeek()}`);
      await page.waitForTimeout(1500);
      const text = await shown.locator('body').innerText();
      for (const payload of ["<script>alert('kaizen-xss')</script>", '<img src=x onerror=', '<svg onload=']) {
        if (!text.includes(payload)) throw new Error(`the payload ${payload} is not shown as text`);
      }
      const counts = await shown.evaluate(() => ({
        scripts: [...document.querySelectorAll('script')].map((el) => `${el.getAttribute('src') ?? ''}|${el.textContent.slice(0, 80)}`), iframes: document.querySelectorAll('iframe').length,
        imgs: document.querySelectorAll('img').length, links: document.querySelectorAll('a[href]').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      }));
      // VS Code's webview host injects its own script; the only other one is the extension's media/review.js.
      const foreign = counts.scripts.filter((x) => !/\/media\/review\.js\|$/.test(x) && !/^\|\s*globalThis\.acquireVsCodeApi = \(function\(\) \{/.test(x));
      if (foreign.length || counts.iframes || counts.imgs || counts.links || counts.handlers) throw new Error(`unexpected elements: ${JSON.stringify(counts)}`);
      const answer = await shown.locator('textarea').first().inputValue();
      if (!answer.includes("</textarea><script>alert('kaizen-xss')</script>")) throw new Error(`the review answer is not shown as text: ${answer}`);
      await page.screenshot({ path: path.join(RESULTS_HERE, 'review-xss.png') });
      if (dialogs.length || consoleHits.length) throw new Error(`script ran: ${JSON.stringify({ dialogs, consoleHits })}`);
    });
    await firstRunChecks({ page, check, server, dir, showKaizen, results: RESULTS_HERE });
  } catch (e) {
    console.error(`code-server log: ${server.log}`);
    throw e;
  } finally {
    await browser.close();
    server.stop();
  }
  printResults(results);
  return results;
}

function currentWeek() {
  const d = new Date();
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) + 3);
  const jan1 = Date.UTC(day.getUTCFullYear(), 0, 1);
  return `${day.getUTCFullYear()}-W${String(1 + Math.floor((day.getTime() - jan1) / 86_400_000 / 7)).padStart(2, '0')}`;
}

/** A journal whose every piece of text is a script payload. */
function makeEvilJournal(root) {
  const day = (offset) => {
    const d = new Date();
    const u = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate() + offset));
    return u.toISOString().slice(0, 10);
  };
  const t = day(0);
  const y = day(-1);
  const x = "<script>alert('kaizen-xss')</script>";
  const img = "<img src=x onerror=alert('kaizen-xss')>";
  const svg = "<svg onload=alert('kaizen-xss')>";
  const frame = `"><iframe srcdoc="<script>parent.alert('kaizen-xss')</script>">`;
  const link = "[click me](javascript:alert('kaizen-xss'))";
  const q = (t) => JSON.stringify(t);
  const files = {
    'kaizen.yaml': 'goals: goals\n',
    'goals/evil.md': ['---', `title: ${q(`${x} ${frame}`)}`, 'lead: true', `why: ${q(`${img} ${link}`)}`, `start: ${day(-20)}`, `due: ${day(40)}`, 'habit:', '  cadence: 4/week',
      `  minimum: ${q(svg)}`, `  standard: ${q(x)}`, 'metric:', `  name: ${q(svg)}`, `  unit: ${q(img)}`, '  target: 100', '---', `# ${x}`, '', '## Stages', `### ${frame}`,
      `- [x] ${img} ✅ ${y}`, `- [x] ${link} ✅ ${t}`, `- [ ] ${x}`, '', '## Milestones', `- [x] ${svg} ✅ ${t}`, ''].join('\n'),
    'goals/wish.md': ['---', `title: ${q(svg)}`, `why: ${q(frame)}`, '---', ''].join('\n'),
    [`logs/${y.slice(0, 4)}/${y}.md`]: ['---', `date: ${y}`, 'energy: 3', '---', '## Habits', `- [x] [[evil]] standard: ${x} [value:: 5]`, '## Notes', `${x} ${img} ${link}`, ''].join('\n'),
    [`logs/${t.slice(0, 4)}/${t}.md`]: ['---', `date: ${t}`, '---', `- [x] [[evil]] minimum: ${svg}`, ''].join('\n'),
    [`reviews/${currentWeek()}.md`]: ['---', `period: ${currentWeek()}`, '---', '<!-- kaizen:begin summary -->', '<!-- kaizen:end summary -->', '', '## What went well', '', `</textarea><script>alert('kaizen-xss')</script> ${img}`, ''].join('\n'),
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function perfSuite() {
  step('VS Code performance on a generated 10-year journal');
  const data = path.join(project, 'bench/.data/journal-10y-200g');
  if (!fs.existsSync(data)) sh(process.execPath, ['bench/gen-journal.mjs', '--out', data, '--years', '10', '--goals', '200', '--end', '2026-11-15']);
  const copy = (dir) => {
    const workspace = path.join(dir, 'journal');
    fs.cpSync(data, workspace, { recursive: true });
    return workspace;
  };
  if (process.env.KAIZEN_PERF_UI === 'only') return printPeoplesView(data);
  const { vscodeVersion, perf } = await runInExtensionHost('kaizen-vscode-perf-', copy, 'dist-test/vscode-perf.cjs', 900_000);
  const f = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(`VS Code ${vscodeVersion}, ${perf.files} files`);
  console.log('| measure | value | target |\n|---|---:|---:|');
  console.log(`| activation | ${f(perf.activationMs)} ms | ≤ 150 ms |`);
  console.log(`| index ready in the background (progress in the status bar) | ${f(perf.indexReadyMs)} ms | — |`);
  console.log(`| reading every file through vscode.workspace.fs (the floor, same run) | ${f(perf.readEveryFileMs)} ms | — |`);
  console.log(`| first read of a new index, cold (empty parse cache) / warm (stat-validated cache) | ${f(perf.firstReadColdMs)} / ${f(perf.firstReadWarmMs)} ms | ≤ 3 s / ≤ 1 s |`);
  console.log(`| first read ÷ reading every file: cold / warm | ${(perf.firstReadColdMs / perf.readEveryFileMs).toFixed(2)} / ${(perf.firstReadWarmMs / perf.readEveryFileMs).toFixed(2)} × | — |`);
  console.log(`| memory one index over the journal keeps (heap after a full GC, read warm) | ${f(perf.indexHeapMb)} MB | ≤ 50 MB |`);
  console.log(`| extension host RSS with the index | ${f(perf.extensionHostRssMb)} MB | — |`);
  console.log(`| CodeLens for a ${perf.logBytes}-byte daily log (${perf.lenses} lenses), median / p95 | ${f(perf.codeLensMedianMs)} / ${f(perf.codeLensP95Ms)} ms | p95 ≤ 5 ms |`);
  console.log(`| lens click until the edit is applied, median / p95 (100 clicks after the first two) | ${f(perf.clickMedianMs)} / ${f(perf.clickP95Ms)} ms | ≤ 50 ms |`);
  console.log(`| VS Code's own round trip for one edit, same run (the floor under a click), median / p95 | ${f(perf.bareEditMedianMs)} / ${f(perf.bareEditP95Ms)} ms | — |`);
  console.log(`| the same edit on the clicked note without the command (note shown with its lenses, saved), median / p95 | ${f(perf.sameNoteEditMedianMs)} / ${f(perf.sameNoteEditP95Ms)} ms | — |`);
  console.log(`| the same edit through the shown editor (TextEditor.edit), median / p95 | ${f(perf.sameEditorEditMedianMs)} / ${f(perf.sameEditorEditP95Ms)} ms | — |`);
  console.log(`| the same edit through the editor on a copy of the note outside the journal (nothing of Kaizen runs), median / p95 | ${f(perf.outsideEditMedianMs)} / ${f(perf.outsideEditP95Ms)} ms | — |`);
  console.log(`| the first lens click after opening the file | ${f(perf.firstClickMs)} ms | — |`);
  console.log(`| numbers, lenses and Problems updated after an edit (debounce included), median | ${f(perf.refreshAfterEditMedianMs)} ms | — |`);
  console.log(`| a keystroke until the note's Problems entry changes, median / p95 | ${f(perf.keystrokeDiagnosticsMedianMs)} / ${f(perf.keystrokeDiagnosticsP95Ms)} ms | p95 ≤ 50 ms |`);
  console.log(`| a keystroke until the lens / status-bar / tree numbers change (no debounce), median / p95 | ${f(perf.keystrokeNumbersMedianMs)} / ${f(perf.keystrokeNumbersP95Ms)} ms | p95 ≤ 50 ms |`);
  // KAIZEN_PERF_WEB=1: the same journal in the browser's web worker, served from memory (no persistent cache there).
  if (process.env.KAIZEN_PERF_WEB === '1') {
    const { perf: web } = await runInExtensionHost('kaizen-vscode-perf-web-', copy, 'tests/suite.js', 900_000,
      { folder: 'kaizenmem:/journal', prepare: inTheWorker('dist-test/vscode-web-perf.js') });
    if (!web.inWorker) throw new Error('the web perf run did not run in the browser\'s web worker');
    console.log(`\nThe same journal, side by side: the Node host (disk, persistent cache) and the browser's web worker (in-memory file system, no persistent cache)`);
    console.log('| measure | Node host | web worker |\n|---|---:|---:|');
    console.log(`| activation | ${f(perf.activationMs)} ms | ${f(web.activationMs)} ms |`);
    console.log(`| index ready in the background | ${f(perf.indexReadyMs)} ms | ${f(web.indexReadyMs)} ms |`);
    console.log(`| reading every file through vscode.workspace.fs | ${f(perf.readEveryFileMs)} ms | ${f(web.readEveryFileMs)} ms |`);
    console.log(`| first read of a new index (Node: warm cache; web: memory only, so cold) | ${f(perf.firstReadWarmMs)} ms | ${f(web.firstReadMs)} ms |`);
    console.log(`| CodeLens for the largest recent log, median / p95 | ${f(perf.codeLensMedianMs)} / ${f(perf.codeLensP95Ms)} ms | ${f(web.codeLensMedianMs)} / ${f(web.codeLensP95Ms)} ms |`);
    console.log(`| lens click until the edit is applied, median / p95 | ${f(perf.clickMedianMs)} / ${f(perf.clickP95Ms)} ms | ${f(web.clickMedianMs)} / ${f(web.clickP95Ms)} ms |`);
    console.log(`| the first lens click | ${f(perf.firstClickMs)} ms | ${f(web.firstClickMs)} ms |`);
  }
  console.log(`| completion after [[ (${perf.completionItems} items), p95: Kaizen's provider / VS Code's whole round trip (all providers) | ${f(perf.ownCompletionP95Ms)} / ${f(perf.completionP95Ms)} ms | ≤ 20 ms |`);
  console.log(`| hover on a goal link, p95: Kaizen's provider / VS Code's whole round trip (all providers) | ${f(perf.ownHoverP95Ms)} / ${f(perf.hoverP95Ms)} ms | ≤ 20 ms |`);
  // KAIZEN_PERF_UI=0 leaves out the person's view, KAIZEN_PERF_UI=only runs it alone.
  if (process.env.KAIZEN_PERF_UI !== '0') await printPeoplesView(data);
}

async function printPeoplesView(data) {
  const f = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const both = await peoplesViewRun(packageVsix(), data);
  const alone = await peoplesViewRun(null, data);
  const row = (m) => `${f(m.median)} / ${f(m.p95)} ms`;
  console.log(`\nAs a person sees it: the packaged .vsix, timed in the browser from the mouse button or key going down until`
    + ` the page changes (${both.click.n} clicks of each kind and ${both['key:kaizen'].n} keys, after the first two; runs interleaved).`
    + ' A bare extension beside it puts its own lens over a task line, flipping the box through the editor and saving'
    + ' the note, nothing else, and shows the note\'s version in the status bar on each change; the last rows run it'
    + ' alone, without Kaizen.');
  console.log('| measure | median / p95 | target |\n|---|---:|---:|');
  console.log(`| lens click until the checkbox changes on screen | ${row(both.click)} | ≤ 50 ms |`);
  console.log(`| the bare extension's lens, same window, same note (Kaizen following the edit) | ${row(both.bare)} | — |`);
  console.log(`| lens click until the lens label follows (VS Code asks for lenses a moment after an edit) | ${row(both.clickLens)} | — |`);
  console.log(`| a typed key until the status bar's numbers change | ${row(both['key:kaizen'])} | ≤ 50 ms |`);
  console.log(`| the same key until the bare extension's status bar entry changes | ${row(both['key:echo'])} | — |`);
  console.log(`| without Kaizen: the bare extension's lens click / typed key | ${row(alone.bare)} · ${row(alone['key:echo'])} | — |`);
}

/**
 * The same journal as a person sees it: the packaged .vsix in code-server (with `vsix`; without it, the bare
 * extension alone), a lens clicked and a key typed in the browser (tests/vscode/ui-perf.mjs). The journal is pinned
 * to its last day, whose note gets the lead goal's minimum as its first habit line, unchecked (and no other line of
 * that goal), so each click and key changes the goal's day and with it the status bar.
 */
async function peoplesViewRun(vsix, data) {
  const dir = scratchDir('kaizen-vscode-perf-ui-');
  const workspace = path.join(dir, 'journal');
  fs.cpSync(data, workspace, { recursive: true });
  const config = path.join(workspace, 'kaizen.yaml');
  fs.appendFileSync(config, '\nas_of: 2026-11-15\n');
  const leadFile = fs.readdirSync(path.join(workspace, 'goals')).find((f) => /^lead: true$/m.test(fs.readFileSync(path.join(workspace, 'goals', f), 'utf8')));
  const goalText = fs.readFileSync(path.join(workspace, 'goals', leadFile), 'utf8');
  const lead = { id: leadFile.slice(0, -3), title: /^title: "?(.*?)"?$/m.exec(goalText)[1], minimum: /^ {2}minimum: "?(.*?)"?$/m.exec(goalText)[1] };
  const note = path.join(workspace, 'logs/2026/2026-11-15.md');
  const habit = `[[${lead.id}]] minimum: ${lead.minimum}`;
  const lines = fs.readFileSync(note, 'utf8').split('\n').filter((l) => !l.includes(`[[${lead.id}]]`));
  lines.splice(lines.indexOf('## Habits') + 1, 0, `- [ ] ${habit}`);
  const task = lines.find((l) => /^- \[[ x]\] [^[]/.test(l)).slice(6);
  fs.writeFileSync(note, lines.join('\n'));
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(extensionsDir);
  if (vsix) sh(process.execPath, [CODE_SERVER, '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'ignore' });
  const server = await startCodeServer(dir, workspace, extensionsDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${bareExtension(dir)}`]]);
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const bare = { name: 'bare', line: task, title: '^flip$' };
    const echo = { name: 'echo', text: 'echo ' };
    const seen = await peoplesView(page, {
      note: '2026-11-15.md', typed: { line: habit, number: lines.indexOf(`- [ ] ${habit}`) + 1 },
      ...(vsix ? { clicks: [{ name: 'click', line: habit, title: 'check minimum$|^uncheck$', follows: true }, bare], statuses: [{ name: 'kaizen', text: lead.title.slice(0, 12) }, echo] }
        : { clicks: [bare], statuses: [echo] }),
    }).catch(async (e) => {
      await page.screenshot({ path: path.join(RESULTS, 'perf-peoples-view-failed.png') }).catch(() => {});
      throw e;
    });
    await page.screenshot({ path: path.join(RESULTS, vsix ? 'perf-peoples-view.png' : 'perf-peoples-view-bare.png') }).catch(() => {});
    return seen;
  } finally {
    await browser.close();
    server.stop();
  }
}

/**
 * What a click and a keystroke cost VS Code itself: an extension that shows the note's version in the status bar
 * on each change and puts a "flip" lens over each task line (a checkbox without a goal link) whose command flips
 * that box through the editor and saves the note, as Kaizen's click does, with nothing read or planned.
 */
function bareExtension(dir) {
  const folder = path.join(dir, 'bare-extension');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({
    name: 'bare', publisher: 'kaizen-perf', version: '0.0.1', engines: { vscode: '^1.80.0' }, main: './extension.js', activationEvents: ['*'],
  }));
  fs.writeFileSync(path.join(folder, 'extension.js'), `const vscode = require('vscode');
exports.activate = (context) => {
  const item = vscode.window.createStatusBarItem('echo', vscode.StatusBarAlignment.Left, 40);
  item.text = 'echo 0';
  item.show();
  context.subscriptions.push(item, vscode.workspace.onDidChangeTextDocument((e) => { item.text = 'echo ' + e.document.version; }));
  context.subscriptions.push(vscode.commands.registerCommand('bare.flip', (line) => {
    const editor = vscode.window.activeTextEditor;
    const box = editor.document.lineAt(line).text[3];
    // Saved as a click saves, so the note is clean before each of Kaizen's clicks too.
    return editor.edit((b) => b.replace(new vscode.Range(line, 3, line, 4), box === ' ' ? 'x' : ' ')).then(() => { void editor.document.save(); });
  }));
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'markdown' }, {
    provideCodeLenses: (document) => document.getText().split('\\n').flatMap((text, line) => /^- \\[[ x]\\] [^[]/.test(text)
      ? [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: 'flip', command: 'bare.flip', arguments: [line] })]
      : []),
  }));
};
`);
  return folder;
}

function packageVsix() {
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  const vsix = path.join(project, 'dist-test', `kaizen-journal-${pkg.version}.vsix`);
  sh(process.execPath, [path.join(project, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--readme-path', 'media/README.md', '--allow-missing-repository', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  sh('bash', ['scripts/setup-vscode.sh']);
  step('building the extension test suite and packaging the .vsix');
  await build({ entryPoints: ['tests/vscode/suite.ts'], outfile: 'dist-test/vscode-suite.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
  await build({ entryPoints: ['tests/vscode/not-a-journal-suite.ts'], outfile: 'dist-test/vscode-not-a-journal.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
  await build({ entryPoints: ['tests/vscode/vault-suite.ts'], outfile: 'dist-test/vscode-vault.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
  // The browser's worker loads CommonJS modules by a `.js` name.
  const worker = (entry, outfile) => build({ ...browserOptions(entry), outfile, logLevel: 'warning', absWorkingDir: project });
  await worker('tests/vscode/web/suite.ts', 'dist-test/vscode-web-suite.js');
  await worker('tests/vscode/web/memfs-extension.ts', 'dist-test/memfs-extension.js');
  await worker('tests/vscode/web/perf.ts', 'dist-test/vscode-web-perf.js');
  if (only === 'perf') {
    await build({ entryPoints: ['tests/vscode/perf.ts'], outfile: 'dist-test/vscode-perf.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
    await perfSuite();
    await removeLeftSockets();
    return;
  }
  const vsix = packageVsix();
  const all = [];
  // KAIZEN_HOST_SUITES=main,nojournal,vault picks host suites; KAIZEN_HOST_ONLY=<regex> picks tests within them.
  const suites = (process.env.KAIZEN_HOST_SUITES ?? 'main,nojournal,vault,web').split(',');
  if (only !== 'ui' && only !== 'ui-web') {
    if (suites.includes('main')) all.push(...(await hostSuite()));
    if (suites.includes('nojournal')) all.push(...(await notAJournalSuite()));
    if (suites.includes('vault')) all.push(...(await vaultSuite()));
    if (suites.includes('web')) all.push(...(await webSuite()));
  }
  if (only !== 'host' && only !== 'ui-web') all.push(...(await uiSuite(vsix)));
  // "ui-web" runs only the UI tests of the web-only package.
  if (only !== 'host' && only !== 'ui') all.push(...(await uiSuite(webOnlyVsix(path.join(scratchDir('kaizen-vscode-web-vsix-'), 'kaizen-web')), { web: true })));
  await removeLeftSockets();
  const failed = all.filter((r) => !r.ok).length;
  const skipped = all.filter((r) => r.skipped).length;
  const passed = all.length - failed - skipped;
  console.log(`\nVS Code tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (screenshots in test-results/)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
  await removeLeftSockets().catch(() => {});
});

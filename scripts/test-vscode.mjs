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

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const CODE_SERVER = path.join(project, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const RESULTS = path.join(project, 'test-results');
const SAMPLE = path.join(project, 'samples/journal');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const only = process.argv[2]; // "host" or "ui" to run one part

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

async function waitFor(what, probe, timeoutMs) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
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
    stdio: ['ignore', log, log], detached: true, env: { ...process.env, KAIZEN_TEST_RESULTS: path.join(dir, 'vscode-results.json') },
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

function freshWorkspace(dir) {
  const workspace = path.join(dir, 'journal');
  fs.cpSync(SAMPLE, workspace, { recursive: true });
  fs.rmSync(path.join(workspace, 'reports'), { recursive: true, force: true });
  return workspace;
}

async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

async function hostSuite(vsix) {
  void vsix;
  step('(a) extension-host suite with the real vscode API');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-vscode-host-'));
  const workspace = freshWorkspace(dir);
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(extensionsDir);
  const server = await startCodeServer(dir, workspace, extensionsDir);
  const browser = await launchBrowser();
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(project)], ['extensionTestsPath', remote(path.join(project, 'dist-test/vscode-suite.cjs'))]]);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const resultsFile = path.join(dir, 'vscode-results.json');
    await waitFor('the extension tests to report', () => fs.existsSync(resultsFile), 240_000);
    await page.screenshot({ path: path.join(RESULTS, 'host-suite.png') }).catch(() => {});
    const { vscodeVersion, results } = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    console.log(`VS Code ${vscodeVersion}`);
    for (const r of results) console.log(`${r.ok ? '  ✓' : '  ✗'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n      ${r.error.split('\n').slice(0, 6).join('\n      ')}`}`);
    return results;
  } catch (e) {
    console.error(`code-server log: ${server.log}\n${fs.readFileSync(server.log, 'utf8').split('\n').slice(-30).join('\n')}`);
    throw e;
  } finally {
    await browser.close();
    server.stop();
  }
}

async function uiSuite(vsix) {
  step('(b) UI tests: the packaged .vsix, clicked as a person clicks');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-vscode-ui-'));
  const workspace = freshWorkspace(dir);
  const extensionsDir = path.join(dir, 'extensions');
  sh(process.execPath, [CODE_SERVER, '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'ignore' });
  const installed = fs.readdirSync(extensionsDir).filter((n) => n.startsWith('kaizen-journal.kaizen-journal-'));
  const results = [];
  const check = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - started });
    } catch (e) {
      results.push({ name, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e), ms: Date.now() - started });
    }
  };
  await check('the .vsix installs into code-server', async () => {
    if (installed.length !== 1) throw new Error(`installed: ${fs.readdirSync(extensionsDir)}`);
    const files = fs.readdirSync(path.join(extensionsDir, installed[0]));
    if (files.includes('node_modules') || files.includes('src')) throw new Error(`the package holds ${files}`);
  });
  const server = await startCodeServer(dir, workspace, extensionsDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const logPath = path.join(workspace, 'logs/2026/2026-11-22.md');
    // A folder of 100 logs is a virtual list: open that file through Quick Open, clicking its row.
    const quickOpen = async (name) => {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
      await page.keyboard.type(name);
      const result = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      await result.waitFor({ timeout: 15_000 });
      await result.click();
      await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    };
    await check('clicking "check" on a habit line writes the checkbox to disk', async () => {
      await quickOpen('2026-11-22.md');
      const before = fs.readFileSync(logPath, 'utf8');
      const lens = page.locator('.codelens-decoration a', { hasText: /check (minimum|standard)/ }).first();
      await lens.waitFor({ timeout: 60_000 });
      const label = await lens.innerText();
      await page.screenshot({ path: path.join(RESULTS, 'ui-codelens-before.png') });
      await lens.click();
      const after = await waitFor('the file on disk to change', () => {
        const text = fs.readFileSync(logPath, 'utf8');
        return text !== before && text;
      }, 15_000);
      const changed = before.split('\n').map((l, i) => [l, after.split('\n')[i]]).filter(([a, b]) => a !== b);
      if (changed.length !== 1 || changed[0][1] !== changed[0][0].replace('- [ ]', '- [x]')) throw new Error(`unexpected change: ${JSON.stringify(changed)}`);
      if (!new RegExp(label.replace(/^.*check /, '').trim()).test(changed[0][1])) throw new Error(`the lens said "${label}" but changed ${changed[0][1]}`);
      await page.locator('.codelens-decoration a', { hasText: /done · uncheck/ }).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(RESULTS, 'ui-codelens-after.png') });
    });
    await check('the status bar shows the lead goal', async () => {
      const item = page.locator('.statusbar-item', { hasText: / wk$/ }).first();
      await item.waitFor({ timeout: 20_000 });
      const text = await item.innerText();
      if (!/^\d+\/\d+ · \d+ wk$/.test(text.trim())) throw new Error(`status bar says "${text}"`);
    });
    await check('the goals tree lists the goals in the Explorer', async () => {
      const view = page.locator('.pane-header', { hasText: 'Kaizen Goals' }).first();
      await view.waitFor({ timeout: 20_000 });
      if ((await view.getAttribute('aria-expanded')) !== 'true') await view.click();
      await page.locator('.monaco-list-row', { hasText: 'Rebuild my morning energy' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(RESULTS, 'ui-goals-tree.png') });
    });
    await check('a click on a goal in the tree opens it; its "Log today: standard" lens logs today', async () => {
      await page.locator('.monaco-list-row', { hasText: 'Rebuild my morning energy' }).first().click();
      await page.locator('.tab.active', { hasText: 'morning-energy.md' }).waitFor({ timeout: 15_000 });
      const lens = page.locator('.codelens-decoration a', { hasText: /^standard$/ }).first();
      await lens.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(RESULTS, 'ui-goal-lenses.png') });
      await lens.click();
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const todayLog = path.join(workspace, 'logs', today.slice(0, 4), `${today}.md`);
      await waitFor('today\'s log with the standard line checked', () => fs.existsSync(todayLog) && fs.readFileSync(todayLog, 'utf8').includes('- [x] [[morning-energy]] standard'), 15_000);
    });
    await check('a folder without a journal shows "Create a journal"; clicking it makes one', async () => {
      const empty = path.join(dir, 'empty');
      fs.mkdirSync(empty);
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(empty)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      const view = page.locator('.pane-header', { hasText: 'Kaizen Goals' }).first();
      await view.waitFor({ timeout: 20_000 });
      if ((await view.getAttribute('aria-expanded')) !== 'true') await view.click();
      const button = page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Create a journal' }).first();
      await button.waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(RESULTS, 'ui-welcome.png') });
      await button.click();
      await waitFor('kaizen.yaml and a first goal', () => fs.existsSync(path.join(empty, 'kaizen.yaml')) && fs.existsSync(path.join(empty, 'goals/my-first-goal.md')), 20_000);
      await page.locator('.monaco-list-row', { hasText: 'My first goal' }).first().waitFor({ timeout: 20_000 });
    });
  } catch (e) {
    console.error(`code-server log: ${server.log}`);
    throw e;
  } finally {
    await browser.close();
    server.stop();
  }
  for (const r of results) console.log(`${r.ok ? '  ✓' : '  ✗'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n      ${r.error.split('\n').slice(0, 6).join('\n      ')}`}`);
  return results;
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  sh('bash', ['scripts/setup-vscode.sh']);
  step('building the extension test suite and packaging the .vsix');
  await build({ entryPoints: ['tests/vscode/suite.ts'], outfile: 'dist-test/vscode-suite.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: project });
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  const vsix = path.join(project, 'dist-test', `kaizen-journal-${pkg.version}.vsix`);
  sh(process.execPath, [path.join(project, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--readme-path', 'media/README.md', '--allow-missing-repository', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  const all = [];
  if (only !== 'ui') all.push(...(await hostSuite(vsix)));
  if (only !== 'host') all.push(...(await uiSuite(vsix)));
  const failed = all.filter((r) => !r.ok).length;
  console.log(`\nVS Code tests: ${all.length - failed} passed, ${failed} failed (screenshots in test-results/)`);
  console.log(`${all.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

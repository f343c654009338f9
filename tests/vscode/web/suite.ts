// The extension-host suite in the browser's web worker (code-server's, as vscode.dev's and github.dev's), over an
// in-memory file system under a scheme that is not `file` (tests/vscode/web/memfs-extension.ts): a person's
// journey — open the journal, log today from a lens, save the review, complete a [[link]], rename a goal.
// Bundled for the browser; it reads and writes only through vscode.workspace.fs, as the extension does.
import * as vscode from 'vscode';
import type { KaizenApi } from '../../../src/extension/browser.js';
import { NODE_ONLY_COMMANDS } from '../../../src/extension/platform.js';
import { isoWeekLabel, localDay } from '../../../src/model/dates.js';
import { runTestsWith, until, type Test } from '../run-tests.js';

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

const EXTENSION_ID = 'kaizen-journal.kaizen-journal';
const SCHEME = 'kaizenmem';
let api: KaizenApi;
let folder: vscode.Uri;
const today = () => localDay(new Date());
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const uri = (rel: string) => vscode.Uri.joinPath(folder, ...rel.split('/'));
const read = async (rel: string) => decoder.decode(await vscode.workspace.fs.readFile(uri(rel)));
const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(uri(rel), encoder.encode(text));
const exists = (rel: string) => Promise.resolve(vscode.workspace.fs.stat(uri(rel))).then(() => true, () => false);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(message: string): never {
  throw new Error(message);
}
const assert = {
  ok: (value: unknown, message = 'expected a true value') => value || fail(message),
  equal: <T>(actual: T, expected: T, message?: string) => Object.is(actual, expected) || fail(message ?? `${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`),
  match: (text: string, re: RegExp, message?: string) => re.test(text) || fail(message ?? `${JSON.stringify(text.slice(0, 400))} does not match ${re}`),
  deepEqual: (actual: unknown, expected: unknown) => JSON.stringify(actual) === JSON.stringify(expected) || fail(`${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`),
};

async function open(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(rel)));
}

async function lenses(rel: string): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(rel))) ?? [];
}

async function settle(): Promise<void> {
  await api.index.current();
  await sleep(350);
  await api.index.current();
}

/** Every Markdown file of the journal but the reports, relative: walked through the workspace's file system. */
async function walk(prefix = ''): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(prefix ? uri(prefix) : folder);
  const nested = await Promise.all(entries.map(async ([name, type]) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (name.startsWith('.') || rel === 'reports') return [];
    return type & vscode.FileType.Directory ? walk(rel) : name.endsWith('.md') ? [rel] : [];
  }));
  return nested.flat();
}

test('runs in the browser\'s web worker, on a journal in a file system that is not `file`', async () => {
  assert.ok(typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined', 'this suite runs in a web worker');
  assert.equal(vscode.env.uiKind, vscode.UIKind.Web, 'the web UI');
  const where = await vscode.commands.executeCommand<{ worker: boolean; uiKind: vscode.UIKind }>('kaizenTest.host');
  assert.ok(where.worker, 'the file system extension runs in the worker too');
  folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? fail('no workspace folder');
  assert.equal(folder.scheme, SCHEME);
  const ext = vscode.extensions.getExtension<KaizenApi>(EXTENSION_ID) ?? fail('Kaizen is not loaded in this (the worker\'s) extension host');
  api = await ext.activate();
  assert.equal(api.platform, 'web', 'the browser entry runs');
  await until('the journal root', () => api.index.root);
  assert.equal(api.index.rootUri?.toString(), folder.toString());
  await until('the goals', () => api.index.rows.length > 0);
  assert.deepEqual(api.index.rows.map((r) => r.goal.id), ['morning-energy', 'learn-spanish', 'read-daily', 'strength-training']);
});

test('every command is registered but git sync setup, which the palette hides here', async () => {
  const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('kaizen.')));
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
  const contributed = manifest.contributes.commands.map((c) => c.command);
  assert.deepEqual(contributed.filter((c) => !registered.has(c)), NODE_ONLY_COMMANDS);
  assert.ok(![...registered].some((c) => NODE_ONLY_COMMANDS.includes(c)), 'no Node-only command is registered in the worker');
});

test('a goal\'s "standard" lens logs today into a new note on the virtual file system', async () => {
  const goal = 'goals/morning-energy.md';
  const editor = await open(goal);
  const titleLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('# '));
  const lens = (await lenses(goal)).find((l) => l.range.start.line === titleLine && l.command?.title === 'standard') ?? fail('no "standard" lens on the title');
  const rel = api.index.journal!.dayNotePath(today());
  assert.equal(await exists(rel), false, `${rel} is not there yet`);
  assert.equal(await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])), true);
  const text = await until(`${rel} with the standard line checked`, async () => (await exists(rel)) && (await read(rel)).includes('- [x] [[morning-energy]] standard') && read(rel));
  assert.match(text, new RegExp(`^---\\ndate: ${today()}`));
  await until('the index to count it', () => api.index.loggedToday.get('morning-energy') === 'standard');
});

test('a habit lens in a log checks one character, saved to the virtual file system', async () => {
  const rel = 'logs/2026/2026-11-22.md';
  const before = await read(rel);
  const editor = await open(rel);
  const lens = (await lenses(rel)).find((l) => editor.document.lineAt(l.range.start.line).text.startsWith('- [ ]')) ?? fail('no unchecked habit lens');
  const line = lens.range.start.line;
  assert.equal(await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])), true);
  const after = await until('the saved file', async () => !editor.document.isDirty && (await read(rel)) !== before && read(rel));
  assert.equal(after.split('\n')[line], before.split('\n')[line]!.replace('- [ ]', '- [x]'));
  assert.equal(after.length, before.length, 'one character changed');
});

test('the review panel opens with a fresh nonce per render and saves the answers into reviews/', async () => {
  assert.equal(await vscode.commands.executeCommand('kaizen.openReview'), true);
  const panel = api.review() ?? fail('no review panel');
  assert.equal(panel.label, isoWeekLabel(today()));
  const nonceOf = () => /script-src &#39;nonce-([^&]+)&#39;/.exec(panel.panel.webview.html)?.[1] ?? fail('no nonce in the CSP');
  const first = nonceOf();
  await panel.receive({ type: 'navigate', kind: 'week', label: '2026-W47' });
  await panel.rendered;
  assert.ok(nonceOf() !== first, 'a fresh nonce per render (crypto.getRandomValues)');
  const rel = 'reviews/2026-W47.md';
  const before = await read(rel);
  assert.equal(await panel.receive({ type: 'save', kind: 'week', label: '2026-W47', answers: { 'What went well': 'Walked in the browser.' } }), true);
  const after = await read(rel);
  assert.match(after, /## What went well\n\n<!-- Name one thing, however small, that worked this week\. -->\n\nWalked in the browser\.\n/);
  const untouched = (t: string) => t.slice(t.indexOf('## What will I tweak'));
  assert.equal(untouched(after), untouched(before));
  // A review of a period without one is created with the CLI's template, in a folder the provider makes.
  assert.equal(await panel.receive({ type: 'save', kind: 'week', label: '2026-W48', answers: { 'What went well': 'A fresh start.' } }), true);
  assert.match(await read('reviews/2026-W48.md'), /^---\nperiod: 2026-W48\n---\n\n# Week 2026-W48 review\n[\s\S]*A fresh start\./);
  panel.panel.dispose();
});

test('completion after [[ lists the goals; hover and go to definition stay on the virtual file system', async () => {
  const rel = 'logs/2026/2026-11-13.md';
  const before = await read(rel);
  const editor = await open(rel);
  try {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n- [ ] [['));
    const at = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at, '[');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of ['morning-energy', 'read-daily', 'learn-spanish']) assert.ok(labels.includes(id), `${id} offered (got ${labels.join(', ')})`);
    await editor.edit((b) => b.insert(at, 'morning-energy]] minimum'));
    const link = editor.document.lineAt(editor.document.lineCount - 1).range.start.translate(0, 9);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, link);
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n'), /\*\*Rebuild my morning energy\*\*/);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, link);
    const target = targets[0] && ('uri' in targets[0] ? targets[0].uri : targets[0].targetUri);
    assert.equal(target?.toString(), uri('goals/morning-energy.md').toString());
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await write(rel, before);
  }
});

test('F2 renames a goal across its links and its file as one edit, and back byte for byte', async () => {
  const snapshot = async () => new Map(await Promise.all((await walk()).map(async (rel) => [rel, await read(rel)] as const)));
  const before = await snapshot();
  const rel = 'logs/2026/2026-11-20.md';
  const editor = await open(rel);
  const lineNo = editor.document.getText().split('\n').findIndex((l) => l.includes('[[read-daily]]'));
  const at = new vscode.Position(lineNo, editor.document.lineAt(lineNo).text.indexOf('[[read-daily]]') + 4);
  const rename = async (document: vscode.TextDocument, position: vscode.Position, name: string) => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, name);
    assert.ok(edit && edit.size > 1, 'one edit over several files');
    assert.ok(edit.entries().every(([u]) => u.scheme === SCHEME), 'every file of the edit is on the virtual file system');
    assert.ok(await vscode.workspace.applyEdit(edit, { isRefactoring: true }), 'VS Code applied the rename');
    await vscode.workspace.saveAll(false);
    await settle();
  };
  try {
    await rename(editor.document, at, 'reading');
    assert.ok((await exists('goals/reading.md')) && !(await exists('goals/read-daily.md')), 'the goal file was renamed');
    const after = await snapshot();
    assert.equal([...after.values()].some((t) => /\[\[read-daily[\]|#]/.test(t)), false, 'no link to the old id is left');
    assert.match(await read(rel), /\[\[reading\]\]/);
    await until('the index to see the renamed goal', () => api.index.rows.some((r) => r.goal.id === 'reading'));
    const goalDoc = await vscode.workspace.openTextDocument(uri('goals/reading.md'));
    await rename(goalDoc, new vscode.Position(0, 0), 'read-daily');
    const back = await snapshot();
    assert.deepEqual([...back.keys()].sort(), [...before.keys()].sort());
    for (const [k, text] of before) assert.equal(back.get(k), text, k);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('a report and its charts are written into the workspace', async () => {
  const report = await vscode.commands.executeCommand<string>('kaizen.generateReport', 'week', '2026-W47');
  assert.equal(report, 'reports/2026-W47.md');
  assert.match(await read(report), /^<!-- generated by kaizen report week/);
  const charts = (await vscode.workspace.fs.readDirectory(uri('reports/2026-W47'))).map(([name]) => name);
  assert.ok(charts.some((n) => n.endsWith('.svg')), `charts: ${charts.join(', ')}`);
  assert.equal(await vscode.commands.executeCommand<string>('kaizen.generateReport', 'week', '2026-W47'), report, 'written again, unchanged');
});

export async function run(): Promise<void> {
  const { results } = await vscode.commands.executeCommand<{ results: string }>('kaizenTest.host');
  await runTestsWith(tests, null, async (report) => vscode.workspace.fs.writeFile(vscode.Uri.parse(results), encoder.encode(report)));
}

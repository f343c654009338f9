// Extension-host tests in an Obsidian vault with no kaizen.yaml: daily notes in nested folders named by
// the vault's own format (.obsidian/daily-notes.json). The editor follows that layout: today's note is
// the existing one, lenses and links work in it, notes it cannot place are reported, nothing is
// written under a logs/ folder the vault does not have.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { KaizenApi } from '../../src/extension/extension.js';
import { compileDayFormat, formatDay, type DayFormat } from '../../src/model/date-format.js';
import { localDay } from '../../src/model/dates.js';
import { runTests, until, type Test } from './runner.js';

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });
const FORMAT = compileDayFormat('YYYY/MM/YYYY-MM-DD dddd') as DayFormat;

let root: string;
let api: KaizenApi;
const today = () => localDay(new Date());
const todayNote = () => `Daily/${formatDay(today(), FORMAT)}.md`;

test('reads the daily notes where the vault keeps them, and says from which setting', async () => {
  const ext = vscode.extensions.getExtension<KaizenApi>('kaizen-journal.kaizen-journal');
  assert.ok(ext);
  api = await ext.activate();
  root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  // Today's note, named by the vault's format, linking the goal with another case.
  fs.mkdirSync(path.dirname(path.join(root, todayNote())), { recursive: true });
  fs.writeFileSync(path.join(root, todayNote()), '# Today\n\n- [ ] [[Walk]] minimum\n- [ ] [[walk|a walk]] standard\n\nThoughts.\n');
  await api.index.reload();
  const journal = (await api.index.current())!;
  assert.equal(journal.layout.logSource, '.obsidian/daily-notes.json');
  assert.equal(journal.dayNotePath(today()), todayNote());
  assert.equal(journal.logs.filter((l) => l.date !== today()).length, 2);
  assert.equal(api.index.hasJournal, true);
});

test('"Open today\'s log" opens the existing note; lenses work on its links; nothing goes to logs/', async () => {
  assert.equal(await vscode.commands.executeCommand('kaizen.openToday'), true);
  const editor = vscode.window.activeTextEditor!;
  assert.equal(editor.document.uri.fsPath, path.join(root, todayNote()));
  const lenses = await until('lenses', async () => {
    const list = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
    return list && list.length >= 2 ? list : null;
  });
  const check = lenses.find((l) => /check minimum/.test(l.command?.title ?? ''))!;
  assert.equal(await vscode.commands.executeCommand(check.command!.command, ...(check.command!.arguments ?? [])), true);
  await until('the checked minimum on disk', () => fs.readFileSync(path.join(root, todayNote()), 'utf8').includes('- [x] [[Walk]] minimum'));
  assert.equal(await vscode.commands.executeCommand('kaizen.logHabit', 'walk', 'standard'), true);
  await until('the checked standard on disk', () => fs.readFileSync(path.join(root, todayNote()), 'utf8').includes('- [x] [[walk|a walk]] standard'));
  assert.equal(fs.existsSync(path.join(root, 'logs')), false, 'no logs/ folder in a vault that does not use one');
  const row = await until('today counted for the goal', async () => {
    await api.index.current();
    return api.index.rows.find((r) => r.goal.id === 'walk' && (r.stats.week?.done ?? 0) >= 1);
  });
  assert.ok(row);
});

test('a note the layout cannot place is reported where it is (Problems panel, information)', async () => {
  const uri = vscode.Uri.file(path.join(root, 'Daily/2026/11/ideas.md'));
  const diagnostics = await until('unplaced-notes', () => {
    const list = vscode.languages.getDiagnostics(uri);
    return list.length ? list : null;
  });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['unplaced-notes', vscode.DiagnosticSeverity.Information]]);
  assert.match(diagnostics[0]!.message, /1 Markdown file in Daily\/ is not read as a daily note \(daily notes: Daily\/YYYY\/MM\/YYYY-MM-DD dddd\.md, from \.obsidian\/daily-notes\.json\): 1 with no date in the name \(2026\/11\/ideas\.md\)/);
});

test("the vault's Obsidian Tasks settings, made while the editor is open, are read without a command", async () => {
  const settings = path.join(root, '.obsidian/plugins/obsidian-tasks-plugin/data.json');
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.writeFileSync(settings, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', nextStatusSymbol: ' ', type: 'DONE' }] } }));
  // No reload and no command: the file watcher alone brings the new statuses in.
  await until('the new status read', () => api.index.journal?.layout.tasks?.statuses.d?.type === 'DONE');
  // A person's pace: the file watcher attaches to a file that did not exist a moment ago.
  await new Promise((r) => setTimeout(r, 1000));
  fs.writeFileSync(settings, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', nextStatusSymbol: ' ', type: 'TODO' }] } }));
  await until('the changed status read', () => api.index.journal?.layout.tasks?.statuses.d?.type === 'TODO');
});

export const run = (): Promise<void> => runTests(tests);

// Extension-host tests in an ordinary folder (notes, no kaizen.yaml, no goals/): every command that
// writes refuses, writes nothing and offers "Create a journal"; that button makes one.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { KaizenApi } from '../../src/extension/extension.js';
import { CONFIG_TEXT, goalText } from '../../src/journal/templates.js';
import { addDays, localDay } from '../../src/model/dates.js';
import { runTests, type Test } from './runner.js';
import { scriptInputs } from './scripted-input.js';

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let api: KaizenApi;

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => !n.startsWith('.vscode')).sort();
}

/** Records warnings and answers them with `answer` (the button a person would click). */
function recordWarnings(answer: string | undefined): { said: { text: string; buttons: string[] }[]; restore: () => void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window.showWarningMessage;
  const said: { text: string; buttons: string[] }[] = [];
  window.showWarningMessage = async (text: string, ...items: unknown[]) => {
    said.push({ text, buttons: items.filter((i): i is string => typeof i === 'string') });
    return answer;
  };
  return { said, restore: () => { window.showWarningMessage = original; } };
}

test('activates in a folder that is not a journal, and knows it', async () => {
  const ext = vscode.extensions.getExtension<KaizenApi>('kaizen-journal.kaizen-journal');
  assert.ok(ext);
  api = await ext.activate();
  root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  await api.index.current();
  assert.equal(api.index.hasJournal, false);
});

test('every writing command refuses, writes nothing, and offers "Create a journal"', async () => {
  const before = listFiles(root);
  const notes = fs.readFileSync(path.join(root, 'notes.md'), 'utf8');
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, 'notes.md')));
  editor.selection = new vscode.Selection(2, 0, 2, 0);
  const commands: [string, unknown[]][] = [
    ['kaizen.openToday', []], ['kaizen.logHabit', ['walk', 'minimum']], ['kaizen.toggleTask', []], ['kaizen.newGoal', []],
    ['kaizen.createGoal', ['walk']], ['kaizen.generateReport', []], ['kaizen.openReview', []], ['kaizen.checkJournal', []],
    ['kaizen.setUpGitSync', []], ['kaizen.startSprint', []], ['kaizen.closeSprint', []],
  ];
  const warnings = recordWarnings(undefined);
  try {
    for (const [command, args] of commands) {
      const count = warnings.said.length;
      const result = await vscode.commands.executeCommand(command, ...args);
      assert.equal(result, false, `${command} refuses`);
      const said = warnings.said[count];
      assert.ok(said, `${command} says why`);
      assert.match(said.text, /not a journal yet/);
      assert.deepEqual(said.buttons, ['Create a journal'], command);
    }
  } finally {
    warnings.restore();
  }
  await sleep(300);
  assert.deepEqual(listFiles(root), before);
  assert.equal(fs.readFileSync(path.join(root, 'notes.md'), 'utf8'), notes);
});

test('"Create a journal" on the warning makes one, with the first goal made by the wizard (no placeholder)', async () => {
  const prompts: string[] = [];
  const answers: [RegExp, string | null][] = [
    [/achieve/, 'Walk every morning'], [/Why/, 'Energy for the kids'], [/How many days/, '4 times a week'],
    [/minimum/, 'Shoes on, walk 5 minutes'], [/standard/, 'Walk 20 minutes'], [/metric/, 'minutes walked, min, 1200'],
    [/Start date/, null], [/Due date/, null],
  ];
  const script = scriptInputs((shown) => {
    prompts.push(`${shown.title} ${shown.prompt}`);
    const answer = answers.find(([re]) => re.test(shown.prompt));
    if (!answer) return { hide: true };
    return answer[1] === null ? { enter: true } : { type: answer[1] };
  });
  const warnings = recordWarnings('Create a journal');
  try {
    assert.equal(await vscode.commands.executeCommand('kaizen.openToday'), false);
    const goal = path.join(root, 'goals/walk-every-morning.md');
    for (let i = 0; i < 100 && !fs.existsSync(goal); i++) await sleep(100);
    await sleep(300);
  } finally {
    warnings.restore();
    script.restore();
  }
  assert.ok(fs.existsSync(path.join(root, 'kaizen.yaml')));
  assert.deepEqual(fs.readdirSync(path.join(root, 'goals')), ['walk-every-morning.md']);
  const text = fs.readFileSync(path.join(root, 'goals/walk-every-morning.md'), 'utf8');
  assert.match(text, /^lead: true$/m);
  assert.match(text, /cadence: 4\/week/);
  assert.match(text, /minimum: "?Shoes on, walk 5 minutes"?$/m);
  assert.equal(prompts.length, 8, prompts.join('\n'));
  assert.match(prompts[0]!, /New goal \(1\/8\)/);
  for (let i = 0; i < 50 && api.index.rows.length === 0; i++) await sleep(100);
  const journal = await api.index.current();
  assert.equal(api.index.hasJournal, true);
  assert.equal(api.index.rows.length, 1, 'the new goal is in the index (the tree, the status bar)');
  const problems = journal!.diagnostics().filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line} ${d.code}`);
  assert.deepEqual(problems, [], 'the first goal has no warning on it');
  assert.equal(await vscode.commands.executeCommand('kaizen.openToday'), true);
});

/** A fresh journal with one 4/week goal and no logs/ folder (made here when the test before did not make one). */
async function freshJournal() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (!fs.existsSync(path.join(root, 'kaizen.yaml'))) fs.writeFileSync(path.join(root, 'kaizen.yaml'), CONFIG_TEXT);
  await api.index.reload();
  if (api.index.rows.length === 0) {
    const today = localDay(new Date());
    fs.mkdirSync(path.join(root, 'goals'), { recursive: true });
    fs.writeFileSync(path.join(root, 'goals/walk-every-morning.md'), goalText({ title: 'Walk every morning', why: 'Energy for the kids', cadence: '4/week',
      minimum: 'Shoes on, walk 5 minutes', standard: 'Walk 20 minutes', metric: null, start: today, due: addDays(today, 60), lead: true }));
  }
  await api.index.reload();
  const journal = (await api.index.current())!;
  fs.rmSync(path.join(root, journal.layout.logs), { recursive: true, force: true });
  await api.index.reload();
  return { journal, goal: api.index.rows[0]!.goal };
}

test('the first log of a fresh journal (a new logs/ folder) updates the status bar and the tree at once', async () => {
  const { journal, goal } = await freshJournal();
  const week = () => {
    const item = api.tree.getTreeItem(api.tree.getChildren(api.tree.getChildren()[0]!)[0]!);
    return { bar: api.statusBar.text, tree: String(item.description) };
  };
  // (A goal started this week has fewer days in it: the week's target is what the index says.)
  const target = api.index.rows[0]!.stats.week!.target;
  assert.ok(week().bar.includes(`0/${target} this week`), week().bar);
  const started = Date.now();
  assert.equal(await vscode.commands.executeCommand('kaizen.logHabit', goal.id, 'minimum'), true);
  // Counted when the command returns: no waiting for a file watcher.
  const ms = Date.now() - started;
  assert.ok(fs.existsSync(path.join(root, journal.dayNotePath(api.index.today()))), 'the note is in its new folder');
  assert.ok(week().bar.includes(`1/${target} this week`), `the status bar ${ms} ms after the click: ${week().bar}`);
  assert.ok(week().tree.includes(`1/${target} this week`), week().tree);
  // (How long the write itself takes depends on the machine: the numbers never wait for more than the write.)
  console.log(`logged and counted in ${ms} ms`);
});

test('a note written by another program into a new folder (the CLI, git pull) is counted within seconds', async () => {
  const { journal, goal } = await freshJournal();
  const target = api.index.rows[0]!.stats.week!.target;
  assert.ok(api.statusBar.text.includes(`0/${target} this week`), api.statusBar.text);
  const note = path.join(root, journal.dayNotePath(api.index.today()));
  fs.mkdirSync(path.dirname(note), { recursive: true });
  fs.writeFileSync(note, `# Today\n\n## Habits\n- [x] [[${goal.id}]] standard\n`);
  const started = Date.now();
  for (let i = 0; i < 200 && !api.statusBar.text.includes(`1/${target} this week`); i++) await sleep(50);
  assert.ok(api.statusBar.text.includes(`1/${target} this week`), `after ${Date.now() - started} ms: ${api.statusBar.text}`);
});

export const run = (): Promise<void> => runTests(tests);

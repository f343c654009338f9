// kaizen#29 as a person meets it on the command line: a goal whose micro-tasks use Obsidian Tasks'
// syntax is checked, counted and toggled as the plugin would.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal } from '../helpers.js';

const GOAL = [
  '---', 'title: Home in order', 'start: 2026-11-01', 'due: 2026-12-20', '---', '# Home in order', '', '## Stages', '### 1. Weekly',
  '- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫',
  '- [/] Half done task',
  '- [-] Cancelled task ❌ 2026-11-10',
  '- [x] Sorted the cupboard ✅ 2026-11-03',
  '- [ ] Plain task ✅ 2026-11-03',
  '- [ ] Odd one 🔁 every blue moon 📅 2026-11-30',
  '', '## Milestones', '- [-] Dropped milestone', '- [ ] Home tidy 📅 2026-12-01', '',
].join('\n');

describe('Obsidian Tasks lines on the command line', () => {
  it('check notes a ✅ on an unchecked task and a rule the plugin cannot read, at their columns', async () => {
    const root = makeJournal({ 'goals/home.md': GOAL });
    const r = await cli(['--dir', root, 'check', '--json']);
    const got = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'done-date-open' || d.code === 'bad-recurrence');
    expect(got).toEqual([
      expect.objectContaining({ file: 'goals/home.md', line: 14, column: 18, severity: 'warning', code: 'done-date-open' }),
      expect.objectContaining({ file: 'goals/home.md', line: 15, column: 18, severity: 'warning', code: 'bad-recurrence' }),
    ]);
    expect(got[1].message).toContain('"every blue moon" is not a recurrence Obsidian Tasks can read');
  });

  it('progress: in progress is open, cancelled is out of the denominator (1 of 5, not 1 of 6)', async () => {
    const root = makeJournal({ 'goals/home.md': GOAL });
    const r = await cli(['--dir', root, 'stats', '--json'], { now: new Date(2026, 10, 21, 12) });
    const goal = JSON.parse(r.stdout).goals.find((g: { id: string }) => g.id === 'home');
    expect(goal.progress).toBeCloseTo(20, 5);
    const text = await cli(['--dir', root, 'stats'], { now: new Date(2026, 10, 21, 12) });
    expect(text.stdout).toContain('1/5 micro-tasks · 1 in progress · 1 cancelled');
    // The report says the same, in its data and its Markdown.
    const report = await cli(['--dir', root, 'report', 'week', '2026-W47', '--as-of', '2026-11-21', '--json']);
    expect(JSON.parse(report.stdout).goals[0]).toMatchObject({ tasksTotal: 5, tasksChecked: 1, tasksInProgress: 1, tasksCancelled: 1 });
    await cli(['--dir', root, 'report', 'week', '2026-W47', '--as-of', '2026-11-21']);
    expect(fs.readFileSync(path.join(root, 'reports/2026-W47.md'), 'utf8')).toContain('1/5 micro-tasks · 1 in progress · 1 cancelled');
  });

  it('toggle writes the next occurrence above, moves the due date a week, keeps ⏫, and says the new line', async () => {
    const root = makeJournal({ 'goals/home.md': GOAL });
    const r = await cli(['--dir', root, 'toggle', 'goals/home.md:10', '--date', '2026-11-21']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('goals/home.md:11');
    const after = fs.readFileSync(path.join(root, 'goals/home.md'), 'utf8').split('\n');
    expect(after.slice(9, 11)).toEqual([
      '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫',
      '- [x] Water plants 🔁 every week 📅 2026-11-20 ⏫ ✅ 2026-11-21',
    ]);
    // A second toggle of the completed line undoes it and leaves the next occurrence (as Obsidian Tasks does).
    await cli(['--dir', root, 'toggle', 'goals/home.md:11', '--date', '2026-11-21']);
    const undone = fs.readFileSync(path.join(root, 'goals/home.md'), 'utf8');
    expect(undone).toBe(GOAL.replace('- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫', '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫\n- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫'));
  });

  it('kaizen.yaml `tasks: { recurrence: below }` writes it below; a bad value is an error at its line', async () => {
    const root = makeJournal({ 'kaizen.yaml': 'tasks:\n  recurrence: below\n', 'goals/home.md': GOAL });
    await cli(['--dir', root, 'toggle', 'goals/home.md:10', '--date', '2026-11-21']);
    const after = fs.readFileSync(path.join(root, 'goals/home.md'), 'utf8').split('\n');
    expect(after.slice(9, 11)).toEqual([
      '- [x] Water plants 🔁 every week 📅 2026-11-20 ⏫ ✅ 2026-11-21',
      '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫',
    ]);
    const bad = makeJournal({ 'kaizen.yaml': 'tasks:\n  recurrence: sideways\n', 'goals/home.md': GOAL });
    const r = await cli(['--dir', bad, 'check', '--json']);
    expect(JSON.parse(r.stdout).diagnostics).toContainEqual(expect.objectContaining({ file: 'kaizen.yaml', line: 2, code: 'bad-value' }));
  });

  it("the vault's data.json: its own done status counts, `recurrenceOnNextLine`, Dataview fields on a line without fields", async () => {
    const root = makeJournal({
      '.obsidian/plugins/obsidian-tasks-plugin/data.json': JSON.stringify({
        taskFormat: 'dataview', recurrenceOnNextLine: true,
        statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', nextStatusSymbol: ' ', type: 'DONE', availableAsCommand: true }] },
      }),
      'goals/home.md': GOAL.replace('- [/] Half done task', '- [d] Delegated task  [completion:: 2026-11-04]')
        .replace('- [x] Sorted the cupboard ✅ 2026-11-03', '- [ ] Sorted the cupboard'),
    });
    const progress = async () => JSON.parse((await cli(['--dir', root, 'stats', '--json'], { now: new Date(2026, 10, 21, 12) })).stdout).goals[0].progress;
    // Done: only the delegated task, of five (the cancelled one is out).
    expect(await progress()).toBeCloseTo(20, 5);
    for (const line of [11, 13, 10]) expect((await cli(['--dir', root, 'toggle', `goals/home.md:${line}`, '--date', '2026-11-21'])).code).toBe(0);
    const after = fs.readFileSync(path.join(root, 'goals/home.md'), 'utf8').split('\n');
    expect(after.slice(9, 16)).toEqual([
      // A line keeps the form of its own fields; the vault's form is for a line that has none.
      '- [x] Water plants 🔁 every week 📅 2026-11-20 ⏫ ✅ 2026-11-21',
      '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫',
      '- [ ] Delegated task',
      '- [-] Cancelled task ❌ 2026-11-10',
      '- [x] Sorted the cupboard  [completion:: 2026-11-21]',
      '- [ ] Plain task ✅ 2026-11-03',
      '- [ ] Odd one 🔁 every blue moon 📅 2026-11-30',
    ]);
    // Done: the watering and the cupboard, of six.
    expect(await progress()).toBeCloseTo((100 * 2) / 6, 5);
  });
});

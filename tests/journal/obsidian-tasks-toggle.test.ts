// A toggle on Obsidian Tasks' own lines, through the shared plan every face uses (CLI, VS Code lens, LSP
// action, sprint lens): the completed line gets its ✅ where the plugin puts it, a recurring task its next
// occurrence, and every other character stays. Expected lines are Obsidian Tasks' own where its tests give
// them (tests/Task/Task.test.ts, tests/Task/OnCompletion.test.ts; MIT).
import { describe, expect, it } from 'vitest';
import { planToggle } from '../../src/journal/plans.js';
import { tasksSettingsFromPlugin, type TasksSettings } from '../../src/model/task-status.js';

const HEAD = '---\ntitle: Chores\n---\n# Chores\n\n## Stages\n### 1. Home\n';

function toggle(body: string, line: number, today: string, tasks?: TasksSettings, head = HEAD): string {
  const text = `${head}${body}`;
  const offset = head.split('\n').length - 1;
  return planToggle(text, { file: 'goals/chores.md', line: line + offset, today, stampDoneDate: true, tasks }).text.slice(head.length);
}

describe('recurring tasks write their next occurrence', () => {
  it("the issue's line: next week's due date above, the ✅ on the completed line, ⏫ kept", () => {
    expect(toggle('- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫\n', 1, '2026-11-21')).toBe(
      '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫\n- [x] Water plants 🔁 every week 📅 2026-11-20 ⏫ ✅ 2026-11-21\n');
  });

  it("OnCompletion.test.ts: 'should just return trigger-less recurring task'", () => {
    expect(toggle('- [ ] A recurring task with no trigger 🔁 every day 📅 2024-02-10\n', 1, '2024-02-11')).toBe(
      '- [ ] A recurring task with no trigger 🔁 every day 📅 2024-02-11\n'
      + '- [x] A recurring task with no trigger 🔁 every day 📅 2024-02-10 ✅ 2024-02-11\n');
  });

  it("Task.test.ts: the next occurrence drops 🆔 and ⛔ (#2654), the completed line keeps them", () => {
    expect(toggle('- [ ] should remove *id* and *dependsOn* in next recurrence 🆔 id2 ⛔ id1 🔁 every day 📅 2024-02-13\n', 1, '2024-02-13')).toBe(
      '- [ ] should remove *id* and *dependsOn* in next recurrence 🔁 every day 📅 2024-02-14\n'
      + '- [x] should remove *id* and *dependsOn* in next recurrence 🆔 id2 ⛔ id1 🔁 every day 📅 2024-02-13 ✅ 2024-02-13\n');
  });

  it('start, scheduled and due move together; priority, created date, tags and the estimate stay as written', () => {
    const line = '- [ ] Review budget (1h) #money 🔼 🔁 every month ➕ 2026-01-02 🛫 2026-01-25 ⏳ 2026-01-28 📅 2026-01-31';
    expect(toggle(`${line}\n`, 1, '2026-01-30')).toBe(
      // Jan 31st → Feb 28th (the month-end rule); start and scheduled keep their 6 and 3 days before it.
      '- [ ] Review budget (1h) #money 🔼 🔁 every month ➕ 2026-01-02 🛫 2026-02-22 ⏳ 2026-02-25 📅 2026-02-28\n'
      + `${line.replace('[ ]', '[x]')} ✅ 2026-01-30\n`);
  });

  it('when done counts from the completion day', () => {
    expect(toggle('- [ ] Descale kettle 🔁 every 2 weeks when done 📅 2026-11-01\n', 1, '2026-11-21')).toBe(
      '- [ ] Descale kettle 🔁 every 2 weeks when done 📅 2026-12-05\n- [x] Descale kettle 🔁 every 2 weeks when done 📅 2026-11-01 ✅ 2026-11-21\n');
  });

  it('the block id stays on the completed line, after the ✅; the next occurrence has none', () => {
    expect(toggle('- [ ] Pay rent 🔁 every month 📅 2026-11-30 ^rent\n', 1, '2026-11-29')).toBe(
      '- [ ] Pay rent 🔁 every month 📅 2026-12-30\n- [x] Pay rent 🔁 every month 📅 2026-11-30 ✅ 2026-11-29 ^rent\n');
  });

  it('keeps the indentation, the list marker and a block quote', () => {
    const { settings } = tasksSettingsFromPlugin({ recurrenceOnNextLine: true });
    expect(toggle('- [ ] Last line, no break 🔁 every day 📅 2026-11-20', 1, '2026-11-20', settings)).toBe(
      '- [x] Last line, no break 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n- [ ] Last line, no break 🔁 every day 📅 2026-11-21');
    expect(toggle('- [ ] Parent\n    * [ ] Child 🔁 every day 📅 2026-11-20\n', 2, '2026-11-20')).toBe(
      '- [ ] Parent\n    * [ ] Child 🔁 every day 📅 2026-11-21\n    * [x] Child 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n');
    expect(toggle('> - [ ] Quoted 🔁 every day 📅 2026-11-20\n', 1, '2026-11-20')).toBe(
      '> - [ ] Quoted 🔁 every day 📅 2026-11-21\n> - [x] Quoted 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n');
  });

  it('below when the vault says so (recurrenceOnNextLine), with CRLF kept', () => {
    const { settings } = tasksSettingsFromPlugin({ recurrenceOnNextLine: true });
    const head = HEAD.replace(/\n/g, '\r\n');
    expect(toggle('- [ ] Bins out 🔁 every week on Monday, Friday 📅 2026-11-20\r\n- [ ] Other\r\n', 1, '2026-11-20', settings, head)).toBe(
      '- [x] Bins out 🔁 every week on Monday, Friday 📅 2026-11-20 ✅ 2026-11-20\r\n- [ ] Bins out 🔁 every week on Monday, Friday 📅 2026-11-23\r\n- [ ] Other\r\n');
  });

  it("setCreatedDate: the next occurrence is created today (its ➕ replaced, or added), as the plugin's createNextOccurrence does", () => {
    const { settings } = tasksSettingsFromPlugin({ setCreatedDate: true });
    expect(toggle('- [ ] Water 🔁 every week ➕ 2026-01-01 📅 2026-11-20\n', 1, '2026-11-21', settings)).toBe(
      '- [ ] Water 🔁 every week ➕ 2026-11-21 📅 2026-11-27\n- [x] Water 🔁 every week ➕ 2026-01-01 📅 2026-11-20 ✅ 2026-11-21\n');
    expect(toggle('- [ ] Water 🔁 every week 📅 2026-11-20 ^w\n', 1, '2026-11-21', settings)).toBe(
      '- [ ] Water 🔁 every week 📅 2026-11-27 ➕ 2026-11-21\n- [x] Water 🔁 every week 📅 2026-11-20 ✅ 2026-11-21 ^w\n');
  });

  it('the Dataview form: [completion:: …] with the two spaces the plugin writes, [repeat:: …] and [due:: …] moved', () => {
    expect(toggle('- [ ] Water plants [repeat:: every week]  [due:: 2026-11-20]\n', 1, '2026-11-21')).toBe(
      '- [ ] Water plants [repeat:: every week]  [due:: 2026-11-27]\n- [x] Water plants [repeat:: every week]  [due:: 2026-11-20]  [completion:: 2026-11-21]\n');
    const { settings } = tasksSettingsFromPlugin({ taskFormat: 'dataview' });
    expect(toggle('- [ ] Plain task\n', 1, '2026-11-21', settings)).toBe('- [x] Plain task  [completion:: 2026-11-21]\n');
    expect(toggle('- [x] Plain task  [completion:: 2026-11-21]\n', 1, '2026-11-22', settings)).toBe('- [ ] Plain task\n');
  });

  it('idempotent: completing, undoing and completing again writes one next occurrence; undoing never removes it', () => {
    const once = toggle('- [ ] Stretch 🔁 every day 📅 2026-11-20\n', 1, '2026-11-20');
    expect(once).toBe('- [ ] Stretch 🔁 every day 📅 2026-11-21\n- [x] Stretch 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n');
    const undone = toggle(once, 2, '2026-11-20');
    expect(undone).toBe('- [ ] Stretch 🔁 every day 📅 2026-11-21\n- [ ] Stretch 🔁 every day 📅 2026-11-20\n');
    expect(toggle(undone, 2, '2026-11-20')).toBe(once);
  });

  it('a task with no date recurs as the same line; a second completion does not add a third', () => {
    const once = toggle('- [ ] Call mum 🔁 every week\n', 1, '2026-11-20');
    expect(once).toBe('- [ ] Call mum 🔁 every week\n- [x] Call mum 🔁 every week ✅ 2026-11-20\n');
    expect(toggle(toggle(once, 2, '2026-11-20'), 2, '2026-11-20')).toBe(once);
  });

  it('a rule Obsidian Tasks cannot read, or an impossible due date, ends the recurrence (no new line), as in the plugin', () => {
    expect(toggle('- [ ] Odd 🔁 every blue moon 📅 2026-11-20\n', 1, '2026-11-20')).toBe('- [x] Odd 🔁 every blue moon 📅 2026-11-20 ✅ 2026-11-20\n');
    expect(toggle('- [ ] Leap 🔁 every day 📅 2026-02-30\n', 1, '2026-11-20')).toBe('- [x] Leap 🔁 every day 📅 2026-02-30 ✅ 2026-11-20\n');
  });

  it('a recurring task in a daily log also gets its ✅ and next occurrence (Obsidian Tasks does it in every note)', () => {
    const text = '# Day\n\n- [ ] Take vitamins 🔁 every day 📅 2026-11-20\n';
    const plan = planToggle(text, { file: 'logs/2026/2026-11-20.md', line: 3, today: '2026-11-20', stampDoneDate: false });
    expect(plan.text).toBe('# Day\n\n- [ ] Take vitamins 🔁 every day 📅 2026-11-21\n- [x] Take vitamins 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n');
    expect(plan.line).toBe(4);
    expect(plan.checked).toBe(true);
  });
});

describe('statuses', () => {
  it('[/] in progress completes to [x]; a recurring one writes its next occurrence open', () => {
    expect(toggle('- [/] Half done 🔁 every day 📅 2026-11-20\n', 1, '2026-11-20')).toBe(
      '- [ ] Half done 🔁 every day 📅 2026-11-21\n- [x] Half done 🔁 every day 📅 2026-11-20 ✅ 2026-11-20\n');
  });

  it('[-] cancelled reopens to [ ] and loses its ❌ date, as in the plugin; nothing recurs', () => {
    expect(toggle('- [-] Cancelled task 🔁 every day ❌ 2026-11-10\n', 1, '2026-11-20')).toBe('- [ ] Cancelled task 🔁 every day\n');
  });

  it("a vault's own statuses: a done symbol gets ✅, a cancelled one ❌, and the cycle is the vault's", () => {
    const { settings } = tasksSettingsFromPlugin({ statusSettings: { customStatuses: [
      { symbol: '>', name: 'Deferred', nextStatusSymbol: 'd', type: 'TODO' },
      { symbol: 'd', name: 'Delegated done', nextStatusSymbol: '~', type: 'DONE' },
      { symbol: '~', name: 'Dropped', nextStatusSymbol: ' ', type: 'CANCELLED' },
    ] } });
    expect(toggle('- [>] Ask Sam 🔁 every week 📅 2026-11-20\n', 1, '2026-11-20', settings)).toBe(
      '- [ ] Ask Sam 🔁 every week 📅 2026-11-27\n- [d] Ask Sam 🔁 every week 📅 2026-11-20 ✅ 2026-11-20\n');
    expect(toggle('- [d] Ask Sam ✅ 2026-11-20\n', 1, '2026-11-21', settings)).toBe('- [~] Ask Sam ❌ 2026-11-21\n');
  });

  it("an unknown symbol is an open task whose toggle checks it (Obsidian Tasks' unknown status)", () => {
    expect(toggle('- [?] Ask about it\n', 1, '2026-11-20')).toBe('- [x] Ask about it ✅ 2026-11-20\n');
  });
});

describe('Task.test.ts toggle done', () => {
  it('retains the block link', () => {
    expect(toggle('- [ ] this is a task 📅 2021-09-12 ^my-precious\n', 1, '2021-09-12')).toBe('- [ ] this is a task 📅 2021-09-12 ✅ 2021-09-12 ^my-precious\n'.replace('- [ ]', '- [x]'));
  });

  it('removes done date after untoggle', () => {
    expect(toggle('- [x] I thought I finished ✅ 2021-09-12\n', 1, '2021-09-13')).toBe('- [ ] I thought I finished\n');
  });

  it("OnCompletion.test.ts: 'should just return trigger-less, non-recurring task'", () => {
    expect(toggle('- [ ] A non-recurring task with no trigger 📅 2024-02-10\n', 1, '2024-02-11')).toBe('- [x] A non-recurring task with no trigger 📅 2024-02-10 ✅ 2024-02-11\n');
  });

  it('🏁 delete is kept: Kaizen never deletes a line a person wrote, the completed line stays (and can be undone)', () => {
    expect(toggle('- [ ] A recurring task with "delete" Action 🔁 every day 🏁 delete 📅 2024-02-10\n', 1, '2024-02-11')).toBe(
      '- [ ] A recurring task with "delete" Action 🔁 every day 🏁 delete 📅 2024-02-11\n'
      + '- [x] A recurring task with "delete" Action 🔁 every day 🏁 delete 📅 2024-02-10 ✅ 2024-02-11\n');
  });
});

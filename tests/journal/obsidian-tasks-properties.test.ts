// Properties of a toggle on Obsidian Tasks' lines, with fixed seeds: notes of a vault laid out like a real
// one (quanru/obsidian-example-lifeos: `0. PeriodicNotes/YYYY/Daily/MM/YYYY-MM-DD.md`, its Obsidian Tasks
// statuses) and goal files, filled with random task lines built from the plugin's whole vocabulary
// (statuses, priorities, every date field valid or not, rules readable or not, 🆔 ⛔, tags, block ids,
// Dataview fields, indentation, quotes, CRLF). For any task line:
// - toggled twice, an open task comes back byte for byte, plus at most its next occurrence's line;
// - one toggle changes only the status character and the ✅/❌ field, and adds at most that one line,
//   which is the task with its status reset, dates moved, and no done date, block id or 🆔 ⛔;
// - the CLI, reading the vault's data.json itself, writes the same bytes as the shared plan.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planToggle } from '../../src/journal/plans.js';
import { parseMarkdown } from '../../src/parser/markdown.js';
import { tasksSettingsFromPlugin } from '../../src/model/task-status.js';
import { parseTaskFields } from '../../src/model/task-fields.js';
import { cli, makeJournal } from '../helpers.js';

const RUNS = Number(process.env.KAIZEN_RUNS ?? 300);
const TODAY = '2026-11-21';

/** The statuses of quanru/obsidian-example-lifeos's data.json (its shape, as the plugin writes it). */
const LIFEOS_TASKS = {
  taskFormat: 'tasksPluginEmoji', recurrenceOnNextLine: false,
  statusSettings: {
    coreStatuses: [
      { symbol: ' ', name: 'Unchecked', nextStatusSymbol: 'x', availableAsCommand: true, type: 'TODO' },
      { symbol: 'x', name: 'Checked', nextStatusSymbol: ' ', availableAsCommand: true, type: 'DONE' },
    ],
    customStatuses: [
      { symbol: '/', name: 'In Progress', nextStatusSymbol: 'x', availableAsCommand: true, type: 'IN_PROGRESS' },
      { symbol: '-', name: 'Cancelled', nextStatusSymbol: ' ', availableAsCommand: true, type: 'CANCELLED' },
      { symbol: '>', name: 'Deferred', nextStatusSymbol: 'x', availableAsCommand: false, type: 'TODO' },
      { symbol: '!', name: 'Important', nextStatusSymbol: 'x', availableAsCommand: false, type: 'TODO' },
      { symbol: '?', name: 'Question', nextStatusSymbol: 'x', availableAsCommand: false, type: 'TODO' },
      { symbol: '@', name: 'Commissioned', nextStatusSymbol: 'x', availableAsCommand: false, type: 'TODO' },
    ],
  },
};

const day = fc.oneof(
  fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2024-02-29', '2026-01-31', '2026-02-30', '2026-13-01', '2025-12-31'),
);
const rule = fc.constantFrom('every day', 'every week', 'every 2 weeks', 'every month', 'every month on the last Friday',
  'every weekday', 'every week on Monday, Friday', 'every year', 'every 3 days when done', 'every blue moon', 'every', 'every 0 days');
const field = fc.oneof(
  fc.constantFrom('⏫', '🔼', '🔽', '⏬', '🔺', '#home', '#work/deep', '(1h)', '(15m)', '🏁 delete', '🆔 abc123', '⛔ abc123, def456', '[value:: 3]'),
  rule.map((r) => `🔁 ${r}`),
  rule.map((r) => `[repeat:: ${r}]`),
  fc.tuple(fc.constantFrom('🛫', '⏳', '📅', '➕', '⌛', '📆'), day).map(([s, d]) => `${s} ${d}`),
  fc.tuple(fc.constantFrom('due', 'scheduled', 'start', 'created'), day).map(([k, d]) => `[${k}:: ${d}]`),
);
const doneField = fc.oneof(day.map((d) => `✅ ${d}`), day.map((d) => `❌ ${d}`), day.map((d) => `[completion:: ${d}]`));
const taskLine = fc.record({
  indent: fc.constantFrom('', '', '  ', '    ', '\t', '> '),
  marker: fc.constantFrom('-', '-', '*', '+', '1.'),
  status: fc.constantFrom(' ', ' ', ' ', 'x', 'X', '/', '-', '>', '?', '!', '@'),
  words: fc.constantFrom('Water plants', 'Pay rent', 'Call mum', 'Review *budget*', 'Read [[Some Note]]', 'Ship it'),
  fields: fc.array(field, { maxLength: 5 }),
  done: fc.option(doneField, { freq: 4 }),
  block: fc.option(fc.constantFrom(' ^abc', ' ^my-precious', ' ^x1'), { freq: 3 }),
  trailing: fc.constantFrom('', '', ' ', '  '),
}).map((t) => `${t.indent}${t.marker} [${t.status}] ${[t.words, ...t.fields, ...(t.done ? [t.done] : [])].join(' ')}${t.block ?? ''}${t.trailing}`);
const otherLine = fc.constantFrom('', 'Some notes.', '## Tasks', '### 1. Make it easy', '- a plain item', '```', 'code - [ ] not a task');

const GOAL_HEAD = '---\ntitle: Chores\nstart: 2026-10-01\n---\n# Chores\n\n## Stages\n### 1. Home\n';
const doc = fc.record({
  lines: fc.array(fc.oneof({ arbitrary: taskLine, weight: 3 }, { arbitrary: otherLine, weight: 1 }), { minLength: 1, maxLength: 12 }),
  eol: fc.constantFrom('\n', '\r\n'),
  head: fc.constantFrom(GOAL_HEAD, '---\ndate: 2026-11-21\n---\n# 2026-11-21\n\n'),
  closeFence: fc.boolean(),
}).map((d) => {
  const body = [...d.lines, ...(d.closeFence && d.lines.includes('```') ? ['```'] : [])];
  return { text: (d.head + body.join('\n') + '\n').replace(/\n/g, d.eol), goal: d.head === GOAL_HEAD };
});

const settings = tasksSettingsFromPlugin(LIFEOS_TASKS).settings;
const splitLines = (text: string) => text.split(/\r\n|\n/);

/** The line without what a toggle may change: the status character and the done/cancelled fields. */
function invariant(line: string): string {
  return line.replace(/^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)[^\]]\]/, '$1?]')
    .replace(/ ?(?:✅|❌)\uFE0F? *\d{4}-\d{2}-\d{2}/gu, '').replace(/ {0,2}[[(](?:completion|cancelled):: *\d{4}-\d{2}-\d{2} *[\])]/gu, '').trimEnd();
}

function toggleAt(text: string, line: number, goal: boolean) {
  return planToggle(text, { file: goal ? 'goals/chores.md' : '0. PeriodicNotes/2026/Daily/11/2026-11-21.md', line, today: TODAY, stampDoneDate: goal, tasks: settings });
}

describe('a toggle on random Obsidian Tasks lines in a vault', () => {
  it('changes only the status and the ✅/❌ field, and adds at most the next occurrence, which is the same task renewed', () => {
    let renewed = 0;
    fc.assert(fc.property(doc, fc.nat(), ({ text, goal }, pick) => {
      const tasks = parseMarkdown(text).tasks;
      fc.pre(tasks.length > 0);
      const task = tasks[pick % tasks.length]!;
      const before = splitLines(text);
      const plan = toggleAt(text, task.line, goal);
      const after = splitLines(plan.text);
      const original = before[task.line - 1]!;
      const toggled = after[plan.line - 1]!;
      expect(invariant(toggled)).toBe(invariant(original));
      if (after.length === before.length) {
        expect(after.filter((_, i) => i !== plan.line - 1)).toEqual(before.filter((_, i) => i !== task.line - 1));
        return;
      }
      expect(after.length).toBe(before.length + 1);
      renewed++;
      const added = settings.recurrenceBelow ? plan.line : plan.line - 2;
      const next = after[added]!;
      expect([...after.slice(0, added), ...after.slice(added + 1)].filter((_, i) => i !== task.line - 1))
        .toEqual(before.filter((_, i) => i !== task.line - 1));
      // The new occurrence: open, no done or cancelled date, no block id, no 🆔 ⛔, same rule and words.
      const fields = parseTaskFields(next);
      expect(next).toMatch(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[[ >!?@]\]/);
      expect(fields.dates.done ?? fields.dates.cancelled ?? fields.blockId ?? null).toBeNull();
      expect(fields.dependencies).toEqual([]);
      expect(fields.recurrence?.value).toBe(parseTaskFields(original).recurrence?.value);
      expect(plan.checked).toBe(true);
    }), { seed: 2901, numRuns: RUNS });
    // The property has to bite: many runs complete a recurring task.
    expect(renewed).toBeGreaterThan(RUNS / 20);
  });

  it('toggled twice, an open task without done or cancelled date is back byte for byte, plus at most its next occurrence', () => {
    fc.assert(fc.property(doc, fc.nat(), ({ text, goal }, pick) => {
      const tasks = parseMarkdown(text).tasks.filter((t) => {
        const line = splitLines(text)[t.line - 1]!;
        const f = parseTaskFields(line);
        return text.charAt(t.checkboxOffset) === ' ' && !f.dates.done && !f.dates.cancelled;
      });
      fc.pre(tasks.length > 0);
      const task = tasks[pick % tasks.length]!;
      const once = toggleAt(text, task.line, goal);
      const twice = toggleAt(once.text, once.line, goal);
      expect(twice.checked).toBe(false);
      if (splitLines(once.text).length === splitLines(text).length) {
        expect(twice.text).toBe(text);
        return;
      }
      const lines = splitLines(twice.text);
      const added = settings.recurrenceBelow ? once.line : once.line - 2;
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      expect([...lines.slice(0, added), ...lines.slice(added + 1)].join(eol)).toBe(text);
      // A third toggle completes it again without a second next occurrence.
      const thrice = toggleAt(twice.text, twice.line, goal);
      expect(thrice.text).toBe(once.text);
    }), { seed: 2902, numRuns: RUNS });
  });
});

describe('the CLI writes what the plan writes, with the vault\'s own data.json', () => {
  it('on random lines of a lifeos-like vault (fixed seed, 25 toggles)', async () => {
    const samples = fc.sample(fc.tuple(doc, fc.nat()), { seed: 2903, numRuns: 60 })
      .map(([d, pick]) => ({ ...d, tasks: parseMarkdown(d.text).tasks, pick })).filter((d) => d.tasks.length > 0).slice(0, 25);
    expect(samples.length).toBe(25);
    for (const [i, s] of samples.entries()) {
      const rel = s.goal ? 'goals/chores.md' : '0. PeriodicNotes/2026/Daily/11/2026-11-21.md';
      const root = makeJournal({
        'kaizen.yaml': 'logs: { folder: "0. PeriodicNotes", format: "YYYY/[Daily]/MM/YYYY-MM-DD" }\n',
        '.obsidian/plugins/obsidian-tasks-plugin/data.json': JSON.stringify(LIFEOS_TASKS, null, 2),
        [rel]: s.text,
      });
      const task = s.tasks[s.pick % s.tasks.length]!;
      const r = await cli(['--dir', root, 'toggle', `${rel}:${task.line}`, '--date', TODAY]);
      expect(r.code, `${i}: ${r.stderr}`).toBe(0);
      expect(fs.readFileSync(path.join(root, rel), 'utf8'), `sample ${i}`).toBe(toggleAt(s.text, task.line, s.goal).text);
    }
  });
});

// Properties of the journal merge over generated days edited on two devices (fast-check, fixed seeds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeJournalFile } from '../../src/model/merge/merge-file.js';
import { readTaskLine } from '../../src/model/merge/task-lines.js';

const RUNS = Number(process.env.KAIZEN_RUNS ?? 300);
const GOALS = ['walk', 'read', 'stretch'];

interface Day {
  habits: Array<{ goal: string; level: 'minimum' | 'standard'; checked: boolean; value: number | null }>;
  tasks: Array<{ text: string; checked: boolean }>;
  notes: string[];
}

function render(day: Day, eol = '\n', bom = false): string {
  const lines = ['---', 'date: 2026-11-22', '---', '# Sunday 22 November 2026', '', '## Habits'];
  for (const h of day.habits) lines.push(`- [${h.checked ? 'x' : ' '}] [[${h.goal}]] ${h.level}${h.value === null ? '' : ` [value:: ${h.value}]`}`);
  lines.push('', '## Tasks', ...day.tasks.map((t) => `- [${t.checked ? 'x' : ' '}] ${t.text}`), '', '## Notes', ...day.notes, '');
  return (bom ? '\uFEFF' : '') + lines.join(eol);
}

const baseDay: fc.Arbitrary<Day> = fc.record({
  habits: fc.subarray(GOALS, { minLength: 1 }).chain((goals) => fc.tuple(...goals.flatMap((goal) => (['minimum', 'standard'] as const).map((level) =>
    fc.record({ goal: fc.constant(goal), level: fc.constant(level), checked: fc.boolean(), value: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }) }))))),
  tasks: fc.uniqueArray(fc.constantFrom('Call the dentist', 'Buy rain gear', 'Email Sam', 'Book a fitting'), { maxLength: 3 })
    .chain((texts) => fc.tuple(...texts.map((text) => fc.record({ text: fc.constant(text), checked: fc.boolean() })))),
  notes: fc.array(fc.constantFrom('Rain.', 'Slept well.', 'Tired but went.'), { maxLength: 2 }),
});

type Edit = { kind: 'toggle'; habit: number } | { kind: 'value'; habit: number; value: number } | { kind: 'note'; text: string }
  | { kind: 'task'; text: string } | { kind: 'toggleTask'; task: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('toggle' as const), habit: fc.nat(5) }),
  fc.record({ kind: fc.constant('value' as const), habit: fc.nat(5), value: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('note' as const), text: fc.constantFrom('Phone: walked in the rain.', 'Laptop: long day.', 'Rain.') }),
  fc.record({ kind: fc.constant('task' as const), text: fc.constantFrom('Water the plants', 'Pay rent') }),
  fc.record({ kind: fc.constant('toggleTask' as const), task: fc.nat(3) }),
);

function applyEdits(day: Day, edits: Edit[]): Day {
  const out: Day = { habits: day.habits.map((h) => ({ ...h })), tasks: day.tasks.map((t) => ({ ...t })), notes: [...day.notes] };
  for (const e of edits) {
    if (e.kind === 'toggle' && out.habits.length) { const h = out.habits[e.habit % out.habits.length]!; h.checked = !h.checked; }
    if (e.kind === 'value' && out.habits.length) { const h = out.habits[e.habit % out.habits.length]!; h.value = e.value; h.checked = true; }
    if (e.kind === 'note') out.notes.push(e.text);
    if (e.kind === 'task' && !out.tasks.some((t) => t.text === e.text)) out.tasks.push({ text: e.text, checked: false });
    if (e.kind === 'toggleTask' && out.tasks.length) { const t = out.tasks[e.task % out.tasks.length]!; t.checked = !t.checked; }
  }
  return out;
}

/** Each habit's and task's checked state and value, as `kaizen stats` would count them. */
function statuses(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const t = readTaskLine(line);
    if (t) map.set(t.baseKey, `${t.checked}|${t.valueText ?? ''}`);
  }
  return map;
}

const scenario = fc.record({ base: baseDay, ours: fc.array(edit, { maxLength: 4 }), theirs: fc.array(edit, { maxLength: 4 }), crlf: fc.boolean(), bom: fc.boolean(), added: fc.boolean() });

describe('merge properties', () => {
  it('never drops a checked habit line or a person\'s line; swapped sides give the same statuses; CRLF and BOM kept', () => {
    fc.assert(fc.property(scenario, ({ base, ours, theirs, crlf, bom, added }) => {
      const eol = crlf ? '\r\n' : '\n';
      const b = render(base, eol, bom);
      const o = render(applyEdits(base, ours), eol, bom);
      const t = render(applyEdits(base, theirs), eol, bom);
      // `added`: both devices created the day (git's add/add, no base).
      const r = mergeJournalFile(added ? null : b, o, t);
      const lines = r.text.replace(/^\uFEFF/, '').split(eol);
      expect(r.text.startsWith('\uFEFF')).toBe(bom);
      expect(r.text.replace(/\r\n/g, '').includes('\n')).toBe(!crlf);
      const result = statuses(r.text);
      const bs = statuses(b);
      for (const side of [o, t]) {
        for (const [key, state] of statuses(side)) {
          expect(result.has(key) || r.conflicts.length > 0).toBe(true);
          const uncheckedElsewhere = !added && bs.get(key)?.startsWith('true') && [o, t].some((x) => statuses(x).get(key)?.startsWith('false'));
          if (state.startsWith('true') && !uncheckedElsewhere && r.conflicts.length === 0) expect(result.get(key)?.startsWith('true')).toBe(true);
        }
        // Every line a person wrote that is not a task line is still there.
        for (const line of side.replace(/^\uFEFF/, '').split(eol)) if (!readTaskLine(line)) expect(lines).toContain(line);
      }
      const swapped = mergeJournalFile(added ? null : b, t, o);
      expect(swapped.conflicts.length).toBe(r.conflicts.length);
      if (r.conflicts.length === 0) expect(statuses(swapped.text)).toEqual(result);
    }), { seed: 20261201, numRuns: RUNS });
  });

  it('one side equal to the base gives the other side\'s bytes; merging is idempotent', () => {
    fc.assert(fc.property(scenario, ({ base, ours, theirs, crlf, bom }) => {
      const eol = crlf ? '\r\n' : '\n';
      const b = render(base, eol, bom);
      const o = render(applyEdits(base, ours), eol, bom);
      const t = render(applyEdits(base, theirs), eol, bom);
      expect(mergeJournalFile(b, b, t).text).toBe(t);
      expect(mergeJournalFile(b, o, b).text).toBe(o);
      expect(mergeJournalFile(b, o, o).text).toBe(o);
      const r = mergeJournalFile(b, o, t);
      if (r.conflicts.length > 0) return;
      expect(mergeJournalFile(b, r.text, t).text).toBe(r.text);
      expect(mergeJournalFile(b, r.text, o).text).toBe(r.text);
    }), { seed: 7, numRuns: RUNS });
  });
});

import { describe, expect, it } from 'vitest';
import { parseGoalText, parseLogText, parseMarkdown } from '../../src/parser/index.js';
import { parseGoalFile, parseLogFile } from '../../src/parser/index.js';

const GOAL = `---
title: Rebuild my morning energy
status: active
lead: true
why: More patience and focus for work and family.
start: 2026-10-01
due: 2026-11-29
habit:
  cadence: 4/week
  minimum: Put on shoes and walk 5 minutes
  standard: Walk 20 minutes
metric:
  name: minutes walked
  unit: min
  baseline: 0
  target: 1200
  aggregate: sum
pauses:
  - from: 2026-10-20
    to: 2026-10-24
    reason: travel
tags: [health]
custom_key: kept
---

# Rebuild my morning energy

## Stages
### 1. Make it easy
- [x] Pick a 20-minute route (1h) ✅ 2026-10-02
- [ ] Lay out shoes the night before (15m)
### 2. Make it stick
- [ ] Walk with a friend on Saturdays (2h)

## Milestones
- [ ] First month with 12 walks 📅 2026-10-31
`;

describe('goal files', () => {
  it('reads the FORMAT.md example', () => {
    const { value: goal, diagnostics } = parseGoalText(GOAL, 'morning-energy', 'goals/morning-energy.md');
    expect(diagnostics).toEqual([]);
    expect(goal).toMatchObject({
      id: 'morning-energy', title: 'Rebuild my morning energy', status: 'active', lead: true,
      why: 'More patience and focus for work and family.', start: '2026-10-01', due: '2026-11-29',
      cadence: { perWeek: 4 }, minimum: 'Put on shoes and walk 5 minutes', standard: 'Walk 20 minutes',
      metric: { name: 'minutes walked', unit: 'min', baseline: 0, target: 1200, aggregate: 'sum' },
      pauses: [{ from: '2026-10-20', to: '2026-10-24', reason: 'travel' }], tags: ['health'],
    });
    expect(goal!.tasks.map((t) => [t.line, t.checked, t.estimateMinutes, t.doneDate, t.stage])).toEqual([
      [30, true, 60, '2026-10-02', '1. Make it easy'],
      [31, false, 15, null, '1. Make it easy'],
      [33, false, 120, null, '2. Make it stick'],
    ]);
    expect(goal!.milestones.map((t) => [t.line, t.dueDate, t.section])).toEqual([[36, '2026-10-31', 'milestones']]);
    expect(goal!.stages.map((s) => s.title)).toEqual(['1. Make it easy', '2. Make it stick']);
    expect(goal!.places['habit.cadence']).toEqual({ line: 9, column: 3 });
    expect(goal!.places['due=']).toEqual({ line: 7, column: 6 });
  });

  it('reads daily cadence and rejects a bad one at its line', () => {
    expect(parseGoalText('---\ntitle: x\nhabit:\n  cadence: daily\n---\n', 'x', 'x.md').value!.cadence).toEqual({ perWeek: 7 });
    const bad = parseGoalText('---\ntitle: x\nhabit:\n  cadence: 8/week\n---\n', 'x', 'x.md');
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'bad-cadence', line: 4, column: 12, severity: 'error' })]);
    expect(bad.value!.cadence).toBeNull();
    expect(bad.value!.cadenceGiven).toBe(true);
  });

  it('reports bad dates at the value', () => {
    const r = parseGoalText('---\ntitle: x\nstart: 2026-02-30\ndue: soon\n---\n', 'x', 'goals/x.md');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['bad-date', 3, 8], ['bad-date', 4, 6]]);
  });

  it('keeps a file without frontmatter readable', () => {
    const r = parseGoalText('# Just a note\n- [ ] a task\n', 'n', 'goals/n.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.title).toBeNull();
    expect(r.value!.tasks).toHaveLength(1);
  });

  it('treats tasks under Milestones at any depth, and everything else as micro-tasks', () => {
    const r = parseGoalText('# T\n- [ ] loose\n## Milestones\n- [ ] m1\n### Sub\n- [ ] m2\n## Notes\n- [ ] after\n', 'x', 'x.md');
    expect(r.value!.tasks.map((t) => t.text)).toEqual(['loose', 'after']);
    expect(r.value!.milestones.map((t) => t.text)).toEqual(['m1', 'm2']);
  });
});

describe('GFM task items', () => {
  const tasksOf = (text: string) => parseMarkdown(text).tasks.map((t) => ({ line: t.line, checked: t.checked, box: text[t.checkboxOffset] }));

  it('recognises - * + and ordered markers, upper-case X, nesting and blockquotes', () => {
    const text = '* [X] upper\n+ [ ] plus\n1. [ ] ordered\n2) [x] paren\n- [ ] outer\n  - [x] nested\n> - [ ] quoted\n';
    expect(tasksOf(text)).toEqual([
      { line: 1, checked: true, box: 'X' }, { line: 2, checked: false, box: ' ' }, { line: 3, checked: false, box: ' ' },
      { line: 4, checked: true, box: 'x' }, { line: 5, checked: false, box: ' ' }, { line: 6, checked: true, box: 'x' },
      { line: 7, checked: false, box: ' ' },
    ]);
  });

  it('ignores - [ ] with no text, inside code fences, indented code and HTML', () => {
    const text = '- [ ]\n\n```\n- [ ] fenced\n```\n\n~~~md\n- [x] tilde\n~~~\n\n    - [ ] indented code\n\n<div>\n- [ ] html\n</div>\n\n- [ ] real\n';
    expect(tasksOf(text).map((t) => t.line)).toEqual([17]);
  });

  it('gives UTF-16 offsets after emoji and a BOM, and columns without the BOM', () => {
    const text = '\uFEFF🎉 title 🎉\n- [ ] 🧘 breathe\n- [x] 👨‍👩‍👧 family ✅ 2026-01-02\n';
    const md = parseMarkdown(text);
    expect(md.tasks.map((t) => text[t.checkboxOffset])).toEqual([' ', 'x']);
    expect(md.tasks.map((t) => text.slice(t.lineStart, t.lineEnd))).toEqual(['- [ ] 🧘 breathe', '- [x] 👨‍👩‍👧 family ✅ 2026-01-02']);
    expect(md.lines.placeOf(1)).toEqual({ line: 1, column: 1 });
  });

  it('handles CRLF line endings', () => {
    const text = '---\r\ntitle: x\r\n---\r\n- [ ] one\r\n- [x] two\r\n';
    const md = parseMarkdown(text);
    expect(md.tasks.map((t) => JSON.stringify(text.slice(t.lineStart, t.lineEnd)))).toEqual(['"- [ ] one"', '"- [x] two"']);
    expect(md.tasks.map((t) => t.line)).toEqual([4, 5]);
    expect(md.frontmatter!.data).toEqual({ title: 'x' });
  });

  it('frontmatter positions count a BOM as nothing', () => {
    const r = parseGoalText('\uFEFF---\ntitle: x\nstart: nope\n---\n', 'x', 'x.md');
    expect(r.diagnostics[0]).toMatchObject({ code: 'bad-date', line: 3, column: 8 });
  });
});

describe('daily logs', () => {
  const LOG = `---
date: 2026-11-22
energy: 3
---
# Sunday 22 November 2026

## Habits
- [x] [[morning-energy]] minimum: Put on shoes and walk 5 minutes
- [ ] [[morning-energy]] standard: Walk 20 minutes [value:: 22]
- [x] [[read-daily|Reading]] SKIP: travel day
- [x] [[read-daily]] std [value:: 12.5]
- [x] [[x]] minimal
- [x] [[x]]min
- [x] not a habit [[x]] minimum

## Tasks
- [x] Email the landlord
`;

  it('reads habit lines, levels, labels, values and energy', () => {
    const { value: log, diagnostics } = parseLogText(LOG, '2026-11-22', 'logs/2026/2026-11-22.md');
    expect(diagnostics).toEqual([]);
    expect(log!.energy).toBe(3);
    expect(log!.frontmatterDate).toBe('2026-11-22');
    expect(log!.habits.map((h) => [h.goalId, h.level, h.checked, h.value, h.line, h.column])).toEqual([
      ['morning-energy', 'minimum', true, null, 8, 7],
      ['morning-energy', 'standard', false, null, 9, 7],
      ['read-daily', 'skip', true, null, 10, 7],
      ['read-daily', 'standard', true, 12.5, 11, 7],
    ]);
    expect(log!.tasks).toHaveLength(8);
    expect(log!.habitsHeadingLine).toBe(7);
    expect(log!.titleLine).toBe(5);
  });

  it('flags energy outside 1–5 as a warning', () => {
    const r = parseLogText('---\nenergy: 9\n---\n', '2026-01-01', 'l.md');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'bad-value', severity: 'warning', line: 2 })]);
  });
});

describe('bad input never throws', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const cases: [string, Uint8Array, string, number][] = [
    ['invalid YAML', enc('---\ntitle: [unclosed\n---\n'), 'yaml-error', 2],
    ['duplicate keys', enc('---\ntitle: a\ntitle: b\n---\n'), 'yaml-error', 3],
    ['bad indentation', enc('---\nhabit:\n  cadence: 3/week\n minimum: x\n---\n'), 'yaml-error', 4],
    ['an unterminated fence', enc('---\ntitle: x\n\n# Body\n'), 'yaml-error', 1],
    ['---js frontmatter', enc('---js\n({title: require("child_process").execSync("touch /tmp/kaizen-pwned")})\n---\n'), 'yaml-error', 1],
    ['an alias bomb', enc(`---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n`), 'yaml-error', 2],
    ['invalid UTF-8', new Uint8Array([...enc('---\ntitle: ok\n---\nline\nbad '), 0xc3, 0x28, 0x0a]), 'bad-encoding', 5],
    ['a frontmatter that is a list', enc('---\n- a\n- b\n---\n'), 'yaml-error', 2],
  ];
  it.each(cases)('%s gives a diagnostic at its line', (_name, bytes, code, line) => {
    const r = parseGoalFile(bytes, 'x', 'goals/x.md');
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ file: 'goals/x.md', code, line, severity: 'error' });
    expect(r.diagnostics[0]!.message).not.toMatch(/\n\s+at /);
  });

  it('a 5,000-deep list and deep YAML finish with a result', () => {
    const deepList = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n');
    const r = parseLogFile(new TextEncoder().encode(`---\ndate: 2026-01-01\n---\n${deepList}\n`), '2026-01-01', 'l.md');
    expect(r.value !== null || r.diagnostics.length > 0).toBe(true);
    const deepYaml = parseGoalFile(new TextEncoder().encode(`---\ntitle: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`), 'x', 'x.md');
    expect(deepYaml.value !== null || deepYaml.diagnostics.length > 0).toBe(true);
    expect(new Set(deepYaml.diagnostics.map((d) => d.code))).toEqual(new Set(['yaml-error']));
    expect(deepYaml.diagnostics.length).toBeLessThanOrEqual(3);
  });
});

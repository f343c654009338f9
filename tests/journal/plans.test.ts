import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSameTaskToggled, planLog, planToday, planToggle } from '../../src/journal/plans.js';
import { outsideGoalWindow } from '../../src/model/goal-window.js';
import { parseGoalText, parseMarkdown } from '../../src/parser/index.js';
import { JournalError } from '../../src/model/errors.js';
import type { Goal } from '../../src/model/types.js';

const goalOf = (id: string, extra = '') =>
  parseGoalText(`---\ntitle: ${id}\nstart: 2026-11-01\ndue: 2026-12-20\nhabit:\n  cadence: 4/week\n  minimum: Walk 5 minutes\n  standard: Walk 20 minutes\n${extra}---\n`, id, `goals/${id}.md`).value as Goal;
const walk = goalOf('walk');
const read = goalOf('read');
const GOALS = [read, walk];

describe('toggle', () => {
  const GOAL_TEXT = '---\ntitle: t\n---\n## Stages\n- [ ] one (1h)\n- [x] two ✅ 2026-11-01\n```\n- [ ] fenced\n```\n# Heading\n';

  it('checks with a done date in goal files, unchecks removing it', () => {
    const on = planToggle(GOAL_TEXT, { file: 'g.md', line: 5, today: '2026-11-22', stampDoneDate: true });
    expect(on.text.split('\n')[4]).toBe('- [x] one (1h) ✅ 2026-11-22');
    const off = planToggle(GOAL_TEXT, { file: 'g.md', line: 6, today: '2026-11-22', stampDoneDate: true });
    expect(off.text.split('\n')[5]).toBe('- [ ] two');
  });

  it('in daily logs flips one character only', () => {
    const text = '- [ ] [[walk]] minimum\n';
    const r = planToggle(text, { file: 'l.md', line: 1, today: '2026-11-22', stampDoneDate: false });
    expect(r.text).toBe('- [x] [[walk]] minimum\n');
    expect(r.edits).toEqual([{ start: 3, end: 4, text: 'x' }]);
  });

  it.each([[8, /code block/], [10, /not a task item/], [99, /only 11 lines/]])('refuses line %i', (line, message) => {
    expect(() => planToggle(GOAL_TEXT, { file: 'g.md', line, today: '2026-11-22', stampDoneDate: true })).toThrow(message);
  });

  it('refuses when the line no longer says what the caller saw', () => {
    expect(() => planToggle(GOAL_TEXT, { file: 'g.md', line: 5, today: '2026-11-22', stampDoneDate: true, expectedLineText: '- [ ] zero' }))
      .toThrow(JournalError);
  });

  it('keeps CRLF and BOM', () => {
    const text = '\uFEFF---\r\ntitle: t\r\n---\r\n- [ ] a\r\n- [ ] b\r\n';
    const r = planToggle(text, { file: 'g.md', line: 5, today: '2026-11-22', stampDoneDate: true });
    expect(r.text).toBe('\uFEFF---\r\ntitle: t\r\n---\r\n- [ ] a\r\n- [x] b ✅ 2026-11-22\r\n');
    const back = planToggle(r.text, { file: 'g.md', line: 5, today: '2026-11-22', stampDoneDate: true });
    expect(back.text).toBe(text);
  });

  const line = fc.stringMatching(/^[a-zA-Z0-9 ,.!?🎉é()\[\]*_`#-]{0,30}$/);
  it('toggling twice restores the bytes, and one toggle changes only the intended characters', () => {
    fc.assert(fc.property(
      fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 8 }), line.filter((t) => t.trim() !== '' && !/✅/.test(t)),
      fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(),
      (before, after, taskText, checked, eol, bom, stamp) => {
        const clean = (ls: string[]) => ls.map((l) => l.replace(/^[-*+#>\d\s]+/, '').replace(/[`]/g, ''));
        // A checked goal task carries its done date; unchecking removes it and checking today re-adds it.
        const stampSuffix = checked && stamp ? ' ✅ 2026-11-22' : '';
        const lines = [...clean(before), '', `- [${checked ? 'x' : ' '}] ${taskText.trim()}${stampSuffix}`, '', ...clean(after)];
        const text = (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
        const md = parseMarkdown(text);
        const task = md.tasks.find((t) => t.line === before.length + 2);
        fc.pre(task !== undefined);
        const request = { file: 'x.md', line: before.length + 2, today: '2026-11-22', stampDoneDate: stamp };
        const once = planToggle(text, request);
        const twice = planToggle(once.text, request);
        expect(twice.text).toBe(text);
        // Only the checkbox and (when stamping) the end of that one line change.
        const a = text.split(eol);
        const b = once.text.split(eol);
        expect(b.length).toBe(a.length);
        a.forEach((l, i) => { if (i !== before.length + 1) expect(b[i]).toBe(l); });
        const normalise = (l: string) => (l.slice(0, 3) + '?' + l.slice(4)).replace(/ ✅ 2026-11-22$/, '');
        expect(normalise(b[before.length + 1] as string)).toBe(normalise(a[before.length + 1] as string));
        expect((b[before.length + 1] as string)[3]).toBe(checked ? ' ' : 'x');
      },
    ), { seed: 20261122, numRuns: 300 });
  });
});

describe('log', () => {
  const request = (level: 'minimum' | 'standard' | 'skip', value: number | null = null) =>
    ({ file: 'logs/2026/2026-11-22.md', day: '2026-11-22', goal: walk, level, value, goals: GOALS });

  it('creates the log from the template with the line checked', () => {
    const r = planLog(null, request('standard', 22));
    expect(r.text).toBe([
      '---', 'date: 2026-11-22', '---', '# Sunday 22 November 2026', '', '## Habits',
      '- [ ] [[read]] minimum: Walk 5 minutes', '- [ ] [[read]] standard: Walk 20 minutes',
      '- [ ] [[walk]] minimum: Walk 5 minutes', '- [x] [[walk]] standard: Walk 20 minutes [value:: 22]',
      '', '## Tasks', '', '## Notes', ''].join('\n'));
    expect(r.line).toBe(10);
  });

  it('is idempotent and updates a value in place', () => {
    const first = planLog(null, request('minimum', 5));
    const again = planLog(first.text, request('minimum', 5));
    expect(again.changed).toBe(false);
    const updated = planLog(first.text, request('minimum', 7));
    expect(updated.text).toBe(first.text.replace('[value:: 5]', '[value:: 7]'));
  });

  it('adds a skip line after the last habit line, keeping CRLF', () => {
    const text = '---\r\ndate: 2026-11-22\r\n---\r\n# Day\r\n\r\n## Habits\r\n- [ ] [[walk]] minimum\r\n\r\n## Notes\r\nfree text\r\n';
    const r = planLog(text, request('skip'));
    expect(r.text).toBe(text.replace('- [ ] [[walk]] minimum\r\n', '- [ ] [[walk]] minimum\r\n- [x] [[walk]] skip\r\n'));
    expect(r.line).toBe(8);
    expect(planLog(r.text, request('skip')).changed).toBe(false);
  });

  it('adds a Habits section to a log without one, keeping everything else', () => {
    const text = '# My day\nSome notes without a newline at the end';
    const r = planLog(text, request('minimum'));
    expect(r.text).toBe('# My day\n\n## Habits\n- [x] [[walk]] minimum: Walk 5 minutes\nSome notes without a newline at the end');
  });

  it('refuses a log whose frontmatter is broken', () => {
    expect(() => planLog('---\ndate: [\n---\n', request('minimum'))).toThrow(/fix it first/);
  });

  it('writes a skip reason after "skip:" in a new log, a new line and a template line, never over a reason', () => {
    const withReason = { ...request('skip'), reason: '  travel\n day ' };
    expect(planLog(null, withReason).text).toContain('- [x] [[walk]] skip: travel day\n');
    const text = '## Habits\n- [ ] [[walk]] minimum\n';
    expect(planLog(text, withReason).text).toBe('## Habits\n- [ ] [[walk]] minimum\n- [x] [[walk]] skip: travel day\n');
    expect(planLog('## Habits\n- [ ] [[walk]] skip\r\n', withReason).text).toBe('## Habits\n- [x] [[walk]] skip: travel day\r\n');
    expect(planLog('## Habits\n- [ ] [[walk]] skip:\n', withReason).text).toBe('## Habits\n- [x] [[walk]] skip: travel day\n');
    const kept = '## Habits\n- [ ] [[walk]] skip: sick\n';
    expect(planLog(kept, withReason).text).toBe(kept.replace('[ ]', '[x]'));
    const once = planLog(text, withReason).text;
    expect(planLog(once, withReason).changed).toBe(false);
    expect(planLog(null, { ...request('skip'), reason: '   ' }).text).toContain('- [x] [[walk]] skip\n');
  });
});

describe('a second click on a lens drawn before the first landed', () => {
  it('recognises the same task with only its check state (and done date) changed', () => {
    expect(isSameTaskToggled('- [x] [[walk]] minimum', '- [ ] [[walk]] minimum')).toBe(true);
    expect(isSameTaskToggled('- [ ] [[walk]] minimum', '- [X] [[walk]] minimum')).toBe(true);
    expect(isSameTaskToggled('  - [x] Pick a route (1h) ✅ 2026-12-01', '  - [ ] Pick a route (1h)')).toBe(true);
    expect(isSameTaskToggled('- [ ] Pick a route (1h)', '- [x] Pick a route (1h) ✅ 2026-10-02')).toBe(true);
    expect(isSameTaskToggled('- [x] [[walk]] minimum', '- [x] [[walk]] minimum')).toBe(false);
    expect(isSameTaskToggled('- [x] [[walk]] minimum (edited)', '- [ ] [[walk]] minimum')).toBe(false);
    expect(isSameTaskToggled('* [x] [[walk]] minimum', '- [ ] [[walk]] minimum')).toBe(false);
    expect(isSameTaskToggled('plain text', '- [ ] plain text')).toBe(false);
  });
});

describe('the days a goal can be logged', () => {
  const goal = { id: 'walk', title: 'Walk', start: '2026-12-07', due: '2027-02-05' };
  it('says why a day before the start or after the due date counts for nothing', () => {
    expect(outsideGoalWindow(goal, '2026-12-06')?.short).toBe('Starts 2026-12-07: nothing to log before then');
    expect(outsideGoalWindow(goal, '2026-12-06')?.message).toMatch(/"Walk" starts on 2026-12-07; .*nothing was written/);
    expect(outsideGoalWindow(goal, '2026-12-07')).toBeNull();
    expect(outsideGoalWindow(goal, '2027-02-05')).toBeNull();
    expect(outsideGoalWindow(goal, '2027-02-06')?.short).toMatch(/^Ended 2027-02-05/);
    expect(outsideGoalWindow({ ...goal, start: null, due: null }, '1999-01-01')).toBeNull();
  });
});

describe('today', () => {
  it('adds only missing habit lines, and nothing the second time', () => {
    const text = '---\ndate: 2026-11-22\n---\n# Sunday\n\n## Habits\n- [x] [[walk]] std: my own words\n\n## Notes\n';
    const r = planToday(text, '2026-11-22', 'l.md', GOALS);
    expect(r.added).toBe(3);
    expect(r.text).toBe('---\ndate: 2026-11-22\n---\n# Sunday\n\n## Habits\n- [x] [[walk]] std: my own words\n'
      + '- [ ] [[read]] minimum: Walk 5 minutes\n- [ ] [[read]] standard: Walk 20 minutes\n- [ ] [[walk]] minimum: Walk 5 minutes\n\n## Notes\n');
    expect(planToday(r.text, '2026-11-22', 'l.md', GOALS).changed).toBe(false);
  });

  it('lists only active goals whose range holds the day', () => {
    const paused = { ...walk, id: 'p', status: 'paused' as const };
    const ended = { ...walk, id: 'e', due: '2026-11-01' };
    const wish = { ...walk, id: 'w', cadence: null };
    const r = planToday(null, '2026-11-22', 'l.md', [walk, paused, ended, wish]);
    expect(r.added).toBe(2);
    expect(r.text).not.toMatch(/\[\[(p|e|w)\]\]/);
  });
});

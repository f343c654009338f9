// Sprints (FORMAT §6), hand-computed: the window across a year end, committed items matched to goal
// tasks, done inside and outside the window, burnup, execution and carry-over.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { committedKey, nextSprintId, sprintWindow } from '../../src/model/sprint.js';
import { sprintProgress } from '../../src/model/sprint-progress.js';
import { goalLinkResolver } from '../../src/model/goal-links.js';
import { parseSprintText } from '../../src/parser/sprint.js';
import { parseGoalText } from '../../src/parser/index.js';
import { planCarryOver, refreshSprintSummary } from '../../src/journal/sprints.js';
import type { Goal } from '../../src/model/types.js';
import { SUMMARY_BEGIN, SUMMARY_END } from '../../src/model/summary-markers.js';

const GOAL = `---
title: Walk
start: 2026-12-01
due: 2027-02-28
habit:
  cadence: 3/week
  minimum: shoes on
  standard: 20 minutes
---
## Stages
### 1. Easy
- [x] Pick a route (2h) ✅ 2026-12-29
- [x] Buy a jacket (1h) ✅ 2026-12-20
- [x] Charge the torch (15m)
- [ ] Ask Marta (15m)
- [ ] Plan a winter route (1h)
`;

const goal = parseGoalText(GOAL, 'walk', 'goals/walk.md').value as Goal;
const sprintText = (items: string) => `---\nweeks: 2\ngoal: Through the holidays\n---\n# Sprint\n\n## Committed\n${items}\n${SUMMARY_BEGIN}\n${SUMMARY_END}\n\n## Retrospective\n### What went well\nIt snowed.\n`;

function progressOf(items: string, asOf: string) {
  const sprint = parseSprintText(sprintText(items), '2026-W53', 'sprints/2026-W53.md').value!;
  return sprintProgress(sprint, [goal], goalLinkResolver([goal]), new Map(), asOf);
}

describe('sprint window and ids', () => {
  it('ISO weeks across a year end', () => {
    expect(sprintWindow('2026-W53', 2)).toEqual({ start: '2026-12-28', end: '2027-01-10' });
    expect(nextSprintId({ end: '2027-01-10' })).toBe('2027-W02');
    expect(sprintWindow('2025-W53', 1)).toBeNull(); // 2025 has 52 ISO weeks
    expect(sprintWindow('2027-W01', 4)).toEqual({ start: '2027-01-04', end: '2027-01-31' });
    expect(sprintWindow('2026-W1', 2)).toBeNull();
  });

  it('a committed item is compared without estimate, dates, inline fields and our notes', () => {
    expect(committedKey('Pick a route (1h) (carried from 2026-W51) [priority:: high] 📅 2027-01-02')).toBe('Pick a route');
    expect(committedKey('  Ask  Marta (15m) (added) ')).toBe('Ask Marta');
  });
});

describe('sprint progress', () => {
  const items = [
    '- [[walk]] Pick a route (1h)', // done 12-29, inside
    '- [[Walk]] Buy a jacket', // done 12-20, before the window: neither done nor open
    '- [[walk]] Charge the torch', // checked without a date: done on the last day counted
    '- [[walk]] Ask Marta (15m) (carried from 2026-W51)', // open
    '- [[walk]] Ask Martha', // renamed: matches nothing
    '- [x] Book the shoe fitting ✅ 2027-01-02', // sprint-only, done
    '- [ ] Fix the bike light (added)', // sprint-only, open, added
  ].join('\n');

  it('done inside the window, outside it, undated; a renamed item matches nothing', () => {
    const p = progressOf(items, '2027-01-03');
    expect(p.items.map((s) => [s.item.key, s.done, s.open, s.missing, s.doneOn])).toEqual([
      ['Pick a route', true, false, false, '2026-12-29'],
      ['Buy a jacket', false, false, false, null],
      ['Charge the torch', true, false, false, '2027-01-03'],
      ['Ask Marta', false, true, false, null],
      ['Ask Martha', false, true, true, null],
      ['Book the shoe fitting', true, false, false, '2027-01-02'],
      ['Fix the bike light', false, true, false, null],
    ]);
    expect([p.planned, p.added, p.done, p.state, p.day, p.days]).toEqual([6, 1, 3, 'running', 7, 14]);
    expect(p.execution).toBe(0.5);
    // Expected by day 7 of 14: 6 × 7/14 = 3 done; 3 are.
    expect(p.pace).toBe(1);
    expect(p.suggestion).toBeNull();
    expect(p.carryOver.map((s) => s.item.key)).toEqual(['Ask Marta', 'Ask Martha', 'Fix the bike light']);
  });

  it('burnup points: scope, done by day, the ideal line; nothing after as-of', () => {
    const p = progressOf(items, '2027-01-03');
    expect(p.burnup.slice(0, 8).map((b) => [b.day, b.scope, b.done])).toEqual([
      ['2026-12-28', 7, 0], ['2026-12-29', 7, 1], ['2026-12-30', 7, 1], ['2026-12-31', 7, 1],
      ['2027-01-01', 7, 1], ['2027-01-02', 7, 2], ['2027-01-03', 7, 3], ['2027-01-04', null, null],
    ]);
    expect(p.burnup[0]!.ideal).toBeCloseTo(6 / 14);
    expect(p.burnup[13]!.ideal).toBe(6);
    // Finished: execution is final, and below 85 % the obstacle table's advice appears.
    const end = progressOf(items, '2027-01-20');
    expect([end.state, end.execution, end.pace]).toEqual(['finished', 0.5, 0.5]);
    expect(end.suggestion).toMatch(/^Feeling behind: 50 % of the committed items done\. Reduce the scope/);
    expect(end.items[2]!.doneOn).toBe('2027-01-10');
  });

  it('carry-over into a new next sprint, then closing again adds nothing', () => {
    const p = progressOf(items, '2027-01-11');
    const first = planCarryOver(p, null, 'sprints');
    expect(first.nextFile).toBe('sprints/2027-W02.md');
    expect(first.created).toBe(true);
    expect(first.carried).toEqual([
      '- [[walk]] Ask Marta (15m) (carried from 2026-W53)',
      '- [[walk]] Ask Martha (carried from 2026-W53)',
      '- [ ] Fix the bike light (added) (carried from 2026-W53)',
    ]);
    const again = planCarryOver(p, first.nextText, 'sprints');
    expect(again.nextText).toBeNull();
    expect(again.carried).toEqual([]);
  });
});

describe('closing keeps every byte a person wrote', () => {
  const line = fc.stringMatching(/^[A-Za-z ,.!]{0,30}$/);
  it('in the closed sprint (only the summary block changes) and in the next one (only lines are inserted)', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), fc.boolean(), fc.boolean(), (retro, extra, crlf, hasNext) => {
      const eol = crlf ? '\r\n' : '\n';
      const own = sprintText(['- [[walk]] Ask Marta (15m)', '- [ ] Fix the bike light', ...extra.map((e) => `Note: ${e}`)].join('\n')).replace('It snowed.', retro.join('\n')).split('\n').join(eol);
      const sprint = parseSprintText(own, '2026-W53', 'sprints/2026-W53.md').value!;
      const progress = sprintProgress(sprint, [goal], goalLinkResolver([goal]), new Map(), '2027-01-11');
      const refreshed = refreshSprintSummary(own, progress, 'reports', false).text;
      const outside = (t: string) => t.slice(0, t.indexOf(SUMMARY_BEGIN)) + t.slice(t.indexOf(SUMMARY_END));
      expect(outside(refreshed)).toBe(outside(own));
      const next = hasNext ? `---${eol}weeks: 1${eol}---${eol}## Committed${eol}- [[walk]] Plan a winter route${eol}${extra.map((e) => `> ${e}`).join(eol)}${eol}` : null;
      const plan = planCarryOver(progress, next, 'sprints');
      if (next !== null && plan.nextText !== null) {
        let rest = plan.nextText;
        for (const l of plan.carried) rest = rest.replace(`${eol}${l}`, '');
        expect(rest).toBe(next);
      }
      if (plan.nextText !== null) expect(planCarryOver(progress, plan.nextText, 'sprints').nextText).toBeNull();
    }), { seed: 46, numRuns: 200 });
  });
});

describe('writing into a person\'s files', () => {
  it('the retrospective goes under its prompts; a missing prompt is added; nothing else moves', async () => {
    const { applySprintRetrospective } = await import('../../src/journal/sprint-retro.js');
    const text = sprintText('- [[walk]] Ask Marta').replace('### What went well\nIt snowed.\n', '### What went well\nIt snowed.\n\n### What needs tweaking\n\n## Notes\nkeep me\n');
    const out = applySprintRetrospective(text, { 'What went well': 'Marta came twice.', 'What needs tweaking': 'Earlier alarm.', 'Carry over or pivot': 'Carry the torch.' });
    expect(out).toBe(text.replace('It snowed.', 'Marta came twice.').replace('### What needs tweaking\n', '### What needs tweaking\nEarlier alarm.\n')
      .replace('\n## Notes', '\n### Carry over or pivot\nCarry the torch.\n\n## Notes'));
    expect(applySprintRetrospective(out, { 'What went well': 'Marta came twice.' })).toBe(out);
    const crlf = text.replace(/\n/g, '\r\n');
    expect(applySprintRetrospective(crlf, { 'What went well': 'A\nB' })).toBe(crlf.replace('It snowed.', 'A\r\nB'));
  });

  it('a missing micro-task is added to the goal\'s first open stage, after its last task', async () => {
    const { addGoalTaskEdit } = await import('../../src/journal/goal-task-insert.js');
    const { applyEdits } = await import('../../src/model/edits.js');
    const text = `${GOAL}### 2. Later\n- [ ] Walk to work (2h)\n`;
    const g = parseGoalText(text, 'walk', 'goals/walk.md').value as Goal;
    expect(applyEdits(text, [addGoalTaskEdit(text, g, 'Ask Martha (15m)')])).toBe(text.replace('- [ ] Plan a winter route (1h)\n', '- [ ] Plan a winter route (1h)\n- [ ] Ask Martha (15m)\n'));
  });
});

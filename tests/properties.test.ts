// Properties over the model and the write paths, with fixed seeds (fast-check prints the seed and
// the shrunk counterexample on failure). KAIZEN_RUNS raises the number of runs for a longer local run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type Day } from '../src/model/dates.js';
import { GoalTimeline, strengthSeries, weekSummaries } from '../src/model/analytics.js';
import type { HabitDay } from '../src/model/habit-days.js';
import type { Goal } from '../src/model/types.js';
import { planLog } from '../src/journal/plans.js';
import { parseGoalText } from '../src/parser/index.js';

const RUNS = Number(process.env.KAIZEN_RUNS ?? 300);
const START = '2026-01-05';

const goalWith = (perWeek: number, pauses: Goal['pauses'] = []): Goal => ({
  id: 'g', file: 'goals/g.md', title: 'G', status: 'active', lead: false, why: 'w', start: START, due: '2026-04-30', cadence: { perWeek }, cadenceGiven: true,
  minimum: 'm', standard: 's', metric: null, track: null, pauses, tags: [], aliases: [], tasks: [], milestones: [], stages: [], stagesHeading: null, titleLine: null, places: {},
});

const dayMarks = fc.array(fc.constantFrom('S', 'M', 'K', '.'), { minLength: 1, maxLength: 100 });
function daysOf(marks: string[]): Map<Day, HabitDay> {
  const days = new Map<Day, HabitDay>();
  marks.forEach((m, i) => {
    if (m === '.') return;
    days.set(addDays(START, i), { standard: m === 'S', minimum: m === 'M', skip: m === 'K', values: [] });
  });
  return days;
}

describe('model properties', () => {
  it('strength stays in [0, 1] and never falls when a done day is added', () => {
    fc.assert(fc.property(dayMarks, fc.integer({ min: 1, max: 7 }), fc.nat(), (marks, perWeek, pick) => {
      const asOf = addDays(START, marks.length - 1);
      const goal = goalWith(perWeek);
      const before = strengthSeries(new GoalTimeline(goal, daysOf(marks), asOf, null), perWeek).at(-1)!.value;
      expect(before).toBeGreaterThanOrEqual(0);
      expect(before).toBeLessThanOrEqual(1);
      const i = pick % marks.length;
      if (marks[i] === 'S' || marks[i] === 'M') return;
      const more = [...marks];
      more[i] = 'M';
      const after = strengthSeries(new GoalTimeline(goal, daysOf(more), asOf, null), perWeek).at(-1)!.value;
      expect(after).toBeGreaterThanOrEqual(before - 1e-12);
    }), { seed: 71, numRuns: RUNS });
  });

  it('a week\'s target never exceeds the cadence, and skips or pauses never raise it', () => {
    fc.assert(fc.property(dayMarks, fc.integer({ min: 1, max: 7 }), fc.nat({ max: 90 }), (marks, perWeek, pauseAt) => {
      const asOf = addDays(START, marks.length - 1);
      const pause = [{ from: addDays(START, pauseAt), to: addDays(START, pauseAt + 4), reason: null }];
      const plain = weekSummaries(new GoalTimeline(goalWith(perWeek), new Map(), asOf, null), perWeek);
      const weeks = weekSummaries(new GoalTimeline(goalWith(perWeek, pause), daysOf(marks), asOf, null), perWeek);
      weeks.forEach((w, k) => {
        expect(w.target).toBeLessThanOrEqual(perWeek);
        expect(w.target).toBeLessThanOrEqual(plain[k]!.target);
        expect(w.done).toBeLessThanOrEqual(7);
      });
    }), { seed: 72, numRuns: RUNS });
  });
});

describe('write-path properties', () => {
  const goal = parseGoalText('---\ntitle: Walk\nstart: 2026-01-01\ndue: 2026-12-31\nhabit:\n  cadence: 3/week\n  minimum: five minutes\n---\n', 'walk', 'goals/walk.md').value!;
  const other = { ...goal, id: 'read' };
  const request = (level: 'minimum' | 'standard' | 'skip', value: number | null) => ({ file: 'l.md', day: '2026-11-22', goal, level, value, goals: [goal, other] });

  it('kaizen log is idempotent on any existing log, keeps every other byte, and never duplicates a line', () => {
    const extra = fc.array(fc.constantFrom('', 'Some notes.', '## Tasks', '- [ ] buy milk', '- [x] [[read]] minimum', '- [ ] [[walk]] standard: twenty', '# Title', '## Habits'), { maxLength: 10 });
    fc.assert(fc.property(extra, fc.constantFrom('minimum', 'standard', 'skip') as fc.Arbitrary<'minimum' | 'standard' | 'skip'>, fc.option(fc.integer({ min: 0, max: 500 })), fc.constantFrom('\n', '\r\n'), (lines, level, value, eol) => {
      const text = ['---', 'date: 2026-11-22', '---', ...lines, ''].join(eol);
      const v = level === 'skip' ? null : value ?? null;
      const once = planLog(text, request(level, v));
      const twice = planLog(once.text, request(level, v));
      expect(twice.changed).toBe(false);
      const mine = once.text.split(eol).filter((l) => new RegExp(`^- \\[x\\] \\[\\[walk\\]\\] ${level}`).test(l));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      // Every line of the original is still there, in order.
      const after = once.text.split(eol);
      let k = 0;
      for (const line of text.split(eol)) {
        while (k < after.length && after[k] !== line && after[k] !== line.replace('- [ ]', '- [x]') && !after[k]!.startsWith(line.replace('- [ ]', '- [x]'))) k++;
        expect(k, `lost line ${JSON.stringify(line)}`).toBeLessThan(after.length);
        k++;
      }
      if (eol === '\r\n') expect(once.text.replace(/\r\n/g, '')).not.toContain('\n');
    }), { seed: 73, numRuns: RUNS });
  });
});

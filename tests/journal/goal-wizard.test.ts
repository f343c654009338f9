import { describe, expect, it } from 'vitest';
import {
  cadenceProblem, dueProblem, goalIdFor, minimumProblem, parseCadence, parseCadencePlan, stagesFromAnswers,
} from '../../src/journal/goal-wizard.js';
import { parseGoalText } from '../../src/parser/index.js';
import { lintGoal } from '../../src/model/lint.js';
import { goalText } from '../../src/journal/templates.js';
import { leadOffEdit } from '../../src/journal/frontmatter-edits.js';
import { applyEdits } from '../../src/model/edits.js';

describe('the SMART wizard rules', () => {
  it('reads a cadence as people type it', () => {
    const cases: [string, string | null][] = [
      ['4', '4/week'], ['4/week', '4/week'], ['4 / week', '4/week'], ['4x', '4/week'], ['4 times a week', '4/week'], ['4 times per week', '4/week'],
      ['four times a week', '4/week'], ['twice a week', '2/week'], ['once a week', '1/week'], ['daily', 'daily'], ['every day', 'daily'],
      ['7', 'daily'], ['7 times a week', 'daily'], ['0', null], ['8', null], ['sometimes', null], ['', null],
    ];
    for (const [typed, cadence] of cases) expect(parseCadence(typed), typed).toBe(cadence);
    expect(cadenceProblem('whenever')).toMatch(/4 times a week/);
  });

  it('takes the plan with the cadence: "4 times a week on mon, wed, fri, sat at 7:00"', () => {
    expect(parseCadencePlan('4 times a week on mon, wed, fri, sat at 7:00')).toEqual({ cadence: '4/week', days: [0, 2, 4, 5], time: '07:00' });
    expect(parseCadencePlan('daily at 21:30')).toEqual({ cadence: 'daily', days: null, time: '21:30' });
    expect(parseCadencePlan('3/week on Tuesday and Thursday and Saturday')).toEqual({ cadence: '3/week', days: [1, 3, 5], time: null });
    expect(parseCadencePlan('3/week on someday')).toBeNull();
    expect(cadenceProblem('4/week on mon, wed')).toBe('2 planned days for 4/week: name at least 4 (or leave the days out)');
    expect(cadenceProblem('3/week at 25:00')).toMatch(/optionally "on mon, wed, fri, sat at 07:00"/);
    expect(goalText({ title: 'Walk', why: null, cadence: '4/week', days: [0, 2, 4, 5], time: '07:00', minimum: 'm', standard: 's', metric: null, start: '2026-11-02', due: null }))
      .toContain('habit:\n  cadence: 4/week\n  minimum: m\n  standard: s\n  days: [mon, wed, fri, sat]\n  time: "07:00"\n');
  });

  it('refuses a blank minimum with the reason it matters', () => {
    expect(minimumProblem('  ')).toMatch(/bad day/);
    expect(minimumProblem('Walk 5 minutes')).toBeNull();
  });

  it('says plainly when the due date is before the start, too close or too far', () => {
    expect(dueProblem('2026-12-01', '2026-11-24')).toBe('that is 7 days before the start (2026-12-01): the due date comes after it, 30–90 days later');
    expect(dueProblem('2026-12-01', '2026-12-11')).toMatch(/only 10 days after the start: choose 30–90 days \(2026-12-31 at the earliest\)/);
    expect(dueProblem('2026-12-01', '2027-06-01')).toMatch(/182 days after the start: choose 30–90 days \(2027-03-01 at the latest\)/);
    expect(dueProblem('2026-12-01', '2027-01-30')).toBeNull();
    expect(dueProblem('2026-12-01', 'soon')).toBe('a date like 2027-01-30');
  });

  it('shows the id a title gets, numbered when taken', () => {
    const taken = new Set(['morning-energy', 'morning-energy-2']);
    expect(goalIdFor('Morning energy', (id) => taken.has(id))).toBe('morning-energy-3');
    expect(goalIdFor('Läsa 📚 böcker', () => false)).toBe('lasa-bocker');
  });

  it('a new lead turns the old one off by one token, keeping CRLF and every other byte', () => {
    const text = '---\r\ntitle: Old\r\nlead: true   # the one\r\nwhy: x\r\n---\r\n# Old\r\n';
    expect(applyEdits(text, [leadOffEdit(text)!])).toBe(text.replace('lead: true', 'lead: false'));
    expect(leadOffEdit('---\ntitle: x\nlead: false\n---\n')).toBeNull();
  });
});

describe('the first stages of a wizard goal', () => {
  const draft = (minimum: string, standard: string, metric: { name: string; unit: string; target: number } | null, planWords: string | null) =>
    goalText({
      title: 'A goal', why: 'Because it matters to me.', cadence: '3/week', minimum, standard, metric, start: '2026-12-07', due: '2027-02-05',
      stages: stagesFromAnswers({ minimum, standard, metric, planWords }),
    });

  it('are written in the goal\'s own words, so two goals never share placeholder tasks', () => {
    const walk = parseGoalText(draft('Shoes on, walk 5 minutes', 'Walk 20 minutes', { name: 'minutes walked', unit: 'min', target: 1200 }, 'Mon, Wed, Fri at 07:00'), 'walk', 'goals/walk.md').value!;
    const read = parseGoalText(draft('Read one page', 'Read 20 pages', null, null), 'read', 'goals/read.md').value!;
    const titles = (g: typeof walk) => g.tasks.map((t) => t.text);
    expect(titles(walk).filter((t) => titles(read).includes(t))).toEqual([
      'Write down what got in the way in the first week, and one change for the next (15m)',
    ]);
    expect(titles(walk)).toContain('Put “Walk 20 minutes” in the calendar on Mon, Wed, Fri at 07:00 (15m)');
    expect(titles(walk)).toContain('Reach 300 min of minutes walked (a quarter of 1200) (1h)');
    expect(titles(read)).toContain('Put “Read 20 pages” in the calendar at a fixed time in the week (15m)');
    expect(walk.stages.map((s) => s.title)).toEqual(['1. Make it easy', '2. Make it stick', '3. Raise the bar']);
  });

  it('are micro-tasks of 15 minutes to an hour the linter accepts, and long answers are cut between words', () => {
    const long = 'Put on my running shoes and the reflective vest and walk around the block twice before breakfast';
    const goal = parseGoalText(draft(long, long, null, null), 'g', 'goals/g.md').value!;
    expect(goal.tasks.every((t) => t.estimateMinutes !== null && t.estimateMinutes >= 15 && t.estimateMinutes <= 60)).toBe(true);
    expect(goal.tasks[0]!.text).toMatch(/^Prepare everything “Put on my running shoes and the reflective vest…” needs/);
    // Without a metric the goal keeps its Measurable warning, by design; the stages add none.
    expect(lintGoal(goal).filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(['smart-measurable']);
  });
});


// FORMAT 1.2 §11: cadences beyond a week — their spellings, their periods (fortnights from the start week,
// calendar months, blocks of K days from the start), targets, met periods and streaks, in the model and in
// `kaizen stats`. Expected numbers are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { GoalTimeline, isWeekMet, periodSummaries, streaks } from '../../src/model/analytics.js';
import { cadenceLabel, cadencePeriod, parseCadence } from '../../src/model/cadence.js';
import type { Day } from '../../src/model/dates.js';
import type { HabitDay } from '../../src/model/habit-days.js';
import type { Cadence, Goal } from '../../src/model/types.js';
import { parseGoalText } from '../../src/parser/index.js';
import { cli, makeJournal } from '../helpers.js';

const c = (text: string) => parseCadence(text) as Cadence;

function goal(cadence: string, start: Day, due: Day | null, pauses: Goal['pauses'] = []): Goal {
  return {
    id: 'g', file: 'goals/g.md', title: 'G', status: 'active', lead: false, why: null, start, due, cadence: c(cadence),
    cadenceGiven: true, minimum: null, standard: null, metric: null, track: null, pauses, tags: [], aliases: [],
    tasks: [], milestones: [], stages: [], stagesHeading: null, titleLine: null, places: {},
  };
}

function days(done: Day[], skipped: Day[] = []): Map<Day, HabitDay> {
  const out = new Map<Day, HabitDay>();
  for (const d of done) out.set(d, { standard: true, minimum: false, skip: false, values: [] });
  for (const d of skipped) out.set(d, { standard: false, minimum: false, skip: true, values: [] });
  return out;
}

describe('cadence spellings', () => {
  it('reads every form of the table, and Loop\'s num/den', () => {
    expect(c('3/week')).toEqual({ perWeek: 3 });
    expect(c('daily')).toEqual({ perWeek: 7 });
    expect(c('2/2weeks').span).toEqual({ num: 2, den: 14, unit: '2weeks' });
    expect(c('3/month').span).toEqual({ num: 3, den: 30, unit: 'month' });
    expect(c('every 3 days').span).toEqual({ num: 1, den: 3, unit: 'days' });
    expect(c('2 in 3 days').span).toEqual({ num: 2, den: 3, unit: 'days' });
    expect(c('Every 10 Days').perWeek).toBeCloseTo(0.7, 12);
    for (const text of ['2/2weeks', '3/month', 'every 3 days', '2 in 3 days', 'every 1 day', '4/week', 'daily']) {
      expect(cadenceLabel(c(text))).toBe(text);
    }
  });

  it('refuses what is not a cadence, with the accepted forms named', () => {
    for (const text of ['8/week', '0/month', '31/month', '15/2weeks', '4 in 3 days', 'every 0 days', 'sometimes', '3/year']) {
      expect(parseCadence(text), text).toBeNull();
    }
    const parsed = parseGoalText('---\ntitle: x\nhabit:\n  cadence: 3/year\n---\n', 'x', 'goals/x.md');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'bad-cadence', line: 4, message: expect.stringContaining('`N/month` (1–30), `every K days` or `N in K days`') })]);
    expect(parseGoalText('---\ntitle: x\nhabit:\n  cadence: 2 in 3 days\n---\n', 'x', 'goals/x.md').diagnostics).toEqual([]);
  });
});

describe('periods', () => {
  it('fortnights are pairs of ISO weeks counted from the start week; months are calendar months; blocks start at start', () => {
    // 2026-03-04 is a Wednesday in W10 (Mon 03-02).
    expect(cadencePeriod(c('2/2weeks'), '2026-03-04', '2026-03-15')).toEqual({ id: '2026-W10/2026-W11', start: '2026-03-02', end: '2026-03-15' });
    expect(cadencePeriod(c('2/2weeks'), '2026-03-04', '2026-03-16')).toEqual({ id: '2026-W12/2026-W13', start: '2026-03-16', end: '2026-03-29' });
    expect(cadencePeriod(c('2/2weeks'), '2026-12-21', '2027-01-03')).toEqual({ id: '2026-W52/2026-W53', start: '2026-12-21', end: '2027-01-03' });
    expect(cadencePeriod(c('3/month'), '2026-03-04', '2028-02-10')).toEqual({ id: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(cadencePeriod(c('every 3 days'), '2026-03-04', '2026-03-09')).toEqual({ id: '2026-03-07/2026-03-09', start: '2026-03-07', end: '2026-03-09' });
  });

  it('3/month: target ceil(3 × available / days in month), met months, streak in months', () => {
    // March from the 10th: 22 of 31 days → ceil(66/31) = 3, done 3, met. April: target 3, done 2, not met.
    // May (current, as of the 20th): target 3, done 3 → met already, so the streak is 1 (best 1).
    const g = goal('3/month', '2026-03-10', '2026-05-31');
    const t = new GoalTimeline(g, days(['2026-03-11', '2026-03-12', '2026-03-20', '2026-04-01', '2026-04-30', '2026-05-02', '2026-05-09', '2026-05-19']), '2026-05-20', null);
    const months = periodSummaries(t, g.cadence!);
    expect(months.map((m) => [m.period, m.available, m.target, m.done, isWeekMet(m), m.current])).toEqual([
      ['2026-03', 22, 3, 3, true, false], ['2026-04', 30, 3, 2, false, false], ['2026-05', 31, 3, 3, true, true],
    ]);
    expect(streaks(months)).toEqual({ current: 1, best: 1 });
  });

  it('every 3 days and 2 in 3 days: blocks from the start; a skipped day lowers the target, a paused block is neutral', () => {
    // Blocks from 03-01: [01–03] done 02 · [04–06] skip 05, done 04 → target ceil(2/3) = 1 · [07–09] paused → neutral
    // · [10–12] nothing → unmet (complete) · [13–15] done 13 (current, as of 03-14).
    const g = goal('every 3 days', '2026-03-01', null, [{ from: '2026-03-07', to: '2026-03-09', reason: null }]);
    const t = new GoalTimeline(g, days(['2026-03-02', '2026-03-04', '2026-03-13'], ['2026-03-05']), '2026-03-14', null);
    const blocks = periodSummaries(t, g.cadence!);
    expect(blocks.map((b) => [b.period, b.target, b.done])).toEqual([
      ['2026-03-01/2026-03-03', 1, 1], ['2026-03-04/2026-03-06', 1, 1], ['2026-03-07/2026-03-09', 0, 0],
      ['2026-03-10/2026-03-12', 1, 0], ['2026-03-13/2026-03-15', 1, 1],
    ]);
    expect(streaks(blocks)).toEqual({ current: 1, best: 2 });
    // 2 in 3 days over the same days: targets 2, ceil(4/3) = 2, 0, 2, 2.
    const two = goal('2 in 3 days', '2026-03-01', null, g.pauses);
    expect(periodSummaries(new GoalTimeline(two, t.days, '2026-03-14', null), two.cadence!).map((b) => b.target)).toEqual([2, 2, 0, 2, 2]);
  });

  it('a neutral period is stepped over: met, paused, met is a streak of 2', () => {
    const g = goal('1/2weeks', '2026-03-02', null, [{ from: '2026-03-16', to: '2026-03-29', reason: 'travel' }]);
    const t = new GoalTimeline(g, days(['2026-03-03', '2026-04-01']), '2026-04-05', null);
    const fortnights = periodSummaries(t, g.cadence!);
    expect(fortnights.map((f) => [f.period, f.target, f.done])).toEqual([
      ['2026-W10/2026-W11', 1, 1], ['2026-W12/2026-W13', 0, 0], ['2026-W14/2026-W15', 1, 1],
    ]);
    expect(streaks(fortnights)).toEqual({ current: 2, best: 2 });
  });
});

describe('kaizen stats with a longer cadence', () => {
  it('--json gives the period, the streak in periods and Loop\'s num/den; the text says "This month"', async () => {
    const root = makeJournal({
      'goals/call.md': '---\ntitle: Call grandma\nstart: 2026-03-10\ndue: 2026-05-31\nhabit:\n  cadence: 3/month\n  standard: Call her\n---\n',
      ...Object.fromEntries(['2026-03-11', '2026-03-12', '2026-03-20', '2026-04-01', '2026-04-30', '2026-05-02', '2026-05-09', '2026-05-19']
        .map((d) => [`logs/${d.slice(0, 4)}/${d}.md`, '## Habits\n- [x] [[call]] standard\n'])),
    });
    const r = await cli(['--dir', root, '--json', 'stats', '--as-of', '2026-05-20']);
    const [g] = JSON.parse(r.stdout).goals;
    expect(g.cadence).toEqual({ perWeek: 0.7, num: 3, den: 30, text: '3/month' });
    expect(g.period).toEqual({ id: '2026-05', start: '2026-05-01', end: '2026-05-31', target: 3, done: 3, minimum: 0, standard: 3, skipped: 0, met: true });
    expect([g.streakPeriods, g.bestStreakPeriods, g.streakWeeks, g.week]).toEqual([1, 1, null, null]);
    expect(g.halfLifeDays).toBeCloseTo(13 / Math.sqrt(3 / 30), 10);
    const text = await cli(['--dir', root, 'stats', '--as-of', '2026-05-20']);
    expect(text.stdout).toMatch(/This month\s+●●●\s+3\/3\s+2026-05 · 3\/month/);
    expect(text.stdout).toMatch(/Streak\s+1 mo/);
  });
});

describe('the faces speak in the cadence\'s period', () => {
  it('hover and lens words: "this month", a streak in months; weekly goals unchanged', async () => {
    const { goalSummary } = await import('../../src/language/features.js');
    const { statusWords } = await import('../../src/language/actions.js');
    const { computeGoalStats } = await import('../../src/model/goal-stats.js');
    const g = goal('3/month', '2026-03-10', '2026-05-31');
    const stats = computeGoalStats(g, days(['2026-05-02', '2026-05-09', '2026-05-19']), '2026-05-20', null);
    expect(statusWords(g, stats)).toMatch(/^3\/3 this month · streak 1 month · strength/);
    expect(goalSummary(g, stats)).toContain('3/3 this month · streak 1 month');
    const weekly = goal('3/week', '2026-05-04', null);
    const w = computeGoalStats(weekly, days(['2026-05-18']), '2026-05-20', null);
    expect(statusWords(weekly, w)).toMatch(/^1\/3 this week · streak 0 weeks/);
    const blocks = computeGoalStats(goal('every 3 days', '2026-05-01', null), days(['2026-05-19']), '2026-05-20', null);
    expect(statusWords(goal('every 3 days', '2026-05-01', null), blocks)).toMatch(/^1\/1 this block of 3 days · streak 1 block of 3 days/);
  });
});

describe('a period with nothing to do says so in words, never "0/0 this week"', () => {
  it('a goal that starts next week, a goal paused all week, a running week', async () => {
    const { computeGoalStats, periodWords } = await import('../../src/model/goal-stats.js');
    const later = goal('4/week', '2026-12-14', '2027-02-01');
    expect(periodWords(later, computeGoalStats(later, days([]), '2026-12-09', null))).toBe('starts 2026-12-14');
    const paused = goal('4/week', '2026-11-02', null, [{ from: '2026-12-07', to: '2026-12-13' }] as Goal['pauses']);
    expect(periodWords(paused, computeGoalStats(paused, days([]), '2026-12-09', null))).toBe('nothing due this week');
    const running = goal('4/week', '2026-11-02', null);
    expect(periodWords(running, computeGoalStats(running, days(['2026-12-08']), '2026-12-09', null))).toBe('1/4 this week');
  });
});


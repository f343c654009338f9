// FORMAT.md §3 (day status) and §4 (everything derived), checked against hand-computed numbers.
// Calendar used throughout (2026): Thu 10-01; ISO weeks start on Mondays
//   W40 09-28, W41 10-05, W42 10-12, W43 10-19, W44 10-26, W45 11-02, W46 11-09, W47 11-16, W48 11-23.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  elapsedShare, GoalTimeline, halfLifeDays, isWeekMet, milestonesReached, progressHistory, streaks, strengthSeries,
  weekSummaries, weekSummary,
} from '../../src/model/analytics.js';
import type { Day } from '../../src/model/dates.js';
import { computeGoalStats } from '../../src/model/goal-stats.js';
import { collectHabitDays, firstLinkedDay, type HabitDay } from '../../src/model/habit-days.js';
import type { DailyLog, Goal, HabitEntry, Metric, TaskItem } from '../../src/model/types.js';

// ---------------------------------------------------------------------------------------------
// Factories (independent of the code under test: dates are shifted with Date.UTC here).

function plus(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function goal(over: Partial<Goal> = {}): Goal {
  return {
    id: 'g', file: 'goals/g.md', title: 'Goal', status: 'active', lead: false, why: 'because',
    start: '2026-10-05', due: '2026-12-31', cadence: { perWeek: 4 }, cadenceGiven: true,
    minimum: 'walk 5 minutes', standard: 'walk 20 minutes', metric: null, track: null, pauses: [], tags: [], aliases: [],
    tasks: [], milestones: [], stages: [], stagesHeading: null, titleLine: null, places: {},
    ...over,
  };
}

function metric(over: Partial<Metric> = {}): Metric {
  return { name: 'minutes', unit: 'min', baseline: 0, target: 100, aggregate: 'sum', ...over };
}

function task(checked: boolean, doneDate: Day | null = null): TaskItem {
  return {
    line: 1, checked, status: checked ? 'x' : ' ', state: checked ? 'done' : 'open', checkboxOffset: 0, lineStart: 0, lineEnd: 0, text: 'a task', estimateMinutes: null,
    estimateColumn: null, doneDate, dueDate: null, section: 'stages', stage: null,
  };
}

function hd(over: Partial<HabitDay> = {}): HabitDay {
  return { standard: false, minimum: false, skip: false, values: [], ...over };
}

/**
 * One character per day from `from`: S standard, M minimum, K skip, '.' nothing logged.
 * '|' is a visual week separator and is ignored.
 */
function marks(from: Day, pattern: string, into: Map<Day, HabitDay> = new Map()): Map<Day, HabitDay> {
  let i = 0;
  for (const c of pattern) {
    if (c === '|') continue;
    const day = plus(from, i++);
    if (c === 'S') into.set(day, hd({ standard: true }));
    else if (c === 'M') into.set(day, hd({ minimum: true }));
    else if (c === 'K') into.set(day, hd({ skip: true }));
  }
  return into;
}

/** A checked standard line carrying `[value:: v]` values. */
function valued(map: Map<Day, HabitDay>, day: Day, ...values: number[]): Map<Day, HabitDay> {
  map.set(day, hd({ standard: true, values }));
  return map;
}

function stats(g: Goal, days: Map<Day, HabitDay>, asOf: Day, firstLinked: Day | null = null) {
  return computeGoalStats(g, days, asOf, firstLinked);
}

const ids = (g: Goal, days: Map<Day, HabitDay>, asOf: Day) => stats(g, days, asOf).suggestions.map((s) => s.id);

const M_DAILY = 0.5 ** (1 / 13); // ≈ 0.9480775143
const M_3 = 0.5 ** (Math.sqrt(3 / 7) / 13); // ≈ 0.9656966817

// ---------------------------------------------------------------------------------------------

describe('day status (FORMAT §3)', () => {
  it('standard beats minimum beats skip; a day with nothing checked is missed', () => {
    const days = new Map<Day, HabitDay>([
      ['2026-10-06', hd({ standard: true, minimum: true, skip: true })],
      ['2026-10-07', hd({ minimum: true, skip: true })],
      ['2026-10-08', hd({ skip: true })],
      ['2026-10-10', hd()], // only unchecked lines linked the goal
    ]);
    const t = new GoalTimeline(goal(), days, '2026-10-20', null);
    expect(t.status('2026-10-06')).toBe('standard');
    expect(t.status('2026-10-07')).toBe('minimum');
    expect(t.status('2026-10-08')).toBe('skip');
    expect(t.status('2026-10-09')).toBe('missed');
    expect(t.status('2026-10-10')).toBe('missed');
    expect(t.isDone('2026-10-06')).toBe(true);
    expect(t.isDone('2026-10-07')).toBe(true);
    expect(t.isDone('2026-10-08')).toBe(false);
  });

  it('inside a pause: done days stay done, a skip or an empty day is paused', () => {
    const days = new Map<Day, HabitDay>([
      ['2026-10-12', hd({ standard: true })],
      ['2026-10-13', hd({ minimum: true })],
      ['2026-10-14', hd({ skip: true })],
    ]);
    const g = goal({ pauses: [{ from: '2026-10-12', to: '2026-10-15', reason: 'travel' }] });
    const t = new GoalTimeline(g, days, '2026-10-20', null);
    expect(t.status('2026-10-12')).toBe('standard');
    expect(t.status('2026-10-13')).toBe('minimum');
    expect(t.status('2026-10-14')).toBe('paused'); // paused > skip
    expect(t.status('2026-10-15')).toBe('paused'); // pause `to` is inclusive
    expect(t.status('2026-10-16')).toBe('missed'); // first day after the pause
    expect(t.status('2026-10-11')).toBe('missed'); // day before the pause
  });

  it("is 'outside' before start and after due, even when logged; start and due are inclusive", () => {
    const days = marks('2026-10-04', 'SS');
    days.set('2026-11-29', hd({ standard: true }));
    days.set('2026-11-30', hd({ standard: true }));
    const g = goal({ start: '2026-10-05', due: '2026-11-29' });
    const t = new GoalTimeline(g, days, '2026-12-10', null);
    expect(t.status('2026-10-04')).toBe('outside');
    expect(t.status('2026-10-05')).toBe('standard');
    expect(t.status('2026-11-29')).toBe('standard');
    expect(t.status('2026-11-30')).toBe('outside');
    // a pause reaching outside the range does not bring days in
    const paused = new GoalTimeline(goal({ start: '2026-10-05', pauses: [{ from: '2026-10-01', to: '2026-10-06', reason: null }] }), new Map(), '2026-10-20', null);
    expect(paused.status('2026-10-04')).toBe('outside');
    expect(paused.status('2026-10-05')).toBe('paused');
  });

  it('ignores logs after asOf (asOf itself counts)', () => {
    const days = marks('2026-10-19', 'SSS'); // 10-19, 10-20, 10-21
    const t = new GoalTimeline(goal(), days, '2026-10-20', null);
    expect(t.status('2026-10-20')).toBe('standard');
    expect(t.status('2026-10-21')).toBe('missed');
    expect(t.isDone('2026-10-21')).toBe(false);
  });

  it('a goal without start starts on the first linked day; without due the range is open', () => {
    const g = goal({ start: null, due: null });
    const t = new GoalTimeline(g, marks('2026-10-07', 'S'), '2026-10-20', '2026-10-07');
    expect(t.start).toBe('2026-10-07');
    expect(t.end).toBe('2026-10-20'); // no due: end = asOf
    expect(t.status('2026-10-06')).toBe('outside');
    expect(t.status('2026-10-07')).toBe('standard');
    expect(t.status('2027-05-01')).toBe('missed'); // open-ended range, nothing logged
    const withDue = new GoalTimeline(goal({ due: '2026-10-10' }), new Map(), '2026-10-20', null);
    expect(withDue.end).toBe('2026-10-10'); // end = min(asOf, due)
  });
});

describe('week target (FORMAT §4)', () => {
  it('full week: available 7 → 4/week target ceil(4·7/7) = 4, daily ceil(7·7/7) = 7', () => {
    const days = marks('2026-10-12', 'SSMM...');
    const t = new GoalTimeline(goal(), days, '2026-11-01', null);
    const w4 = weekSummary(t, 4, '2026-10-15'); // any day of the week → its Monday
    expect(w4).toMatchObject({
      period: '2026-W42', monday: '2026-10-12', available: 7, target: 4, done: 4, standard: 2, minimum: 2,
      skipped: 0, paused: 0, current: false,
    });
    expect(isWeekMet(w4)).toBe(true); // 4 ≥ 4
    const w7 = weekSummary(t, 7, '2026-10-12');
    expect(w7.target).toBe(7);
    expect(isWeekMet(w7)).toBe(false); // 4 < 7
  });

  it('partial first week (start Thursday 10-01): available 4 → 4/week ceil(16/7) = 3, daily ceil(28/7) = 4', () => {
    const g = goal({ start: '2026-10-01' });
    const days = marks('2026-10-01', 'SSS.'); // Thu, Fri, Sat done
    const t = new GoalTimeline(g, days, '2026-10-20', null);
    const w4 = weekSummary(t, 4, '2026-10-01');
    expect(w4).toMatchObject({ monday: '2026-09-28', period: '2026-W40', available: 4, target: 3, done: 3 });
    expect(isWeekMet(w4)).toBe(true); // 3 ≥ 3
    expect(weekSummary(t, 7, '2026-10-01').target).toBe(4);
    expect(weekSummaries(t, 4)[0]!.monday).toBe('2026-09-28');
  });

  it('partial last week (due Wednesday 11-25): available 3 → 4/week ceil(12/7) = 2, daily 3', () => {
    const t = new GoalTimeline(goal({ due: '2026-11-25' }), new Map(), '2026-12-10', null);
    expect(weekSummary(t, 4, '2026-11-23')).toMatchObject({ available: 3, target: 2 });
    expect(weekSummary(t, 7, '2026-11-23').target).toBe(3);
  });

  it('two skip days: available 5 → 4/week ceil(20/7) = 3, daily 5', () => {
    const days = marks('2026-10-12', 'SKKSS..');
    const t = new GoalTimeline(goal(), days, '2026-11-01', null);
    const w4 = weekSummary(t, 4, '2026-10-12');
    expect(w4).toMatchObject({ skipped: 2, available: 5, target: 3, done: 3 });
    expect(isWeekMet(w4)).toBe(true); // 3 ≥ 3
    const w7 = weekSummary(t, 7, '2026-10-12');
    expect(w7.target).toBe(5);
    expect(isWeekMet(w7)).toBe(false); // 3 < 5
  });

  it('a 3-day pause (Tue–Thu): available 4 → 4/week ceil(16/7) = 3, daily 4', () => {
    const g = goal({ pauses: [{ from: '2026-10-13', to: '2026-10-15', reason: 'ill' }] });
    const days = marks('2026-10-12', 'S....S.');
    const t = new GoalTimeline(g, days, '2026-11-01', null);
    const w4 = weekSummary(t, 4, '2026-10-12');
    expect(w4).toMatchObject({ paused: 3, available: 4, target: 3, done: 2 });
    expect(isWeekMet(w4)).toBe(false); // 2 < 3
    expect(weekSummary(t, 7, '2026-10-12').target).toBe(4);
  });

  it('an all-paused week is neutral (target 0) and never met', () => {
    const g = goal({ pauses: [{ from: '2026-10-12', to: '2026-10-18', reason: null }] });
    const t = new GoalTimeline(g, new Map(), '2026-11-01', null);
    for (const n of [4, 7]) {
      const w = weekSummary(t, n, '2026-10-12');
      expect(w).toMatchObject({ paused: 7, available: 0, target: 0, done: 0 }); // ceil(n·0/7) = 0
      expect(isWeekMet(w)).toBe(false); // done 0 ≥ 0 but target must be > 0
    }
  });

  it('the current week targets the whole week, but only counts logs up to asOf', () => {
    const days = marks('2026-10-12', 'SS..SS.'); // Mon, Tue, Fri, Sat; asOf is Wednesday
    const t = new GoalTimeline(goal(), days, '2026-10-14', null);
    const w = weekSummary(t, 4, '2026-10-14');
    // all 7 days are inside [start, due] and neither skip nor paused → target ceil(4·7/7) = 4
    expect(w).toMatchObject({ current: true, available: 7, target: 4, done: 2 });
    const all = weekSummaries(t, 4);
    expect(all.map((x) => x.monday)).toEqual(['2026-10-05', '2026-10-12']);
    expect(all.map((x) => x.current)).toEqual([false, true]);
  });
});

describe('streakWeeks / bestStreakWeeks (FORMAT §4)', () => {
  const MET = 'SSSS...'; // 4 of target 4
  const UNMET = 'SS.....'; // 2 of target 4

  it('counts back from the last complete week; an unmet running week does not break it; best is longer', () => {
    // W41 met, W42 met, W43 met, W44 unmet, W45 met, W46 met, W47 (current, Tue) 1 done so far
    const days = marks('2026-10-05', [MET, MET, MET, UNMET, MET, MET, 'S'].join('|'));
    const s = stats(goal(), days, '2026-11-17');
    expect(s.weeks).toHaveLength(7);
    expect(s.streakWeeks).toBe(2); // W46, W45; W44 breaks
    expect(s.bestStreakWeeks).toBe(3); // W41–W43
  });

  it('adds one for a current week already met', () => {
    // W41 met, W42 met, W43 current (Thu) with 4 done already
    const days = marks('2026-10-05', [MET, MET, 'SSSS'].join('|'));
    const s = stats(goal(), days, '2026-10-22');
    expect(s.week?.current).toBe(true);
    expect(s.streakWeeks).toBe(3); // 2 complete + 1 current
    expect(s.bestStreakWeeks).toBe(3);
  });

  it('an unmet current week with nothing done yet keeps the streak', () => {
    const days = marks('2026-10-05', [MET, MET].join('|'));
    const s = stats(goal(), days, '2026-10-21'); // Wednesday of W43, nothing done in W43
    expect(s.streakWeeks).toBe(2);
  });

  it('steps over neutral weeks', () => {
    // W41 met, W42 fully paused (neutral), W43 met, W44 current (Mon) nothing yet
    const g = goal({ pauses: [{ from: '2026-10-12', to: '2026-10-18', reason: 'trip' }] });
    const days = marks('2026-10-05', [MET, '.......', MET].join('|'));
    const s = stats(g, days, '2026-10-26');
    expect(s.weeks.map((w) => w.target)).toEqual([4, 0, 4, 4]);
    expect(s.streakWeeks).toBe(2); // W43 + W41, W42 stepped over
    expect(s.bestStreakWeeks).toBe(2);
  });

  it('a complete unmet week resets the streak to 0', () => {
    const days = marks('2026-10-05', [MET, MET, UNMET].join('|'));
    const s = stats(goal(), days, '2026-10-26'); // W44 Monday, nothing done
    expect(s.streakWeeks).toBe(0);
    expect(s.bestStreakWeeks).toBe(2);
  });

  it('streaks() directly on summaries: a week with done ≥ target but target 0 does not count', () => {
    const base = { period: '', monday: '', minimum: 0, standard: 0, skipped: 0, paused: 0, available: 0 };
    const weeks = [
      { ...base, target: 2, done: 2, current: false }, // met
      { ...base, target: 0, done: 0, current: false }, // neutral, stepped over
      { ...base, target: 3, done: 3, current: false }, // met
      { ...base, target: 3, done: 1, current: true }, // running, unmet: no break
    ];
    expect(streaks(weeks)).toEqual({ current: 2, best: 2 });
  });

  it('a wish (no cadence) has no weeks, streak, strength or half-life, only progress', () => {
    const g = goal({ cadence: null, tasks: [task(true, '2026-10-06'), task(false)] });
    const s = stats(g, marks('2026-10-05', 'SSS'), '2026-10-20');
    expect(s.weeks).toEqual([]);
    expect(s.week).toBeNull();
    expect(s.streakWeeks).toBeNull();
    expect(s.bestStreakWeeks).toBeNull();
    expect(s.strength).toBeNull();
    expect(s.halfLifeDays).toBeNull();
    expect(s.progress).toBe(50); // 1 of 2 tasks
  });
});

describe('strength — Loop Habit Tracker score (FORMAT §4)', () => {
  it('daily goal: done, done, missed, done', () => {
    // f = 1, m = 0.5^(1/13) ≈ 0.9480775143, v = 1 if done else 0
    // S1 = m·0 + (1−m)·1            = 1 − m               ≈ 0.0519224857
    // S2 = m(1−m) + (1−m)           = 1 − m²              ≈ 0.1011490268
    // S3 = m(1−m²) + 0              = m − m³              ≈ 0.0958971179
    // S4 = m(m−m³) + (1−m)          = 1 − m + m² − m⁴     ≈ 0.1428403868
    const m = M_DAILY;
    const t = new GoalTimeline(goal({ cadence: { perWeek: 7 } }), marks('2026-10-05', 'SS.S'), '2026-10-08', null);
    const series = strengthSeries(t, 7);
    expect(series.map((p) => p.day)).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']);
    expect(series[0]!.value).toBeCloseTo(1 - m, 10);
    expect(series[1]!.value).toBeCloseTo(1 - m ** 2, 10);
    expect(series[2]!.value).toBeCloseTo(m - m ** 3, 10);
    expect(series[3]!.value).toBeCloseTo(1 - m + m ** 2 - m ** 4, 10);
    expect(series[3]!.value).toBeCloseTo(0.1428403868, 9);
    const s = stats(goal({ cadence: { perWeek: 7 } }), marks('2026-10-05', 'SS.S'), '2026-10-08');
    expect(s.strength).toBeCloseTo(1 - m + m ** 2 - m ** 4, 10);
  });

  it('3/week goal over 5 days: v = min(1, doneInLast14 / (2·3))', () => {
    // f = 3/7, m = 0.5^(sqrt(3/7)/13) ≈ 0.9656966817; 2N = 6; days before start count as not done
    // day   status  done-in-window  v     S = m·S + (1−m)·v
    // 10-05 S       1               1/6   ≈ 0.0057172197
    // 10-06 .       1               1/6   ≈ 0.0112383198
    // 10-07 S       2               2/6   ≈ 0.0222872476
    // 10-08 S       3               3/6   ≈ 0.0386743802
    // 10-09 .       3               3/6   ≈ 0.0544993798
    const m = M_3;
    const vs = [1 / 6, 1 / 6, 2 / 6, 3 / 6, 3 / 6];
    let S = 0;
    const expected = vs.map((v) => (S = m * S + (1 - m) * v));
    const t = new GoalTimeline(goal({ cadence: { perWeek: 3 } }), marks('2026-10-05', 'S.SS.'), '2026-10-09', null);
    const series = strengthSeries(t, 3);
    expect(series).toHaveLength(5);
    series.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i]!, 10));
    expect(series[4]!.value).toBeCloseTo(0.0544993798, 9);
  });

  it('3/week: the window is exactly 14 days, so a done day stops counting on day 15', () => {
    // day 1 done, days 2–15 missed. v_1..v_14 = 1/6 (day 1 still in the 14-day window), v_15 = 0.
    // Constant v from S = 0 for n days: S_n = v(1 − mⁿ) → S14 = (1 − m¹⁴)/6; S15 = m·S14.
    const m = M_3;
    const t = new GoalTimeline(goal({ cadence: { perWeek: 3 } }), marks('2026-10-05', 'S'), '2026-10-19', null);
    const series = strengthSeries(t, 3);
    expect(series).toHaveLength(15);
    expect(series[13]!.value).toBeCloseTo((1 - m ** 14) / 6, 10);
    expect(series[14]!.value).toBeCloseTo((m * (1 - m ** 14)) / 6, 10);
  });

  it('3/week: v is capped at 1 once 6 of the last 14 days are done', () => {
    // all 8 days done: v = 1/6, 2/6, 3/6, 4/6, 5/6, 1, 1 (7/6 → 1), 1 (8/6 → 1)
    const m = M_3;
    let S = 0;
    const expected = [1, 2, 3, 4, 5, 6, 6, 6].map((k) => (S = m * S + (1 - m) * (k / 6)));
    const t = new GoalTimeline(goal({ cadence: { perWeek: 3 } }), marks('2026-10-05', 'SSSSSSSS'), '2026-10-12', null);
    const series = strengthSeries(t, 3);
    series.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i]!, 10));
  });

  it('a skip day leaves S unchanged', () => {
    // done, skip, done: S1 = 1 − m, S2 = S1, S3 = m(1−m) + (1−m) = 1 − m²
    const m = M_DAILY;
    const t = new GoalTimeline(goal({ cadence: { perWeek: 7 } }), marks('2026-10-05', 'SKS'), '2026-10-07', null);
    const v = strengthSeries(t, 7).map((p) => p.value);
    expect(v[0]).toBeCloseTo(1 - m, 10);
    expect(v[1]).toBeCloseTo(1 - m, 10);
    expect(v[2]).toBeCloseTo(1 - m ** 2, 10);
  });

  it('a paused day leaves S unchanged', () => {
    // done, paused (nothing logged), done: same as done, done → 1 − m²
    const m = M_DAILY;
    const g = goal({ cadence: { perWeek: 7 }, pauses: [{ from: '2026-10-06', to: '2026-10-06', reason: null }] });
    const t = new GoalTimeline(g, marks('2026-10-05', 'S.S'), '2026-10-07', null);
    const v = strengthSeries(t, 7).map((p) => p.value);
    expect(v[1]).toBeCloseTo(1 - m, 10);
    expect(v[2]).toBeCloseTo(1 - m ** 2, 10);
  });

  it('stops at due: days after due (and logs there) are not scored', () => {
    // due 10-07: 3 done days → S3 = 1 − m³ ≈ 0.1482222; logs on 10-08.. are outside
    const m = M_DAILY;
    const g = goal({ cadence: { perWeek: 7 }, due: '2026-10-07' });
    const days = marks('2026-10-05', 'SSSSSSS');
    expect(strengthSeries(new GoalTimeline(g, days, '2026-10-20', null), 7)).toHaveLength(3);
    expect(stats(g, days, '2026-10-20').strength).toBeCloseTo(1 - m ** 3, 10);
  });

  it('half-life: 13/sqrt(f) days; after 13 missed days a daily score halves', () => {
    expect(halfLifeDays(7)).toBe(13); // f = 1
    expect(halfLifeDays(4)).toBeCloseTo(13 / Math.sqrt(4 / 7), 10); // ≈ 17.1973835219
    expect(halfLifeDays(4)).toBeCloseTo(17.1973835219, 9);
    // 1 done day then 13 missed: S14 = (1 − m)·m¹³ = (1 − m)/2 because m¹³ = 0.5
    const m = M_DAILY;
    const t = new GoalTimeline(goal({ cadence: { perWeek: 7 } }), marks('2026-10-05', 'S'), '2026-10-18', null);
    expect(strengthSeries(t, 7).at(-1)!.value).toBeCloseTo((1 - m) / 2, 10);
  });

  it('stays within [0, 1] for any sequence of days', () => {
    fc.assert(fc.property(
      fc.constantFrom(1, 3, 4, 7),
      fc.array(fc.constantFrom('S', 'M', 'K', '.'), { minLength: 1, maxLength: 80 }),
      (n, seq) => {
        const days = marks('2026-10-05', seq.join(''));
        const t = new GoalTimeline(goal({ cadence: { perWeek: n } }), days, plus('2026-10-05', seq.length - 1), null);
        const series = strengthSeries(t, n);
        expect(series).toHaveLength(seq.length);
        for (const p of series) {
          expect(p.value).toBeGreaterThanOrEqual(0);
          expect(p.value).toBeLessThanOrEqual(1);
        }
      },
    ), { numRuns: 200 });
    // 60 done days in a row, daily: 1 − m⁶⁰ ≈ 0.9590 < 1
    const t = new GoalTimeline(goal({ cadence: { perWeek: 7 } }), marks('2026-10-05', 'S'.repeat(60)), '2026-12-03', null);
    expect(strengthSeries(t, 7).at(-1)!.value).toBeCloseTo(1 - M_DAILY ** 60, 10);
  });
});

describe('progress (FORMAT §4)', () => {
  it('metric sum with baseline ≠ 0', () => {
    // baseline 100, target 300, values 50 + 70 + 30 = 150 → (150 − 100)/(300 − 100) = 25 %
    const g = goal({ metric: metric({ baseline: 100, target: 300, aggregate: 'sum' }) });
    const days = new Map<Day, HabitDay>();
    valued(days, '2026-10-05', 50);
    valued(days, '2026-10-06', 70, 30); // two checked lines on one day
    const s = stats(g, days, '2026-10-20');
    expect(s.metricCurrent).toBe(150);
    expect(s.progress).toBeCloseTo(25, 10);
  });

  it('metric last', () => {
    // baseline 10, target 20, values 12, 18, 15 → last = 15 → (15 − 10)/10 = 50 %
    const g = goal({ metric: metric({ baseline: 10, target: 20, aggregate: 'last' }) });
    const days = new Map<Day, HabitDay>();
    valued(days, '2026-10-05', 12);
    valued(days, '2026-10-06', 18);
    valued(days, '2026-10-07', 15);
    const s = stats(g, days, '2026-10-20');
    expect(s.metricCurrent).toBe(15);
    expect(s.progress).toBeCloseTo(50, 10);
  });

  it('metric max', () => {
    // baseline 10, target 20, values 12, 18, 15 → max = 18 → (18 − 10)/10 = 80 %
    const g = goal({ metric: metric({ baseline: 10, target: 20, aggregate: 'max' }) });
    const days = new Map<Day, HabitDay>();
    valued(days, '2026-10-05', 12);
    valued(days, '2026-10-06', 18);
    valued(days, '2026-10-07', 15);
    const s = stats(g, days, '2026-10-20');
    expect(s.metricCurrent).toBe(18);
    expect(s.progress).toBeCloseTo(80, 10);
  });

  it('a decreasing metric (target < baseline) with last', () => {
    // baseline 80, target 70, last 75 → (75 − 80)/(70 − 80) = 0.5 → 50 %
    const g = goal({ metric: metric({ baseline: 80, target: 70, aggregate: 'last' }) });
    const s = stats(g, valued(new Map(), '2026-10-06', 75), '2026-10-20');
    expect(s.progress).toBeCloseTo(50, 10);
  });

  it('clamps above 100 % and below 0 %', () => {
    // sum 80 + 50 = 130 of target 100 → 1.3 → clamp → 100 %
    const over = goal({ metric: metric({ baseline: 0, target: 100, aggregate: 'sum' }) });
    const overDays = valued(valued(new Map(), '2026-10-05', 80), '2026-10-06', 50);
    expect(stats(over, overDays, '2026-10-20').progress).toBe(100);
    // last 30, baseline 50, target 100 → (30 − 50)/50 = −0.4 → clamp → 0 %
    const under = goal({ metric: metric({ baseline: 50, target: 100, aggregate: 'last' }) });
    expect(stats(under, valued(new Map(), '2026-10-05', 30), '2026-10-20').progress).toBe(0);
  });

  it('ignores values logged before start, after due and after asOf', () => {
    // range [10-05, min(asOf 10-20, due 10-31)]: only 10-10's 20 counts → 20/100 = 20 %
    const g = goal({ due: '2026-10-31', metric: metric() });
    const days = new Map<Day, HabitDay>();
    valued(days, '2026-10-04', 40); // before start
    valued(days, '2026-10-10', 20); // counted
    valued(days, '2026-10-21', 30); // after asOf
    const s = stats(g, days, '2026-10-20');
    expect(s.metricCurrent).toBe(20);
    expect(s.progress).toBeCloseTo(20, 10);
    // asOf after due: 10-21 now counts (≤ due), 11-02 is after due → (20 + 30)/100 = 50 %
    valued(days, '2026-11-02', 25);
    expect(stats(g, days, '2026-11-10').progress).toBeCloseTo(50, 10);
  });

  it('without a metric: checked tasks ÷ all tasks; tasks done after asOf are not counted', () => {
    // 5 tasks: checked undated, checked 10-06, checked 10-25 (after asOf), two unchecked → 2/5 = 40 %
    const g = goal({ tasks: [task(true), task(true, '2026-10-06'), task(true, '2026-10-25'), task(false), task(false)] });
    expect(stats(g, new Map(), '2026-10-20').progress).toBeCloseTo(40, 10);
    // a week later the 10-25 task counts too: 3/5 = 60 %
    expect(stats(g, new Map(), '2026-10-27').progress).toBeCloseTo(60, 10);
    // no tasks at all → 0
    expect(stats(goal(), new Map(), '2026-10-20').progress).toBe(0);
  });

  // FORMAT: "current is the sum … of the values logged on days in the range" and progress is
  // clamp((current − baseline)/(target − baseline), 0, 1). With no value logged, the sum is 0 and
  // progress is (0 − (−10))/(10 − (−10)) = 50 %. The code reports metricCurrent 0 but progress 0:
  // progressHistory only records *changes* from its initial percent, and `at()` starts from 0.
  it('metric sum with a negative baseline and nothing logged yet: sum 0 → 50 %', () => {
    const g = goal({ metric: metric({ baseline: -10, target: 10, aggregate: 'sum' }) });
    const s = stats(g, new Map(), '2026-10-20');
    expect(s.metricCurrent).toBe(0);
    expect(s.progress).toBeCloseTo(50, 10);
  });
});

describe('milestones reached (FORMAT §4)', () => {
  it('task progress: first dates at 25/50/75/100 %', () => {
    // 4 tasks done 10-06, 10-08, 10-08, 10-12 → 25 % on 10-06, 75 % on 10-08 (crosses 50 and 75), 100 % on 10-12
    const g = goal({ tasks: [task(true, '2026-10-08'), task(true, '2026-10-06'), task(true, '2026-10-12'), task(true, '2026-10-08')] });
    const history = progressHistory(new GoalTimeline(g, new Map(), '2026-10-20', null));
    expect(milestonesReached(history)).toEqual([
      { percent: 25, date: '2026-10-06' },
      { percent: 50, date: '2026-10-08' },
      { percent: 75, date: '2026-10-08' },
      { percent: 100, date: '2026-10-12' },
    ]);
    expect(history.at('2026-10-07')).toBeCloseTo(25, 10);
    expect(history.at('2026-10-05')).toBe(0);
  });

  it('undated checked tasks reach a milestone with no date', () => {
    // 2 undated checked of 4 → 50 % with date null; 1 more on 10-09 → 75 %
    const g = goal({ tasks: [task(true), task(true), task(true, '2026-10-09'), task(false)] });
    const s = stats(g, new Map(), '2026-10-20');
    expect(s.milestones).toEqual([
      { percent: 25, date: null },
      { percent: 50, date: null },
      { percent: 75, date: '2026-10-09' },
    ]);
  });

  it('metric progress: the day each threshold was first crossed, kept when progress falls back', () => {
    // sum, target 200: 10-06 +60 → 30 %, 10-07 +50 → 110 = 55 %, 10-09 +45 → 155 = 77.5 %; 100 % not reached
    const g = goal({ metric: metric({ target: 200 }) });
    const days = new Map<Day, HabitDay>();
    valued(days, '2026-10-06', 60);
    valued(days, '2026-10-07', 50);
    valued(days, '2026-10-09', 45);
    expect(stats(g, days, '2026-10-20').milestones).toEqual([
      { percent: 25, date: '2026-10-06' },
      { percent: 50, date: '2026-10-07' },
      { percent: 75, date: '2026-10-09' },
    ]);
    // last, target 100: 10-06 60 % (crosses 25 and 50), 10-07 30 % → milestones keep 10-06, current 30 %
    const g2 = goal({ metric: metric({ aggregate: 'last' }) });
    const days2 = valued(valued(new Map(), '2026-10-06', 60), '2026-10-07', 30);
    const s2 = stats(g2, days2, '2026-10-20');
    expect(s2.progress).toBeCloseTo(30, 10);
    expect(s2.milestones).toEqual([{ percent: 25, date: '2026-10-06' }, { percent: 50, date: '2026-10-06' }]);
  });
});

describe('elapsedShare', () => {
  it('share of the days of [start, due] passed by asOf', () => {
    // [10-01, 11-29] = 31 + 29 = 60 days
    expect(elapsedShare('2026-10-01', '2026-11-29', '2026-10-30')).toBeCloseTo(50, 10); // 30/60
    expect(elapsedShare('2026-10-01', '2026-11-29', '2026-10-01')).toBeCloseTo(100 / 60, 10); // 1/60
    expect(elapsedShare('2026-10-01', '2026-11-29', '2026-09-20')).toBe(0);
    expect(elapsedShare('2026-10-01', '2026-11-29', '2026-12-15')).toBe(100);
    expect(elapsedShare('2026-10-01', null, '2026-10-30')).toBeNull();
    expect(elapsedShare(null, '2026-11-29', '2026-10-30')).toBeNull();
  });
});

describe('suggestions (FORMAT §4 obstacle table)', () => {
  // Most cases use a metric so that the no-metric branch of add-metric stays out of the way.
  const withMetric = (over: Partial<Goal> = {}) => goal({ metric: metric({ target: 1000 }), ...over });

  it('shrink-to-minimum: fires when the last 2 complete weeks did < 50 % of their target', () => {
    // 4/week, W41 1 + W42 2 = 3 done < 0.5 × (4 + 4) = 4; asOf Monday W43
    const days = marks('2026-10-05', 'S......|SS.....');
    expect(ids(withMetric(), days, '2026-10-19')).toContain('shrink-to-minimum');
    const msg = stats(withMetric(), days, '2026-10-19').suggestions.find((s) => s.id === 'shrink-to-minimum')!.message;
    expect(msg).toContain('3 of 8');
  });

  it('shrink-to-minimum: near miss at exactly 50 %', () => {
    // W41 2 + W42 2 = 4 done, not < 4
    const days = marks('2026-10-05', 'SS.....|SS.....');
    expect(ids(withMetric(), days, '2026-10-19')).not.toContain('shrink-to-minimum');
  });

  it('add-metric: fires for a goal without a metric, however well it goes', () => {
    const days = marks('2026-10-05', 'SSSS...|SSSS...|SSSS...');
    expect(ids(goal({ metric: null }), days, '2026-10-26')).toContain('add-metric');
  });

  it('add-metric: fires when 3 steady complete weeks moved progress < 5 points', () => {
    // start W40 (09-28); 09-28 value 20 → 20 %; W41–W43 each 3 of target 4 (≥ 75 %)
    // values in W41–W43 total 4 → progress 20 → 24 = +4 < 5
    const g = goal({ start: '2026-09-28', metric: metric({ target: 100 }) });
    const days = marks('2026-10-05', 'SSS....|SSS....|SSS....');
    valued(days, '2026-09-28', 20);
    valued(days, '2026-10-05', 4);
    expect(ids(g, days, '2026-10-26')).toContain('add-metric');
  });

  it('add-metric: near misses — progress rose exactly 5 points, or one week under 75 %', () => {
    const g = goal({ start: '2026-09-28', metric: metric({ target: 100 }) });
    // +5 points: 20 → 25, not < 5
    const rose5 = marks('2026-10-05', 'SSS....|SSS....|SSS....');
    valued(rose5, '2026-09-28', 20);
    valued(rose5, '2026-10-05', 5);
    expect(ids(g, rose5, '2026-10-26')).not.toContain('add-metric');
    // W42 2 of 4 = 50 % < 75 %, progress flat
    const unsteady = marks('2026-10-05', 'SSS....|SS.....|SSS....');
    valued(unsteady, '2026-09-28', 20);
    expect(ids(g, unsteady, '2026-10-26')).not.toContain('add-metric');
  });

  it('rewrite-purpose: fires when done fell strictly in each of the last 3 complete weeks', () => {
    // W41 4 > W42 3 > W43 2 > W44 1 (on Sat 10-31, so the 10-day rule does not apply); asOf Mon W45
    const days = marks('2026-10-05', 'SSSS...|SSS....|SS.....|.....S.');
    const s = stats(withMetric(), days, '2026-11-02');
    const r = s.suggestions.find((x) => x.id === 'rewrite-purpose');
    expect(r?.message).toContain('fewer sessions');
  });

  it('rewrite-purpose: near miss when one week only equals the previous one', () => {
    // 4, 3, 2, 2: the last week did not fall
    const days = marks('2026-10-05', 'SSSS...|SSS....|SS.....|....SS.');
    expect(ids(withMetric(), days, '2026-11-02')).not.toContain('rewrite-purpose');
  });

  it('rewrite-purpose: fires when nothing was done in the last 10 days', () => {
    // last done 10-13; asOf 10-31 → days 10-22..10-31 (10 days) all missed
    const days = marks('2026-10-05', 'SS.....|SS.....');
    const r = stats(withMetric(), days, '2026-10-31').suggestions.find((x) => x.id === 'rewrite-purpose');
    expect(r?.message).toContain('nothing done in the last 10 days');
  });

  it('rewrite-purpose: near miss when a done day sits on the 10th day back', () => {
    // done on 10-22 = asOf − 9, inside the 10-day window; weeks 2, 2, 1 do not fall each week
    const days = marks('2026-10-05', 'SS.....|SS.....|...S...');
    expect(ids(withMetric(), days, '2026-10-31')).not.toContain('rewrite-purpose');
  });

  it('extend-or-reduce: fires when elapsed share exceeds progress by more than 25 points', () => {
    // [10-01, 11-29] = 60 days; asOf 10-30 → 30/60 = 50 % elapsed; progress 24/100 = 24 %; 50 − 24 = 26 > 25
    const g = goal({ start: '2026-10-01', due: '2026-11-29', metric: metric({ target: 100 }) });
    const days = valued(marks('2026-10-01', 'SSS.SSSS.SSSS.SSSS.SSSS.SSSS.S'), '2026-10-10', 24);
    expect(ids(g, days, '2026-10-30')).toContain('extend-or-reduce');
  });

  it('extend-or-reduce: near misses — exactly 25 points behind, or no due date', () => {
    // progress 25 % → 50 − 25 = 25, not > 25
    const g = goal({ start: '2026-10-01', due: '2026-11-29', metric: metric({ target: 100 }) });
    const days = valued(marks('2026-10-01', 'SSS.SSSS.SSSS.SSSS.SSSS.SSSS.S'), '2026-10-10', 25);
    expect(ids(g, days, '2026-10-30')).not.toContain('extend-or-reduce');
    // no due: no elapsed share at all
    const open = goal({ start: '2026-10-01', due: null, metric: metric({ target: 100 }) });
    expect(ids(open, new Map(), '2026-10-30')).not.toContain('extend-or-reduce');
  });

  it('raise-the-bar: fires at 3 met weeks with ≥ 80 % of done days at standard (boundary 80 %)', () => {
    // 5/week (target 5): W41 5 S, W42 5 S, W43 2 S + 3 M → 12 standard of 15 done = 80 %
    const g = withMetric({ cadence: { perWeek: 5 } });
    const days = marks('2026-10-05', 'SSSSS..|SSSSS..|SSMMM..');
    expect(ids(g, days, '2026-10-26')).toContain('raise-the-bar');
  });

  it('raise-the-bar: near misses — 73 % at standard, or one week unmet', () => {
    const g = withMetric({ cadence: { perWeek: 5 } });
    // 11 standard of 15 done ≈ 73 % < 80 %
    expect(ids(g, marks('2026-10-05', 'SSSSS..|SSSSS..|SMMMM..'), '2026-10-26')).not.toContain('raise-the-bar');
    // all standard, but W43 has 4 of target 5
    expect(ids(g, marks('2026-10-05', 'SSSSS..|SSSSS..|SSSS...'), '2026-10-26')).not.toContain('raise-the-bar');
  });

  it('are only given for active goals', () => {
    // no metric after a busy week (add-metric) and 0 done in the last two weeks (shrink-to-minimum) would fire if active
    const days = marks('2026-09-28', 'SSS....|.......|.......');
    const started = { start: '2026-09-28' as Day };
    expect(ids(goal({ status: 'active', ...started }), days, '2026-10-19')).toEqual(expect.arrayContaining(['add-metric', 'shrink-to-minimum']));
    for (const status of ['paused', 'done', 'dropped'] as const) {
      expect(stats(goal({ status, ...started }), days, '2026-10-19').suggestions).toEqual([]);
    }
  });

  it('no "busy but not improving" before there was any work: not on the day a goal is made', () => {
    expect(ids(goal({ start: '2026-10-19' }), new Map(), '2026-10-19')).not.toContain('add-metric');
    expect(ids(goal({ start: '2026-10-05' }), marks('2026-10-05', 'SS.....'), '2026-10-12')).toContain('add-metric');
    expect(ids(goal({ start: '2026-10-05' }), marks('2026-10-05', '.......|SS'), '2026-10-13')).not.toContain('add-metric');
  });
});

describe('collectHabitDays', () => {
  const entry = (over: Partial<HabitEntry>): HabitEntry => ({
    goalId: 'g', level: 'standard', checked: true, value: null, line: 1, column: 3, taskIndex: 0, ...over,
  });
  const log = (date: Day, habits: HabitEntry[]): DailyLog => ({
    date, file: `logs/2026/${date}.md`, frontmatterDate: null, energy: null, tasks: [], habits, fields: {}, tags: [], places: {},
    habitsHeadingLine: null, titleLine: null, bodyLine: 1,
  });

  it('merges the checked lines of a day per goal; unchecked lines only mark the link', () => {
    const byGoal = collectHabitDays([
      log('2026-10-06', [
        entry({ level: 'minimum', value: 5 }),
        entry({ level: 'standard', checked: false, value: 99 }), // unchecked: no flag, no value
        entry({ goalId: 'h', level: 'skip' }),
      ]),
      log('2026-10-05', [entry({ level: 'standard', checked: false })]),
    ]);
    expect(byGoal.get('g')?.get('2026-10-06')).toEqual({ standard: false, minimum: true, skip: false, values: [5] });
    expect(byGoal.get('g')?.get('2026-10-05')).toEqual({ standard: false, minimum: false, skip: false, values: [] });
    expect(byGoal.get('h')?.get('2026-10-06')).toEqual({ standard: false, minimum: false, skip: true, values: [] });
    expect(firstLinkedDay(byGoal.get('g'))).toBe('2026-10-05'); // an unchecked link still counts
    expect(firstLinkedDay(undefined)).toBeNull();
  });
});

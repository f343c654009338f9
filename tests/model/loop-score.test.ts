// Loop Habit Tracker's own score tests (iSoron/uhabits, uhabits-core ScoreTest.kt and ScoreListTest.kt),
// re-expressed over our day statuses: the released numbers for habits without skips must hold to 1e-6,
// and the skip cases of Loop's pull request #1713 (skipped days leave the 14-day window) too.
// Loop counts offsets back from "today" (0 = today) and starts scoring on the oldest entry.
import { describe, expect, it } from 'vitest';
import { GoalTimeline, loopScoreStep, numericStrengthSeries, strengthSeries } from '../../src/model/analytics.js';
import type { Day } from '../../src/model/dates.js';
import type { HabitDay } from '../../src/model/habit-days.js';
import type { Cadence, Goal } from '../../src/model/types.js';
import { parseCadence } from '../../src/model/cadence.js';
import fc from 'fast-check';

const E = 1e-6;
const TODAY: Day = '2026-06-30';

function minus(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

type Entry = 'yes' | 'skip';

/** A habit as Loop's fixtures build it: entries by offset from today; a later add replaces an earlier one. */
class LoopHabit {
  private readonly entries = new Map<number, Entry>();
  constructor(public cadence: number | Cadence) {}
  check(from: number, to = from + 1): this {
    for (let i = from; i < to; i++) this.entries.set(i, 'yes');
    return this;
  }
  checkValues(values: boolean[]): this {
    values.forEach((yes, i) => yes && this.entries.set(i, 'yes'));
    return this;
  }
  skip(offset: number): this {
    this.entries.set(offset, 'skip');
    return this;
  }
  /** Score at the end of the day `offset` days before today; 0 before the oldest entry, as in Loop. */
  scores(): (offset: number) => number {
    if (this.entries.size === 0) return () => 0;
    const oldest = Math.max(...this.entries.keys());
    const days = new Map<Day, HabitDay>();
    for (const [offset, entry] of this.entries) {
      days.set(minus(TODAY, offset), { standard: entry === 'yes', minimum: false, skip: entry === 'skip', values: [] });
    }
    const goal = {
      id: 'loop', file: 'goals/loop.md', title: 'Loop', status: 'active', lead: false, why: null,
      start: minus(TODAY, oldest), due: null, cadence: typeof this.cadence === 'number' ? { perWeek: this.cadence } : this.cadence, cadenceGiven: true,
      minimum: null, standard: null, metric: null, pauses: [], tags: [], tasks: [], milestones: [], stages: [],
      stagesHeading: null, titleLine: null, places: {},
    } as unknown as Goal;
    const series = strengthSeries(new GoalTimeline(goal, days, TODAY, null), this.cadence);
    const byDay = new Map(series.map((p) => [p.day, p.value]));
    return (offset) => byDay.get(minus(TODAY, offset)) ?? 0;
  }
}

/** Loop's own tolerance: hamcrest closeTo(value, 1e-6). */
function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(E);
}

function expectScores(habit: LoopHabit, expected: number[]): void {
  const score = habit.scores();
  expected.forEach((value, offset) => expect(Math.abs(score(offset) - value), `offset ${offset}`).toBeLessThanOrEqual(E));
}

describe("Loop's ScoreTest: Score.compute", () => {
  it('daily habit', () => {
    near(loopScoreStep(1, 0, 1), 0.051922);
    near(loopScoreStep(1, 0.5, 1), 0.525961);
    near(loopScoreStep(1, 0.75, 1), 0.762981);
    near(loopScoreStep(1, 0, 0), 0);
    near(loopScoreStep(1, 0.5, 0), 0.474039);
    near(loopScoreStep(1, 0.75, 0), 0.711058);
  });

  it('non-daily habit (f = 1/3)', () => {
    near(loopScoreStep(1 / 3, 0, 1), 0.030314);
    near(loopScoreStep(1 / 3, 0.5, 1), 0.515157);
    near(loopScoreStep(1 / 3, 0.75, 1), 0.757578);
    near(loopScoreStep(1 / 3, 0, 0), 0);
    near(loopScoreStep(1 / 3, 0.5, 0), 0.484842);
    near(loopScoreStep(1 / 3, 0.75, 0), 0.727263);
  });
});

const TWENTY_DAYS = [
  0.655747, 0.636894, 0.617008, 0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.443734, 0.41327, 0.381137,
  0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
];

describe("Loop's YesNoScoreListTest (released numbers, no skips)", () => {
  it('test_getValue: daily, 20 days checked', () => {
    expectScores(new LoopHabit(7).check(0, 20), TWENTY_DAYS);
  });

  it('test_imperfectNonDaily: 2 of 7 days → 2/3 at 3/week, 1/2 at 4/week', () => {
    const week = [true, true, false, false, false, false, false];
    const values = Array.from({ length: 100 }, () => week).flat();
    expect(new LoopHabit(3).checkValues(values).scores()(0)).toBeCloseTo(2 / 3, 6);
    expect(new LoopHabit(4).checkValues(values).scores()(0)).toBeCloseTo(0.5, 6);
  });

  it('test_irregularNonDaily: once a week on different weekdays → 100 % (1e-3)', () => {
    const twoWeeks = [true, false, false, false, false, false, false, false, false, false, false, false, false, true];
    const values = Array.from({ length: 100 }, () => twoWeeks).flat();
    expect(Math.abs(new LoopHabit(1).checkValues(values).scores()(0) - 1)).toBeLessThan(1e-3);
  });

  it('shouldAchieveHighScoreInReasonableTime: daily in 3 months, weekly in 9 months', () => {
    const daily = new LoopHabit(7);
    for (let i = 0; i <= 89; i++) daily.check(i);
    expect(daily.scores()(0)).toBeGreaterThan(0.99);
    const weekly = new LoopHabit(1);
    for (let i = 0; i <= 38; i++) weekly.check(7 * i);
    expect(weekly.scores()(0)).toBeGreaterThan(0.99);
  });

  it('test_recompute and test_addThenRemove', () => {
    expect(new LoopHabit(7).scores()(0)).toBeCloseTo(0, 6);
    expect(new LoopHabit(7).check(0, 2).scores()(0)).toBeCloseTo(0.101149, 6);
    expect(new LoopHabit(7).check(0).scores()(0)).toBeCloseTo(0.051922, 6);
  });
});

describe("Loop's skip cases (daily: released; non-daily: pull request #1713)", () => {
  it('test_getValueWithSkip: daily, skips on days 5, 10 and 11 freeze the score', () => {
    const habit = new LoopHabit(7).check(0, 20).skip(5).skip(10).skip(11);
    expectScores(habit, [
      0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.472617, 0.443734, 0.41327, 0.381137, 0.347244,
      0.347244, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
    ]);
  });

  it('test_getValueWithSkip2: one check, then a skip', () => {
    expectScores(new LoopHabit(7).check(5).skip(4), [0.041949, 0.044247, 0.04667, 0.049226, 0.051922, 0.051922, 0]);
  });

  it('test_getValueNonDailyWithSkip: 6/week, skips on days 10–12', () => {
    const habit = new LoopHabit(6).check(0, 18).skip(10).skip(11).skip(12);
    expectScores(habit, [
      0.365222, 0.3331, 0.299354, 0.263899, 0.226651, 0.191734, 0.159268, 0.129375, 0.102187, 0.077839, 0.056477,
      0.056477, 0.056477, 0.056477, 0.038251, 0.023319, 0.011848, 0.004014, 0, 0, 0,
    ]);
  });

  it('test_perfectDailyWithSkips and test_perfectNonDailyWithSkips: every weekend skipped for 500 days → 100 %', () => {
    for (const perWeek of [7, 6]) {
      const habit = new LoopHabit(perWeek).check(0, 500);
      for (let k = 0; k <= 99; k++) habit.skip(7 * k + 5).skip(7 * k + 6);
      expect(habit.scores()(0)).toBeCloseTo(1, 6);
    }
  });

  it('the 14-calendar-day window of format 1.0 would give 0.83 for the 6/week case', () => {
    // The same habit scored with skipped days kept in the window, computed here independently.
    const f = 6 / 7;
    const m = Math.pow(0.5, Math.sqrt(f) / 13);
    const status = (offset: number): 'yes' | 'skip' => (offset % 7 === 5 || offset % 7 === 6 ? 'skip' : 'yes');
    let s = 0;
    const window: boolean[] = [];
    for (let offset = 499; offset >= 0; offset--) {
      window.push(status(offset) === 'yes');
      if (window.length > 14) window.shift();
      if (status(offset) === 'skip') continue;
      s = m * s + (1 - m) * Math.min(1, window.filter(Boolean).length / 12);
    }
    expect(s).toBeCloseTo(0.8333, 3);
  });
});

describe('format 1.1: pauses and skips are frozen inside the window too', () => {
  it('a 3/week habit loses nothing over a two-week pause when every other session was done', () => {
    // Mon, Wed, Fri done for 20 weeks from 2026-01-05, except in the pause 2026-03-16 → 03-29 (travelling).
    const start: Day = '2026-01-05';
    const days = new Map<Day, HabitDay>();
    for (let i = 0; i < 140; i++) {
      const day = minus(start, -i);
      if ((i % 7 === 0 || i % 7 === 2 || i % 7 === 4) && !(day >= '2026-03-16' && day <= '2026-03-29')) {
        days.set(day, { standard: true, minimum: false, skip: false, values: [] });
      }
    }
    const goal = {
      id: 'g', file: 'goals/g.md', title: 'G', status: 'active', lead: false, why: null, start, due: null,
      cadence: { perWeek: 3 }, cadenceGiven: true, minimum: null, standard: null, metric: null,
      pauses: [{ from: '2026-03-16', to: '2026-03-29', reason: 'travel' }], tags: [],
      tasks: [], milestones: [], stages: [], stagesHeading: null, titleLine: null, places: {},
    } as unknown as Goal;
    const series = strengthSeries(new GoalTimeline(goal, days, minus(start, -139), null), 3);
    const at = (day: Day): number => series.find((p) => p.day === day)!.value;
    // Frozen over the pause, and the week after it keeps the rhythm's level: it does not fall back
    // (the 14-calendar-day window of format 1.0 counted the paused days as missed: about −11 points).
    expect(at('2026-03-29')).toBe(at('2026-03-15'));
    for (let d = 0; d < 14; d++) expect(at(minus('2026-03-30', -d))).toBeGreaterThan(at('2026-03-15') - 0.01);
  });
});

const cadence = (text: string): Cadence => parseCadence(text) as Cadence;

describe("FORMAT 1.2 §11: Loop's tests that N/week could not express", () => {
  it('test_recompute with Frequency(1, 2): every 2 days (and 1 in 2 days) → 0.054816', () => {
    for (const text of ['every 2 days', '1 in 2 days']) {
      expect(new LoopHabit(cadence(text)).check(0, 2).scores()(0), text).toBeCloseTo(0.054816, 6);
    }
  });

  it('shouldAchieveHighScoreInReasonableTime: monthly (Frequency(1, 30)) above 99 % in 18 months', () => {
    const habit = new LoopHabit(cadence('1/month'));
    for (let i = 0; i <= 38; i++) habit.check(7 * i);
    for (let i = 0; i <= 17; i++) habit.check(30 * i);
    expect(habit.scores()(0)).toBeGreaterThan(0.99);
    // Loop's own test keeps the weekly checks; monthly checks alone get there too.
    const alone = new LoopHabit(cadence('1/month'));
    for (let i = 0; i <= 17; i++) alone.check(30 * i);
    expect(alone.scores()(0)).toBeGreaterThan(0.99);
  });

  it("Loop's exported Scores.csv of its 2-in-3-days test habit (\"Wake up early\"), to Loop's four decimals", () => {
    // Checkmarks.csv: YES_MANUAL on offsets 0, 3, 4, 5, 8, 9 (YES_AUTO and NO count as not done); Scores.csv below.
    const habit = new LoopHabit(cadence('2 in 3 days'));
    for (const offset of [0, 3, 4, 5, 8, 9]) habit.check(offset);
    const exported = [0.2557, 0.2226, 0.1991, 0.1746, 0.1379, 0.0995, 0.0706, 0.0515, 0.0315, 0.0107];
    const score = habit.scores();
    exported.forEach((value, offset) => expect(Math.abs(score(offset) - value), `offset ${offset}`).toBeLessThanOrEqual(5e-5));
  });

  it('f = 1/3 (every 3 days): one check per block converges to 100 %, two missed blocks in three to 1/3 … not 0', () => {
    const perfect = new LoopHabit(cadence('every 3 days'));
    for (let i = 0; i < 200; i++) perfect.check(3 * i);
    expect(perfect.scores()(0)).toBeGreaterThan(0.99);
    near(loopScoreStep(1 / 3, 0.5, 1), 0.515157);
  });

  it("randomized (seeded): every cadence's strength equals a direct port of Loop's released recompute (no skips)", () => {
    /** ScoreList.recompute for a boolean habit, oldest day first; values: true = YES_MANUAL. */
    function loopRecompute(num: number, den: number, values: boolean[]): number[] {
      const freq = num / den;
      let [n, d] = num === den ? [1, 1] : [num, den];
      if (freq < 1) { n *= 2; d *= 2; }
      let rolling = 0;
      let previous = 0;
      const out: number[] = [];
      values.forEach((yes, i) => {
        if (yes) rolling += 1;
        if (i - d >= 0 && values[i - d]) rolling -= 1;
        const f = num === den ? 1 : freq;
        previous = loopScoreStep(f, previous, Math.min(1, rolling / n));
        out.push(previous);
      });
      return out;
    }
    const texts = fc.oneof(
      fc.integer({ min: 1, max: 7 }).map((n) => `${n}/week`),
      fc.integer({ min: 1, max: 14 }).map((n) => `${n}/2weeks`),
      fc.integer({ min: 1, max: 30 }).map((n) => `${n}/month`),
      fc.integer({ min: 1, max: 40 }).map((k) => `every ${k} days`),
      fc.integer({ min: 1, max: 40 }).chain((k) => fc.integer({ min: 1, max: k }).map((n) => `${n} in ${k} days`)),
    );
    fc.assert(fc.property(texts, fc.array(fc.boolean(), { minLength: 1, maxLength: 400 }), (text, marks) => {
      const c = cadence(text);
      const span = c.span ?? { num: c.perWeek, den: 7 };
      const values = [true, ...marks]; // Loop scores from the oldest entry: make it a check
      const habit = new LoopHabit(c);
      values.forEach((yes, i) => yes && habit.check(values.length - 1 - i));
      const ours = habit.scores();
      const theirs = loopRecompute(span.num, span.den, values);
      return theirs.every((v, i) => Math.abs(ours(values.length - 1 - i) - v) <= 1e-9);
    }), { seed: 27, numRuns: 400 });
  });
});

/** Loop's numerical fixtures (`createEmptyNumericalHabit`): target 2.0, values in thousandths as Loop stores them. */
class NumericLoopHabit {
  private readonly entries = new Map<number, number | 'skip'>();
  constructor(readonly kind: 'at-least' | 'at-most', public den = 1, readonly target = 2) {}
  add(offset: number, thousandths: number | 'skip'): this {
    this.entries.set(offset, thousandths);
    return this;
  }
  addRange(from: number, to: number, thousandths: number | 'skip'): this {
    for (let i = from; i < to; i++) this.add(i, thousandths);
    return this;
  }
  scores(): (offset: number) => number {
    if (this.entries.size === 0) return () => (this.kind === 'at-most' ? 1 : 0);
    const oldest = Math.max(...this.entries.keys());
    const days = new Map<Day, HabitDay>();
    for (const [offset, entry] of this.entries) {
      days.set(minus(TODAY, offset), entry === 'skip'
        ? { standard: false, minimum: false, skip: true, values: [] }
        : { standard: true, minimum: false, skip: false, values: [entry / 1000] });
    }
    const goal = {
      id: 'run', file: 'goals/run.md', title: 'Run', status: 'active', lead: false, why: null, start: minus(TODAY, oldest), due: null,
      cadence: { perWeek: 7 }, cadenceGiven: true, minimum: null, standard: null, metric: null, pauses: [], tags: [], tasks: [],
      milestones: [], stages: [], stagesHeading: null, titleLine: null, places: {},
      target: { value: this.target, unit: 'miles', per: 'day', kind: this.kind },
    } as unknown as Goal;
    const series = numericStrengthSeries(new GoalTimeline(goal, days, TODAY, null), { value: this.target, kind: this.kind }, this.den);
    const byDay = new Map(series.map((p) => [p.day, p.value]));
    return (offset) => byDay.get(minus(TODAY, offset)) ?? 0;
  }
}

describe("Loop's NumericalAtLeastScoreListTest (FORMAT 1.2 §11)", () => {
  it('test_getValue: 20 days of 2.0 against 2.0', () => {
    const score = new NumericLoopHabit('at-least').addRange(0, 20, 2000).scores();
    TWENTY_DAYS.forEach((value, offset) => expect(Math.abs(score(offset) - value), `offset ${offset}`).toBeLessThanOrEqual(E));
  });

  it('test_recompute: 0.101149, then 0.072631 with Frequency(1, 2)', () => {
    near(new NumericLoopHabit('at-least').addRange(0, 2, 2000).scores()(0), 0.101149);
    near(new NumericLoopHabit('at-least', 2).addRange(0, 2, 2000).scores()(0), 0.072631);
  });

  it('shouldAchieveHighScoreInReasonableTime: daily in 3 months, weekly in 9, monthly in 18', () => {
    const daily = new NumericLoopHabit('at-least');
    for (let i = 0; i <= 89; i++) daily.add(i, 2000);
    expect(daily.scores()(0)).toBeGreaterThan(0.99);
    const weekly = new NumericLoopHabit('at-least', 7);
    for (let i = 0; i <= 38; i++) weekly.add(7 * i, 2000);
    expect(weekly.scores()(0)).toBeGreaterThan(0.99);
    weekly.den = 30;
    for (let i = 0; i <= 17; i++) weekly.add(30 * i, 2000);
    expect(weekly.scores()(0)).toBeGreaterThan(0.99);
  });

  it('shouldAchieveComparableScoreToProgress and overeachievingIsntRelevant', () => {
    near(new NumericLoopHabit('at-least').addRange(0, 500, 1000).scores()(0), 0.5);
    near(new NumericLoopHabit('at-least').addRange(0, 500, 500).scores()(0), 0.25);
    near(new NumericLoopHabit('at-least').add(0, 10000000).scores()(0), 0.051922);
  });

  it('test_withZeroTarget: finite', () => {
    expect(Number.isFinite(new NumericLoopHabit('at-least', 1, 0).add(0, 100).add(1, 200).scores()(0))).toBe(true);
  });
});

describe("Loop's NumericalAtLeastScoreListWithSkipTest", () => {
  it('test_getValue: skipped days keep the previous score', () => {
    const score = new NumericLoopHabit('at-least').addRange(0, 10, 2000).addRange(10, 11, 'skip').addRange(11, 15, 2000)
      .addRange(15, 16, 'skip').addRange(16, 20, 2000).scores();
    const expected = [0.617008, 0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.443734, 0.41327, 0.381137, 0.347244,
      0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0];
    expected.forEach((value, offset) => expect(Math.abs(score(offset) - value), `offset ${offset}`).toBeLessThanOrEqual(E));
  });

  it('skipsShouldNotAffectScore: skipped days are treated as if they never existed', () => {
    const initial = new NumericLoopHabit('at-least').addRange(0, 500, 1000).scores()(0);
    near(new NumericLoopHabit('at-least').addRange(0, 500, 1000).addRange(500, 1000, 'skip').scores()(0), initial);
    const mixed = new NumericLoopHabit('at-least').addRange(0, 300, 1000).addRange(300, 500, 'skip').addRange(500, 700, 1000);
    near(mixed.scores()(0), initial);
  });
});

describe("Loop's NumericalAtMostScoreListTest", () => {
  it('test_getValue: one good day, then 20 days of 5.0 against at most 2.0', () => {
    const score = new NumericLoopHabit('at-most').add(20, 1000).addRange(0, 20, 5000).scores();
    const expected = [0.344253, 0.363106, 0.382992, 0.403967, 0.42609, 0.449426, 0.474039, 0.5, 0.527383, 0.556266, 0.58673,
      0.618863, 0.652756, 0.688505, 0.726212, 0.765983, 0.807933, 0.85218, 0.898851, 0.948078, 1.0, 0.0, 0.0];
    expected.forEach((value, offset) => expect(Math.abs(score(offset) - value), `offset ${offset}`).toBeLessThanOrEqual(E));
  });

  it('test_recompute: 1.0 empty, 0.898850 after two days of 5.0, 0.927369 with Frequency(1, 2)', () => {
    near(new NumericLoopHabit('at-most').scores()(0), 1);
    near(new NumericLoopHabit('at-most').addRange(0, 2, 5000).scores()(0), 0.89885);
    near(new NumericLoopHabit('at-most', 2).addRange(0, 2, 5000).scores()(0), 0.927369);
  });

  it('shouldAchieveComparableScoreToProgress', () => {
    near(new NumericLoopHabit('at-most').addRange(0, 500, 3000).scores()(0), 0.5);
    near(new NumericLoopHabit('at-most').addRange(0, 500, 3500).scores()(0), 0.25);
  });

  it('undereachievingIsntRelevant (an unlogged day counts 0) and overeachievingIsntRelevant', () => {
    near(new NumericLoopHabit('at-most').add(1, 10000000).scores()(0), 0.950773);
    near(new NumericLoopHabit('at-most').add(0, 5000).add(1, 0).scores()(0), 0.948077);
    near(new NumericLoopHabit('at-most').add(0, 5000).add(1, 1000).scores()(0), 0.948077);
  });

  it('test_withZeroTarget: finite', () => {
    expect(Number.isFinite(new NumericLoopHabit('at-most', 1, 0).add(0, 100).scores()(0))).toBe(true);
  });
});

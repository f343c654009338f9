// Celebrations (FORMAT §7) and reminders (FORMAT §8): marks crossed once, rewards read with emoji and
// CRLF, habit.days/time and quick wins linted, and the reminder decision over clocks and midnights.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoalText } from '../../src/parser/index.js';
import { lintGoal } from '../../src/model/lint.js';
import { goalsNeedingToday, reminderDue, type ReminderItem } from '../../src/model/reminders.js';
import type { Goal } from '../../src/model/types.js';
import type { HabitDays } from '../../src/model/habit-days.js';
import { cli, makeJournal } from '../helpers.js';

const WALK = `---
title: Walk 🚶
start: 2026-11-02
due: 2026-12-20
habit:
  cadence: 3/week
  minimum: shoes on
  standard: 20 minutes
  days: [mon, Wednesday, fri]
  time: 7:05
metric:
  target: 100
rewards: { 25: new socks 🧦, 50: a massage, 100: "a weekend away, finally" }
---
## Stages
- [ ] Pick a route (1h)
- [ ] Buy shoes (1h)
## Milestones
- [ ] Ten walks 📅 2026-11-08 [reward:: a book 📚]
`;

describe('rewards, days and times in a goal file', () => {
  it('reads rewards (emoji, CRLF), habit.days and habit.time', () => {
    for (const text of [WALK, WALK.replace(/\n/g, '\r\n')]) {
      const goal = parseGoalText(text, 'walk', 'goals/walk.md').value as Goal;
      expect(goal.rewards).toEqual({ 25: 'new socks 🧦', 50: 'a massage', 100: 'a weekend away, finally' });
      expect(goal.milestones[0]?.reward).toBe('a book 📚');
      expect(goal.days).toEqual([0, 2, 4]);
      expect(goal.time).toBe('07:05');
      expect(lintGoal(goal).map((d) => d.code)).not.toContain('quick-win');
    }
  });

  it('bad days, times and reward marks are reported at their line; no first-week milestone is a quick-win note', () => {
    const bad = WALK.replace('days: [mon, Wednesday, fri]', 'days: [mon, someday]').replace('time: 7:05', 'time: "25:00"')
      .replace('rewards: {', 'rewards: { 33: cake,').replace('📅 2026-11-08', '📅 2026-11-30');
    const parsed = parseGoalText(bad, 'walk', 'goals/walk.md');
    expect(parsed.diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual([
      '9 bad-value `habit.days`: "someday" is not a weekday (mon, tue, wed, thu, fri, sat, sun)',
      '10 bad-value `habit.time` should be a local time like 07:30, not "25:00"',
      '13 bad-value `rewards` are keyed by a progress mark, 25, 50, 75 or 100, not "33"',
    ]);
    const few = parseGoalText(WALK.replace('days: [mon, Wednesday, fri]', 'days: [mon]'), 'walk', 'goals/walk.md');
    expect(few.diagnostics.map((d) => d.message)).toEqual(['`habit.days` plans 1 day for 3/week: list at least 3']);
    expect(lintGoal(parsed.value as Goal).filter((d) => d.code === 'quick-win').map((d) => d.message))
      .toEqual(['create a quick win: a first milestone you can reach in the first week (📅 by 2026-11-09)']);
  });
});

describe('celebrations through the CLI', () => {
  it('a log that crosses marks is celebrated once, with the rewards; a re-run is not; JSON lists them', async () => {
    const root = makeJournal({ 'goals/walk.md': WALK });
    const first = await cli(['--dir', root, 'log', 'walk', 'standard', '--value', '30', '--date', '2026-11-03']);
    expect(first.stderr).toContain('🎉 25 % of "Walk 🚶" — reward: new socks 🧦\n');
    const again = await cli(['--dir', root, 'log', 'walk', 'standard', '--value', '30', '--date', '2026-11-03']);
    expect(again.stderr).not.toContain('🎉');
    const json = JSON.parse((await cli(['--dir', root, '--json', 'log', 'walk', 'standard', '--value', '75', '--date', '2026-11-04'])).stdout);
    expect(json.celebrations).toEqual([
      { goalId: 'walk', title: 'Walk 🚶', percent: 50, milestone: null, reward: 'a massage' },
      { goalId: 'walk', title: 'Walk 🚶', percent: 75, milestone: null, reward: null },
      { goalId: 'walk', title: 'Walk 🚶', percent: 100, milestone: null, reward: 'a weekend away, finally' },
    ]);
  });

  it('a toggle that checks a milestone celebrates its reward; unchecking and checking a task celebrate as the marks say', async () => {
    const noMetric = WALK.replace('metric:\n  target: 100\n', '');
    const root = makeJournal({ 'goals/walk.md': noMetric });
    const line = noMetric.split('\n').findIndex((l) => l.includes('Ten walks')) + 1;
    const milestone = await cli(['--dir', root, 'toggle', `goals/walk.md:${line}`, '--date', '2026-11-08']);
    expect(milestone.stderr).toContain('🎉 milestone "Ten walks" of "Walk 🚶" — reward: a book 📚');
    const task = noMetric.split('\n').findIndex((l) => l.includes('Pick a route')) + 1;
    const checked = await cli(['--dir', root, 'toggle', `goals/walk.md:${task}`, '--date', '2026-11-09']);
    expect(checked.stderr).toContain('🎉 25 % of "Walk 🚶" — reward: new socks 🧦');
    expect(checked.stderr).toContain('🎉 50 % of "Walk 🚶" — reward: a massage');
    const unchecked = await cli(['--dir', root, 'toggle', `goals/walk.md:${task}`]);
    expect(unchecked.stderr).not.toContain('🎉');
    expect(fs.readFileSync(path.join(root, 'goals/walk.md'), 'utf8')).toContain('- [ ] Pick a route (1h)\n');
  });
});

describe('the reminder decision', () => {
  const item = (lead: boolean): ReminderItem => ({ goalId: lead ? 'walk' : 'read', title: 'x', lead, minimum: 'm', standard: 's', why: null, done: 0, target: 3, daysLeft: 5 });
  const on = { time: '09:00', goals: 'lead' as const };

  it('off, too early, already shown today, or only non-lead goals: nothing', () => {
    expect(reminderDue({ time: null, goals: 'all' }, { day: '2026-11-23', minutes: 600 }, null, [item(true)])).toBeNull();
    expect(reminderDue(on, { day: '2026-11-23', minutes: 539 }, null, [item(true)])).toBeNull();
    expect(reminderDue(on, { day: '2026-11-23', minutes: 540 }, null, [item(true)])).toEqual([item(true)]);
    expect(reminderDue(on, { day: '2026-11-23', minutes: 1439 }, '2026-11-23', [item(true)])).toBeNull();
    expect(reminderDue(on, { day: '2026-11-23', minutes: 600 }, null, [item(false)])).toBeNull();
    expect(reminderDue({ ...on, goals: 'all' }, { day: '2026-11-23', minutes: 600 }, null, [item(false)])).toEqual([item(false)]);
  });

  it('midnight: shown at 23:59 yesterday, due again after the time today, not at 00:01', () => {
    expect(reminderDue(on, { day: '2026-11-24', minutes: 1 }, '2026-11-23', [item(true)])).toBeNull();
    expect(reminderDue({ ...on, time: '00:00' }, { day: '2026-11-24', minutes: 1 }, '2026-11-23', [item(true)])).toEqual([item(true)]);
  });

  it('the local day decides, whatever the time zone: 23:30 in Auckland is still yesterday in Lisbon', () => {
    // Both callers pass their local day: the same instant is two different reminder days.
    const instant = new Date('2026-11-23T10:30:00Z');
    const auckland = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', dateStyle: 'short' }).format(instant);
    const lisbon = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon', dateStyle: 'short' }).format(instant);
    expect([auckland, lisbon]).toEqual(['2026-11-23', '2026-11-23']);
    expect(reminderDue(on, { day: auckland, minutes: 23 * 60 + 30 }, '2026-11-22', [item(true)])).toEqual([item(true)]);
  });

  it('goals needing today: not done, skipped or paused today, week not met', () => {
    const goal = parseGoalText(WALK.replace('start: 2026-11-02', 'start: 2026-11-02\npauses:\n  - from: 2026-11-20\n    to: 2026-11-21'), 'walk', 'goals/walk.md').value as Goal;
    const days: HabitDays = new Map([['walk', new Map([
      ['2026-11-16', { standard: true, minimum: false, skip: false, values: [] }],
      ['2026-11-17', { standard: false, minimum: false, skip: true, values: [] }],
    ])]]);
    // The week's target shrinks with the skip and the pause: 3 × 4 available days / 7, rounded up, is 2.
    expect(goalsNeedingToday([goal], days, '2026-11-18').map((i) => [i.goalId, i.done, i.target])).toEqual([['walk', 1, 2]]);
    expect(goalsNeedingToday([goal], days, '2026-11-17')).toEqual([]); // skipped today
    expect(goalsNeedingToday([goal], days, '2026-11-16')).toEqual([]); // done today
    expect(goalsNeedingToday([goal], days, '2026-11-20')).toEqual([]); // paused
    const met = new Map([['walk', new Map(['2026-11-23', '2026-11-24', '2026-11-25'].map((d) => [d, { standard: true, minimum: false, skip: false, values: [] }]))]]);
    expect(goalsNeedingToday([goal], met, '2026-11-26')).toEqual([]); // the week is met
  });
});

describe('kaizen remind', () => {
  it('prints the goals that need today, and nothing at all when none does', async () => {
    const root = makeJournal({ 'goals/walk.md': WALK, 'logs/2026/2026-11-24.md': '- [x] [[walk]] minimum\n' });
    const due = await cli(['--dir', root, 'remind', '--date', '2026-11-23']);
    expect(due.stdout).toBe('Walk 🚶: shoes on (0 of 3 this week, 7 days left)\nLog it: kaizen log walk minimum\n');
    const done = await cli(['--dir', root, 'remind', '--date', '2026-11-24']);
    expect([done.code, done.stdout, done.stderr]).toEqual([0, '', '']);
  });
});

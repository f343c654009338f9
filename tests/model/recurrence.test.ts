// Obsidian Tasks' own recurrence cases, ported with the same inputs and expected dates: the table of
// `recurrenceCases` in its tests/Task/Task.test.ts (toggle done), every case of tests/Task/Recurrence.test.ts,
// and the custom-status cycles of that table (obsidian-tasks-group/obsidian-tasks, MIT). Each runs in
// several time zones: the process's TZ is switched at run time, as in tests/time.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { nextOccurrence, parseRecurrenceRule } from '../../src/model/recurrence.js';
import { recurrenceSymbol, nextSymbol, tasksSettingsFromPlugin } from '../../src/model/task-status.js';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'Europe/London'];
const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

interface Case {
  interval: string;
  due?: string;
  scheduled?: string;
  start?: string;
  today?: string;
  nextDue?: string;
  nextScheduled?: string;
  nextStart?: string;
}

/** tests/Task/Task.test.ts, `recurrenceCases` (the ones that need no custom status). */
const TASK_TEST_CASES: Case[] = [
  { interval: 'every 7 days', due: '2021-02-21', nextDue: '2021-02-28' },
  { interval: 'every 7 days when done', due: '2021-02-21', today: '2021-02-18', nextDue: '2021-02-25' },
  { interval: 'every 7 days when done', due: '2021-02-21', today: '2021-02-22', nextDue: '2021-03-01' },
  { interval: 'every day', due: '2021-02-21', nextDue: '2021-02-22' },
  { interval: 'every day when done', due: '2021-02-21', today: '2022-01-04', nextDue: '2022-01-05' },
  { interval: 'every 4 weeks', due: '2021-10-15', nextDue: '2021-11-12' },
  { interval: 'every 4 weeks', due: '2021-10-12', nextDue: '2021-11-09' },
  { interval: 'every 4 weeks', due: '2022-10-12', nextDue: '2022-11-09' },
  { interval: 'every 4 weeks', due: '2033-10-12', nextDue: '2033-11-09' },
  { interval: 'every 3 weeks when done', due: '2022-01-10', today: '2021-01-14', nextDue: '2021-02-04' },
  { interval: 'every month', due: '2021-10-15', nextDue: '2021-11-15' },
  { interval: 'every month', due: '2021-10-18', nextDue: '2021-11-18' },
  { interval: 'every month when done', due: '2021-10-18', today: '2021-10-16', nextDue: '2021-11-16' },
  { interval: 'every month when done', due: '2021-10-18', today: '2021-10-24', nextDue: '2021-11-24' },
  { interval: 'every month on the 2nd Wednesday', due: '2021-09-08', nextDue: '2021-10-13' },
  { interval: 'every month on the 2nd Wednesday when done', due: '2021-09-08', today: '2021-09-15', nextDue: '2021-10-13' },
  { interval: 'every month on the 2nd Wednesday when done', due: '2021-09-08', today: '2021-10-12', nextDue: '2021-10-13' },
  { interval: 'every month on the 2nd Wednesday when done', due: '2021-09-08', today: '2021-10-13', nextDue: '2021-11-10' },
  { interval: 'every 3 months on the 3rd Thursday', due: '2021-04-15', nextDue: '2021-07-15' },
  { interval: 'every 3 months on the 3rd Thursday', due: '2021-08-19', nextDue: '2021-11-18' },
  { interval: 'every 3 months on the 3rd Thursday', due: '2021-09-16', nextDue: '2021-12-16' },
  { interval: 'every week on Monday, Wednesday, Friday', due: '2022-01-24', nextDue: '2022-01-26' },
  { interval: 'every week on Monday, Wednesday, Friday when done', due: '2022-01-24', today: '2022-01-25', nextDue: '2022-01-26' },
  { interval: 'every week on Monday, Wednesday, Friday when done', due: '2022-01-24', today: '2022-01-26', nextDue: '2022-01-28' },
  { interval: 'every 5 days', start: '2021-10-10', nextStart: '2021-10-15' },
  { interval: 'every 5 days', scheduled: '2021-10-10', nextScheduled: '2021-10-15' },
  { interval: 'every 5 days', start: '2021-10-10', due: '2021-10-11', nextStart: '2021-10-15', nextDue: '2021-10-16' },
  { interval: 'every 5 days', scheduled: '2021-10-10', due: '2021-10-11', nextScheduled: '2021-10-15', nextDue: '2021-10-16' },
  { interval: 'every 5 days', start: '2021-10-09', scheduled: '2021-10-10', due: '2021-10-11', nextStart: '2021-10-14', nextScheduled: '2021-10-15', nextDue: '2021-10-16' },
  { interval: 'every 10 days when done', start: '2021-10-05', scheduled: '2021-10-07', due: '2021-10-09', today: '2021-10-04', nextStart: '2021-10-10', nextScheduled: '2021-10-12', nextDue: '2021-10-14' },
  { interval: 'every 10 days when done', start: '2021-10-05', scheduled: '2021-10-07', due: '2021-10-09', today: '2021-10-06', nextStart: '2021-10-12', nextScheduled: '2021-10-14', nextDue: '2021-10-16' },
  { interval: 'every 10 days when done', start: '2021-10-05', scheduled: '2021-10-07', due: '2021-10-09', today: '2021-10-08', nextStart: '2021-10-14', nextScheduled: '2021-10-16', nextDue: '2021-10-18' },
  { interval: 'every 10 days when done', start: '2021-10-05', scheduled: '2021-10-07', due: '2021-10-09', today: '2021-10-10', nextStart: '2021-10-16', nextScheduled: '2021-10-18', nextDue: '2021-10-20' },
  { interval: 'every month on the 15th', due: '2025-08-16', scheduled: '2025-08-11', start: '2025-08-06', nextDue: '2025-09-15', nextScheduled: '2025-09-10', nextStart: '2025-09-05' },
  { interval: 'every month on the 15th', scheduled: '2025-08-10', start: '2025-08-05', nextScheduled: '2025-08-15', nextStart: '2025-08-10' },
  { interval: 'every month', due: '2021-03-31', nextDue: '2021-04-30' },
  { interval: 'every month', due: '2021-01-29', nextDue: '2021-02-28' },
  { interval: 'every month on the 31st', due: '2021-01-31', nextDue: '2021-03-31' },
  { interval: 'every year on February the 29th', due: '2021-01-01', nextDue: '2024-02-29' },
  { interval: 'every year', due: '2020-02-29', nextDue: '2021-02-28' },
  { interval: 'every month when done', scheduled: '1999-01-23', today: '2021-08-31', nextScheduled: '2021-09-30' },
  { interval: 'every 2 years when done', start: '1999-01-23', today: '2020-02-29', nextStart: '2022-02-28' },
  // 'supports recurrence rule after a due date'
  { interval: 'every day', due: '2021-09-12', nextDue: '2021-09-13' },
  // OnCompletion.test.ts: 'should just return trigger-less recurring task' (system time 2024-02-11)
  { interval: 'every day', due: '2024-02-10', today: '2024-02-11', nextDue: '2024-02-11' },
];

/** tests/Task/Recurrence.test.ts: month ends and leap days. */
const RECURRENCE_TEST_CASES: Case[] = [
  { interval: 'every month', due: '2022-01-31', nextDue: '2022-02-28' },
  { interval: 'every 3 months', due: '2022-01-31', nextDue: '2022-04-30' },
  { interval: 'every 2 months', due: '2023-12-31', nextDue: '2024-02-29' },
  { interval: 'every 2 years', due: '2024-02-29', nextDue: '2026-02-28' },
  { interval: 'every 11 months', due: '2020-03-31', nextDue: '2021-02-28' },
  { interval: 'every 13 months', due: '2020-01-31', nextDue: '2021-02-28' },
  // 'creates a recurrence if a lower priority date is invalid': the invalid date lands on the reference date.
  { interval: 'every day', scheduled: '2022-02-30', due: '2022-02-27', nextScheduled: '2022-02-28', nextDue: '2022-02-28' },
];

/** The issue's own rules (kaizen#29). */
const ISSUE_CASES: Case[] = [
  { interval: 'every week', due: '2026-11-20', today: '2026-11-21', nextDue: '2026-11-27' },
  { interval: 'every weekday', due: '2026-11-20', nextDue: '2026-11-23' },
  { interval: 'every week on Monday, Friday', due: '2026-11-20', nextDue: '2026-11-23' },
  { interval: 'every month on the last Friday', due: '2026-11-27', nextDue: '2026-12-25' },
  { interval: 'every month on the last Friday', due: '2026-01-30', nextDue: '2026-02-27' },
  { interval: 'every week when done', due: '2026-11-20', today: '2026-11-24', nextDue: '2026-12-01' },
  { interval: 'every year', due: '2028-02-29', nextDue: '2029-02-28' },
  { interval: 'every 4 years', due: '2028-02-29', nextDue: '2032-02-29' },
  { interval: 'every month', due: '2026-12-31', nextDue: '2027-01-31' },
  { interval: 'every 12 months', due: '2027-08-31', nextDue: '2028-08-31' },
];

function run(c: Case) {
  const rule = parseRecurrenceRule(c.interval);
  expect(rule, c.interval).not.toBeNull();
  const next = nextOccurrence(rule!, { due: c.due ?? null, scheduled: c.scheduled ?? null, start: c.start ?? null }, c.today ?? '2026-12-05');
  expect(next).not.toBeNull();
  expect({ due: next!.due ?? undefined, scheduled: next!.scheduled ?? undefined, start: next!.start ?? undefined })
    .toEqual({ due: c.nextDue, scheduled: c.nextScheduled, start: c.nextStart });
}

describe.each(ZONES)('recurrence in %s', (zone) => {
  it.each(TASK_TEST_CASES.map((c) => [JSON.stringify(c), c] as const))('Task.test.ts %s', (_name, c) => {
    process.env.TZ = zone;
    run(c);
  });
  it.each(RECURRENCE_TEST_CASES.map((c) => [JSON.stringify(c), c] as const))('Recurrence.test.ts %s', (_name, c) => {
    process.env.TZ = zone;
    run(c);
  });
  it.each(ISSUE_CASES.map((c) => [JSON.stringify(c), c] as const))('issue %s', (_name, c) => {
    process.env.TZ = zone;
    run(c);
  });
});

describe('rules and dates Obsidian Tasks cannot recur', () => {
  it('a task with no date recurs with no date', () => {
    expect(nextOccurrence(parseRecurrenceRule('every week')!, {}, '2026-12-05')).toEqual({ start: null, scheduled: null, due: null });
  });

  it('an invalid reference date gives no next occurrence (Recurrence.test.ts: 30th February)', () => {
    expect(nextOccurrence(parseRecurrenceRule('every day')!, { due: '2022-02-30' }, '2026-12-05')).toBeNull();
  });

  it.each(['every', 'bogus', 'every 0 days', 'every fortnight', 'every day; twice', 'évery day'])('"%s" is not a rule', (text) => {
    expect(parseRecurrenceRule(text)).toBeNull();
  });

  it('removeScheduledDateOnRecurrence drops ⏳ when another date is there (Recurrence.test.ts)', () => {
    const next = nextOccurrence(parseRecurrenceRule('every month')!, { start: '2022-01-01', scheduled: '2022-01-04', due: '2022-01-10' }, '2022-01-10',
      { removeScheduledDateOnRecurrence: true });
    expect(next).toEqual({ start: '2022-02-01', scheduled: null, due: '2022-02-10' });
    const only = nextOccurrence(parseRecurrenceRule('every month')!, { scheduled: '2022-01-04' }, '2022-01-10', { removeScheduledDateOnRecurrence: true });
    expect(only?.scheduled).not.toBeNull();
    const whenDone = nextOccurrence(parseRecurrenceRule('every 3 days when done')!, { start: '2022-01-01', scheduled: '2022-01-04' }, '2022-01-10',
      { removeScheduledDateOnRecurrence: true });
    expect(whenDone).toEqual({ start: '2022-01-13', scheduled: null, due: null });
  });
});

describe("Task.test.ts's custom status cycles", () => {
  const { settings } = tasksSettingsFromPlugin({
    statusSettings: {
      customStatuses: [
        ['!', 'Important', 'D', 'TODO'], ['D', 'Doing - Important', 'X', 'IN_PROGRESS'], ['X', 'Done - Important', '!', 'DONE'],
        ['1', 'Status 1', '2', 'TODO'], ['2', 'Status 2', '3', 'IN_PROGRESS'], ['3', 'Status 3', '1', 'DONE'], ['4', 'Status 4', '1', 'CANCELLED'],
        ['a', 'Status a', 'b', 'TODO'], ['b', 'Status b', 'c', 'DONE'],
      ].map(([symbol, name, nextStatusSymbol, type]) => ({ symbol, name, nextStatusSymbol, type, availableAsCommand: true })),
    },
  });
  it.each([['D', 'X', '!'], ['2', '3', '1'], ['a', 'b', 'c']])('[%s] toggles to [%s] and recurs as [%s]', (symbol, done, next) => {
    expect(nextSymbol(symbol, settings)).toBe(done);
    expect(recurrenceSymbol(done, settings)).toBe(next);
  });
  it('the defaults: [ ] and [/] complete to [x], which recurs as [ ]; [-] reopens', () => {
    expect([' ', '/', 'x', '-'].map((s) => nextSymbol(s))).toEqual(['x', 'x', ' ', ' ']);
    expect(recurrenceSymbol('x')).toBe(' ');
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDays, dayNumber, daysInMonth, isoWeekLabel, isoWeekMonday, isoWeeksInYear, isValidDay, localDay, longDayTitle, weekdayIndex, weekStart,
} from '../../src/model/dates.js';

describe('calendar days', () => {
  it('accepts only real dates', () => {
    expect(isValidDay('2026-11-22')).toBe(true);
    expect(isValidDay('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-11-31', '2026-1-5', '26-11-22', '2026-11-22T00:00', '', 20261122, null]) {
      expect(isValidDay(bad), String(bad)).toBe(false);
    }
  });

  it('adds days across months, years and DST changes without touching local time', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-09-06', -1)).toBe('2026-09-05');
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('knows weekdays (0 = Monday)', () => {
    expect(weekdayIndex('2026-11-23')).toBe(0);
    expect(weekdayIndex('2026-11-22')).toBe(6);
    expect(longDayTitle('2026-11-22')).toBe('Sunday 22 November 2026');
  });

  it('reads the local date of an instant', () => {
    expect(localDay(new Date(2026, 10, 22, 23, 30))).toBe('2026-11-22');
    expect(localDay(new Date(2026, 10, 22, 0, 0))).toBe('2026-11-22');
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2026-01-05', '2026-W02'],
    ['2026-11-22', '2026-W47'],
    ['2026-11-23', '2026-W48'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekLabel(day)).toBe(week);
  });

  it('counts 53 weeks in 2026 and 2020, 52 in 2025', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
  });

  it('finds the Monday of a week', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(isoWeekMonday(2026, 1)).toBe('2025-12-29');
    expect(isoWeekMonday(2026, 53)).toBe('2026-12-28');
  });

  it('round-trips every day of several years', () => {
    for (let d = '2019-12-20'; d < '2028-01-10'; d = addDays(d, 1)) {
      const label = isoWeekLabel(d);
      const [year, week] = [Number(label.slice(0, 4)), Number(label.slice(6))];
      const monday = isoWeekMonday(year, week);
      expect(weekStart(d)).toBe(monday);
      expect(week).toBeLessThanOrEqual(isoWeeksInYear(year));
    }
  });
});

describe('daysInMonth', () => {
  it('says what Date.UTC says, for every month of the years -400 to 3000 and months out of range', () => {
    const byDate = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let y = -400; y <= 3000; y++) for (let m = 1; m <= 12; m++) if (daysInMonth(y, m) !== byDate(y, m)) expect([y, m, daysInMonth(y, m)]).toEqual([y, m, byDate(y, m)]);
    for (const [y, m] of [[2024, 0], [2024, 13], [2024, -1], [0, 2], [99, 2], [100, 2], [1900, 2], [2000, 2]] as const) expect(daysInMonth(y, m)).toBe(byDate(y, m));
    expect(isValidDay('0000-02-29')).toBe(false);
    expect(isValidDay('2024-02-29')).toBe(true);
  });
});

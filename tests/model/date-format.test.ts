// Daily-note names against moment.js itself (the library Obsidian formats and parses them with):
// the same text for every day 1990–2100 in every format, the same strict reading back, ISO and
// locale weeks at every year end.
import { describe, expect, it } from 'vitest';
import moment from 'moment';
import { compileDayFormat, formatDay, localeWeekOf, parseDayName, type DayFormat } from '../../src/model/date-format.js';
import { addDays, type Day } from '../../src/model/dates.js';

// Seen in real vaults' .obsidian/daily-notes.json and Periodic Notes settings, and FORMAT.md §9.
const FORMATS = [
  'YYYY-MM-DD', 'DD-MM-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD dddd', 'YYYY/MMMM/DD', 'dddd, MMMM Do YYYY',
  '[Daily Journal] MM-DD-YYYY', 'YYYY_MM_DD', 'YYYY/YYYY-MM/YYYY-MM-DD', 'YYYY/YYYY-MM/YYYY-MM-DD dddd',
  'YYYY/MM/DD', 'YYYY/MM-MMMM/YYYY-MM-DD-dddd', 'MM-DD-YYYY', 'YYYYMMDD', 'D MMM YYYY', 'YY-MM-DD ddd',
  'gggg/[W]ww/YYYY-MM-DD', 'GGGG/[W]WW/YYYY-MM-DD', 'M-D-YY', 'YYYY/MMM/Do', '[Journal]/YYYY/MM/DD',
];

function compiled(source: string): DayFormat {
  const f = compileDayFormat(source);
  if ('problem' in f) throw new Error(f.problem);
  return f;
}

function* sampleDays(): Generator<Day> {
  // Every 5th day of 1990–2100 (all weekdays, months and positions), plus every year's last and first week.
  for (let d: Day = '1990-01-01'; d <= '2100-12-31'; d = addDays(d, 5)) yield d;
  for (let y = 1990; y <= 2100; y++) {
    for (let i = -6; i <= 6; i++) yield addDays(`${y}-01-01`, i);
  }
}

describe('daily-note names against moment.js', () => {
  const days = [...sampleDays()];

  for (const source of FORMATS) {
    it(`"${source}": formats like moment and reads its own names back, strictly`, () => {
      const format = compiled(source);
      // Two-digit years name 1969–2068 (moment's pivot): other days share their names with those.
      const twoDigit = !/YYYY/.test(source);
      for (const day of days.filter((d) => !twoDigit || (d >= '1969-01-01' && d <= '2068-12-31'))) {
        const expected = moment(day, 'YYYY-MM-DD', true).locale('en').format(source);
        const name = formatDay(day, format);
        if (name !== expected) expect(name, `${day} in ${source}`).toBe(expected);
        const back = parseDayName(name, format);
        if (back !== day) expect(back, `${name} in ${source}`).toBe(day);
        // moment's strict parse agrees that the name is valid and that it is this day.
        const parsed = moment(name, source, 'en', true);
        if (!source.includes('W') && !source.includes('w') && !/[Gg]/.test(source)) {
          expect(parsed.isValid() && parsed.format('YYYY-MM-DD'), `${name} in ${source}`).toBe(day);
        }
      }
    });
  }

  it('ISO and locale weeks match moment at every year end 1990–2100', () => {
    for (let y = 1990; y <= 2100; y++) {
      for (let i = -7; i <= 7; i++) {
        const day = addDays(`${y}-01-01`, i);
        const m = moment(day, 'YYYY-MM-DD', true).locale('en');
        expect(localeWeekOf(day), day).toEqual({ year: m.weekYear(), week: m.week() });
      }
    }
  });

  it('refuses names that are not what the format writes for their day', () => {
    const named = compiled('YYYY-MM-DD dddd');
    expect(parseDayName('2026-11-22 Sunday', named)).toBe('2026-11-22');
    expect(parseDayName('2026-11-22 sunday', named)).toBe('2026-11-22');
    expect(parseDayName('2026-11-22 Monday', named)).toBeNull();
    expect(parseDayName('2026-02-30 Monday', named)).toBeNull();
    expect(parseDayName('2026-11-22', named)).toBeNull();
    const flat = compiled('YYYY-MM-DD');
    expect(parseDayName('2026-1-05', flat)).toBeNull();
    expect(parseDayName('2026-11-22 notes', flat)).toBeNull();
    expect(parseDayName('Meeting notes', flat)).toBeNull();
    const first = compiled('DD-MM-YYYY');
    expect(parseDayName('13-10-2021', first)).toBe('2021-10-13');
    expect(parseDayName('2021-10-13', first)).toBeNull();
    // moment reads YY as 1969–2068.
    expect(parseDayName('68-01-02 Mon', compiled('YY-MM-DD ddd'))).toBe('2068-01-02');
    expect(parseDayName('69-01-02 Thu', compiled('YY-MM-DD ddd'))).toBe('1969-01-02');
  });

  it('says why a format cannot name daily notes', () => {
    expect(compileDayFormat('GGGG-[W]WW')).toEqual({ problem: expect.stringMatching(/does not name a day/) });
    expect(compileDayFormat('YYYY-[W]W-D')).toEqual({ problem: expect.stringMatching(/does not name a day/) });
    expect(compileDayFormat('YYYY-MM-DD HH:mm')).toEqual({ problem: expect.stringMatching(/"HH" is a moment\.js token/) });
    expect(compileDayFormat('YYYY-MM-DD dd')).toEqual({ problem: expect.stringMatching(/"dd" is a moment\.js token/) });
    expect((compiled('YYYY/MMMM/DD') as DayFormat).depth).toBe(2);
    expect((compiled('[a/b] YYYY-MM-DD') as DayFormat).depth).toBe(1);
  });
});

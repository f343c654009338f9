// Where a daily note is, as real vaults name and file them (FORMAT §9): table tests of placeDailyName.
import { describe, expect, it } from 'vitest';
import { compileDayFormat, type DayFormat } from '../../src/model/date-format.js';
import { placeDailyName } from '../../src/model/daily-names.js';

const f = (source: string) => compileDayFormat(source) as DayFormat;

describe('placeDailyName', () => {
  const cases: [string, string | null, ReturnType<typeof placeDailyName>][] = [
    ['2026-01-05', 'YYYY-MM-DD', { kind: 'day', day: '2026-01-05', rank: 0 }],
    ['2025/2025-10/2025-10-01 Wednesday (40)', 'YYYY-MM-DD dddd (WW)', { kind: 'day', day: '2025-10-01', rank: 1 }],
    ['2024/2024-11/2024-11-01 viernes (44)', 'YYYY-MM-DD dddd (WW)', { kind: 'day', day: '2024-11-01', rank: 3 }],
    ['2024-04-21/index', 'YYYY-MM-DD', { kind: 'day', day: '2024-04-21', rank: 2 }],
    ['2024-03-04日记', 'YYYY-MM-DD', { kind: 'day', day: '2024-03-04', rank: 3 }],
    ['2023-04-29, Saturday', 'YYYY-MM-DD', { kind: 'day', day: '2023-04-29', rank: 3 }],
    ['2026/2026-01/2026-01-01', null, { kind: 'day', day: '2026-01-01', rank: 1 }],
    ['2026-01-05 (sync conflict copy)', 'YYYY-MM-DD', { kind: 'copy', day: '2026-01-05', what: 'sync conflict copy' }],
    ['2026-01-05.sync-conflict-20260105-101500-ABCDEFG', 'YYYY-MM-DD', { kind: 'copy', day: '2026-01-05', what: 'sync conflict copy' }],
    ["2026-01-05 (Sam's conflicted copy 2026-01-06)", 'YYYY-MM-DD', { kind: 'copy', day: '2026-01-05', what: 'sync conflict copy' }],
    ['2026-01-05 1', 'YYYY-MM-DD', { kind: 'copy', day: '2026-01-05', what: 'duplicate copy' }],
    ['2026-01-05 (2)', 'YYYY-MM-DD', { kind: 'copy', day: '2026-01-05', what: 'duplicate copy' }],
    ['01-01-2021', 'YYYY-MM-DD', { kind: 'other-format', day: '2021-01-01', format: 'DD-MM-YYYY' }],
    ['2026-W05', 'YYYY-MM-DD', { kind: 'periodic' }],
    ['2026-01', 'YYYY-MM-DD', { kind: 'periodic' }],
    ['Meeting with Sam', 'YYYY-MM-DD', { kind: 'undated' }],
    ['2026/Daily/06/2026-06-01', 'YYYY/[Daily]/MM/YYYY-MM-DD', { kind: 'day', day: '2026-06-01', rank: 0 }],
    ['2023_01_28', 'YYYY_MM_DD', { kind: 'day', day: '2023-01-28', rank: 0 }],
    ['20210101-D', 'YYYY-MM-DD', { kind: 'other-format', day: '2021-01-01', format: 'YYYYMMDD' }],
  ];
  for (const [name, format, expected] of cases) {
    it(`${name} under ${format ?? 'the v1 layout'}`, () => expect(placeDailyName(name, format ? f(format) : null)).toEqual(expected));
  }
});

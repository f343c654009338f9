// `kaizen export csv` (FORMAT §12): one row per goal and day, read back with the project's CSV reader, after an
// import of a Loop export: each day's status is what Loop recorded, the strength is Loop's Scores.csv to 5e-5.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseCsv } from '../../src/model/loop-format.js';
import { cli, makeJournal, tempDir } from '../helpers.js';
import { WAKE_UP_EARLY, writeLoopExport } from './loop-fixture.js';

describe('kaizen export csv', () => {
  it('after a Loop import: statuses as recorded, Loop\'s own scores, periods of 3 days from the start, values', async () => {
    const root = makeJournal({});
    const dir = path.join(tempDir('loop-export-'), 'export');
    writeLoopExport(dir, [WAKE_UP_EARLY, { name: 'Water', type: 'NUMERICAL', num: 1, den: 1, unit: 'l', targetType: 'AT_LEAST', targetValue: 2,
      checkmarks: [['2015-01-25', '1500'], ['2015-01-24', 'SKIP']] }]);
    await cli(['--dir', root, 'import', 'loop', dir, '--write']);
    const r = await cli(['--dir', root, 'export', 'csv', '--as-of', '2015-01-25']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, 'export.csv');
    expect(rows[0]!.cells).toEqual(['goal', 'date', 'status', 'value', 'strength', 'period', 'met']);
    const wake = rows.filter((row) => row.cells[0] === 'wake-up-early').map((row) => row.cells);
    expect(wake.length).toBe(10);
    const loop = new Map(WAKE_UP_EARLY.checkmarks.map(([d, v]) => [d, v]));
    const scores = new Map(WAKE_UP_EARLY.scores!.map(([d, s]) => [d, Number(s)]));
    for (const [, date, status, value, strength, period] of wake) {
      expect(status, date).toBe(loop.get(date!) === 'YES_MANUAL' ? 'standard' : 'missed');
      expect(value).toBe('');
      expect(Math.abs(Number(strength) - scores.get(date!)!), date).toBeLessThanOrEqual(5e-5);
      const offset = (Date.parse(date!) - Date.parse('2015-01-16')) / 86400000;
      const first = new Date(Date.parse('2015-01-16') + 86400000 * (offset - (offset % 3))).toISOString().slice(0, 10);
      expect(period!.startsWith(`${first}/`), date).toBe(true);
    }
    expect(rows.filter((row) => row.cells[0] === 'water').map((row) => row.cells.slice(1, 4))).toEqual([
      ['2015-01-24', 'skip', ''], ['2015-01-25', 'standard', '1.5'],
    ]);
    const only = await cli(['--dir', root, 'export', 'csv', '--goal', 'water', '--as-of', '2015-01-25']);
    expect(parseCsv(only.stdout, 'x').length).toBe(3);
    expect((await cli(['--dir', root, 'export', 'xls'])).stderr).toContain('kaizen export knows "csv"');
  });
});

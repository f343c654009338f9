// Days are calendar dates in every time zone: the process's TZ is switched at run time (Node
// honours process.env.TZ changes) and "today" is checked at awkward local times.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, eachDay, isoWeekLabel, localDay } from '../src/model/dates.js';
import { cli, copySample } from './helpers.js';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Pago_Pago', 'Asia/Kathmandu'];
const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe('time zones', () => {
  it.each(ZONES)('in %s, 23:30 and 00:30 local are that local day', (zone) => {
    process.env.TZ = zone;
    expect(localDay(new Date(2026, 10, 22, 23, 30))).toBe('2026-11-22');
    expect(localDay(new Date(2026, 10, 23, 0, 30))).toBe('2026-11-23');
    // Santiago skips midnight on 2026-09-06 (clocks jump from 00:00 to 01:00): still that day.
    expect(localDay(new Date(2026, 8, 6, 0, 30))).toBe('2026-09-06');
    expect(localDay(new Date(2026, 8, 5, 23, 59))).toBe('2026-09-05');
  });

  it.each(ZONES)('in %s, day arithmetic never depends on the clock (no "+24 hours")', (zone) => {
    process.env.TZ = zone;
    let previous = '2026-01-01';
    for (const day of eachDay('2026-01-02', '2027-01-10')) {
      expect(addDays(previous, 1)).toBe(day);
      expect(addDays(day, -1)).toBe(previous);
      previous = day;
    }
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
  });

  it.each(ZONES)('in %s, `kaizen today` at 23:30 local writes the local day\'s log, and stats are the same', async (zone) => {
    process.env.TZ = zone;
    const root = copySample();
    const now = new Date(2026, 10, 24, 23, 30);
    const r = await cli(['--dir', root, 'today'], { now });
    expect(r.stdout.trim()).toBe('logs/2026/2026-11-24.md');
    expect(fs.existsSync(path.join(root, 'logs/2026/2026-11-24.md'))).toBe(true);
    const stats = await cli(['--dir', root, 'stats', '--json'], { now: new Date(2026, 10, 22, 23, 30) });
    expect(JSON.parse(stats.stdout).asOf).toBe('2026-11-22');
  });

  it('the stats and a report are identical in every zone', async () => {
    const outputs = new Set<string>();
    const root = copySample();
    for (const zone of ZONES) {
      process.env.TZ = zone;
      const stats = await cli(['--dir', root, 'stats', '--json', '--as-of', '2026-11-22']);
      const report = await cli(['--dir', root, 'report', 'month', '2026-11', '--as-of', '2026-11-22', '--json']);
      outputs.add(stats.stdout + report.stdout);
    }
    expect(outputs.size).toBe(1);
  });

  it('no source computes a day as an instant plus 24 hours', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const text = fs.readFileSync(p, 'utf8');
          if (/(86_?400_?000|24 \* 60 \* 60|setDate\(|getDate\(\) [+-])/.test(text.replace(/^\s*\/\/.*$/gm, '')) && !p.endsWith(path.join('model', 'dates.ts'))) offenders.push(p);
        }
      }
    };
    walk(path.resolve(__dirname, '../src'));
    expect(offenders).toEqual([]);
  });
});

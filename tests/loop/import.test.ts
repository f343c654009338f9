// `kaizen import loop` (FORMAT §12) on exports in Loop's own layout: the goals it makes, the days it writes,
// the strength Loop itself wrote in Scores.csv, a zip made by Info-ZIP's `zip`, importing twice, overlapping
// days that are never unchecked, and malformed exports refused with file:line and nothing written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { cli, makeJournal, snapshot, tempDir } from '../helpers.js';
import { WAKE_UP_EARLY, writeLoopExport, type FixtureHabit } from './loop-fixture.js';

const SUGAR: FixtureHabit = {
  name: 'Sugar', type: 'NUMERICAL', question: 'How many grams of sugar?', num: 1, den: 7, unit: 'g', targetType: 'AT_MOST', targetValue: 100,
  checkmarks: [['2015-01-24', '40000'], ['2015-01-22', '2500', 'cake, at work'], ['2015-01-21', 'SKIP', 'travel'], ['2015-01-20', 'NO'], ['2015-01-19', 'UNKNOWN']],
};
const READ: FixtureHabit = { name: 'Read ☕ books', num: 3, den: 7, archived: true, checkmarks: [['2015-01-23', 'YES_MANUAL'], ['2015-01-22', 'YES_AUTO']] };

function exportFolder(habits: FixtureHabit[] = [WAKE_UP_EARLY, SUGAR, READ], options: { olderHeader?: boolean } = {}): string {
  const dir = path.join(tempDir('loop-export-'), 'Loop Habits CSV 2015-01-25');
  writeLoopExport(dir, habits, options);
  return dir;
}

const journal = () => makeJournal({ 'goals/walk.md': '---\ntitle: Walk\nstart: 2015-01-01\nhabit:\n  cadence: 3/week\n---\n' });

describe('kaizen import loop', () => {
  it('a dry run by default: per goal its days and dates, and nothing written', async () => {
    const root = journal();
    const before = snapshot(root);
    const r = await cli(['--dir', root, 'import', 'loop', exportFolder()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('goals/wake-up-early.md (new): 6 days 2015-01-16 → 2015-01-25 (6 done)');
    expect(r.stdout).toContain('goals/sugar.md (new): 3 days 2015-01-21 → 2015-01-24 (2 with a value, 1 skipped)');
    expect(r.stdout).toContain('goals/read-books.md (new): 1 days 2015-01-23 → 2015-01-23 (1 done)');
    expect(r.stdout).toContain('8 daily notes would change (8 new).');
    expect(r.stderr).toContain('nothing was written');
    expect(snapshot(root)).toEqual(before);
  });

  it('--write: goals in FORMAT §11/§12 terms, the days as habit lines, and Loop\'s own scores to 5e-5', async () => {
    const root = journal();
    const r = await cli(['--dir', root, 'import', 'loop', exportFolder(), '--write']);
    expect(r.code).toBe(0);
    const goal = (id: string) => fs.readFileSync(path.join(root, 'goals', `${id}.md`), 'utf8');
    expect(goal('wake-up-early')).toBe('---\ntitle: "Wake up early"\nwhy: "Did you wake up before 6am? (from Loop: rewrite it as why this matters to you)"\n'
      + 'start: 2015-01-16\nhabit:\n  cadence: 2 in 3 days\nloop: "001"\n---\n\n# Wake up early\n');
    expect(goal('sugar')).toContain('habit:\n  cadence: 1/week\n  target: { value: 100, unit: "g", per: week, kind: at-most }\nloop: "002"\n');
    expect(goal('read-books')).toContain('status: done\n');
    const day = (d: string) => fs.readFileSync(path.join(root, `logs/2015/${d}.md`), 'utf8');
    expect(day('2015-01-22')).toContain('- [x] [[wake-up-early]] standard: Ran, then "stretched"\n');
    expect(day('2015-01-22')).toContain('- [x] [[sugar]] standard: cake, at work [value:: 2.5]');
    expect(day('2015-01-21')).toContain('- [x] [[sugar]] skip: travel');
    expect(fs.existsSync(path.join(root, 'logs/2015/2015-01-23.md'))).toBe(true);
    expect(day('2015-01-23')).not.toContain('wake-up-early'); // YES_AUTO writes nothing
    expect(fs.existsSync(path.join(root, 'logs/2015/2015-01-24.md'))).toBe(true);
    expect(day('2015-01-24')).not.toMatch(/wake-up-early/); // NO writes nothing
    const j = await Journal.open(nodeFileSystem, root);
    for (const [date, score] of WAKE_UP_EARLY.scores!) {
      const stats = j.stats(date).find((s) => s.goal.id === 'wake-up-early')!.stats;
      expect(Math.abs((stats.strength ?? -1) - Number(score)), date).toBeLessThanOrEqual(5e-5);
    }
    expect((await cli(['--dir', root, 'check'])).code).toBe(0);
  });

  it('importing twice writes no byte; a zip made by Info-ZIP gives the same journal as the folder', async () => {
    const folder = exportFolder();
    const fromFolder = journal();
    await cli(['--dir', fromFolder, 'import', 'loop', folder, '--write']);
    const once = snapshot(fromFolder);
    const again = await cli(['--dir', fromFolder, 'import', 'loop', folder, '--write']);
    expect(again.stdout).toContain('0 daily notes written.');
    expect(snapshot(fromFolder)).toEqual(once);
    expect((await cli(['--dir', fromFolder, 'import', 'loop', folder])).stdout).toContain('Nothing to import');
    const zip = path.join(tempDir('loop-zip-'), 'Loop Habits CSV 2015-01-25.zip');
    execFileSync('zip', ['-qr', zip, '.'], { cwd: folder });
    const fromZip = journal();
    expect((await cli(['--dir', fromZip, 'import', 'loop', zip, '--write'])).code).toBe(0);
    expect(snapshot(fromZip)).toEqual(once);
  });

  it('overlapping days: an unchecked line gets checked, checked lines and every other character stay', async () => {
    const root = journal();
    await cli(['--dir', root, 'import', 'loop', exportFolder([WAKE_UP_EARLY]), '--write']);
    const file = path.join(root, 'logs/2015/2015-01-25.md');
    const mine = '---\r\nenergy: 4\r\n---\r\n# Sunday\r\n\r\n## Habits\r\n- [ ] [[wake-up-early]] standard\r\n- [x] [[walk]] standard: *my* words\r\n\r\nNotes, untouched.\r\n';
    fs.writeFileSync(file, mine);
    fs.writeFileSync(path.join(root, 'logs/2015/2015-01-20.md'), '## Habits\n- [x] [[wake-up-early]] standard [value:: 7]\n');
    await cli(['--dir', root, 'import', 'loop', exportFolder([WAKE_UP_EARLY]), '--write']);
    expect(fs.readFileSync(file, 'utf8')).toBe(mine.replace('- [ ] [[wake-up-early]]', '- [x] [[wake-up-early]]'));
    expect(fs.readFileSync(path.join(root, 'logs/2015/2015-01-20.md'), 'utf8')).toBe('## Habits\n- [x] [[wake-up-early]] standard [value:: 7]\n');
  });

  it('the older Habits.csv header (NumRepetitions, Interval) reads the same cadence', async () => {
    const root = journal();
    await cli(['--dir', root, 'import', 'loop', exportFolder([WAKE_UP_EARLY], { olderHeader: true }), '--write']);
    expect(fs.readFileSync(path.join(root, 'goals/wake-up-early.md'), 'utf8')).toContain('cadence: 2 in 3 days');
    const bad = exportFolder([{ ...WAKE_UP_EARLY, num: 0 }], { olderHeader: true });
    expect((await cli(['--dir', journal(), 'import', 'loop', bad])).stderr).toMatch(/Habits\.csv:2: NumRepetitions should be a whole number from 1, not "0"/);
  });

  it('a malformed export is refused with file:line and nothing written', async () => {
    const cases: Array<[FixtureHabit[], (dir: string) => void, RegExp]> = [
      [[{ ...WAKE_UP_EARLY, checkmarks: [['2015-01-25', 'YES_MANUAL'], ['2015-01-24', 'MAYBE']] }], () => {}, /001 Wake up early\/Checkmarks\.csv:3: unknown value "MAYBE"/],
      [[{ ...WAKE_UP_EARLY, checkmarks: [['2015-02-30', 'YES_MANUAL']] }], () => {}, /Checkmarks\.csv:2: "2015-02-30" is not a date/],
      [[WAKE_UP_EARLY], (dir) => fs.rmSync(path.join(dir, 'Habits.csv')), /not a Loop Habit Tracker export \(no Habits\.csv\)/],
      [[WAKE_UP_EARLY], (dir) => fs.writeFileSync(path.join(dir, 'Habits.csv'), 'Name,Color\nx,y\n'), /Habits\.csv:1: not Loop Habit Tracker's Habits\.csv/],
      [[{ ...SUGAR, targetType: 'AT_MOST' }], (dir) => fs.writeFileSync(path.join(dir, 'Habits.csv'), fs.readFileSync(path.join(dir, 'Habits.csv'), 'utf8').replace('AT_MOST', 'ABOUT')), /Habits\.csv:2: unknown Target Type "ABOUT"/],
    ];
    for (const [habits, spoil, message] of cases) {
      const root = journal();
      const before = snapshot(root);
      const dir = exportFolder(habits);
      spoil(dir);
      const r = await cli(['--dir', root, 'import', 'loop', dir, '--write']);
      expect(r.code, String(message)).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(root)).toEqual(before);
    }
    const root = journal();
    const notZip = path.join(tempDir(), 'export.zip');
    fs.writeFileSync(notZip, 'not a zip');
    expect((await cli(['--dir', root, 'import', 'loop', notZip])).stderr).toContain('export.zip: not a zip archive');
    const db = path.join(tempDir(), 'Loop Habits Backup 2015-01-25.db');
    fs.writeFileSync(db, 'SQLite format 3\0');
    const refused = await cli(['--dir', root, 'import', 'loop', db, '--write']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('Loop Habits Backup 2015-01-25.db: cannot be read as SQLite')]);
    expect((await cli(['--dir', root, 'import', 'streaks', db])).stderr).toContain('kaizen import knows "loop"');
  });
});

// Writes an export in Loop Habit Tracker's CSV layout (HabitsCSVExporter: Habits.csv, then per habit
// "NNN name/Checkmarks.csv" newest first and "NNN name/Scores.csv"). Generated here: Loop is GPL-3.0, so none of
// its files are in this repository. The "Wake up early" habit carries the checkmarks of Loop's own test export
// and the scores Loop computed for it (uhabits-core assets/test/csv_export), as data.
import fs from 'node:fs';
import path from 'node:path';

export interface FixtureHabit {
  name: string;
  type?: 'YES_NO' | 'NUMERICAL';
  question?: string;
  num: number;
  den: number;
  unit?: string;
  targetType?: 'AT_LEAST' | 'AT_MOST';
  targetValue?: number;
  archived?: boolean;
  /** Newest first, as Loop writes them: [date, value, notes]. */
  checkmarks: Array<[string, string, string?]>;
  scores?: Array<[string, string]>;
}

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const WAKE_UP_EARLY: FixtureHabit = {
  name: 'Wake up early', question: 'Did you wake up before 6am?', num: 2, den: 3,
  checkmarks: [['2015-01-25', 'YES_MANUAL'], ['2015-01-24', 'NO', 'Sick'], ['2015-01-23', 'YES_AUTO', 'Forgot to do it, really'],
    ['2015-01-22', 'YES_MANUAL', 'Ran, then "stretched"'], ['2015-01-21', 'YES_MANUAL'], ['2015-01-20', 'YES_MANUAL'],
    ['2015-01-19', 'YES_AUTO', '"Vacation"'], ['2015-01-18', 'YES_AUTO'], ['2015-01-17', 'YES_MANUAL'], ['2015-01-16', 'YES_MANUAL']],
  scores: [['2015-01-25', '0.2557'], ['2015-01-24', '0.2226'], ['2015-01-23', '0.1991'], ['2015-01-22', '0.1746'], ['2015-01-21', '0.1379'],
    ['2015-01-20', '0.0995'], ['2015-01-19', '0.0706'], ['2015-01-18', '0.0515'], ['2015-01-17', '0.0315'], ['2015-01-16', '0.0107']],
};

export function writeLoopExport(dir: string, habits: readonly FixtureHabit[], options: { olderHeader?: boolean } = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  const header = options.olderHeader
    ? 'Position,Name,Question,Description,NumRepetitions,Interval,Color'
    : 'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?';
  const rows = habits.map((h, i) => {
    const pos = String(i + 1).padStart(3, '0');
    const numeric = h.type === 'NUMERICAL';
    return options.olderHeader
      ? [pos, h.name, h.question ?? '', '', String(h.num), String(h.den), '#FF8F00'].map(cell).join(',')
      : [pos, h.name, h.type ?? 'YES_NO', h.question ?? '', '', String(h.num), String(h.den), '#00897B', numeric ? h.unit ?? '' : '',
        numeric ? h.targetType ?? 'AT_LEAST' : '', numeric ? String(h.targetValue ?? 0) : '', String(h.archived ?? false)].map(cell).join(',');
  });
  fs.writeFileSync(path.join(dir, 'Habits.csv'), `${[header, ...rows].join('\n')}\n`);
  habits.forEach((h, i) => {
    const folder = path.join(dir, `${String(i + 1).padStart(3, '0')} ${h.name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'Checkmarks.csv'), `Date,Value,Notes\n${h.checkmarks.map(([d, v, n]) => `${d},${v},${cell(n ?? '')}`).join('\n')}\n`);
    if (h.scores) fs.writeFileSync(path.join(folder, 'Scores.csv'), `Date,Score\n${h.scores.map(([d, s]) => `${d},${s}`).join('\n')}\n`);
  });
}

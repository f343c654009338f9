// Links to goals as Obsidian resolves them (FORMAT §9), line by line: each form names the goal, or is
// an unknown-goal with a sensible suggestion, never a path like goals/goals/x.md.
import { describe, expect, it } from 'vitest';
import { parseHabitText } from '../../src/model/syntax.js';
import { goalLinkResolver } from '../../src/model/goal-links.js';
import { cli, makeJournal } from '../helpers.js';
import fs from 'node:fs';
import path from 'node:path';

const resolve = goalLinkResolver([
  { id: 'morning-routine', aliases: ['Morning Routine', 'routine'] },
  { id: 'read-daily', aliases: [] },
]);

const TABLE: [line: string, goal: string | null, level?: string][] = [
  ['[[morning-routine]] minimum', 'morning-routine', 'minimum'],
  ['[[Morning-Routine]] minimum', 'morning-routine'],
  ['[[goals/morning-routine]] standard', 'morning-routine', 'standard'],
  ['[[../goals/morning-routine]] std', 'morning-routine', 'standard'],
  ['[[morning-routine.md]] skip: travel', 'morning-routine', 'skip'],
  ['[[morning-routine#Stages]] min', 'morning-routine', 'minimum'],
  ['[[morning-routine#^abc123]] minimum', 'morning-routine'],
  ['[[goals/Morning-Routine.md#Stages|my routine]] minimum', 'morning-routine'],
  ['[[Morning Routine]] minimum', 'morning-routine'],
  ['[[ROUTINE]] standard', 'morning-routine'],
  ['[my routine](../goals/morning-routine.md) minimum', 'morning-routine'],
  ['[my routine](<../goals/morning-routine.md>) standard', 'morning-routine'],
  ['[x](goals/Morning%20Routine.md) minimum', 'morning-routine'],
  ['[Read](read-daily.md#today) standard', 'read-daily'],
];

describe('links to goals, line by line', () => {
  for (const [line, goal, level] of TABLE) {
    it(`${line} → ${goal}`, () => {
      const habit = parseHabitText(line);
      expect(habit).not.toBeNull();
      expect(resolve(habit!.goalId)).toBe(goal);
      if (level) expect(habit!.level).toBe(level);
    });
  }

  it('a web link or a bare word is no habit line', () => {
    expect(parseHabitText('[site](https://example.com/morning-routine.md) minimum')).toBeNull();
    expect(parseHabitText('morning-routine minimum')).toBeNull();
    expect(parseHabitText('[[morning-routine]]')).toBeNull();
  });

  it('unknown links say what to do, with the closest goal, never a path inside goals/', async () => {
    const goal = '---\ntitle: Routine\naliases: [Morning Routine]\nstart: 2026-11-01\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n---\n';
    const root = makeJournal({
      'goals/morning-routine.md': goal,
      'logs/2026/2026-11-20.md': [
        '- [x] [[Morning-Routine]] minimum', '- [x] [[goals/goals/morning-rotine]] standard', '- [x] [[Some Note]] skip',
        '- [x] [routine](../../goals/morning-routine.md) standard', ''].join('\n'),
    });
    const { diagnostics } = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout) as { diagnostics: { line: number; code: string; message: string }[] };
    expect(diagnostics.filter((d) => d.code === 'unknown-goal').map((d) => `${d.line}: ${d.message}`)).toEqual([
      '2: [[morning-rotine]] is not a goal: create goals/morning-rotine.md or fix the link (did you mean morning-routine?)',
      '3: [[Some Note]] is not a goal: create goals/Some Note.md or fix the link',
    ]);
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout);
    expect(stats.goals[0].week).toMatchObject({ done: 1, standard: 1, minimum: 0 });
    // Writing the day finds the goal's line however it is linked: no second line.
    await cli(['--dir', root, 'log', 'morning-routine', 'minimum', '--date', '2026-11-20']);
    const text = fs.readFileSync(path.join(root, 'logs/2026/2026-11-20.md'), 'utf8');
    expect(text.match(/minimum/g)).toHaveLength(1);
  });
});

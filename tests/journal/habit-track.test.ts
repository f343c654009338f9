// Habits the vault already records its own way (FORMAT §9, `habit.track`): each form read into the
// goal's days, and written back in the same form by offsets.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal } from '../helpers.js';
import { fieldDay } from '../../src/model/habit-track.js';
import { recordedFields } from '../../src/parser/vault-fields.js';

const goal = (track: string) => `---\ntitle: Move\nstart: 2026-11-02\ndue: 2026-12-31\nhabit:\n  cadence: 3/week\n  track: ${track}\n---\n# Move\n`;
const week = async (root: string) => JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout).goals[0].week;

describe('habit.track: reading what the vault records', () => {
  it('a field: frontmatter or Dataview, true/yes/text/number > 0 is done, standardAt splits minimum from standard', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ field: exercise, standardAt: 20 }'),
      'logs/2026/2026-11-16.md': '---\nexercise: 25\n---\n# Monday\n',
      'logs/2026/2026-11-17.md': '---\nExercise: 5\n---\n',
      'logs/2026/2026-11-18.md': '# Wednesday\n\nExercise:: 30\n',
      'logs/2026/2026-11-19.md': 'Went out [exercise:: 10] in the rain\n',
      'logs/2026/2026-11-20.md': '---\nexercise: 0\n---\n',
      'logs/2026/2026-11-21.md': '```\nexercise:: 40\n```\n',
    });
    expect(await week(root)).toMatchObject({ done: 4, standard: 2, minimum: 2 });
    const climb = makeJournal({
      'goals/move.md': goal('{ field: exercise }'),
      'logs/2026/2026-11-16.md': '---\nexercise: climb\n---\n',
      'logs/2026/2026-11-17.md': '---\nexercise: false\n---\n',
      'logs/2026/2026-11-18.md': '---\nexercise: yes\n---\n',
      'logs/2026/2026-11-19.md': '---\nexercise: true\n---\n',
    });
    expect(await week(climb)).toMatchObject({ done: 3, standard: 3 });
  });

  it('a task: a checked task with that text, any case, dates and fields aside', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ task: Meditate }'),
      'logs/2026/2026-11-16.md': '- [x] meditate\n',
      'logs/2026/2026-11-17.md': '- [ ] Meditate\n',
      'logs/2026/2026-11-18.md': '- [x] Meditate ✅ 2026-11-18 [minutes:: 10]\n',
      'logs/2026/2026-11-19.md': '- [x] Meditate for an hour\n',
    });
    expect(await week(root)).toMatchObject({ done: 2 });
  });

  it('a tag: in the body or the frontmatter tags', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ tag: "#exercise" }'),
      'logs/2026/2026-11-16.md': 'Ran 5k #exercise\n',
      'logs/2026/2026-11-17.md': '---\ntags: [exercise, mood]\n---\n',
      'logs/2026/2026-11-18.md': 'Read about #exercises\n',
      'logs/2026/2026-11-19.md': '`#exercise` in code does not count\n\n```\n#exercise\n```\n',
    });
    expect(await week(root)).toMatchObject({ done: 2 });
  });

  it('values and fields, unit by unit', () => {
    expect(fieldDay(true, null)).toMatchObject({ standard: true });
    expect(fieldDay('no', null)).toMatchObject({ standard: false, minimum: false });
    expect(fieldDay('12.5', 20)).toMatchObject({ minimum: true, values: [12.5] });
    expect(fieldDay(undefined, null)).toBeNull();
    expect(recordedFields({ Mood: 'ok', list: [1] }, '- Sleep:: 7\n- [x] [[walk]] minimum\n[energy:: 4]\n#Focus and #deep/work\n')).toEqual({
      fields: { mood: 'ok', list: ['1'], sleep: '7', energy: '4' }, tags: ['deep/work', 'focus'], markerTasks: [],
    });
  });
});

describe('habit.track: writing a day the same way', () => {
  it('a field: set in the frontmatter (value kept in place, comment kept), or where the Dataview field is', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ field: exercise, standardAt: 20 }'),
      'logs/2026/2026-11-16.md': '---\nmood: ok\nexercise: 0  # minutes\n---\n# Monday\n',
      'logs/2026/2026-11-17.md': '# Tuesday\n\nExercise:: \n',
      'logs/2026/2026-11-18.md': '# Wednesday\n',
    });
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-16.md'), 'utf8')).toBe('---\nmood: ok\nexercise: 20  # minutes\n---\n# Monday\n');
    await cli(['--dir', root, 'log', 'move', 'minimum', '--value', '8', '--date', '2026-11-17']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-17.md'), 'utf8')).toBe('# Tuesday\n\nExercise:: 8\n');
    const refused = await cli(['--dir', root, 'log', 'move', 'minimum', '--date', '2026-11-18']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/records `exercise` as a number .*--value; nothing was written/);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-18.md'), 'utf8')).toBe('# Wednesday\n');
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-18']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-18.md'), 'utf8')).toBe('---\nexercise: 20\n---\n# Wednesday\n');
    expect(await week(root)).toMatchObject({ done: 3, standard: 2, minimum: 1 });
    // Again: nothing changes.
    const before = fs.readFileSync(path.join(root, 'logs/2026/2026-11-16.md'), 'utf8');
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-16.md'), 'utf8')).toBe(before);
  });

  it('a task: the existing one checked, else added as checked; a new note has no habit lines for it', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ task: Meditate }'),
      'logs/2026/2026-11-16.md': '## Habits\n- [ ] Meditate\r\n\nNotes.\n',
      'logs/2026/2026-11-17.md': '# Tuesday\n',
    });
    await cli(['--dir', root, 'log', 'move', 'minimum', '--date', '2026-11-16']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-16.md'), 'utf8')).toBe('## Habits\n- [x] Meditate\r\n\nNotes.\n');
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-17']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-17.md'), 'utf8')).toBe('# Tuesday\n\n- [x] Meditate\n');
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-18']);
    const created = fs.readFileSync(path.join(root, 'logs/2026/2026-11-18.md'), 'utf8');
    expect(created).toContain('- [x] Meditate');
    expect(created).not.toContain('[[move]]');
    expect(await week(root)).toMatchObject({ done: 3 });
  });

  it('a tag: added once', async () => {
    const root = makeJournal({ 'goals/move.md': goal('{ tag: "#exercise" }'), 'logs/2026/2026-11-16.md': '# Monday\n\nSome text.\n' });
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    expect(fs.readFileSync(path.join(root, 'logs/2026/2026-11-16.md'), 'utf8')).toBe('# Monday\n\nSome text.\n\n#exercise\n');
    expect(await week(root)).toMatchObject({ done: 1 });
  });
});

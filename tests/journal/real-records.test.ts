// What real vaults record and how they start a day (FORMAT §9): habit.track for the records people
// keep (task text with a quantity or alternatives, Logseq DONE/TODO, a field whose value decides, YAML
// lists), a new note from the vault's own daily template, the CLI's goal argument resolved like a
// link, and suggestions that agree with the numbers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal, tempDir } from '../helpers.js';
import { fillDailyTemplate } from '../../src/model/note-template.js';

const goal = (track: string, extra = '') => `---\ntitle: Move\nstart: 2026-11-02\ndue: 2026-12-31\n${extra}habit:\n  cadence: 3/week\n  track: ${track}\n---\n# Move\n`;
const week = async (root: string) => JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout).goals[0].week;
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
/** Writes files under a folder without kaizen.yaml (a vault), making their folders. */
const writer = (root: string) => (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

describe('habit.track: the records people keep', () => {
  it('task text with a quantity after it, or one of several texts; not another task that starts the same', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ task: [Study English, Learn English] }'),
      'logs/2026/2026-11-16.md': '- [x] Study English 1h\n',
      'logs/2026/2026-11-17.md': '- [x] Study English 1.5h\n',
      'logs/2026/2026-11-18.md': '- [x] Learn English (30m)\n',
      'logs/2026/2026-11-19.md': '- [x] Study English grammar book\n',
    });
    expect(await week(root)).toMatchObject({ done: 3 });
  });

  it('Logseq task blocks: DONE counts, TODO/LATER do not, and a log turns TODO into DONE where it is', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ task: Meditate }'),
      'logs/2026/2026-11-16.md': '- DONE Meditate\n- went for a walk\n',
      'logs/2026/2026-11-17.md': '- TODO Meditate\n\t- with the app\n- LATER call mum\n',
      'logs/2026/2026-11-18.md': '- LATER Meditate\n',
    });
    expect(await week(root)).toMatchObject({ done: 1 });
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-17']);
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('- DONE Meditate\n\t- with the app\n- LATER call mum\n');
    expect(await week(root)).toMatchObject({ done: 2 });
  });

  it('a field whose value decides (equals), and YAML list values', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ field: { name: workout, equals: [gym, run] } }'),
      'goals/swim.md': goal('{ field: sports }').replace('title: Move', 'title: Swim'),
      'logs/2026/2026-11-16.md': '---\nworkout: gym\nsports: [swim, yoga]\n---\n',
      'logs/2026/2026-11-17.md': '---\nworkout: rest\nsports: []\n---\n',
      'logs/2026/2026-11-18.md': 'workout:: Run\n',
    });
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout).goals;
    expect(stats.find((g: { id: string }) => g.id === 'move').week).toMatchObject({ done: 2 });
    expect(stats.find((g: { id: string }) => g.id === 'swim').week).toMatchObject({ done: 1 });
    // "rest" is what the person wrote: not overwritten, refused with the reason.
    const refused = await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-17']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/`workout` already says "rest".*does not overwrite what you wrote.*nothing was written/);
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('---\nworkout: rest\nsports: []\n---\n');
  });

  it('the reported cases: a written summary stays, `summary:` becomes `summary: true`, a number never goes down', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ field: summary }'),
      'goals/mins.md': goal('{ field: minutes, standardAt: 20 }').replace('title: Move', 'title: Minutes'),
      'logs/2026/2026-11-16.md': '---\nsummary: Long walk with Sam, then tea.\nminutes: 45\n---\n',
      'logs/2026/2026-11-17.md': '---\nsummary:\n---\n',
    });
    const kept = await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    expect(kept.stderr).toMatch(/already logged/);
    const lower = await cli(['--dir', root, 'log', 'mins', 'standard', '--value', '20', '--date', '2026-11-16']);
    expect(lower.stderr).toMatch(/already logged/);
    expect(read(root, 'logs/2026/2026-11-16.md')).toBe('---\nsummary: Long walk with Sam, then tea.\nminutes: 45\n---\n');
    await cli(['--dir', root, 'log', 'mins', 'standard', '--value', '60', '--date', '2026-11-16']);
    expect(read(root, 'logs/2026/2026-11-16.md')).toContain('minutes: 60\n');
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-17']);
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('---\nsummary: true\n---\n');
    expect((await cli(['--dir', root, 'check'])).code).toBe(0);
  });

  it('a tag is written where tags are read: the frontmatter list, even an emoji tag', async () => {
    const root = makeJournal({
      'goals/move.md': goal('{ tag: "#📅" }'),
      'logs/2026/2026-11-16.md': '---\ntags: [daily]\n---\n# Monday\n',
      'logs/2026/2026-11-17.md': '# Tuesday\n',
    });
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-16']);
    await cli(['--dir', root, 'log', 'move', 'standard', '--date', '2026-11-17']);
    expect(read(root, 'logs/2026/2026-11-16.md')).toBe('---\ntags: [daily, "📅"]\n---\n# Monday\n');
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('---\ntags: ["📅"]\n---\n# Tuesday\n');
    expect(await week(root)).toMatchObject({ done: 2 });
  });
});

describe("a new note from the vault's daily template", () => {
  it('fills {{date}}, {{date:FORMAT}}, {{title}} and Templater dates; keeps {{time}} and unknown tokens', () => {
    const template = '---\ncreated: {{date}}\n---\n# {{title}}\n{{date:dddd, MMMM Do}} · <% tp.date.now("YYYY-MM-DD", -1) %> · <% tp.file.title %>\n'
      + '{{time}} {{weather}} <% tp.system.prompt("Mood?") %> <% tp.date.yesterday("DD.MM") %>\n';
    expect(fillDailyTemplate(template, { day: '2026-11-16', title: '2026-11-16 Monday', dateFormat: null })).toBe(
      '---\ncreated: 2026-11-16\n---\n# 2026-11-16 Monday\nMonday, November 16th · 2026-11-15 · 2026-11-16 Monday\n'
      + '{{time}} {{weather}} <% tp.system.prompt("Mood?") %> 15.11\n');
  });

  it('today and log in a vault start the note from its template and add only the habit lines', async () => {
    const root = tempDir();
    const write = writer(root);
    write('.obsidian/daily-notes.json', '{"folder":"Daily","format":"YYYY-MM-DD","template":"Templates/Daily"}');
    write('.obsidian/templates.json', '{"dateFormat":"DD/MM/YYYY"}');
    write('Templates/Daily.md', '---\ncreated: {{date}}\n---\n# {{title}}\n\n## Log\n\n## Gratitude\n');
    write('goals/walk.md', '---\ntitle: Walk\nstart: 2026-11-01\nhabit:\n  cadence: 3/week\n  minimum: 5 min\n  standard: 20 min\n---\n# Walk\n');
    const today = await cli(['--dir', root, 'today', '--date', '2026-11-16']);
    expect(today.stdout.trim()).toBe('Daily/2026-11-16.md');
    expect(read(root, 'Daily/2026-11-16.md')).toBe('---\ncreated: 16/11/2026\n---\n# 2026-11-16\n\n## Habits\n'
      + '- [ ] [[walk]] minimum: 5 min\n- [ ] [[walk]] standard: 20 min\n\n## Log\n\n## Gratitude\n');
    await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-17']);
    expect(read(root, 'Daily/2026-11-17.md')).toMatch(/^---\ncreated: 17\/11\/2026\n---\n# 2026-11-17\n/);
    expect(read(root, 'Daily/2026-11-17.md')).toContain('- [x] [[walk]] minimum');
    expect(fs.existsSync(path.join(root, 'Templates/Daily.md'))).toBe(true);
    // init --here keeps the template in kaizen.yaml.
    await cli(['init', '--here'], { cwd: root });
    expect(read(root, 'kaizen.yaml')).toContain('logs: { folder: "Daily", format: "YYYY-MM-DD", template: "Templates/Daily" }');
  });
});

describe('the command line as a link would resolve', () => {
  it('kaizen log and stats --goal take an alias, a path or a [[link]]', async () => {
    const root = makeJournal({
      'goals/morning-walk.md': '---\ntitle: Walk\naliases: [walk]\nstart: 2026-11-02\nhabit:\n  cadence: 3/week\n---\n# Walk\n',
    });
    for (const name of ['walk', 'Morning-Walk', '[[walk]]', 'goals/morning-walk']) {
      const r = await cli(['--dir', root, 'log', name, 'standard', '--date', '2026-11-16']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--goal', 'walk', '--as-of', '2026-11-22', '--json'])).stdout);
    expect(stats.goals.map((g: { id: string }) => g.id)).toEqual(['morning-walk']);
    expect(stats.goals[0].week.standard).toBe(1);
  });

  it('check counts one file in the singular; init prints paths relative to where it ran', async () => {
    const root = makeJournal({ 'goals/a.md': '---\ntitle: A\nstatus: paused\n---\n' });
    expect((await cli(['--dir', root, 'check'])).stderr).toContain('1 file checked');
    const parent = tempDir();
    const r = await cli(['init', 'my-journal'], { cwd: parent });
    expect(r.stdout).toContain('created my-journal/kaizen.yaml');
    expect(r.stdout).not.toContain(parent);
  });
});

describe('suggestions that agree with the numbers', () => {
  it('no "skipping sessions" in a week already met; no "behind" for a goal without tasks or a metric', async () => {
    const root = makeJournal({
      'goals/walk.md': '---\ntitle: Walk\nstart: 2026-10-01\ndue: 2026-12-31\nwhy: x\nhabit:\n  cadence: 2/week\n  minimum: a\n  standard: b\n---\n# Walk\n',
      'logs/2026/2026-11-23.md': '- [x] [[walk]] standard\n',
      'logs/2026/2026-11-24.md': '- [x] [[walk]] standard\n',
    });
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-25', '--json'])).stdout).goals[0];
    const ids = stats.suggestions.map((s: { id: string }) => s.id);
    expect(ids).not.toContain('shrink-to-minimum');
    expect(ids).not.toContain('extend-or-reduce');
  });
});

describe('what a real-vault run found', () => {
  it('Logseq: a new DONE block goes after the last block and its children and drawers, with that line\'s line break', async () => {
    const root = makeJournal({
      'goals/groceries.md': goal('{ task: Groceries }'),
      'logs/2026/2026-11-16.md': '- DONE Call Bob\r\n  :LOGBOOK:\r\n  CLOCK: [2026-11-16 Mon 09:00]\r\n  :END:\r\n\t- child of Call Bob\r\n',
    });
    await cli(['--dir', root, 'log', 'groceries', 'standard', '--date', '2026-11-16']);
    expect(read(root, 'logs/2026/2026-11-16.md')).toBe('- DONE Call Bob\r\n  :LOGBOOK:\r\n  CLOCK: [2026-11-16 Mon 09:00]\r\n  :END:\r\n'
      + '\t- child of Call Bob\r\n- DONE Groceries\r\n');
  });

  it('a recorded number is never replaced by a level: 20 minutes stay 20 unless --value says more', async () => {
    const root = makeJournal({
      'goals/mins.md': goal('{ field: exercise_time, standardAt: 60 }'),
      'logs/2026/2026-11-17.md': '---\nexercise_time: 20\n---\n',
    });
    const r = await cli(['--dir', root, 'log', 'mins', 'standard', '--date', '2026-11-17']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/`exercise_time` already says 20, which is not standard for mins; give the new number with --value/);
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('---\nexercise_time: 20\n---\n');
    await cli(['--dir', root, 'log', 'mins', 'standard', '--value', '75', '--date', '2026-11-17']);
    expect(read(root, 'logs/2026/2026-11-17.md')).toBe('---\nexercise_time: 75\n---\n');
  });

  it('a note titled after a date is named, not read as the day: nothing is written into a meeting note', async () => {
    const root = makeJournal({
      'goals/walk.md': '---\ntitle: Walk\nstart: 2026-11-01\nhabit:\n  cadence: 3/week\n---\n# Walk\n',
      'logs/2026/2026-11-17 meeting with Bob.md': '# Meeting\n',
      'logs/2026/2026-11-18 Wednesday (47).md': '- [x] [[walk]] standard\n',
    });
    const check = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout).diagnostics as { code: string; message: string; files?: string[] }[];
    const unplaced = check.find((d) => d.code === 'unplaced-notes');
    expect(unplaced?.files).toEqual(['logs/2026/2026-11-17 meeting with Bob.md']);
    expect(unplaced?.message).toContain("1 titled after a date, a note about that day rather than the day's note (2026/2026-11-17 meeting with Bob.md)");
    const today = await cli(['--dir', root, 'today', '--date', '2026-11-17']);
    expect(today.stdout.trim()).toBe('logs/2026/2026-11-17.md');
    expect(read(root, 'logs/2026/2026-11-17 meeting with Bob.md')).toBe('# Meeting\n');
    expect(await week(root)).toMatchObject({ done: 1 });
  });

  it('a new Logseq journal page is blocks only; {{time}} is the time the note is made; a lone archived note is named', async () => {
    const root = tempDir();
    const write = writer(root);
    write('logseq/config.edn', '{:preferred-format "markdown"\n ;; :journals-directory "old"\n}\n');
    write('goals/groceries.md', goal('{ task: Groceries }'));
    write('goals/walk.md', '---\ntitle: Walk\nstart: 2026-11-01\nhabit:\n  cadence: 3/week\n  minimum: 5 min\n---\n# Walk\n');
    await cli(['--dir', root, 'log', 'groceries', 'standard', '--date', '2026-11-16']);
    expect(read(root, 'journals/2026_11_16.md')).toBe('- [ ] [[walk]] minimum: 5 min\n- [ ] [[walk]] standard\n- DONE Groceries\n');
    expect(fillDailyTemplate('time: {{time}} / {{time:hh:mm A}}\n', { day: '2026-11-16', title: 't', time: { hours: 14, minutes: 5, seconds: 0 } }))
      .toBe('time: 14:05 / 02:05 PM\n');
    const vault = tempDir();
    fs.mkdirSync(path.join(vault, 'Journal/Daily'), { recursive: true });
    fs.mkdirSync(path.join(vault, 'Journal/Archive/2024'), { recursive: true });
    fs.mkdirSync(path.join(vault, '.obsidian'));
    fs.writeFileSync(path.join(vault, '.obsidian/daily-notes.json'), '{"folder":"Journal/Daily"}');
    fs.writeFileSync(path.join(vault, 'Journal/Daily/2024-12-17.md'), 'x\n');
    fs.writeFileSync(path.join(vault, 'Journal/Archive/2024/2024-12-16.md'), 'x\n');
    const check = JSON.parse((await cli(['--dir', vault, 'check', '--json'])).stdout).diagnostics as { code: string; files?: string[] }[];
    expect(check.find((d) => d.code === 'unplaced-notes')?.files).toEqual(['Journal/Archive/2024/2024-12-16.md']);
  });

  it('a vault on Obsidian\'s defaults whose daily notes sit in a folder: read and written there, said to be a guess', async () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, '.obsidian'));
    fs.mkdirSync(path.join(root, 'diary'));
    for (const d of ['2021-01-01', '2021-01-02', '2021-01-03']) fs.writeFileSync(path.join(root, `diary/${d}.md`), 'x\n');
    fs.mkdirSync(path.join(root, 'goals'));
    fs.writeFileSync(path.join(root, 'goals/walk.md'), '---\ntitle: Walk\nstart: 2021-01-01\nhabit:\n  cadence: 3/week\n---\n# Walk\n');
    expect((await cli(['--dir', root, 'today', '--date', '2021-01-04'])).stdout.trim()).toBe('diary/2021-01-04.md');
    expect((await cli(['--dir', root, 'check'])).stderr).toMatch(/daily notes: diary\/YYYY-MM-DD\.md, from guessed: Obsidian's defaults .*; 4 dated notes in diary\/ look like YYYY-MM-DD/);
  });
});

// The same journal laid out as real vaults lay out their daily notes (FORMAT §9): every note counted
// or reported, `today`/`log` writing into the existing note or creating one at the format's path,
// and the numbers equal to the journal in Kaizen's own layout.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal, snapshot, tempDir } from '../helpers.js';
import { compileDayFormat, formatDay, type DayFormat } from '../../src/model/date-format.js';
import { addDays, type Day } from '../../src/model/dates.js';

const GOAL = '---\ntitle: Walk\nlead: true\nwhy: Energy\nstart: 2026-10-01\ndue: 2026-11-29\n'
  + 'habit:\n  cadence: 4/week\n  minimum: Walk 5 minutes\n  standard: Walk 20 minutes\n---\n# Walk\n';

/** Ten weeks of notes: most days walked (standard or minimum), a few skipped, some missed. */
function notes(): Map<Day, string> {
  const out = new Map<Day, string>();
  for (let i = 0; i < 70; i++) {
    const day = addDays('2026-10-01', i);
    if (i % 7 === 3) continue;
    const level = i % 5 === 0 ? 'minimum' : i % 11 === 0 ? 'skip' : 'standard';
    out.set(day, `---\ndate: ${day}\n---\n# ${day}\n\n- [x] [[walk]] ${level}\n\nWrote something.\n`);
  }
  return out;
}

interface Layout {
  name: string;
  /** kaizen.yaml text, or null for a vault configured only by its .obsidian settings. */
  config: string | null;
  obsidian?: Record<string, string>;
  folder: string;
  format: string;
  /** Other Markdown in the daily folder that is not a daily note. */
  extra?: Record<string, string>;
}

const LAYOUTS: Layout[] = [
  { name: 'flat YYYY-MM-DD', config: 'logs: { folder: Daily, format: "YYYY-MM-DD" }\n', folder: 'Daily', format: 'YYYY-MM-DD' },
  { name: 'year/month folders with weekday names', config: 'logs:\n  folder: Journal\n  format: "YYYY/YYYY-MM/YYYY-MM-DD dddd"\n',
    folder: 'Journal', format: 'YYYY/YYYY-MM/YYYY-MM-DD dddd', extra: { 'Journal/2026/2026-10/October plan.md': '# Plan\n' } },
  { name: 'day-first from .obsidian/daily-notes.json', config: null, obsidian: { '.obsidian/daily-notes.json': '{"folder":"Daily Notes/","format":"DD-MM-YYYY","template":"Templates/Daily"}' },
    folder: 'Daily Notes', format: 'DD-MM-YYYY', extra: { 'Daily Notes/Meeting with Sam.md': '# Notes\n' } },
  { name: 'month names', config: 'logs: { folder: diary, format: "YYYY/MMMM/DD" }\n', folder: 'diary', format: 'YYYY/MMMM/DD' },
  { name: 'Logseq journals', config: 'logs: { folder: journals, format: "YYYY_MM_DD" }\n', folder: 'journals', format: 'YYYY_MM_DD' },
  { name: 'Periodic Notes settings only, notes in the vault root', config: null,
    obsidian: { '.obsidian/plugins/periodic-notes/data.json': '{"daily":{"enabled":true,"folder":"","format":"[Daily Journal] MM-DD-YYYY"},"weekly":{"enabled":false}}' },
    folder: '', format: '[Daily Journal] MM-DD-YYYY', extra: { 'Ideas.md': '# Ideas\n' } },
];

function makeVault(layout: Layout): string {
  const format = compileDayFormat(layout.format) as DayFormat;
  const root = tempDir();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  if (layout.config !== null) write('kaizen.yaml', layout.config);
  for (const [rel, text] of Object.entries(layout.obsidian ?? {})) write(rel, text);
  write('goals/walk.md', GOAL);
  for (const [day, text] of notes()) write(`${layout.folder ? `${layout.folder}/` : ''}${formatDay(day, format)}.md`, text);
  for (const [rel, text] of Object.entries(layout.extra ?? {})) write(rel, text);
  return root;
}

function ownLayout(): string {
  const files: Record<string, string> = { 'goals/walk.md': GOAL };
  for (const [day, text] of notes()) files[`logs/${day.slice(0, 4)}/${day}.md`] = text;
  return makeJournal(files);
}

const statsOf = async (root: string) => JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-12-05', '--json'])).stdout).goals;

describe('daily notes in the layouts real vaults use', () => {
  for (const layout of LAYOUTS) {
    it(`${layout.name}: every note counted or reported, numbers as in Kaizen's layout, writes into the existing note`, async () => {
      const root = makeVault(layout);
      const format = compileDayFormat(layout.format) as DayFormat;
      const check = await cli(['--dir', root, 'check', '--json']);
      const diagnostics = JSON.parse(check.stdout).diagnostics as { file: string; code: string; message: string }[];
      expect(diagnostics.filter((d) => d.code !== 'smart-measurable' && d.code !== 'quick-win')).toEqual(
        Object.keys(layout.extra ?? {}).map((file) => expect.objectContaining({ file, code: 'unplaced-notes' })));
      const said = await cli(['--dir', root, 'check']);
      expect(said.stderr).toContain(`daily notes: ${layout.folder ? `${layout.folder}/` : ''}${layout.format}.md, from ${layout.config ? 'kaizen.yaml' : Object.keys(layout.obsidian ?? {})[0]}`);
      expect(said.stderr).toContain('61 files checked');

      const own = await statsOf(ownLayout());
      expect(await statsOf(root)).toEqual(own);

      // A day with a note: log writes into it; a day without: today creates it at the format's path.
      const noted = '2026-11-21' as Day; // a standard day: logging the minimum adds a line
      const rel = `${layout.folder ? `${layout.folder}/` : ''}${formatDay(noted, format)}.md`;
      const before = snapshot(root);
      const log = await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', noted]);
      expect(log.code).toBe(0);
      expect(log.stdout.trim()).toMatch(new RegExp(`^${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`));
      const after = snapshot(root);
      expect([...after.keys()].filter((k) => after.get(k) !== before.get(k))).toEqual([rel]);
      const missing = '2026-11-22' as Day; // i = 52, i % 7 === 3: no note that day
      const created = `${layout.folder ? `${layout.folder}/` : ''}${formatDay(missing, format)}.md`;
      expect(fs.existsSync(path.join(root, created))).toBe(false);
      expect((await cli(['--dir', root, 'today', '--date', missing])).stdout.trim()).toBe(created);
      expect(fs.existsSync(path.join(root, created))).toBe(true);
      expect((await cli(['--dir', root, 'today', '--date', missing])).stderr).toMatch(/already complete/);
    });
  }

  it('notes below the layout\'s folders are read as their days; what is not a day is one summary per daily folder, each file named', async () => {
    const files: Record<string, string> = { 'goals/walk.md': GOAL };
    for (const day of ['2026-11-16', '2026-11-17', '2026-12-01'] as Day[]) files[`logs/2026/${day.slice(0, 7)}/${day}.md`] = '- [x] [[walk]] standard\n';
    files['logs/2026/todo.md'] = '# todo\n';
    files['logs/2026/16-11-2026.md'] = '# old name\n';
    files['logs/2026/2026-11/2026-11-17 (sync conflict copy).md'] = '- [x] [[walk]] minimum\n';
    files['logs/2026/2026-11/2026-11/deeper/notes.md'] = '# not a day, deep down: the vault\'s own note\n';
    const root = makeJournal(files);
    const { diagnostics } = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout) as { diagnostics: { file: string; code: string; message: string; files?: string[] }[] };
    const unplaced = diagnostics.filter((d) => d.code === 'unplaced-notes');
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]!.files).toEqual(['logs/2026/16-11-2026.md', 'logs/2026/todo.md']);
    expect(unplaced[0]!.message).toContain('2 Markdown files in logs/ are not read as daily notes');
    expect(unplaced[0]!.message).toContain('1 dated as DD-MM-YYYY (2026/16-11-2026.md); 1 with no date in the name (2026/todo.md)');
    const second = diagnostics.filter((d) => d.code === 'second-note');
    expect(second).toEqual([expect.objectContaining({ file: 'logs/2026/2026-11/2026-11-17 (sync conflict copy).md',
      message: 'a second note for 2026-11-17 (sync conflict copy); logs/2026/2026-11/2026-11-17.md is the one read: merge it into that note' })]);
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout).goals[0];
    expect(stats.week.standard).toBe(2);
    // A log into a day filed in its month folder writes into that note.
    const log = await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-16']);
    expect(log.stdout.trim()).toMatch(/^logs\/2026\/2026-11\/2026-11-16\.md:\d+$/);
  });

  it('kaizen init in a vault writes only kaizen.yaml stating the layout found, and a first goal, touching no note', async () => {
    const layout = LAYOUTS[2]!;
    const root = makeVault(layout);
    fs.rmSync(path.join(root, 'goals'), { recursive: true });
    const before = snapshot(root);
    const r = await cli(['init', root]);
    expect(r.code).toBe(0);
    const after = snapshot(root);
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
    expect(changed).toEqual(['goals/morning-walk.md', 'kaizen.yaml']);
    const config = fs.readFileSync(path.join(root, 'kaizen.yaml'), 'utf8');
    expect(config).toContain('logs: { folder: "Daily Notes", format: "DD-MM-YYYY", template: "Templates/Daily" }');
    expect(config).toContain('read from .obsidian/daily-notes.json');
    expect(r.stderr).toContain('No note was touched');
    const check = await cli(['--dir', root, 'check']);
    expect(check.stderr).toContain('daily notes: Daily Notes/DD-MM-YYYY.md, from kaizen.yaml');
    expect(check.stderr).toContain('61 files checked');
    // Run again: nothing new. With --here in a folder of notes without .obsidian: no log is added either.
    expect((await cli(['init', root])).stdout).toBe('');
    const plain = tempDir();
    fs.writeFileSync(path.join(plain, 'notes.md'), '# my notes\n');
    await cli(['init', plain, '--here']);
    expect(fs.readdirSync(plain).sort()).toEqual(['goals', 'kaizen.yaml', 'notes.md']);
  });

  // Real .obsidian/daily-notes.json files of public vaults (repository in the comment), as they are.
  const REAL_SETTINGS: [source: string, json: string, note: string][] = [
    ['00msjr/dotfiles', '{\n  "template": "Templates/Daily-note-template",\n  "folder": "Daily-Notes"\n}', 'Daily-Notes/2026-11-22.md'],
    ['11ze/notes', '{\n  "folder": "日记",\n  "template": "Extras/Templates/新文件模版"\n}', '日记/2026-11-22.md'],
    ['64bitpandas/garden', '{\n  "folder": "content/vsh/daily",\n  "template": "content/vsh/meta/templates/daily",\n  "autorun": true\n}', 'content/vsh/daily/2026-11-22.md'],
    ['AdamWhitehurst/zettelkasten', '{"template":"_layouts/_template - journal","folder":"Slip Box","format":"[Daily Journal] MM-DD-YYYY"}', 'Slip Box/Daily Journal 11-22-2026.md'],
    ['1sun12/mast3rk3y', '{\n  "format": "MM-DD-YYYY",\n  "folder": "07-Daily"\n}', '07-Daily/11-22-2026.md'],
    ['Aaron-Bopp/TIM', '{\n  "folder": "Daily Routine"\n}', 'Daily Routine/2026-11-22.md'],
  ];
  for (const [source, json, note] of REAL_SETTINGS) {
    it(`the daily-notes settings of ${source} place today's note at ${note}`, async () => {
      const root = tempDir();
      fs.mkdirSync(path.join(root, '.obsidian'));
      fs.writeFileSync(path.join(root, '.obsidian/daily-notes.json'), json);
      fs.mkdirSync(path.join(root, 'goals'));
      fs.writeFileSync(path.join(root, 'goals/walk.md'), GOAL);
      const r = await cli(['--dir', root, 'today', '--date', '2026-11-22']);
      expect(r.stdout.trim()).toBe(note);
      expect(fs.existsSync(path.join(root, note))).toBe(true);
      const again = await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-22']);
      expect(again.stdout.trim().replace(/:\d+$/, '')).toBe(note);
      const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout).goals;
      expect(stats[0].week.minimum).toBe(1);
    });
  }

  it('a daily-note format that cannot name a day is an error at its line, and the journal keeps its default layout', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-20.md': '- [x] [[walk]] standard\n' });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'logs:\n  folder: logs\n  format: "GGGG-[W]WW"\n');
    const r = await cli(['--dir', root, 'check']);
    expect(r.stdout).toContain('kaizen.yaml:3:11 error bad-value `logs.format` cannot name daily notes: "GGGG-[W]WW" does not name a day');
    expect(r.code).toBe(1);
  });
});

describe('month and day names in the vault\'s language (locale:)', () => {
  it('names notes as Obsidian does in German, French and Russian, and reads them back strictly', async () => {
    const moment = (await import('moment/min/moment-with-locales.js')).default as unknown as (d: string, f: string, strict: boolean) => { locale(l: string): { format(f: string): string } };
    const cases: [string, string, string][] = [
      ['de', 'YYYY/MMMM/DD dddd', 'logs/2026/März/01 Sonntag.md'],
      ['fr', 'dddd D MMMM YYYY', 'logs/dimanche 1 mars 2026.md'],
      ['ru', 'D MMMM YYYY, dddd', 'logs/1 марта 2026, воскресенье.md'],
    ];
    for (const [locale, format, expected] of cases) {
      const root = makeJournal({ 'goals/walk.md': GOAL });
      fs.writeFileSync(path.join(root, 'kaizen.yaml'), `locale: ${locale}\nlogs: { folder: logs, format: "${format}" }\n`);
      const made = (await cli(['--dir', root, 'today', '--date', '2026-03-01'])).stdout.trim();
      expect(made).toBe(expected);
      expect(made).toBe(`logs/${moment('2026-03-01', 'YYYY-MM-DD', true).locale(locale).format(format)}.md`);
      // Every day of a year, written by moment in that language, is read as its day.
      for (let i = 0; i < 365; i += 1) {
        const day = addDays('2026-01-01', i);
        const name = moment(day, 'YYYY-MM-DD', true).locale(locale).format(format);
        fs.mkdirSync(path.dirname(path.join(root, 'logs', `${name}.md`)), { recursive: true });
        fs.writeFileSync(path.join(root, 'logs', `${name}.md`), '- [x] [[walk]] standard\n');
      }
      const check = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout) as { diagnostics: { code: string }[] };
      expect(check.diagnostics.filter((d) => d.code === 'unplaced-notes')).toEqual([]);
      const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout);
      expect(stats.goals[0].week.done).toBe(7);
    }
  });

  it('an unknown locale is an error at its line, and names stay English', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'logs: { folder: logs, format: "YYYY-MM-DD dddd" }\nlocale: klingon\n');
    const r = await cli(['--dir', root, 'check']);
    expect(r.stdout).toContain('kaizen.yaml:2:9 error bad-value `locale`: "klingon" is not a locale moment.js knows');
  });
});

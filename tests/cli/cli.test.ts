import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, CLI_BIN, copySample, makeJournal, SAMPLE, snapshot, tempDir } from '../helpers.js';

const run = promisify(execFile);

describe('a journal that pins its today (as_of in kaizen.yaml)', () => {
  it('is shown and written as of that day, and says so; a bad as_of is an error at its line', async () => {
    const root = copySample({ pinned: true });
    const today = await cli(['--dir', root, 'today']);
    expect(today.stdout.trim()).toBe('logs/2026/2026-11-22.md');
    expect(today.stderr).toContain('as of 2026-11-22: pinned by as_of in kaizen.yaml');
    const stats = await cli(['--dir', root, 'stats', '--json']);
    expect(JSON.parse(stats.stdout).asOf).toBe('2026-11-22');
    expect(stats.stderr).toBe('');
    const living = copySample();
    expect((await cli(['--dir', living, 'stats'])).stderr).not.toContain('pinned');
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'goals: goals\nas_of: last sunday\n');
    const check = await cli(['--dir', root, 'check']);
    expect(check.stdout).toContain('kaizen.yaml:2:8 error bad-value `as_of` must be a day like 2026-11-22; using the real today');
    expect(check.code).toBe(1);
  });
});

describe('a day has one note (FORMAT §9)', () => {
  const goal = '---\ntitle: Walk\nstart: 2026-11-01\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n  minimum: Walk 5 minutes\n  standard: Walk 20 minutes\n---\n';

  it('writes into a flat logs/D.md that exists instead of making logs/YYYY/D.md, and the check-in counts', async () => {
    const flat = '---\ndate: 2026-11-20\n---\n# My Friday\n\n## Habits\n- [ ] [[walk]] standard\n\nNotes I wrote.\n';
    const root = makeJournal({ 'goals/walk.md': goal, 'logs/2026-11-20.md': flat });
    const r = await cli(['--dir', root, 'log', 'walk', 'standard', '--date', '2026-11-20']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('logs/2026-11-20.md:7');
    expect(fs.readFileSync(path.join(root, 'logs/2026-11-20.md'), 'utf8')).toBe(flat.replace('- [ ]', '- [x]'));
    expect(fs.existsSync(path.join(root, 'logs/2026/2026-11-20.md'))).toBe(false);
    const today = await cli(['--dir', root, 'today', '--date', '2026-11-20']);
    expect(today.stdout.trim()).toBe('logs/2026-11-20.md');
    expect(fs.existsSync(path.join(root, 'logs/2026'))).toBe(false);
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout);
    expect(stats.goals[0].week.done).toBe(1);
    // A day with no note yet gets one at the layout's path.
    expect((await cli(['--dir', root, 'today', '--date', '2026-11-21'])).stdout.trim()).toBe('logs/2026/2026-11-21.md');
  });

  it('writes nothing while kaizen.yaml cannot be read, and says where it breaks', async () => {
    const root = makeJournal({ 'goals/walk.md': goal });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'logs: Daily\ngoals: [\n');
    const before = snapshot(root);
    for (const args of [['today'], ['log', 'walk', 'minimum'], ['report', 'week'], ['review', 'week'], ['toggle', 'goals/walk.md:1']]) {
      const r = await cli(['--dir', root, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/kaizen\.yaml:\d+:\d+: .*fix it first .*nothing was written/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('reads a note\'s date: with a time or as a link, and ignores other values with a note', async () => {
    const root = makeJournal({
      'goals/walk.md': goal,
      'logs/2026/2026-11-18.md': '---\ndate: 2026-11-18T08:30\n---\n- [x] [[walk]] standard\n',
      'logs/2026/2026-11-19.md': '---\ndate: "[[2026-11-19]]"\n---\n- [x] [[walk]] standard\n',
      'logs/2026/2026-11-20.md': '---\ndate: "[[Daily/2026-11-21|Friday]]"\n---\n- [x] [[walk]] standard\n',
      'logs/2026/2026-11-21.md': '---\ndate: last friday\n---\n- [x] [[walk]] standard\n',
    });
    const r = await cli(['--dir', root, 'check']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('logs/'));
    expect(lines).toEqual([
      'logs/2026/2026-11-20.md:2:7 warning date-mismatch `date: 2026-11-21` differs from the file name\'s date 2026-11-20',
      'logs/2026/2026-11-21.md:2:7 info bad-date `date` is not a day ("last friday"); the file name\'s date is used',
    ]);
  });
});

describe('kaizen check', () => {
  it('prints the sample journal like a compiler and exits 0 with only warnings', async () => {
    const r = await cli(['--dir', SAMPLE, 'check']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // A wish is one warning naming what it lacks; the missing fields are notes (each keeps its quick fix).
    const wish = lines.filter((l) => l.startsWith('goals/learn-spanish.md:'));
    expect(wish.filter((l) => / warning /.test(l))).toEqual(['goals/learn-spanish.md:2:1 warning wish no `habit.cadence`: if it can\'t be a weekly habit, it\'s still a wish. Add e.g. `cadence: 3/week`. It also lacks `habit.standard`, `metric`, `habit.minimum`, `due`.']);
    expect(wish.filter((l) => / info smart-/.test(l))).toHaveLength(4);
    expect(lines.some((l) => /^logs\/2026\/2026-11-14\.md:\d+:7 warning unknown-goal \[\[guitar-practice\]\]/.test(l))).toBe(true);
    expect(lines.some((l) => /^goals\/morning-energy\.md:\d+:\d+ info task-too-big/.test(l))).toBe(true);
    expect(r.stderr).toMatch(/0 errors, 2 warnings, 6 notes/);
    expect(lines).toContain('goals/read-daily.md:5:1 info quick-win create a quick win: a first milestone you can reach in the first week (📅 by 2026-10-05)');
  });

  it('prints JSON with exactly the documented keys, and exits 1 on errors', async () => {
    const root = makJournalWithError();
    const r = await cli(['--dir', root, 'check', '--json']);
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout);
    expect(Object.keys(diagnostics[0]).sort()).toEqual(['code', 'column', 'file', 'line', 'message', 'severity']);
    expect(diagnostics.find((d: { code: string }) => d.code === 'bad-cadence')).toMatchObject({ file: 'goals/broken.md', line: 4, column: 12 });
  });

  it('flags every lint rule at its real line', async () => {
    const root = makeJournal({
      'goals/a.md': '---\ntitle: A\nlead: true\nstart: 2026-01-01\ndue: 2026-01-10\n---\n## Stages\n### One\n- [ ] huge (3h)\n',
      'goals/b.md': '---\ntitle: B\nlead: true\nwhy: w\nstart: 2026-01-01\ndue: 2026-02-15\nhabit:\n  cadence: 3/week\n  minimum: m\n  standard: s\nmetric:\n  target: 10\n---\n',
      'goals/c.md': '---\nstatus: active\nstart: 2026-03-01\ndue: 2026-02-01\n---\n',
      'logs/2026/2026-01-05.md': '---\ndate: 2026-01-06\n---\n- [x] [[nope]] minimum\n',
    });
    const r = await cli(['--dir', root, 'check', '--json']);
    const got = JSON.parse(r.stdout).diagnostics.map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`);
    expect(got).toEqual(expect.arrayContaining([
      'goals/a.md:3 lead-goal', 'goals/b.md:3 lead-goal', 'goals/a.md:2 wish', 'goals/a.md:2 smart-relevant',
      'goals/a.md:5 timeframe', 'goals/a.md:9 task-too-big', 'goals/a.md:7 stage-count', 'goals/a.md:2 smart-measurable',
      'goals/c.md:1 missing-title', 'goals/c.md:4 bad-date', 'logs/2026/2026-01-05.md:2 date-mismatch',
      'logs/2026/2026-01-05.md:4 unknown-goal',
    ]));
    expect(got.filter((g: string) => g.startsWith('goals/b.md'))).toEqual(['goals/b.md:3 lead-goal', 'goals/b.md:5 quick-win']);
    expect(r.code).toBe(1);
  });
});

function makJournalWithError(): string {
  return makeJournal({
    'goals/broken.md': '---\ntitle: Broken\nhabit:\n  cadence: often\n---\n',
    'goals/fine.md': '---\ntitle: Fine\n---\n',
  });
}

describe('kaizen stats', () => {
  it('prints exactly the documented JSON shape', async () => {
    const r = await cli(['--dir', SAMPLE, 'stats', '--as-of', '2026-11-22', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(Object.keys(data)).toEqual(['asOf', 'goals', 'diagnostics']);
    expect(data.asOf).toBe('2026-11-22');
    const lead = data.goals[0];
    expect(Object.keys(lead)).toEqual(['id', 'title', 'status', 'lead', 'why', 'cadence', 'plan', 'rewards', 'week', 'period', 'streakWeeks', 'bestStreakWeeks',
      'streakPeriods', 'bestStreakPeriods', 'strength', 'halfLifeDays', 'numeric', 'progress', 'milestones', 'suggestions']);
    expect(lead).toMatchObject({ id: 'morning-energy', lead: true, status: 'active', cadence: { perWeek: 4 } });
    expect(Object.keys(lead.week)).toEqual(['period', 'target', 'done', 'minimum', 'standard', 'skipped']);
    expect(lead.week).toEqual({ period: '2026-W47', target: 4, done: 4, minimum: 1, standard: 3, skipped: 0 });
    expect(lead.strength).toBeGreaterThan(0);
    expect(lead.strength).toBeLessThan(1);
    expect(lead.halfLifeDays).toBeCloseTo(13 / Math.sqrt(4 / 7), 10);
    expect(lead.progress).toBeCloseTo((626 / 1200) * 100, 10);
    expect(lead.milestones.slice(0, 2)).toEqual([{ percent: 25, date: '2026-10-14' }, { percent: 50, date: '2026-11-21' }]);
    const wish = data.goals.find((g: { id: string }) => g.id === 'learn-spanish');
    expect(wish).toMatchObject({ cadence: null, week: null, period: null, streakWeeks: null, bestStreakWeeks: null, streakPeriods: null, bestStreakPeriods: null, strength: null, halfLifeDays: null });
    expect(lead.period).toEqual({ id: '2026-W47', start: '2026-11-16', end: '2026-11-22', target: 4, done: 4, minimum: 1, standard: 3, skipped: 0, met: true });
    expect(lead.streakPeriods).toBe(lead.streakWeeks);
  });

  it('filters one goal and refuses an unknown one', async () => {
    const one = JSON.parse((await cli(['--dir', SAMPLE, 'stats', '--goal', 'read-daily', '--as-of', '2026-11-22', '--json'])).stdout);
    expect(one.goals.map((g: { id: string }) => g.id)).toEqual(['read-daily']);
    const bad = await cli(['--dir', SAMPLE, 'stats', '--goal', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no goal "nope" \(goals: learn-spanish, morning-energy, read-daily, strength-training\)/);
  });

  it('shows the lead goal first with its purpose anchor, progress bars and streaks', async () => {
    const r = await cli(['--dir', SAMPLE, 'stats', '--as-of', '2026-11-22']);
    expect(r.stdout.split('\n\n')[1]).toMatch(/^★ Rebuild my morning energy/);
    expect(r.stdout).toMatch(/Why {8}I want to be the patient one/);
    expect(r.stdout).toMatch(/Progress {3}█+░+ +52 %/);
    expect(r.stdout).toMatch(/Streak {5}1 wk \(best 6\)/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('exits 0 even when some files have errors, and reports them', async () => {
    const r = await cli(['--dir', makJournalWithError(), 'stats']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/goals\/broken\.md:4:12 error bad-cadence/);
  });

  it('colours only on a terminal, never with --no-color or NO_COLOR', async () => {
    const { runCli } = await import('../../src/cli/main.js');
    const capture = async (args: string[], env: Record<string, string>) => {
      let out = '';
      await runCli(args, { stdout: (t) => { out += t; }, stderr: () => {}, cwd: SAMPLE, env, now: () => new Date(2026, 10, 22), isTTY: true });
      return out;
    };
    expect(await capture(['stats'], {})).toMatch(/\u001b\[1m/);
    expect(await capture(['stats', '--no-color'], {})).not.toMatch(/\u001b\[/);
    expect(await capture(['stats'], { NO_COLOR: '1' })).not.toMatch(/\u001b\[/);
  });
});

describe('usage', () => {
  it.each([
    [['--as-of', '2026-02-30'], /--as-of must be a real date/],
    [['--as-of', '22/11/2026'], /--as-of must be a real date/],
  ])('stats %j is a usage error', async (args, message) => {
    const r = await cli(['--dir', SAMPLE, 'stats', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('unknown commands and options exit 2; help and version exit 0', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['stats', '--frob'])).code).toBe(2);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect((await cli(['log', '--help'])).stdout).toMatch(/minimum, standard or skip/);
    expect((await cli(['--version'])).code).toBe(0);
  });

  it('refuses to read or write in a folder that is not a journal', async () => {
    const dir = tempDir();
    for (const args of [['report', 'week'], ['today'], ['stats'], ['check']]) {
      const r = await cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/is not a Kaizen journal .*kaizen init/);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('finds the root from a sub-folder by kaizen.yaml', async () => {
    const root = copySample();
    const r = await cli(['stats', '--json', '--as-of', '2026-11-22'], { cwd: path.join(root, 'logs', '2026') });
    expect(JSON.parse(r.stdout).goals).toHaveLength(4);
  });
});

describe('writing commands', () => {
  it('init makes a journal that checks clean, and never overwrites', async () => {
    const dir = path.join(tempDir(), 'j');
    const first = await cli(['init', dir]);
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'logs/2026/2026-11-22.md'))).toBe(true);
    const check = await cli(['--dir', dir, 'check', '--json']);
    expect(JSON.parse(check.stdout).diagnostics).toEqual([]);
    fs.appendFileSync(path.join(dir, 'goals/morning-walk.md'), 'my own words\n');
    const before = snapshot(dir);
    const again = await cli(['init', dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/kept .*morning-walk\.md/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('today, log and toggle on a copy of the sample', async () => {
    const root = copySample();
    const today = await cli(['--dir', root, 'today', '--date', '2026-11-23']);
    expect(today.stdout.trim()).toBe('logs/2026/2026-11-23.md');
    const text = fs.readFileSync(path.join(root, 'logs/2026/2026-11-23.md'), 'utf8');
    expect(text).toMatch(/- \[ \] \[\[morning-energy\]\] minimum: Put on shoes and walk 5 minutes\n/);
    expect(text).not.toMatch(/learn-spanish|strength-training/);

    const logged = await cli(['--dir', root, 'log', 'morning-energy', 'standard', '--date', '2026-11-23', '--value', '25']);
    expect(logged.code).toBe(0);
    const after = fs.readFileSync(path.join(root, 'logs/2026/2026-11-23.md'), 'utf8');
    expect(after).toBe(text.replace('- [ ] [[morning-energy]] standard: Walk 20 minutes', '- [x] [[morning-energy]] standard: Walk 20 minutes [value:: 25]'));
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-23', '--goal', 'morning-energy', '--json'])).stdout);
    expect(stats.goals[0].week).toMatchObject({ period: '2026-W48', done: 1, standard: 1 });

    const goalFile = path.join(root, 'goals/morning-energy.md');
    const original = fs.readFileSync(goalFile);
    const lineNo = original.toString().split('\n').findIndex((l) => l.startsWith('- [ ]')) + 1;
    expect((await cli(['--dir', root, 'toggle', `goals/morning-energy.md:${lineNo}`, '--date', '2026-11-23'])).code).toBe(0);
    expect(fs.readFileSync(goalFile, 'utf8').split('\n')[lineNo - 1]).toMatch(/^- \[x\] .* ✅ 2026-11-23$/);
    expect((await cli(['--dir', root, 'toggle', `goals/morning-energy.md:${lineNo}`])).code).toBe(0);
    expect(fs.readFileSync(goalFile)).toEqual(original);
  });

  it('log refuses an unknown goal and writes nothing', async () => {
    const root = copySample();
    const before = snapshot(root);
    const r = await cli(['--dir', root, 'log', 'guitar-practice', 'minimum', '--date', '2026-11-23']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown goal "guitar-practice"/);
    expect(snapshot(root)).toEqual(before);
  });

  it('goal ids as people type them: any case is the goal, a near miss is a question, never a write', async () => {
    const root = copySample();
    const r = await cli(['--dir', root, 'log', 'Morning-Energy', 'minimum', '--date', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/logged minimum for morning-energy/);
    const before = snapshot(root);
    for (const [typed, hint] of [['morning', 'did you mean morning-energy?'], ['mornin-energy', 'did you mean morning-energy?'], ['guitar', 'goals: learn-spanish']] as const) {
      const miss = await cli(['--dir', root, 'log', typed, 'minimum', '--date', '2026-11-24']);
      expect(miss.code).toBe(1);
      expect(miss.stderr).toContain(hint);
    }
    expect((await cli(['--dir', root, 'stats', '--goal', 'READ-DAILY'])).code).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });

  it('a task starting with inline markup in a goal with a code fence counts and toggles', async () => {
    const goal = '---\ntitle: G\nstart: 2026-11-01\ndue: 2026-12-20\n---\n# G\n## Stages\n### 1. A\n'
      + '- [ ] **Buy** shoes (1h)\n- [x] `npm` setup ✅ 2026-11-02\n- [ ] [link](x) text\n```\ncode\n```\n';
    const root = makeJournal({ 'goals/g.md': goal });
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--json', '--as-of', '2026-11-22'])).stdout);
    expect(stats.goals[0].progress).toBeCloseTo(100 / 3, 5);
    const r = await cli(['--dir', root, 'toggle', 'goals/g.md:9', '--date', '2026-11-22']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(root, 'goals/g.md'), 'utf8')).toContain('- [x] **Buy** shoes (1h) ✅ 2026-11-22\n');
  });

  it('toggle refuses a heading and a fenced task without writing', async () => {
    const root = makeJournal({ 'goals/g.md': '---\ntitle: G\n---\n# G\n```\n- [ ] not a task\n```\n' });
    const before = snapshot(root);
    for (const line of [4, 6]) {
      const r = await cli(['--dir', root, 'toggle', `goals/g.md:${line}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot toggle/);
    }
    expect(snapshot(root)).toEqual(before);
  });
});

describe('the built binary', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI_BIN)) throw new Error('dist/kaizen.cjs is missing: run `npm run build` (npm test does)');
  });

  it('prints the version and help', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect((await run(process.execPath, [CLI_BIN, '--version'])).stdout.trim()).toBe(`kaizen ${pkg.version} (journal format 1.2)`);
  });

  it('answers under its former name dist/kaizen.mjs (merge drivers, links set up with it), the same bytes', async () => {
    const former = path.join(path.dirname(CLI_BIN), 'kaizen.mjs');
    const env = { ...process.env, KAIZEN_CACHE: 'off' };
    const stats = ['--dir', SAMPLE, 'stats', '--as-of', '2026-11-22', '--json'];
    for (const args of [['--version'], stats, ['--dir', SAMPLE, 'nonsense']]) {
      // A failing command rejects with the same fields, its exit code as `code`.
      const answer = (bin: string) => run(process.execPath, [bin, ...args], { env })
        .catch((e: { stdout: string; stderr: string; code: number }) => e)
        .then((r) => ({ out: r.stdout, err: r.stderr, code: 'code' in r ? r.code : 0 }));
      const [now, then] = await Promise.all([answer(CLI_BIN), answer(former)]);
      expect(then).toEqual(now);
      expect(now.out.length + now.err.length).toBeGreaterThan(0);
    }
  });

  it('gives the same stats in every time zone and locale', async () => {
    const outputs = new Set<string>();
    for (const TZ of ['UTC', 'Pacific/Kiritimati', 'America/Santiago', 'Australia/Lord_Howe', 'America/Los_Angeles']) {
      for (const LANG of ['C', 'de_DE.UTF-8']) {
        const r = await run(process.execPath, [CLI_BIN, '--dir', SAMPLE, 'stats', '--as-of', '2026-11-22', '--json'], { env: { ...process.env, TZ, LANG, LC_ALL: LANG } });
        outputs.add(r.stdout);
      }
    }
    expect(outputs.size).toBe(1);
  });

  it('"today" is the local date, even at 23:30', async () => {
    const root = makeJournal({});
    const r = await run(process.execPath, [CLI_BIN, '--dir', root, 'today'], { env: { ...process.env, TZ: 'Pacific/Kiritimati' } });
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(r.stdout.trim()).toBe(`logs/${expected.slice(0, 4)}/${expected}.md`);
  });

  it('concurrent kaizen log processes lose nothing', async () => {
    const root = copySample();
    const goals = ['morning-energy', 'read-daily'];
    const levels = ['minimum', 'standard', 'skip'];
    await Promise.all(goals.flatMap((g) => levels.map((l) =>
      run(process.execPath, [CLI_BIN, '--dir', root, 'log', g, l, '--date', '2026-11-24']))));
    const text = fs.readFileSync(path.join(root, 'logs/2026/2026-11-24.md'), 'utf8');
    for (const g of goals) for (const l of levels) {
      const lines = text.split('\n').filter((x) => x.startsWith(`- [x] [[${g}]] ${l}`));
      expect(lines, `${g} ${l}`).toHaveLength(1);
    }
    expect(fs.readdirSync(path.join(root, 'logs/2026')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('exits 1 with a message and no stack when the log path cannot be written', async () => {
    const root = copySample();
    fs.mkdirSync(path.join(root, 'logs/2026/2026-11-25.md'));
    const before = snapshot(root);
    const r = await run(process.execPath, [CLI_BIN, '--dir', root, 'log', 'morning-energy', 'minimum', '--date', '2026-11-25']).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kaizen: cannot read logs\/2026\/2026-11-25\.md: it is a folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
  });
});

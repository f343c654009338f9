// `kaizen stats` asked again over an unchanged journal prints its kept answer after looking at stat data only
// (src/cli/answer-memo.ts). The answer is only ever what a fresh read prints: every change to a file or a
// folder the command looked at, the day, the arguments, the build and the output's environment makes the
// launcher run the command again; a racily clean run keeps nothing; a damaged answer is never printed.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { AnswersInMemory, replayAnswer } from '../../src/cli/answer-memo.js';
import { runCli } from '../../src/cli/main.js';
import { CLI_BIN, cli, seededRandom, tempDir, type CliRun } from '../helpers.js';

interface Setup {
  root: string;
  env: Record<string, string>;
}

/** A year of generated notes with every file's times an hour back (older than the racy window). */
function generated(seed = 7): Setup {
  const root = tempDir();
  execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1',
    '--goals', '6', '--seed', String(seed), '--end', '2026-11-15']);
  for (const file of allFiles(root)) age(file);
  return { root, env: { KAIZEN_TEST_BUILD: 'build-1', KAIZEN_CACHE_DIR: tempDir() } };
}

function allFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true }).map(String).map((f) => path.join(root, f))
    .filter((f) => fs.statSync(f).isFile());
}

let ageStep = 0;
/** An old mtime, a new one each time: a file written "long ago" (a second apart, so edits are told apart). */
function age(file: string): void {
  const t = Date.now() / 1000 - 3600 + (ageStep++ % 1000);
  fs.utimesSync(file, t, t);
}

const NOW = () => new Date();

function run(setup: Setup, args: string[], env: Record<string, string> = {}, now = NOW()): Promise<CliRun> {
  return cli(['--dir', setup.root, ...args], { env: { ...setup.env, ...env }, now });
}

/** What the launcher would print from the kept answer, or null when it would run the command. */
function replay(setup: Setup, args: string[], env: Record<string, string> = {}, now = NOW()): CliRun | null {
  let stdout = '';
  let stderr = '';
  const merged = { ...setup.env, ...env };
  const code = replayAnswer({ argv: ['--dir', setup.root, ...args], cwd: process.cwd(), env: merged, now, isTTY: false,
    build: merged.KAIZEN_TEST_BUILD }, (stream, text) => {
    if (stream === 1) stdout += text;
    else stderr += text;
  });
  return code === null ? null : { code, stdout, stderr };
}

const STATS = ['stats', '--json', '--as-of', '2026-11-15'];

/** A run in a long-lived process (the background process): its answers kept in `answers`, not on disk. */
async function runKept(setup: Setup, args: string[], answers: AnswersInMemory): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--dir', setup.root, ...args], {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd: process.cwd(),
    env: setup.env,
    now: () => new Date(),
    isTTY: false,
  }, { answers });
  return { code, stdout, stderr };
}

describe('a kept answer for kaizen stats', () => {
  it('is printed byte for byte when nothing changed, text and JSON alike, equal to a read without a cache', async () => {
    const setup = generated();
    for (const args of [STATS, ['stats', '--as-of', '2026-11-15'], ['stats']]) {
      expect(replay(setup, args)).toBeNull();
      const first = await run(setup, args);
      expect(first.code).toBe(0);
      expect(replay(setup, args)).toEqual(first);
      expect(await run(setup, args, { KAIZEN_CACHE: 'off' })).toEqual(first);
    }
  });

  it('is not printed after any change to what the command looked at; the next run keeps the new answer', async () => {
    const setup = generated();
    const log = path.join(setup.root, 'logs', '2026', '2026-11-15.md');
    const goal = path.join(setup.root, 'goals', fs.readdirSync(path.join(setup.root, 'goals')).sort()[0]!);
    const changes: [string, () => void][] = [
      ['a checkbox flipped, the size and mtime put back (only ctime tells)', () => {
        const before = fs.statSync(log);
        const text = fs.readFileSync(log, 'utf8');
        const flipped = text.includes('- [ ] [[')
          ? text.replace('- [ ] [[', '- [x] [[') : text.replace('- [x] [[', '- [ ] [[');
        expect(flipped.length).toBe(text.length);
        fs.writeFileSync(log, flipped);
        fs.utimesSync(log, before.atime, before.mtime);
      }],
      ['a new note in a year folder', () => fs.writeFileSync(path.join(setup.root, 'logs', '2026', '2026-11-16.md'),
        '# Monday\n\n## Habits\n\n- [x] something else\n')],
      ['a note deleted', () => fs.rmSync(path.join(setup.root, 'logs', '2026', '2026-11-16.md'))],
      ['a goal edited', () => fs.appendFileSync(goal, '\n- [ ] one more micro-task\n')],
      ['kaizen.yaml pins another day',
        () => fs.appendFileSync(path.join(setup.root, 'kaizen.yaml'), 'as_of: 2026-11-10\n')],
      ['a note replaced by git (a new inode, the same bytes and mtime)', () => {
        const before = fs.statSync(log);
        const copy = `${log}.tmp`;
        fs.copyFileSync(log, copy);
        fs.renameSync(copy, log);
        fs.utimesSync(log, before.atime, before.mtime);
      }],
      ['a new folder of notes', () => {
        fs.mkdirSync(path.join(setup.root, 'logs', '2027'));
        fs.writeFileSync(path.join(setup.root, 'logs', '2027', '2027-01-01.md'), '# New year\n');
      }],
      ['an Obsidian vault appears around it', () => fs.mkdirSync(path.join(setup.root, '.obsidian'))],
    ];
    let answer = await run(setup, STATS);
    for (const [what, change] of changes) {
      change();
      for (const file of allFiles(setup.root)) if (fs.statSync(file).mtimeMs > Date.now() - 10_000) age(file);
      expect(replay(setup, STATS), what).toBeNull();
      const next = await run(setup, STATS);
      expect(next, what).toEqual(await run(setup, STATS, { KAIZEN_CACHE: 'off' }));
      expect(replay(setup, STATS), what).toEqual(next);
      answer = next;
    }
    expect(answer.stdout).toContain('"asOf": "2026-11-15"');
  });

  it('belongs to its arguments, day, build, colour setting and cache setting', async () => {
    const setup = generated();
    await run(setup, STATS);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(replay(setup, STATS)).not.toBeNull();
    expect(replay(setup, ['stats', '--json', '--as-of', '2026-11-14'])).toBeNull();
    expect(replay(setup, STATS, {}, tomorrow)).toBeNull();
    expect(replay(setup, STATS, { KAIZEN_TEST_BUILD: 'build-2' })).toBeNull();
    expect(replay(setup, STATS, { NO_COLOR: '1' })).toBeNull();
    expect(replay(setup, STATS, { KAIZEN_CACHE: 'off' })).toBeNull();
    // Other commands are never answered from memory.
    await run(setup, ['check']);
    expect(replay(setup, ['check'])).toBeNull();
  });

  it('keeps only the newest few answers, and none older than a day (they could never be printed again)', async () => {
    const setup = generated();
    const folder = path.join(setup.env.KAIZEN_CACHE_DIR!, 'answers');
    fs.mkdirSync(folder, { recursive: true });
    const stale = path.join(folder, 'deadbeef-1.json');
    fs.writeFileSync(stale, '{}');
    const twoDaysAgo = Date.now() / 1000 - 2 * 86_400;
    fs.utimesSync(stale, twoDaysAgo, twoDaysAgo);
    for (let day = 1; day <= 12; day++) await run(setup, ['stats', '--json', '--as-of', `2026-11-${String(day).padStart(2, '0')}`]);
    const kept = fs.readdirSync(folder);
    expect(kept).toHaveLength(8);
    expect(kept).not.toContain('deadbeef-1.json');
    // The newest are the ones kept.
    expect(replay(setup, ['stats', '--json', '--as-of', '2026-11-12'])).not.toBeNull();
    expect(replay(setup, ['stats', '--json', '--as-of', '2026-11-01'])).toBeNull();
  });

  it('is not kept when a file it read changed within the racy window, nor after a failure', async () => {
    const setup = generated();
    fs.appendFileSync(path.join(setup.root, 'logs', '2026', '2026-11-15.md'), '\nA line written just now.\n');
    expect((await run(setup, STATS)).code).toBe(0);
    expect(replay(setup, STATS)).toBeNull();
    const unknown = ['stats', '--goal', 'no-such-goal'];
    for (const file of allFiles(setup.root)) age(file);
    expect((await run(setup, unknown)).code).toBe(1);
    expect(replay(setup, unknown)).toBeNull();
  });

  it('is never printed when damaged: the command runs and writes it again', async () => {
    const setup = generated();
    const first = await run(setup, STATS);
    const folder = path.join(setup.env.KAIZEN_CACHE_DIR!, 'answers');
    const [file] = fs.readdirSync(folder);
    const kept = fs.readFileSync(path.join(folder, file!), 'latin1');
    for (const damaged of [kept.slice(0, kept.length >> 1), kept.replace('"format":1', '"format":9'),
      kept.replace('"kinds":"', '"kinds":"x'), kept.replace('"paths":[', '"paths":[7,'), '', '{}']) {
      fs.writeFileSync(path.join(folder, file!), damaged, 'latin1');
      expect(replay(setup, STATS)).toBeNull();
    }
    expect(await run(setup, STATS)).toEqual(first);
    expect(replay(setup, STATS)).toEqual(first);
  });

  it('never differs from a fresh read over 60 random edits (seed 2505)', async () => {
    const setup = generated(11);
    const random = seededRandom(2505);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const notes = () => allFiles(path.join(setup.root, 'logs')).filter((f) => f.endsWith('.md'));
    const goals = () => fs.readdirSync(path.join(setup.root, 'goals'));
    const twoDigits = (n: number) => String(n).padStart(2, '0');
    const edits: ((file: string) => void)[] = [
      (file) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8')
        .replace(/- \[[ x]\]/, (m) => (m === '- [ ]' ? '- [x]' : '- [ ]'))),
      (file) => fs.appendFileSync(file, `\n- [x] [[${pick(goals()).slice(0, -3)}]] minimum\n`),
      (file) => fs.rmSync(file),
      (file) => fs.renameSync(file, file.replace(/(\d\d)\.md$/, (_, d: string) => `${twoDigits((Number(d) % 28) + 1)}.md`)),
      (file) => fs.utimesSync(file, new Date(), new Date()),
      () => fs.writeFileSync(path.join(setup.root, 'logs', '2026', `2026-11-${twoDigits(1 + Math.floor(random() * 15))}.md`),
        '## Habits\n\n- [ ] a new note\n'),
    ];
    let replayed = 0;
    for (let round = 0; round < 60; round++) {
      const all = notes();
      if (all.length > 0) pick(edits)(pick(all));
      for (const file of allFiles(setup.root)) if (fs.statSync(file).mtimeMs > Date.now() - 10_000) age(file);
      const fresh = await run(setup, STATS, { KAIZEN_CACHE: 'off' });
      const kept = replay(setup, STATS);
      if (kept !== null) {
        replayed++;
        expect(kept, `round ${round}`).toEqual(fresh);
      }
      expect(await run(setup, STATS), `round ${round}`).toEqual(fresh);
      expect(replay(setup, STATS), `round ${round}`).toEqual(fresh);
    }
    // Some edits change nothing the command looked at (a rename onto itself, an edit undone): those replay.
    expect(replayed).toBeLessThan(60);
  });

  it('is kept in memory right after an edit with the bytes of the racily new files, never printed once they differ, '
    + 'even under the same stat data (seed 2640)', async () => {
    const setup = generated(11);
    const answers = new AnswersInMemory();
    const random = seededRandom(2640);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const realLstat = fs.lstatSync;
    const notes = () => allFiles(setup.root).filter((f) => f.endsWith('.md') && f.includes(`${path.sep}logs${path.sep}`));
    const flip = (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8')
      .replace(/- \[[ x]\]/, (m) => (m === '- [ ]' ? '- [x]' : '- [ ]')));
    const racilyNew = () => allFiles(setup.root).some((f) => fs.statSync(f).mtimeMs > Date.now() - 1_500);
    let lastEdited: string | null = null;
    const edits: Record<string, () => void> = {
      appended: () => fs.appendFileSync(lastEdited = pick(notes()), '\n- [x] one more line\n'),
      flipped: () => flip(lastEdited = pick(notes())),
      newNote: () => fs.writeFileSync(lastEdited = path.join(setup.root, 'logs', '2026',
        `2026-11-${String(1 + Math.floor(random() * 15)).padStart(2, '0')}.md`), '## Habits\n\n- [ ] a new note\n'),
      removed: () => {
        fs.rmSync(pick(notes()));
        lastEdited = null;
      },
      // Another save of the file just edited, within its file time's tick: the same stat data, other bytes (what
      // a file system with coarse times gives). Only the bytes kept with the answer tell.
      sameStatData: () => {
        const file = lastEdited !== null && fs.existsSync(lastEdited) && fs.statSync(lastEdited).mtimeMs > Date.now() - 1_500
          ? lastEdited : null;
        if (file === null) return edits.appended!();
        const before = realLstat(file);
        flip(file);
        vi.spyOn(fs, 'lstatSync').mockImplementation(((p: fs.PathLike, options?: fs.StatSyncOptions) =>
          (p === file ? before : realLstat(p, options))) as typeof fs.lstatSync);
      },
      nothing: () => {},
    };
    let racyReplays = 0;
    let sameStatRounds = 0;
    for (let round = 0; round < 50; round++) {
      const edit = pick(Object.keys(edits));
      const spied = vi.isMockFunction(fs.lstatSync);
      edits[edit]!();
      const faked = !spied && vi.isMockFunction(fs.lstatSync);
      try {
        const replayedBefore = answers.replayed;
        const fresh = await run(setup, STATS, { KAIZEN_CACHE: 'off' });
        expect(await runKept(setup, STATS, answers), `round ${round}: ${edit}`).toEqual(fresh);
        if (faked) {
          sameStatRounds++;
          expect(answers.replayed, `round ${round}: printed the answer made before the same-stat save`).toBe(replayedBefore);
        }
        // Asked again at once: printed as before, also while a file it read is racily new.
        const racy = racilyNew();
        const again = answers.replayed;
        expect(await runKept(setup, STATS, answers), `round ${round}: ${edit}, asked again`).toEqual(fresh);
        if (racy && answers.replayed > again) racyReplays++;
      } finally {
        vi.restoreAllMocks();
      }
    }
    expect(sameStatRounds).toBeGreaterThan(3);
    // Answers made right after an edit were kept and printed again (not only those made two seconds later).
    expect(racyReplays).toBeGreaterThan(20);

    // A pull that brought many notes at once: nothing is kept until they are past the racy window.
    for (const file of notes().slice(0, 20)) fs.appendFileSync(file, '\nPulled.\n');
    await runKept(setup, STATS, answers);
    const replayed = answers.replayed;
    expect(await runKept(setup, STATS, answers)).toEqual(await run(setup, STATS, { KAIZEN_CACHE: 'off' }));
    expect(answers.replayed).toBe(replayed);
  });

  it('is what the built launcher prints, before it loads the CLI', () => {
    const setup = generated();
    const kaizen = (env: Record<string, string> = {}) => execFileSync(process.execPath,
      [CLI_BIN, '--dir', setup.root, ...STATS], { env: { ...process.env, KAIZEN_CACHE_DIR: setup.env.KAIZEN_CACHE_DIR!, ...env },
        encoding: 'utf8' });
    const expected = kaizen({ KAIZEN_CACHE: 'off' });
    expect(kaizen()).toBe(expected);
    const folder = path.join(setup.env.KAIZEN_CACHE_DIR!, 'answers');
    expect(fs.readdirSync(folder)).toHaveLength(1);
    const [file] = fs.readdirSync(folder);
    fs.utimesSync(path.join(folder, file!), 1_700_000_000, 1_700_000_000);
    // Every run of the CLI writes its code cache when there is none: a replay never starts it.
    fs.rmSync(path.join(setup.env.KAIZEN_CACHE_DIR!, 'code'), { recursive: true });
    expect(kaizen()).toBe(expected);
    expect(fs.existsSync(path.join(setup.env.KAIZEN_CACHE_DIR!, 'code'))).toBe(false);
    expect(fs.statSync(path.join(folder, file!)).mtimeMs).toBe(1_700_000_000_000);
    // After an edit the CLI runs again (and writes its code cache).
    fs.appendFileSync(path.join(setup.root, 'logs', '2026', '2026-11-15.md'), '\n- [x] one more line\n');
    age(path.join(setup.root, 'logs', '2026', '2026-11-15.md'));
    expect(kaizen()).toBe(kaizen({ KAIZEN_CACHE: 'off' }));
    expect(fs.existsSync(path.join(setup.env.KAIZEN_CACHE_DIR!, 'code'))).toBe(true);
  });
});

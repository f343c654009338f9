// `kaizen log`, `today`, `toggle` and `stats` handed to the background process (`kaizen daemon`), run as the built binary:
// what the person sees and what lands in the files equal what a process of its own gives, and the process never
// outlives its purpose (idle, its folder gone, another zone, killed).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, copySample, makeJournal, seededRandom, snapshot, tempDir } from '../helpers.js';
import { daemonEnabled, daemonSocketPath, messageReader, PROTOCOL_VERSION } from '../../src/cli/daemon-protocol.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const started = new Set<number>();
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
});

function kaizen(args: string[], options: { cwd?: string; cacheDir: string; env?: Record<string, string>; umask?: string }): Run {
  const env: Record<string, string | undefined> = { ...process.env, KAIZEN_CACHE_DIR: options.cacheDir,
    KAIZEN_DAEMON_IDLE: '120', ...options.env };
  if (options.env?.KAIZEN_DAEMON === undefined) delete env.KAIZEN_DAEMON;
  const [command, argv] = options.umask
    ? ['sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, CLI_BIN, ...args]]
    : [process.execPath, [CLI_BIN, ...args]];
  const r = spawnSync(command, argv, { cwd: options.cwd ?? process.cwd(), env: env as NodeJS.ProcessEnv,
    encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Status {
  running: boolean;
  pid?: number;
  served?: number;
  replayed?: number;
  refreshed?: number;
  freshening?: boolean;
  socket: string | null;
}

function status(cacheDir: string, env: Record<string, string> = {}): Status {
  const s = JSON.parse(kaizen(['--json', 'daemon', 'status'], { cacheDir, env }).stdout) as Status;
  if (s.pid !== undefined) started.add(s.pid);
  return s;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const since = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - since > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A request sent in two writes split inside a character, then the go-ahead; the process's replies. */
function splitRequest(socket: string, request: Record<string, unknown>, splitBefore: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    const replies: unknown[] = [];
    connection.on('data', messageReader<Record<string, unknown>>((reply, data) => {
      replies.push(data ? { ...reply, text: data.toString('utf8') } : reply);
      if ('accepted' in reply) connection.write('{"go":true}\n');
    }, () => reject(new Error('a reply that is not JSON'))));
    connection.on('error', reject);
    connection.on('close', () => resolve(replies));
    const bytes = Buffer.from(`${JSON.stringify(request)}\n`);
    // One byte into the character: the first write ends inside it.
    const at = bytes.indexOf(Buffer.from(splitBefore)) + 1;
    connection.write(bytes.subarray(0, at));
    setTimeout(() => connection.write(bytes.subarray(at)), 100);
  });
}

/** One request as the launcher sends it, with fields the test may bend; the process's replies. */
function rawRequest(socket: string, bend: Record<string, unknown>): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    const replies: unknown[] = [];
    connection.on('data', messageReader<Record<string, unknown>>((reply) => {
      replies.push(reply);
      // Taken: leave without the go-ahead, as a launcher that gave up does.
      if ('accepted' in reply) connection.end();
    }, () => reject(new Error('a reply that is not JSON'))));
    connection.on('error', reject);
    connection.on('close', () => resolve(replies));
    const now = new Date();
    connection.write(`${JSON.stringify({ v: PROTOCOL_VERSION, argv: ['--version'], cwd: '/', env: {}, isTTY: false, now: now.getTime(),
      offset: now.getTimezoneOffset(), ...bend })}\n`);
  });
}

/**
 * A copy of the sample whose notes were last changed two minutes ago (none racily new), a background process for
 * it, and a seeded random pick.
 */
function sampleWithProcess(seed: number) {
  const cacheDir = tempDir();
  const journal = copySample({ pinned: true });
  const old = new Date(Date.now() - 120_000);
  const files = () => fs.readdirSync(journal, { recursive: true }).map(String).filter((f) => f.endsWith('.md'))
    .map((f) => path.join(journal, f));
  for (const f of files()) fs.utimesSync(f, old, old);
  expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return { cacheDir, journal, old, files, random, pick };
}

describe('kaizen daemon', () => {
  it('runs random log, today, toggle and stats commands exactly as a process of their own does (seed 2612)', async () => {
    const cacheDir = tempDir();
    const viaDaemon = copySample();
    const alone = copySample();
    expect(kaizen(['daemon', 'start'], { cacheDir }).stdout).toMatch(/^started: pid \d+/);
    const before = status(cacheDir);
    expect(before).toMatchObject({ running: true, served: 0 });

    const random = seededRandom(2612);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const goals = fs.readdirSync(path.join(alone, 'goals')).map((f) => f.replace(/\.md$/, ''));
    const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2027-01-01', '2026-02-30', 'yesterday'];
    const commandFor = (): string[] => {
      const roll = random();
      const date = random() < 0.8 ? ['--date', pick(days)] : [];
      const json = random() < 0.2 ? ['--json'] : [];
      if (roll < 0.5) {
        const level = pick(['minimum', 'standard', 'skip', 'std', 'most']);
        const extra = level === 'skip' && random() < 0.5 ? ['--reason', 'travel'] : random() < 0.3 ? ['--value', pick(['12', '3.5', 'abc'])] : [];
        return [...json, 'log', random() < 0.9 ? pick(goals) : 'no-such-goal', level, ...date, ...extra];
      }
      if (roll < 0.65) return [...json, 'today', ...date];
      if (roll < 0.8) {
        const asOf = random() < 0.7 ? ['--as-of', pick(days)] : [];
        return [...json, 'stats', ...(random() < 0.3 ? ['--goal', pick([...goals, 'no-such-goal'])] : []), ...asOf];
      }
      const goal = pick(goals);
      const lines = fs.readFileSync(path.join(alone, 'goals', `${goal}.md`), 'utf8').split('\n').length;
      const file = random() < 0.9 ? `goals/${goal}.md` : 'goals/missing.md';
      return [...json, 'toggle', `${file}:${1 + Math.floor(random() * (lines + 2))}`, ...date];
    };

    const commands = 60;
    for (let i = 0; i < commands; i++) {
      const args = commandFor();
      const there = kaizen(args, { cwd: viaDaemon, cacheDir });
      const here = kaizen(args, { cwd: alone, cacheDir, env: { KAIZEN_DAEMON: 'off' } });
      const same = (run: Run, root: string) => ({ ...run, stdout: run.stdout.split(root).join('<root>'), stderr: run.stderr.split(root).join('<root>') });
      expect(same(there, viaDaemon), `kaizen ${args.join(' ')}`).toEqual(same(here, alone));
      if (i % 10 === 9) expect(snapshot(viaDaemon)).toEqual(snapshot(alone));
    }
    expect(snapshot(viaDaemon)).toEqual(snapshot(alone));
    // Every one of them went through the same process.
    expect(status(cacheDir)).toMatchObject({ running: true, pid: before.pid, served: commands });
    expect(kaizen(['daemon', 'stop'], { cacheDir }).stdout).toBe('stopped\n');
    await until('the process to end', () => !alive(before.pid as number));
  }, 240_000);

  it('the first quick command starts it for the next; each time zone setting has its own, which says its own day', async () => {
    const cacheDir = tempDir();
    const journal = copySample();
    const alone = copySample();
    expect(status(cacheDir)).toMatchObject({ running: false });
    for (const TZ of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const first = kaizen(['today'], { cwd: journal, cacheDir, env: { TZ } });
      const daemon = await until(`a process for ${TZ}`, () => {
        const s = status(cacheDir, { TZ });
        return s.running ? s : null;
      });
      expect(daemon.served).toBe(0);
      const second = kaizen(['log', 'morning-energy', 'minimum'], { cwd: journal, cacheDir, env: { TZ } });
      expect(status(cacheDir, { TZ }).served).toBe(1);
      expect(first).toEqual(kaizen(['today'], { cwd: alone, cacheDir, env: { TZ, KAIZEN_DAEMON: 'off' } }));
      expect(second).toEqual(kaizen(['log', 'morning-energy', 'minimum'], { cwd: alone, cacheDir, env: { TZ, KAIZEN_DAEMON: 'off' } }));
    }
    // UTC+14 and UTC-11 are never on the same day: two new notes.
    const original = snapshot(copySample());
    expect([...snapshot(journal).keys()].filter((f) => !original.has(f))).toHaveLength(2);
    expect(snapshot(journal)).toEqual(snapshot(alone));
    const [east, west] = [status(cacheDir, { TZ: 'Pacific/Kiritimati' }), status(cacheDir, { TZ: 'Pacific/Pago_Pago' })];
    expect(east.pid).not.toBe(west.pid);
    expect(east.socket).not.toBe(west.socket);
  }, 60_000);

  it('refuses a command from another zone (and stops) or one that came too late (and goes on)', async () => {
    const cacheDir = tempDir();
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const { socket, pid } = status(cacheDir);
    const late = await rawRequest(socket as string, { argv: ['log', 'walk', 'minimum'], now: Date.now() - 10_000 });
    expect(late).toEqual([{ refused: expect.stringMatching(/^late/) }]);
    const other = await rawRequest(socket as string, { argv: ['today'], offset: new Date().getTimezoneOffset() + 60 });
    expect(other).toEqual([{ refused: expect.stringMatching(/^zone/) }]);
    await until('the process to stop', () => !alive(pid as number));
    expect(status(cacheDir).running).toBe(false);
    // Commands it never runs are refused without running them.
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const { socket: next } = status(cacheDir);
    expect(await rawRequest(next as string, { argv: ['sync'] })).toEqual([{ refused: expect.stringMatching(/^command/) }]);
  }, 60_000);

  it('runs nothing for a launcher that went away before its go-ahead (it ran the command itself)', async () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const { socket } = status(cacheDir);
    const before = snapshot(journal);
    const replies = await rawRequest(socket as string, { argv: ['log', 'read-daily', 'skip'], cwd: journal, env: { ...process.env, KAIZEN_CACHE_DIR: cacheDir } });
    expect(replies).toEqual([{ accepted: true }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshot(journal)).toEqual(before);
    expect(status(cacheDir)).toMatchObject({ running: true, served: 0 });
    // The same command through the launcher (which sends the go-ahead) is written.
    expect(kaizen(['log', 'read-daily', 'skip'], { cwd: journal, cacheDir }).code).toBe(0);
    expect(snapshot(journal)).not.toEqual(before);
    expect(status(cacheDir)).toMatchObject({ served: 1 });
  }, 60_000);

  it('writes the parse cache once its answer is out, and a process of its own then answers the same', async () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const shards = () => {
      const out = new Map<string, string>();
      for (const f of fs.readdirSync(cacheDir, { recursive: true }).map(String)) {
        const abs = path.join(cacheDir, f);
        if (/^[0-9a-f]+[\\/][0-9a-f]+\.json$/.test(f) && fs.statSync(abs).isFile()) out.set(f, fs.readFileSync(abs, 'latin1'));
      }
      return out;
    };
    const log = path.join(journal, 'logs/2026/2026-11-16.md');
    const settle = () => fs.utimesSync(log, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    settle();
    expect(kaizen(['stats'], { cwd: journal, cacheDir }).code).toBe(0);
    const first = await until('the first shards', () => (shards().size > 0 ? shards() : null));
    fs.appendFileSync(log, '\n- [x] [[read-daily]] minimum: one page\n');
    settle();
    const there = kaizen(['--json', 'stats'], { cwd: journal, cacheDir });
    const { pid } = status(cacheDir);
    // Stopped right after its answer: it writes the shard of the note's folder before it ends.
    expect(kaizen(['daemon', 'stop'], { cacheDir }).stdout).toBe('stopped\n');
    await until('the process to end', () => !alive(pid as number));
    expect([...shards()].some(([f, text]) => first.get(f) !== text)).toBe(true);
    expect(kaizen(['--json', 'stats'], { cwd: journal, cacheDir, env: { KAIZEN_DAEMON: 'off' } })).toEqual(there);
    expect(kaizen(['--json', 'stats'], { cwd: journal, cacheDir, env: { KAIZEN_CACHE: 'off' } })).toEqual(there);

    // A relative cache folder means the folder the command was typed in, as for a process of its own, also for the
    // writes made after the answer (the process works from another folder by then).
    const absolute = tempDir();
    const relative = path.relative(journal, absolute);
    expect(kaizen(['daemon', 'start'], { cwd: journal, cacheDir: relative }).code).toBe(0);
    const { pid: relativePid } = status(absolute);
    fs.appendFileSync(log, '\n- [x] [[read-daily]] standard: a chapter\n');
    settle();
    const viaDaemon = kaizen(['--json', 'stats'], { cwd: journal, cacheDir: relative });
    expect(status(absolute).served).toBe(1);
    expect(kaizen(['daemon', 'stop'], { cwd: journal, cacheDir: relative }).stdout).toBe('stopped\n');
    await until('the process to end', () => !alive(relativePid as number));
    const written = fs.readdirSync(absolute, { recursive: true }).map(String);
    expect(written.filter((f) => /^[0-9a-f]+[\\/][0-9a-f]+\.json$/.test(f)).length).toBeGreaterThan(0);
    // Where the writes would land from the process's own folder: nothing there (and nothing left if there were).
    const stray = path.join('/', relative);
    const strayed = fs.existsSync(stray);
    fs.rmSync(stray, { recursive: true, force: true });
    expect(strayed).toBe(false);
    expect(viaDaemon).toEqual(kaizen(['--json', 'stats'], { cwd: journal, cacheDir, env: { KAIZEN_CACHE: 'off' } }));
  }, 60_000);

  it('answers a stats as before only while nothing it read changed (seed 2606)', async () => {
    const { cacheDir, journal, old, files, random, pick } = sampleWithProcess(2606);
    // Each keeps what the cache cannot see in size or mtime alone: only the ctime or the inode tells.
    const edits: Record<string, () => void> = {
      sameSizeFlip() {
        const f = pick(files().filter((x) => /- \[[ x]\]/.test(fs.readFileSync(x, 'utf8'))));
        const s = fs.statSync(f);
        const text = fs.readFileSync(f, 'utf8');
        fs.writeFileSync(f, text.includes('- [ ]') ? text.replace('- [ ]', '- [x]') : text.replace('- [x]', '- [ ]'));
        fs.utimesSync(f, s.atime, s.mtime);
      },
      replaced() {
        const f = pick(files());
        const s = fs.statSync(f);
        fs.writeFileSync(`${f}.tmp`, `${fs.readFileSync(f, 'utf8')}\nA line more.\n`);
        fs.renameSync(`${f}.tmp`, f);
        fs.utimesSync(f, s.atime, s.mtime);
      },
      newNote() {
        const day = `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        const f = path.join(journal, 'logs/2026', `${day}.md`);
        fs.writeFileSync(f, `---\ndate: ${day}\n---\n## Habits\n- [x] [[read-daily]] minimum: a page\n`);
        fs.utimesSync(f, old, old);
      },
      removed: () => fs.rmSync(pick(files().filter((f) => f.includes(`${path.sep}logs${path.sep}`)))),
      config: () => fs.appendFileSync(path.join(journal, 'kaizen.yaml'), '# a comment\n'),
      nothing: () => {},
    };
    let replays = 0;
    let last = status(cacheDir).replayed as number;
    for (let round = 0; round < 14; round++) {
      const edit = pick(Object.keys(edits));
      edits[edit]!();
      const args = pick([['--json', 'stats'], ['stats'], ['stats', '--goal', 'read-daily']]);
      const there = kaizen(args, { cwd: journal, cacheDir });
      const fresh = kaizen(args, { cwd: journal, cacheDir, env: { KAIZEN_CACHE: 'off' } });
      expect(there, `round ${round}: ${edit}, kaizen ${args.join(' ')}`).toEqual(fresh);
      const now = status(cacheDir);
      replays += (now.replayed as number) - last;
      last = now.replayed as number;
    }
    // Not vacuous: some were answered as before (then nothing had changed).
    expect(replays).toBeGreaterThan(0);
    expect(kaizen(['daemon', 'status'], { cacheDir }).stdout).toMatch(/answered as before/);
  }, 120_000);

  it('makes a stats answer again soon after its journal changed, and all once it went quiet; every stats equals a fresh '
    + 'read (seed 2630)', async () => {
    const { cacheDir, journal, old, files, random, pick } = sampleWithProcess(2630);
    const goals = fs.readdirSync(path.join(journal, 'goals')).map((f) => f.replace(/\.md$/, ''));
    // Changes made now (racily new until two seconds pass), by another program or by the process itself.
    const edits: Record<string, () => void> = {
      sameSizeFlip() {
        const f = pick(files().filter((x) => /- \[[ x]\]/.test(fs.readFileSync(x, 'utf8'))));
        const text = fs.readFileSync(f, 'utf8');
        fs.writeFileSync(f, text.includes('- [ ]') ? text.replace('- [ ]', '- [x]') : text.replace('- [x]', '- [ ]'));
      },
      replaced() {
        const f = pick(files());
        fs.writeFileSync(`${f}.tmp`, `${fs.readFileSync(f, 'utf8')}\nA line more.\n`);
        fs.renameSync(`${f}.tmp`, f);
      },
      newNote() {
        const day = `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        fs.writeFileSync(path.join(journal, 'logs/2026', `${day}.md`),
          `---\ndate: ${day}\n---\n## Habits\n- [x] [[read-daily]] minimum: a page\n`);
      },
      removed: () => fs.rmSync(pick(files().filter((f) => f.includes(`${path.sep}logs${path.sep}`)))),
      logged: () => void kaizen(['log', pick(goals), pick(['minimum', 'standard', 'skip']), '--date',
        pick(['2026-11-20', '2026-11-21', '2026-11-22'])], { cwd: journal, cacheDir }),
    };
    const asked = [['--json', 'stats'], ['stats', '--goal', 'read-daily']];
    for (const f of fs.readdirSync(journal, { recursive: true }).map(String)) {
      fs.utimesSync(path.join(journal, f), old, old);
    }
    for (const args of asked) kaizen(args, { cwd: journal, cacheDir });
    // Kept at once (nothing racily new), so only the folder's watch can tell the process of this change.
    expect(status(cacheDir).refreshed).toBe(0);
    edits.sameSizeFlip!();
    await until('the answers made again after another program\'s change', () => {
      const now = status(cacheDir);
      return (now.refreshed as number) > 0 && now.freshening === false;
    });
    let remadeAndReplayed = 0;
    let soonReplayed = 0;
    // The soon pass makes only the answer asked last.
    let latest = asked[1]!;
    for (let round = 0; round < 14; round++) {
      const edit = pick(Object.keys(edits));
      // Nothing left to make from the round before (a stats asked at once is made again later).
      const before = await until('the process to be quiet', () => {
        const now = status(cacheDir);
        return now.freshening === false && now;
      }, 15_000);
      const was = snapshot(journal);
      edits[edit]!();
      // Asked at once (counted again, or the answer being made gives way), once the process made the answer asked
      // last again (soon, while the note is racily new), or once it made all again after the quiet spell (a habit
      // logged before is not logged again: then nothing changed, and nothing is made again).
      const changed = !isDeepStrictEqual(snapshot(journal), was);
      const mode = changed ? pick(['at once', 'soon', 'then quiet'] as const) : 'at once';
      const waits = mode !== 'at once';
      if (waits) {
        await until('the answers made again', () => {
          const now = status(cacheDir);
          return (now.refreshed as number) > (before.refreshed as number) && (mode === 'soon' || now.freshening === false);
        }, 15_000);
      }
      const args = mode === 'soon' ? latest : pick(asked);
      latest = args;
      const replayedBefore = status(cacheDir).replayed as number;
      const there = kaizen(args, { cwd: journal, cacheDir });
      const fresh = kaizen(args, { cwd: journal, cacheDir, env: { KAIZEN_CACHE: 'off' } });
      expect(there, `round ${round}: ${edit}, ${mode}, kaizen ${args.join(' ')}`).toEqual(fresh);
      if (waits) {
        // What it made again is what it printed: nothing had changed since.
        expect(status(cacheDir).replayed, `round ${round}: ${edit}, ${mode}`).toBe(replayedBefore + 1);
        remadeAndReplayed++;
        if (mode === 'soon') soonReplayed++;
      }
    }
    expect(remadeAndReplayed).toBeGreaterThan(2);
    expect(soonReplayed).toBeGreaterThan(1);
    expect(kaizen(['daemon', 'status'], { cacheDir }).stdout).toMatch(/answers? made again after a change/);
  }, 180_000);

  it('leaves an answer whose journal changed much (a pull of many notes) to the next stats, so no command waits on it', async () => {
    const cacheDir = tempDir();
    const days = Array.from({ length: 150 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const notes: Record<string, string> = {
      'goals/read-daily.md': '---\ntitle: Read daily\nstart: 2026-01-01\nhabit:\n  cadence: daily\n  minimum: a page\n'
        + '  standard: 20 pages\n---\n# Read daily\n',
    };
    for (const day of days) notes[`logs/${day}.md`] = `---\ndate: ${day}\n---\n## Habits\n- [x] [[read-daily]] minimum\n`;
    const journal = makeJournal(notes);
    const old = new Date(Date.now() - 120_000);
    for (const f of fs.readdirSync(journal, { recursive: true }).map(String)) fs.utimesSync(path.join(journal, f), old, old);
    const ask = (args: string[]) => kaizen(args, { cwd: journal, cacheDir, env: { TZ: 'UTC' } });
    const quietStatus = () => until('the process to be quiet', () => {
      const now = status(cacheDir, { TZ: 'UTC' });
      return now.freshening === false && now;
    }, 15_000);
    expect(kaizen(['daemon', 'start'], { cacheDir, env: { TZ: 'UTC' } }).code).toBe(0);
    expect(ask(['stats', '--goal', 'no-such-goal']).code).not.toBe(0);
    expect(ask(['--json', 'stats', '--as-of', '2026-05-30']).code).toBe(0);
    expect(status(cacheDir, { TZ: 'UTC' }).served).toBe(2);
    // Every note changed (a pull that brought a season of notes): parsing them all would hold the next command.
    for (const day of days) fs.appendFileSync(path.join(journal, 'logs', `${day}.md`), 'A line more.\n');
    await new Promise((r) => setTimeout(r, 3_000));
    const after = await quietStatus();
    expect(after.refreshed).toBe(0);
    const there = ask(['--json', 'stats', '--as-of', '2026-05-30']);
    expect(there).toEqual(kaizen(['--json', 'stats', '--as-of', '2026-05-30'], { cwd: journal, cacheDir,
      env: { TZ: 'UTC', KAIZEN_CACHE: 'off' } }));
    expect(status(cacheDir, { TZ: 'UTC' }).replayed).toBe(after.replayed);
    // One note changed: made again (the stats that failed is not: it is not remembered).
    await quietStatus();
    fs.appendFileSync(path.join(journal, 'logs', `${days[3]}.md`), 'And one more.\n');
    await until('the answer made again', () => status(cacheDir, { TZ: 'UTC' }).refreshed === 1, 15_000);
    const quiet = await quietStatus();
    expect(quiet.refreshed).toBe(1);
  }, 60_000);

  it('keeps every character of a long non-ASCII answer and of a request split inside a character', async () => {
    const cacheDir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) {
      files[`goals/uebung-${i}.md`] = `---\ntitle: Tägliche Übung ${i} — Größe ✅\nwhy: Gesundheit für später, ohne Ausreden (${i})\n`
        + `start: 2026-11-02\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n  minimum: 2 Minuten Dehnen\n  standard: 20 Minuten üben\n---\n`;
    }
    files['logs/2026/2026-11-16.md'] = '---\ndate: 2026-11-16\n---\n## Habits\n- [x] [[uebung-1]] standard\n';
    const journal = makeJournal(files);
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const args = ['--json', 'stats', '--as-of', '2026-11-22'];
    const there = kaizen(args, { cwd: journal, cacheDir });
    const here = kaizen(args, { cwd: journal, cacheDir, env: { KAIZEN_DAEMON: 'off' } });
    expect(Buffer.byteLength(there.stdout)).toBeGreaterThan(128 * 1024);
    expect(there.stdout).not.toContain('\uFFFD');
    expect(there).toEqual(here);
    expect(status(cacheDir).served).toBe(1);

    const { socket } = status(cacheDir);
    const now = new Date();
    const replies = await splitRequest(socket as string, { v: PROTOCOL_VERSION, argv: ['log', 'uebung-2', 'skip', '--date', '2026-11-17',
      '--reason', 'Reise nach München'], cwd: journal, env: { ...process.env, KAIZEN_CACHE_DIR: cacheDir }, isTTY: false,
    now: now.getTime(), offset: now.getTimezoneOffset() }, 'ü');
    expect(replies.at(-1)).toEqual({ exit: 0 });
    expect(fs.readFileSync(path.join(journal, 'logs/2026/2026-11-17.md'), 'utf8')).toContain('skip: Reise nach München');
  }, 60_000);

  it('creates files with the launcher\'s umask (a process for each)', async () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    for (const [umask, day, mode] of [['077', '2027-01-02', 0o600], ['022', '2027-01-03', 0o644]] as const) {
      expect(kaizen(['daemon', 'start'], { cacheDir, umask }).stdout).toMatch(/^started/);
      expect(kaizen(['today', '--date', day], { cwd: journal, cacheDir, umask }).code).toBe(0);
      expect(fs.statSync(path.join(journal, `logs/2027/${day}.md`)).mode & 0o777).toBe(mode);
    }
    // Each ran in its own process.
    const served = [kaizen(['--json', 'daemon', 'status'], { cacheDir, umask: '077' }),
      kaizen(['--json', 'daemon', 'status'], { cacheDir, umask: '022' })].map((r) => JSON.parse(r.stdout) as Status);
    for (const s of served) if (s.pid) started.add(s.pid);
    expect(served.map((s) => s.served)).toEqual([1, 1]);
    expect(served[0]?.pid).not.toBe(served[1]?.pid);
  }, 60_000);

  it('a process that holds the socket but never answers: the command runs by itself, and a new process takes over', async () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    const { socket } = status(cacheDir);
    fs.mkdirSync(path.dirname(socket as string), { recursive: true });
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(socket as string, resolve));
    try {
      const since = Date.now();
      const run = kaizen(['log', 'read-daily', 'skip'], { cwd: journal, cacheDir });
      expect(run).toMatchObject({ code: 0, stderr: expect.stringMatching(/skip for read-daily on 2026-11-22/) });
      expect(Date.now() - since).toBeLessThan(20_000);
      const next = await until('a new process', () => {
        const s = status(cacheDir);
        return s.running ? s : null;
      });
      expect(next.pid).not.toBe(process.pid);
    } finally {
      silent.close();
    }
  }, 60_000);

  it('a process that was killed leaves its socket: the next command runs by itself and starts a new one', async () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    expect(kaizen(['daemon', 'start'], { cacheDir }).code).toBe(0);
    const { pid, socket } = status(cacheDir);
    process.kill(pid as number, 'SIGKILL');
    await until('the kill', () => !alive(pid as number));
    expect(fs.existsSync(socket as string)).toBe(true);
    const run = kaizen(['log', 'read-daily', 'standard'], { cwd: journal, cacheDir });
    expect(run).toMatchObject({ code: 0, stderr: expect.stringMatching(/standard for read-daily on 2026-11-22/) });
    const next = await until('a new process', () => {
      const s = status(cacheDir);
      return s.running ? s : null;
    });
    expect(next.pid).not.toBe(pid);
  }, 60_000);

  it('stops after its quiet time, and when its cache folder goes', async () => {
    const cacheDir = tempDir();
    expect(kaizen(['daemon', 'start'], { cacheDir, env: { KAIZEN_DAEMON_IDLE: '3' } }).code).toBe(0);
    const { pid } = status(cacheDir);
    await until('the idle stop', () => !alive(pid as number), 20_000);
    const gone = tempDir();
    expect(kaizen(['daemon', 'start'], { cacheDir: gone }).code).toBe(0);
    const second = status(gone).pid as number;
    fs.rmSync(gone, { recursive: true, force: true });
    await until('the stop after its folder went', () => !alive(second), 20_000);
  }, 60_000);

  it('KAIZEN_DAEMON=off starts nothing and runs everything in its own process', () => {
    const cacheDir = tempDir();
    const journal = copySample({ pinned: true });
    const run = kaizen(['log', 'read-daily', 'standard'], { cwd: journal, cacheDir, env: { KAIZEN_DAEMON: 'off' } });
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(cacheDir, 'daemon'))).toBe(false);
    expect(kaizen(['daemon', 'status'], { cacheDir, env: { KAIZEN_DAEMON: 'off' } }).stdout).toMatch(/^off: /);
  });

  it('names one socket per build, Node, zone and locale setting, and none too long for a socket', () => {
    const env = { KAIZEN_CACHE_DIR: '/tmp/kz', TZ: 'Europe/Berlin', LANG: 'de_DE.UTF-8' };
    const socket = daemonSocketPath(env, '0123456789abcdef', '/usr/bin/node', 0o022);
    expect(socket).toMatch(/^\/tmp\/kz\/daemon\/0123456789ab-[0-9a-f]{8}\.sock$/);
    expect(daemonSocketPath({ ...env }, '0123456789abcdef', '/usr/bin/node', 0o022)).toBe(socket);
    for (const other of [
      daemonSocketPath({ ...env, TZ: 'Asia/Tokyo' }, '0123456789abcdef', '/usr/bin/node', 0o022),
      daemonSocketPath({ ...env, LANG: 'et_EE.UTF-8' }, '0123456789abcdef', '/usr/bin/node', 0o022),
      daemonSocketPath({ ...env, LC_ALL: 'C' }, '0123456789abcdef', '/usr/bin/node', 0o022),
      daemonSocketPath(env, 'fedcba9876543210', '/usr/bin/node', 0o022),
      daemonSocketPath(env, '0123456789abcdef', '/usr/bin/node', 0o077),
      daemonSocketPath({ ...env, LC_MESSAGES: 'de_DE.UTF-8' }, '0123456789abcdef', '/usr/bin/node', 0o022),
      daemonSocketPath(env, '0123456789abcdef', '/opt/node22/bin/node', 0o022),
    ]) expect(other).not.toBe(socket);
    expect(daemonSocketPath({ ...env, KAIZEN_CACHE_DIR: `/tmp/${'x'.repeat(100)}` }, '0123456789abcdef', '/usr/bin/node', 0o022)).toBeNull();
    expect(daemonEnabled({}, 'linux')).toBe(true);
    expect(daemonEnabled({ KAIZEN_DAEMON: 'off' }, 'linux')).toBe(false);
    expect(daemonEnabled({ KAIZEN_CACHE: 'off' }, 'linux')).toBe(false);
    expect(daemonEnabled({}, 'win32')).toBe(false);
  });
});

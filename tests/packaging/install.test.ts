// The npm package as a new user gets it: packed with npm, installed with `npm install -g --prefix` into
// an empty folder, and run from there with no repository on PATH or around the journal. Every command a
// person starts with works, the numbers equal the repository build's, and the git merge driver that
// `kaizen sync setup` writes from the installed copy merges a real conflict between two clones.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, SAMPLE, tempDir } from '../helpers.js';
import { npmEnv, npmPack, PKG, REPO } from './pack.js';

let work: string;
let prefix: string;
let env: NodeJS.ProcessEnv;
let tarball: string;
let sizes: { tarball: number; installed: number };

/** Bytes of every file under a folder. */
function du(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile()).reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}

/** The installed `kaizen`, found on the test's PATH the way a shell finds it. */
function kaizen(cwd: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('kaizen', args, { cwd, env, encoding: 'utf8', input, timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

beforeAll(() => {
  work = tempDir('kaizen-install-');
  const home = path.join(work, 'home');
  fs.mkdirSync(home);
  const packed = npmPack(work, home);
  tarball = packed.tarball;
  prefix = path.join(work, 'prefix');
  // The package needs nothing from the registry: --offline proves it.
  execFileSync('npm', ['install', '-g', '--offline', '--prefix', prefix, tarball], { cwd: work, env: npmEnv(home), stdio: 'pipe' });
  sizes = { tarball: fs.statSync(tarball).size, installed: du(path.join(prefix, 'lib', 'node_modules', PKG.name)) };
  // PATH: the prefix's bin, then node's and git's folders only (no node_modules/.bin, no repository).
  const folders = [path.join(prefix, 'bin'), path.dirname(process.execPath), path.dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()), '/usr/bin', '/bin'];
  env = {
    PATH: [...new Set(folders)].join(path.delimiter),
    HOME: home,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    KAIZEN_CACHE_DIR: path.join(work, 'cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Tester', GIT_AUTHOR_EMAIL: 'tester@example.org',
    GIT_COMMITTER_NAME: 'Tester', GIT_COMMITTER_EMAIL: 'tester@example.org',
  };
}, 120_000);

afterAll(() => {
  if (sizes) process.stdout.write(`npm package: tarball ${(sizes.tarball / 1024).toFixed(0)} KB, installed ${(sizes.installed / 1024).toFixed(0)} KB\n`);
});

describe('the npm package installed into an empty prefix', () => {
  it('puts kaizen on PATH from the prefix, with no dependency installed', () => {
    const which = execFileSync('sh', ['-c', 'command -v kaizen'], { env, encoding: 'utf8' }).trim();
    expect(which).toBe(path.join(prefix, 'bin', 'kaizen'));
    expect(fs.realpathSync(which).startsWith(fs.realpathSync(REPO))).toBe(false);
    expect(fs.existsSync(path.join(prefix, 'lib', 'node_modules', PKG.name, 'node_modules'))).toBe(false);
    const r = kaizen(work, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`kaizen ${PKG.version} (journal format 1.2)\n`);
    expect(sizes.tarball).toBeLessThan(1_000_000);
  });

  it('starts a journal, writes today\'s log, logs a habit, reports, writes a calendar', () => {
    const r0 = kaizen(work, ['init', 'journal']);
    expect(r0.code, r0.stderr).toBe(0);
    const root = path.join(work, 'journal');
    const goals = kaizen(root, ['__complete', 'goals']).stdout.split('\n').filter(Boolean);
    expect(goals.length).toBeGreaterThan(0);
    const goal = goals[0] as string;
    const today = kaizen(root, ['today']);
    expect(today.code, today.stderr).toBe(0);
    expect(fs.existsSync(path.resolve(root, today.stdout.trim()))).toBe(true);
    const log = kaizen(root, ['log', goal, 'minimum']);
    expect(log.code, log.stderr).toBe(0);
    const stats = JSON.parse(kaizen(root, ['stats', '--json']).stdout) as { goals: Array<{ id: string; week: { minimum: number } | null }> };
    expect(stats.goals.find((g) => g.id === goal)?.week?.minimum).toBe(1);
    const report = kaizen(root, ['report', 'week']);
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readdirSync(path.join(root, 'reports')).some((f) => /^\d{4}-W\d{2}\.md$/.test(f))).toBe(true);
    const calendar = kaizen(root, ['calendar']);
    expect(calendar.code, calendar.stderr).toBe(0);
    expect(fs.readFileSync(path.join(root, 'reports', 'kaizen.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(kaizen(root, ['help', 'log']).stdout).toMatch(/Examples:\n {2}kaizen log/);
    expect(kaizen(root, ['completion', 'bash']).stdout).toMatch(/complete -F _kaizen kaizen/);
  });

  it('writes and reads a Loop backup: SQLite as wasm ships inside the package', () => {
    const root = path.join(work, 'journal');
    const file = path.join(work, 'Loop Habits Backup.db');
    const out = kaizen(root, ['export', 'loop', file]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/habits, \d+ days \(Loop database version 25\)/);
    const back = kaizen(root, ['import', 'loop', file]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout, back.stdout).toContain('Nothing to import: the journal already has every day.');
  });

  it('gives the same stats --json on a copy of the sample as the repository build', () => {
    const copy = path.join(work, 'sample');
    fs.cpSync(SAMPLE, copy, { recursive: true });
    const installed = kaizen(work, ['--dir', copy, 'stats', '--json']);
    expect(installed.code, installed.stderr).toBe(0);
    const repo = spawnSync(process.execPath, [CLI_BIN, '--dir', copy, 'stats', '--json'], { env, encoding: 'utf8' });
    expect(installed.stdout).toBe(repo.stdout);
    expect(JSON.parse(installed.stdout).goals.length).toBeGreaterThan(1);
  });

  it('serves the language server over stdio', async () => {
    const root = path.join(work, 'journal');
    const server = spawn('kaizen', ['lsp', '--stdio'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let out = '';
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize result; got ${out}`)), 20_000);
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        for (const m of out.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
          const start = (m.index ?? 0) + m[0].length;
          const body = out.slice(start, start + Number(m[1]));
          if (body.length < Number(m[1])) continue;
          const message = JSON.parse(body) as { id?: number; result?: Record<string, unknown> };
          if (message.id === 1 && message.result) {
            clearTimeout(timer);
            resolve(message.result);
          }
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: `file://${root}`, capabilities: {} } });
    const result = await reply;
    expect(result.serverInfo).toEqual({ name: 'kaizen', version: PKG.version });
    send({ method: 'initialized', params: {} });
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    expect(await exited).toBe(0);
  });

  it('runs from npx with the tarball', () => {
    const r = spawnSync('npx', ['--yes', '--offline', '--package', tarball, 'kaizen', '--version'], { cwd: work, env: { ...env, ...npmEnv(env.HOME as string), PATH: env.PATH }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`kaizen ${PKG.version} (journal format 1.2)\n`);
    // npm may clear its npx cache at any time: git sync set up from there would lose its driver.
    const root = path.join(work, 'npx-journal');
    expect(kaizen(work, ['init', root]).code).toBe(0);
    git(root, 'init', '-q');
    const setup = spawnSync('npx', ['--yes', '--offline', '--package', tarball, 'kaizen', 'sync', 'setup'], { cwd: root, env: { ...env, ...npmEnv(env.HOME as string), PATH: env.PATH }, encoding: 'utf8', timeout: 60_000 });
    expect(setup.status).toBe(1);
    expect(setup.stderr).toMatch(/runs from npx here.*install it first/s);
    expect(() => git(root, 'config', '--get', 'merge.kaizen.driver')).toThrow();
  });

  it('sets up git sync whose merge driver, run from the installed copy, merges two clones\' same-day logs', () => {
    const base = path.join(work, 'sync');
    fs.mkdirSync(base);
    git(base, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
    const remote = path.join(base, 'remote.git');
    const first = path.join(base, 'laptop');
    git(base, 'clone', '-q', remote, first);
    git(first, 'checkout', '-q', '-b', 'main');
    expect(kaizen(first, ['init']).code).toBe(0);
    const setup = kaizen(first, ['sync', 'setup']);
    expect(setup.code, setup.stderr).toBe(0);
    // Found on PATH from the prefix: git will start the installed kaizen on every merge.
    expect(git(first, 'config', '--get', 'merge.kaizen.driver').trim()).toBe('kaizen merge-driver %O %A %B %L %P');
    // Also when set up through the launcher's former name (dist/kaizen.mjs, which loads dist/kaizen.cjs).
    const former = path.join(prefix, 'lib', 'node_modules', PKG.name, 'dist', 'kaizen.mjs');
    const again = spawnSync(process.execPath, [former, 'sync', 'setup'], { cwd: first, env, encoding: 'utf8', timeout: 30_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(git(first, 'config', '--get', 'merge.kaizen.driver').trim()).toBe('kaizen merge-driver %O %A %B %L %P');
    const goal = kaizen(first, ['__complete', 'goals']).stdout.split('\n')[0] as string;
    const todayLog = kaizen(first, ['today']).stdout.trim();
    fs.rmSync(path.join(first, todayLog));
    git(first, 'add', '-A');
    git(first, 'commit', '-q', '-m', 'journal');
    git(first, 'push', '-q', 'origin', 'main');

    const second = path.join(base, 'phone');
    git(base, 'clone', '-q', remote, second);
    expect(kaizen(second, ['sync', 'setup']).code).toBe(0);
    // Both devices create the same day's log, each with its own check: git's add/add conflict.
    expect(kaizen(first, ['log', goal, 'minimum']).code).toBe(0);
    expect(kaizen(second, ['log', goal, 'standard']).code).toBe(0);
    const one = kaizen(first, ['sync']);
    expect(one.code, one.stderr).toBe(0);
    const two = kaizen(second, ['sync']);
    expect(two.code, two.stderr).toBe(0);
    const merged = fs.readFileSync(path.join(second, todayLog), 'utf8');
    expect(merged).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(merged).toMatch(new RegExp(`- \\[x\\] \\[\\[${goal}\\]\\] minimum`));
    expect(merged).toMatch(new RegExp(`- \\[x\\] \\[\\[${goal}\\]\\] standard`));
    expect(two.stdout).toMatch(new RegExp(`${todayLog.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: kept`));
  });
});

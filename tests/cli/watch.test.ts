// kaizen watch with real file events in a temp journal, run as the built binary.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN, makeJournal } from '../helpers.js';
import { isIgnoredPath, needsPolling } from '../../src/cli/commands/watch.js';

const GOAL = '---\ntitle: Walk\nwhy: air\nstart: 2026-11-02\ndue: 2026-12-20\nhabit:\n  cadence: 4/week\n  minimum: 5 min\n  standard: 20 min\nmetric:\n  target: 100\n---\n';
const log = (day: string, checked: boolean) => `---\ndate: ${day}\n---\n## Habits\n- [${checked ? 'x' : ' '}] [[walk]] standard [value:: 10]\n`;

interface Watcher {
  proc: ChildProcess;
  out: string[];
  err: string[];
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<number>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
});

function startWatch(root: string): Watcher {
  const proc = spawn(process.execPath, [CLI_BIN, '--dir', root, 'watch', '--as-of', '2026-11-22'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  const out: string[] = [];
  const err: string[] = [];
  const collect = (into: string[]) => (chunk: Buffer) => into.push(...chunk.toString().split('\n').filter(Boolean));
  proc.stdout!.on('data', collect(out));
  proc.stderr!.on('data', collect(err));
  const waitFor = (pattern: RegExp, from = 0, timeoutMs = 30_000) => new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const all = [...out, ...err];
      const i = all.findIndex((l, k) => k >= from && pattern.test(l));
      if (i !== -1) return resolve(i);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out.join('\n')}\nstderr:\n${err.join('\n')}`));
      setTimeout(tick, 25);
    };
    tick();
  });
  return { proc, out, err, waitFor };
}

const report = (root: string) => fs.readFileSync(path.join(root, 'reports/2026-W47.md'), 'utf8');
const regenerations = (w: Watcher) => w.out.filter((l) => /reports\/2026-W47\.md/.test(l)).length;

describe('kaizen watch', () => {
  it('regenerates on a change, coalesces a burst, survives atomic saves and parse errors, stops on SIGINT', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-16.md': log('2026-11-16', true), 'logs/2026/2026-11-17.md': log('2026-11-17', false) });
    const w = startWatch(root);
    await w.waitFor(/wrote reports\/2026-W47\.md/);
    await w.waitFor(/watching/);
    // Let the watchers settle on a busy machine before the first edit.
    await new Promise((r) => setTimeout(r, 500));
    expect(report(root)).toMatch(/\*\*1\/4\*\* done/);

    // A plain change.
    let before = regenerations(w);
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-17.md'), log('2026-11-17', true));
    const edited = await w.waitFor(/wrote reports\/2026-W47\.md .*2026-11-17/);
    expect(report(root)).toMatch(/\*\*2\/4\*\* done/);
    // The goal's numbers the change moved, from the numbers kept up to date, not a read of the journal.
    await w.waitFor(/^\d\d:\d\d:\d\d Walk: 2\/4 this week · .*progress/, edited);
    expect(regenerations(w)).toBe(before + 1);

    // An atomic save: write a temp file, rename it over the log (what editors do).
    const tmp = path.join(root, 'logs/2026/.2026-11-18.md.swp');
    fs.writeFileSync(tmp, log('2026-11-18', true));
    fs.renameSync(tmp, path.join(root, 'logs/2026/2026-11-18.md'));
    await w.waitFor(/wrote reports\/2026-W47\.md .*2026-11-18/);
    expect(report(root)).toMatch(/\*\*3\/4\*\* done/);

    // A burst like a git checkout: 300 files at once give one or a few regenerations.
    before = regenerations(w);
    fs.mkdirSync(path.join(root, 'logs/2025'), { recursive: true });
    for (let i = 0; i < 300; i++) {
      const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      fs.writeFileSync(path.join(root, `logs/${day.slice(0, 4)}/${day}.md`), log(day, i % 2 === 0));
    }
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-19.md'), log('2026-11-19', true));
    await w.waitFor(/\d+ files changed/, 0, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(regenerations(w) - before).toBeGreaterThanOrEqual(1);
    expect(regenerations(w) - before).toBeLessThanOrEqual(3);
    expect(report(root)).toMatch(/\*\*4\/4\*\* done/);

    // A parse error is reported, and watching goes on.
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-20.md'), '---\ndate: [\n---\n');
    await w.waitFor(/2026-11-20\.md:2:\d+ error yaml-error/);
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-20.md'), log('2026-11-20', true));
    await w.waitFor(/no more errors/);
    expect(report(root)).toMatch(/\*\*5\/4\*\* done/);

    // A file written in two parts (a slow writer) is read once it is complete: no error, no report
    // from the half.
    const errorsBefore = w.err.length;
    const slow = fs.openSync(path.join(root, 'logs/2026/2026-11-21.md'), 'w');
    fs.writeSync(slow, '---\ndate: 2026-11');
    await new Promise((r) => setTimeout(r, 30));
    fs.writeSync(slow, '-21\n---\n## Habits\n- [x] [[walk]] standard [value:: 10]\n');
    fs.closeSync(slow);
    await w.waitFor(/wrote reports\/2026-W47\.md .*2026-11-21/);
    expect(report(root)).toMatch(/\*\*6\/4\*\* done/);
    expect(w.err.slice(errorsBefore).filter((l) => /error/.test(l))).toEqual([]);

    // The vault's own settings (here Obsidian Tasks' statuses, made while watching) are read again when they change.
    const settings = path.join(root, '.obsidian/plugins/obsidian-tasks-plugin/data.json');
    const seen = w.out.length;
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', type: 'DONE' }] } }));
    // Made with its three folders in one instant, as Obsidian does (a file chokidar's scan of a new folder can miss).
    await w.waitFor(/W47\.md.* \(\.obsidian\/plugins\/obsidian-tasks-plugin\/data\.json\)/, seen);
    const again = w.out.length;
    fs.writeFileSync(settings, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', type: 'TODO' }] } }));
    await w.waitFor(/W47\.md.* \(\.obsidian\/plugins\/obsidian-tasks-plugin\/data\.json\)/, again);

    // Editor noise and its own output never trigger a regeneration.
    before = regenerations(w);
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-20.md~'), 'backup');
    fs.writeFileSync(path.join(root, 'logs/2026/4913'), 'vim probe');
    fs.mkdirSync(path.join(root, '.git'), { recursive: true });
    fs.writeFileSync(path.join(root, '.git/index'), 'x');
    // Obsidian's own busy files beside its settings are not the journal's.
    fs.writeFileSync(path.join(root, '.obsidian/workspace.json'), '{"active": 2}');
    await new Promise((r) => setTimeout(r, 800));
    expect(regenerations(w)).toBe(before);

    w.proc.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => w.proc.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(w.err.join('\n')).toMatch(/stopped watching/);
  }, 120_000);

  // A user namespace of its own lets the test lower the inotify limit without touching the machine's.
  const canLimitWatches = (() => {
    try {
      return execFileSync('unshare', ['--user', '--map-root-user', 'sh', '-c', 'echo 2 > /proc/sys/user/max_inotify_watches && cat /proc/sys/user/max_inotify_watches'], { encoding: 'utf8' }).trim() === '2';
    } catch {
      return false;
    }
  })();

  it.skipIf(!canLimitWatches)('when the inotify limit is reached it says so, polls instead, and still sees changes', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-16.md': log('2026-11-16', true), 'logs/2026/2026-11-17.md': log('2026-11-17', false) });
    const proc = spawn('unshare', ['--user', '--map-root-user', 'sh', '-c', `echo 2 > /proc/sys/user/max_inotify_watches; exec "${process.execPath}" "${CLI_BIN}" --dir "${root}" watch --as-of 2026-11-22`], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(proc);
    let out = '';
    let err = '';
    proc.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    proc.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    const until = async (what: () => boolean, label: string) => {
      const started = Date.now();
      while (!what()) {
        if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${label}\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => /refuses more file watches \(ENOSPC\): checking for changes every second instead/.test(err), 'the fallback message');
    await until(() => /watching/.test(err), 'watching');
    await new Promise((r) => setTimeout(r, 1500));
    fs.writeFileSync(path.join(root, 'logs/2026/2026-11-17.md'), log('2026-11-17', true));
    await until(() => /wrote reports\/2026-W47\.md .*2026-11-17/.test(out), 'a regeneration from polling');
    expect(report(root)).toMatch(/\*\*2\/4\*\* done/);
    proc.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  }, 60_000);

  it('falls back to polling when the system refuses more watches', () => {
    for (const code of ['ENOSPC', 'EMFILE', 'ENFILE']) expect(needsPolling(Object.assign(new Error('x'), { code }))).toBe(true);
    expect(needsPolling(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(needsPolling(null)).toBe(false);
  });

  it('ignores .git, node_modules, the reports folder and editor temp files', () => {
    const layout = { root: '/j', goals: 'goals', logs: 'logs', reviews: 'reviews', reports: 'reports', sprints: 'sprints', logSource: 'test' };
    for (const p of ['.git/index', 'node_modules/x/a.md', 'reports/2026-W47.md', 'logs/2026/.2026-11-22.md.swp', 'logs/2026/2026-11-22.md~',
      'goals/#walk.md#', 'logs/2026/4913', 'goals/.walk.md.1234.abc.kaizen-tmp', 'goals/.walk.md.kaizen-lock']) {
      expect(isIgnoredPath(p, layout), p).toBe(true);
    }
    for (const p of ['goals/walk.md', 'logs/2026/2026-11-22.md', 'reviews/2026-W47.md', 'kaizen.yaml']) expect(isIgnoredPath(p, layout), p).toBe(false);
  });
});

// Faults and concurrency: a process killed mid-write, stray temp files, concurrent toggles, links
// that leave the journal, symlink loops, and what a full or read-only disk says.
import fs from 'node:fs';
import path from 'node:path';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, CLI_BIN, copySample, makeJournal, snapshot, tempDir } from './helpers.js';
import { describeWriteError } from '../src/journal/node-file-system.js';
import { parseLogText } from '../src/parser/index.js';

const run = promisify(execFile);

describe('faults', () => {
  it('a kaizen killed at any moment leaves the old or the new file, never a part of one', async () => {
    const root = copySample();
    const rel = 'logs/2026/2026-11-24.md';
    const file = path.join(root, rel);
    const levels = ['minimum', 'standard', 'skip'];
    for (let i = 0; i < 24; i++) {
      const child = spawn(process.execPath, [CLI_BIN, '--dir', root, 'log', i % 2 ? 'read-daily' : 'morning-energy', levels[i % 3]!, '--date', '2026-11-24'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, 40 + ((i * 37) % 120)));
      child.kill('SIGKILL');
      await exited;
      if (fs.existsSync(file)) {
        const parsed = parseLogText(fs.readFileSync(file, 'utf8'), '2026-11-24', rel);
        expect(parsed.diagnostics).toEqual([]);
        expect(fs.readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
      }
    }
    // The next run cleans up after the killed ones (temp files and locks) and works.
    const r = await cli(['--dir', root, 'log', 'morning-energy', 'minimum', '--date', '2026-11-24']);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.kaizen-tmp'))).toEqual([]);
  }, 60_000);

  it('stray temp files of dead processes are removed on the next write; the file is intact', async () => {
    const root = copySample();
    const dir = path.join(root, 'logs/2026');
    const stray = path.join(dir, '.2026-11-22.md.999999.abc123.kaizen-tmp');
    fs.writeFileSync(stray, '---\ndate: 2026-11-2');
    const before = fs.readFileSync(path.join(dir, '2026-11-22.md'), 'utf8');
    const r = await cli(['--dir', root, 'log', 'read-daily', 'minimum', '--date', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.readFileSync(path.join(dir, '2026-11-22.md'), 'utf8')).toBe(before.replace('- [ ] [[read-daily]] minimum', '- [x] [[read-daily]] minimum'));
  });

  // A real full disk and a real read-only file system: a tiny tmpfs, where this machine allows mounting (CI does).
  const canMount = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = tempDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!canMount)('on a full disk and on a read-only one, kaizen says so and changes nothing', async () => {
    const mountPoint = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mountPoint]);
    try {
      const root = path.join(mountPoint, 'journal');
      fs.mkdirSync(path.join(root, 'goals'), { recursive: true });
      fs.mkdirSync(path.join(root, 'logs/2026'), { recursive: true });
      fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'goals: goals\n');
      fs.writeFileSync(path.join(root, 'goals/walk.md'), '---\ntitle: Walk\nstart: 2026-11-01\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n  minimum: five\n---\n');
      const log = path.join(root, 'logs/2026/2026-11-22.md');
      fs.writeFileSync(log, '---\ndate: 2026-11-22\n---\n## Habits\n- [ ] [[walk]] minimum: five\n');
      // Fill the disk.
      const filler = fs.openSync(path.join(mountPoint, 'filler'), 'w');
      try {
        for (;;) fs.writeSync(filler, Buffer.alloc(4096, 120));
      } catch { /* full */ } finally {
        fs.closeSync(filler);
      }
      const before = fs.readFileSync(log, 'utf8');
      const full = await run(process.execPath, [CLI_BIN, '--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-22'], { env: { ...process.env, KAIZEN_CACHE: 'off' } }).catch((e) => e);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(/cannot write logs\/2026\/2026-11-22\.md: the disk is full; nothing was changed/);
      expect(fs.readFileSync(log, 'utf8')).toBe(before);
      expect(fs.readdirSync(path.dirname(log)).filter((n) => n.startsWith('.'))).toEqual([]);
      fs.rmSync(path.join(mountPoint, 'filler'));
      execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
      const ro = await run(process.execPath, [CLI_BIN, '--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-22'], { env: { ...process.env, KAIZEN_CACHE: 'off' } }).catch((e) => e);
      expect(ro.code).toBe(1);
      expect(ro.stderr).toMatch(/read-only/);
      expect(ro.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readFileSync(log, 'utf8')).toBe(before);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });

  it('a full or read-only disk gives a clear message', () => {
    for (const [code, words] of [['ENOSPC', 'the disk is full'], ['EROFS', 'read-only'], ['EACCES', 'permission denied'], ['EDQUOT', 'quota']]) {
      const e = Object.assign(new Error('raw'), { code });
      expect(describeWriteError(e, 'logs/2026/2026-11-22.md').message).toMatch(new RegExp(`^cannot write logs/2026/2026-11-22\\.md: .*${words}.*; nothing was changed$`));
    }
  });

  it('links that leave the journal are not followed, and a symlink loop does not hang', async () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'secret.md'), '- [ ] not yours\n');
    const root = makeJournal({ 'goals/walk.md': '---\ntitle: Walk\n---\n- [ ] step\n' });
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'goals/linked.md'));
    fs.mkdirSync(path.join(root, 'logs/2026'), { recursive: true });
    fs.symlinkSync(path.join(root, 'logs'), path.join(root, 'logs/2026/loop'));
    fs.symlinkSync(outside, path.join(root, 'logs/2025'));
    const check = await cli(['--dir', root, 'check', '--json']);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/linked|secret|loop/);
    const toggle = await cli(['--dir', root, 'toggle', 'goals/linked.md:1']);
    expect(toggle.code).toBe(1);
    expect(toggle.stderr).toMatch(/links outside the journal/);
    expect(fs.readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe('- [ ] not yours\n');
  });
});

describe('concurrency', () => {
  it('concurrent toggles of different lines of one file all land', async () => {
    const lines = ['---', 'title: Many', '---', '## Stages', ...Array.from({ length: 12 }, (_, i) => `- [ ] step ${i}`), ''];
    const root = makeJournal({ 'goals/many.md': lines.join('\n') });
    await Promise.all(Array.from({ length: 12 }, (_, i) => run(process.execPath, [CLI_BIN, '--dir', root, 'toggle', `goals/many.md:${5 + i}`, '--date', '2026-11-22'])));
    const after = fs.readFileSync(path.join(root, 'goals/many.md'), 'utf8').split('\n');
    for (let i = 0; i < 12; i++) expect(after[4 + i]).toBe(`- [x] step ${i} ✅ 2026-11-22`);
  });

  it('a report never reads a half-written file: writers replace files atomically', async () => {
    const root = copySample();
    const before = snapshot(root);
    const reports = Array.from({ length: 6 }, () => run(process.execPath, [CLI_BIN, '--dir', root, 'report', 'week', '2026-W47', '--as-of', '2026-11-22', '--json']));
    const writes = Array.from({ length: 6 }, (_, i) => run(process.execPath, [CLI_BIN, '--dir', root, 'log', 'morning-energy', i % 2 ? 'standard' : 'minimum', '--date', '2026-11-20']));
    const results = await Promise.all([...reports, ...writes]);
    for (const r of results.slice(0, 6)) {
      const data = JSON.parse(r.stdout);
      expect(data.goals[0].id).toBe('morning-energy');
      expect(data.goals[0].totals.done).toBeGreaterThanOrEqual(4);
    }
    expect(snapshot(root).size).toBe(before.size);
  });
});

// The built CLI compiles itself with V8's code cache, kept per command beside the parse cache: the output never
// depends on it, a damaged or foreign cache is never handed to V8 (it is written again), another build's caches
// go, and KAIZEN_CACHE=off keeps none.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, copySample, tempDir } from '../helpers.js';
import { CODE_CACHED_COMMANDS } from '../../src/cli/code-cache.js';

function kaizen(cacheDir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, KAIZEN_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8' });
}

const codeFiles = (cacheDir: string) => (fs.existsSync(path.join(cacheDir, 'code')) ? fs.readdirSync(path.join(cacheDir, 'code')).sort() : []);

describe('the code cache of the built CLI', () => {
  it('is written once per command, then used, and never changes what a command prints', () => {
    const root = copySample({ pinned: true });
    const cacheDir = tempDir();
    const stats = ['--dir', root, 'stats', '--json'];
    const expected = kaizen(cacheDir, stats, { KAIZEN_CACHE: 'off' });
    expect(codeFiles(cacheDir)).toEqual([]);
    expect(kaizen(cacheDir, stats)).toBe(expected);
    const [file, ...others] = codeFiles(cacheDir);
    expect(others).toEqual([]);
    // Named by the script's hash, this Node and the command (found after --dir's value).
    expect(file).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}-stats\\.bin$`));
    const cache = path.join(cacheDir, 'code', file!);
    const written = fs.statSync(cache).mtimeMs;
    fs.utimesSync(cache, 1_700_000_000, 1_700_000_000);
    expect(kaizen(cacheDir, stats)).toBe(expected);
    // Used, not written again.
    expect(fs.statSync(cache).mtimeMs).toBe(1_700_000_000_000);
    expect(written).toBeGreaterThan(1_700_000_000_000);
    expect(kaizen(cacheDir, ['--dir', root, 'check', '--json']).length).toBeGreaterThan(0);
    expect(codeFiles(cacheDir).map((f) => f.replace(/^.*-/, ''))).toEqual(['check.bin', 'stats.bin']);
  });

  it('never hands a damaged cache to V8: the command runs as without one and the cache is written again', () => {
    const root = copySample({ pinned: true });
    const cacheDir = tempDir();
    // Not `stats`: once the copy's files are two seconds old, the launcher replays its kept answer without the CLI.
    const stats = ['--dir', root, 'check', '--json'];
    const expected = kaizen(cacheDir, stats);
    const cache = path.join(cacheDir, 'code', codeFiles(cacheDir)[0]!);
    const good = fs.readFileSync(cache);
    for (const damage of [
      (b: Buffer) => b.subarray(0, b.length >> 1),
      (b: Buffer) => { const c = Buffer.from(b); c.writeUInt8(c.readUInt8(c.length >> 1) ^ 0xff, c.length >> 1); return c; },
      () => Buffer.alloc(0),
      () => Buffer.from('not a cache'),
    ]) {
      fs.writeFileSync(cache, damage(good));
      expect(kaizen(cacheDir, stats)).toBe(expected);
      // Written again whole: its digest is that of the bytes after it.
      const again = fs.readFileSync(cache);
      expect(again.length).toBeGreaterThan(good.length / 2);
      expect(createHash('sha1').update(again.subarray(20)).digest().equals(again.subarray(0, 20))).toBe(true);
    }
  });

  it('removes the caches of other builds when it writes one, and keeps none with KAIZEN_CACHE=off', () => {
    const root = copySample({ pinned: true });
    const cacheDir = tempDir();
    fs.mkdirSync(path.join(cacheDir, 'code'));
    const old = path.join(cacheDir, 'code', `0123456789abcdef-${process.version}-${process.arch}-stats.bin`);
    fs.writeFileSync(old, 'an old build');
    kaizen(cacheDir, ['--dir', root, 'stats']);
    expect(fs.existsSync(old)).toBe(false);
    expect(codeFiles(cacheDir)).toHaveLength(1);
    const off = tempDir();
    kaizen(off, ['--dir', root, 'stats'], { KAIZEN_CACHE: 'off' });
    expect(fs.readdirSync(off)).toEqual([]);
  });

  it('has a cache name for each command the CLI has', () => {
    const commands = kaizen(tempDir(), ['__complete', 'commands']).trim().split('\n').filter((c) => c !== 'completion' && c !== 'help');
    expect([...CODE_CACHED_COMMANDS].sort()).toEqual(commands.sort());
  });
});

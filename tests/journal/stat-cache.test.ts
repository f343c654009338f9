// The persistent parse cache trusted by stat data, as git trusts its index: a warm read reads no
// unchanged file, and every way a file can change without its stat data saying so plainly still gives
// the numbers of a fresh read (a same-size edit in the same timestamp tick, a file replaced by git,
// an mtime moved backwards, a cache from another build).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { FileResultCache, RACY_WINDOW_NS, trustedSignature } from '../../src/journal/result-cache.js';
import type { JournalFileSystem } from '../../src/journal/file-system.js';
import { tempDir } from '../helpers.js';
import { emptyHabits, readShardFile, writeShardFile } from './shard-file.js';

const AS_OF = '2026-11-15';

function generated(): string {
  const root = tempDir();
  execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '8', '--seed', '5']);
  return root;
}

/** node:fs with the files it reads counted. */
function counting(base: JournalFileSystem = nodeFileSystem): JournalFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return { reads, readFile: (p) => { reads.push(p); return base.readFile(p); }, readDirectory: (p) => base.readDirectory(p), stat: (p) => base.stat(p) };
}

/** What a person sees: every goal's numbers and every diagnostic. */
async function numbers(fsys: JournalFileSystem, root: string, cache?: FileResultCache): Promise<string> {
  const journal = await Journal.open(fsys, root, cache ? { resultCache: cache } : {});
  await cache?.save();
  const text = JSON.stringify({ stats: journal.stats(AS_OF), diagnostics: journal.diagnostics() });
  // A digest keeps a failure's message short; the unicode probe below is kept readable.
  return `${createHash('sha1').update(text).digest('hex')} ${text.match(/Écrire[^"]*/)?.[0] ?? ''}`;
}

const cacheOf = (root: string, cacheDir: string, build = 'build-1') => FileResultCache.load(root, build, { KAIZEN_CACHE_DIR: cacheDir });

/** Moves a file's times well before now, as if written long ago, so its entry is not racily clean. */
function age(file: string, seconds = 3600): void {
  const t = Date.now() / 1000 - seconds;
  fs.utimesSync(file, t, t);
}

/** A checkbox flipped: the same size, other numbers. */
function flip(file: string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = before.includes('- [ ] [[') ? before.replace('- [ ] [[', '- [x] [[') : before.replace('- [x] [[', '- [ ] [[');
  expect(after.length).toBe(before.length);
  fs.writeFileSync(file, after);
}

function allFiles(root: string): string[] {
  return fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => path.join(root, f));
}

describe('stat-validated parse cache', () => {
  it('reads no unchanged file on a warm open, and re-reads only the changed one', async () => {
    const root = generated();
    for (const f of allFiles(root)) age(f);
    const cacheDir = tempDir();
    const fresh = await numbers(nodeFileSystem, root);
    const cold = counting();
    expect(await numbers(cold, root, cacheOf(root, cacheDir))).toBe(fresh);
    expect(cold.reads.filter((p) => p.endsWith('.md')).length).toBeGreaterThan(300);
    const warm = counting();
    expect(await numbers(warm, root, cacheOf(root, cacheDir))).toBe(fresh);
    expect(warm.reads.filter((p) => p.endsWith('.md'))).toEqual([]);
    const log = path.join(root, 'logs/2026/2026-11-10.md');
    flip(log);
    age(log);
    const edited = counting();
    const after = await numbers(edited, root, cacheOf(root, cacheDir));
    expect(after).toBe(await numbers(nodeFileSystem, root));
    expect(after).not.toBe(fresh);
    expect(edited.reads.filter((p) => p.endsWith('.md'))).toEqual([log.split(path.sep).join('/')]);
  });

  it('re-hashes a file changed too close to its read until it is older than the racy window', async () => {
    const root = generated();
    for (const f of allFiles(root)) age(f);
    const log = path.join(root, 'logs/2026/2026-11-12.md');
    flip(log);
    // A clock a minute ahead of this one (a network disk): the file looks just written for a minute.
    const ahead = Date.now() / 1000 + 60;
    fs.utimesSync(log, ahead, ahead);
    const cacheDir = tempDir();
    await numbers(nodeFileSystem, root, cacheOf(root, cacheDir));
    for (let run = 0; run < 2; run++) {
      const again = counting();
      expect(await numbers(again, root, cacheOf(root, cacheDir))).toBe(await numbers(nodeFileSystem, root));
      expect(again.reads.filter((p) => p.endsWith('.md'))).toEqual([log]);
    }
    age(log);
    const recorded = counting();
    await numbers(recorded, root, cacheOf(root, cacheDir));
    expect(recorded.reads.filter((p) => p.endsWith('.md'))).toEqual([log]);
    const trusted = counting();
    await numbers(trusted, root, cacheOf(root, cacheDir));
    expect(trusted.reads.filter((p) => p.endsWith('.md'))).toEqual([]);
  });

  it('records stat data only for a file that changed longer than the racy window before its read', () => {
    const sig = (mtimeNs: bigint) => ({ key: 'k', mtimeNs });
    const readAt = 1_800_000_000_000_000_000n;
    expect(trustedSignature(sig(readAt - RACY_WINDOW_NS - 1n), readAt)).toBe('k');
    expect(trustedSignature(sig(readAt - RACY_WINDOW_NS), readAt)).toBeNull();
    expect(trustedSignature(sig(readAt), readAt)).toBeNull();
    expect(trustedSignature(sig(readAt + 5n), readAt)).toBeNull();
    expect(trustedSignature(undefined, readAt)).toBeNull();
    expect(trustedSignature(sig(0n), undefined)).toBeNull();
    expect(RACY_WINDOW_NS).toBeGreaterThanOrEqual(1_000_000_000n);
  });

  it('gives fresh numbers after a same-size edit within the same second on a file system with one-second times', async () => {
    const root = generated();
    for (const f of allFiles(root)) age(f);
    // ext3, HFS+ and many network disks keep whole seconds: an edit in the same second keeps size, times and inode.
    const coarse: JournalFileSystem = {
      readFile: (p) => nodeFileSystem.readFile(p),
      readDirectory: (p) => nodeFileSystem.readDirectory(p),
      async stat(p) {
        const s = fs.lstatSync(p, { bigint: true, throwIfNoEntry: false });
        const real = await nodeFileSystem.stat(p);
        if (!s || !real || real.kind !== 'file') return real;
        const sec = (ns: bigint) => (ns / 1_000_000_000n) * 1_000_000_000n;
        return { ...real, signature: { key: `${s.size}:${sec(s.mtimeNs)}:${sec(s.ctimeNs)}:${s.ino}`, mtimeNs: sec(s.mtimeNs) } };
      },
    };
    const cacheDir = tempDir();
    await numbers(coarse, root, cacheOf(root, cacheDir));
    const log = path.join(root, 'logs/2026/2026-11-14.md');
    const key = async () => (await coarse.stat(log))?.signature?.key;
    // Edited, read into the cache, and edited back, all within one second of the file's clock.
    let same = false;
    for (let attempt = 0; attempt < 30 && !same; attempt++) {
      while (Date.now() % 1000 > 200) await new Promise((r) => setTimeout(r, 10));
      flip(log);
      await numbers(coarse, root, cacheOf(root, cacheDir));
      const before = await key();
      flip(log);
      same = (await key()) === before;
    }
    expect(same).toBe(true);
    expect(await numbers(coarse, root, cacheOf(root, cacheDir))).toBe(await numbers(nodeFileSystem, root));
  });

  it('gives fresh numbers for a file replaced by git checkout with the same size and mtime', async () => {
    const root = generated();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'journal');
    const log = path.join(root, 'logs/2026/2026-11-13.md');
    git('checkout', '-q', '-b', 'other');
    flip(log);
    git('commit', '-q', '-am', 'flip');
    git('checkout', '-q', 'main');
    for (const f of allFiles(root)) age(f);
    const cacheDir = tempDir();
    await numbers(nodeFileSystem, root, cacheOf(root, cacheDir));
    const { ino, mtime } = fs.statSync(log);
    // Held open, the old file keeps its inode: git's new file cannot reuse the number.
    const held = fs.openSync(log, 'r');
    git('checkout', '-q', 'other');
    fs.closeSync(held);
    fs.utimesSync(log, mtime, mtime);
    expect(fs.statSync(log).ino).not.toBe(ino);
    expect(fs.statSync(log).mtime.getTime()).toBe(mtime.getTime());
    const expected = await numbers(nodeFileSystem, root);
    expect(await numbers(nodeFileSystem, root, cacheOf(root, cacheDir))).toBe(expected);
  });

  it('gives fresh numbers when an edit moves the mtime backwards', async () => {
    const root = generated();
    for (const f of allFiles(root)) age(f, 600);
    const cacheDir = tempDir();
    const first = await numbers(nodeFileSystem, root, cacheOf(root, cacheDir));
    const log = path.join(root, 'logs/2026/2026-11-11.md');
    flip(log);
    age(log, 86_400 * 30);
    const expected = await numbers(nodeFileSystem, root);
    expect(expected).not.toBe(first);
    expect(await numbers(nodeFileSystem, root, cacheOf(root, cacheDir))).toBe(expected);
  });

  it('never trusts a cache written by another build, even with matching stat data', async () => {
    const root = generated();
    for (const f of allFiles(root)) age(f);
    const cacheDir = tempDir();
    const expected = await numbers(nodeFileSystem, root);
    await numbers(nodeFileSystem, root, cacheOf(root, cacheDir, 'build-1'));
    // Build 1's results "parsed differently": every log says nothing.
    const dir = path.join(cacheDir, fs.readdirSync(cacheDir)[0]!);
    // The shards (the daily notes' placement beside them says nothing of any file's contents).
    for (const name of fs.readdirSync(dir).filter((n) => /^[0-9a-f]{16}\.json$/.test(n))) {
      const shard = readShardFile(path.join(dir, name));
      for (const entry of Object.values(shard.header.entries)) emptyHabits(entry);
      writeShardFile(path.join(dir, name), shard);
    }
    expect(await numbers(nodeFileSystem, root, cacheOf(root, cacheDir, 'build-1'))).not.toBe(expected);
    expect(await numbers(nodeFileSystem, root, cacheOf(root, cacheDir, 'build-2'))).toBe(expected);
  });

  it('keeps text in any script through the ASCII shard', async () => {
    const root = generated();
    const goal = path.join(root, 'goals', fs.readdirSync(path.join(root, 'goals'))[0]!);
    const text = fs.readFileSync(goal, 'utf8');
    expect(text).toMatch(/^- \[[ x]\] /m);
    fs.writeFileSync(goal, text.replace(/^- \[([ x])\] /m, '- [$1] Écrire 每天 📝 ≥ 5 min, '));
    for (const f of allFiles(root)) age(f);
    const cacheDir = tempDir();
    const expected = await numbers(nodeFileSystem, root);
    expect(expected).toContain('每天 📝');
    await numbers(nodeFileSystem, root, cacheOf(root, cacheDir));
    const warm = counting();
    expect(await numbers(warm, root, cacheOf(root, cacheDir))).toBe(expected);
    expect(warm.reads.filter((p) => p.endsWith('.md'))).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock, writeFileAtomic } from '../../src/journal/node-file-system.js';
import { JournalError } from '../../src/model/errors.js';
import { tempDir } from '../helpers.js';

describe('atomic writes', () => {
  it('replaces the file, keeps its mode and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    const inode = fs.statSync(file).ino;
    await writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).ino).not.toBe(inode); // a rename, not an in-place rewrite
    expect(fs.readdirSync(dir)).toEqual(['a.md']);
  });

  it('exclusive: creates the whole file at once, never replaces one that is there, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'backup.db');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]), 'backup.db', { exclusive: true });
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    await expect(writeFileAtomic(file, 'other', 'backup.db', { exclusive: true })).rejects.toThrow(/backup\.db exists: not overwriting it/);
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['backup.db']);
  });

  it('on failure says why, removes its temporary file and keeps the target', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'folder.md');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(JournalError);
    expect(fs.readdirSync(dir)).toEqual(['folder.md']);
    expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('x');
  });
});

describe('file locks', () => {
  it('serialise concurrent read-modify-write so no update is lost', async () => {
    const file = path.join(tempDir(), 'counter.txt');
    fs.writeFileSync(file, '0');
    await Promise.all(Array.from({ length: 20 }, () => withFileLock(file, async () => {
      const n = Number(fs.readFileSync(file, 'utf8'));
      await new Promise((r) => setTimeout(r, 2));
      await writeFileAtomic(file, String(n + 1));
    })));
    expect(fs.readFileSync(file, 'utf8')).toBe('20');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['counter.txt']);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const file = path.join(tempDir(), 'x.md');
    const lock = path.join(path.dirname(file), '.x.md.kaizen-lock');
    fs.writeFileSync(lock, '99999');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
    expect(fs.existsSync(lock)).toBe(false);
  });
});

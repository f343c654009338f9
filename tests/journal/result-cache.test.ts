// The CLI's persistent parse cache: never changes a result, misses on any change, and is rebuilt
// (never trusted) when it is corrupted or from another build.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, tempDir } from '../helpers.js';
import { readShardFile, writeShardFile } from './shard-file.js';

function journal(): string {
  const root = tempDir();
  execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '12', '--seed', '11']);
  return root;
}

function kaizen(root: string, cacheDir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [CLI_BIN, '--dir', root, ...args], { env: { ...process.env, KAIZEN_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8' });
}

const STATS = ['stats', '--json', '--as-of', '2026-11-15'];

describe('persistent parse cache', () => {
  it('gives the same results cached, warm and uncached, stored outside the journal', () => {
    const root = journal();
    const cacheDir = tempDir();
    const uncached = kaizen(root, cacheDir, STATS, { KAIZEN_CACHE: 'off' });
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    const cold = kaizen(root, cacheDir, STATS);
    // One folder of shards for the journal, beside the CLI's code cache.
    const files = fs.readdirSync(cacheDir).filter((f) => f !== 'code');
    expect(files).toHaveLength(1);
    expect(fs.readdirSync(path.join(cacheDir, files[0]!)).length).toBeGreaterThan(1);
    const warm = kaizen(root, cacheDir, STATS);
    expect(cold).toBe(uncached);
    expect(warm).toBe(uncached);
    expect(kaizen(root, cacheDir, ['check', '--json'])).toBe(kaizen(root, cacheDir, ['check', '--json'], { KAIZEN_CACHE: 'off' }));
    expect(fs.readdirSync(root).filter((f) => /cache/i.test(f))).toEqual([]);
  });

  it('misses on a same-size edit within the same second', () => {
    const root = journal();
    const cacheDir = tempDir();
    const log = path.join(root, 'logs/2026/2026-11-10.md');
    kaizen(root, cacheDir, STATS);
    const before = fs.readFileSync(log, 'utf8');
    const flipped = before.includes('- [ ] [[') ? before.replace('- [ ] [[', '- [x] [[') : before.replace('- [x] [[', '- [ ] [[');
    expect(flipped.length).toBe(before.length);
    const { mtime } = fs.statSync(log);
    fs.writeFileSync(log, flipped);
    fs.utimesSync(log, mtime, mtime);
    expect(kaizen(root, cacheDir, STATS)).toBe(kaizen(root, cacheDir, STATS, { KAIZEN_CACHE: 'off' }));
  });

  it('rebuilds a corrupted or foreign cache instead of trusting it', () => {
    const root = journal();
    const cacheDir = tempDir();
    const expected = kaizen(root, cacheDir, STATS, { KAIZEN_CACHE: 'off' });
    kaizen(root, cacheDir, STATS);
    const shards = path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => f !== 'code')!);
    const all = fs.readdirSync(shards).map((f) => path.join(shards, f));
    const file = all.find((f) => readShardFile(f).header.folder === 'logs/2026')!;
    const intact = fs.readFileSync(file);
    for (const other of all) if (other !== file) fs.writeFileSync(other, '{"schema": 1, "build": "x", "entries": {"logs/2026/2026-11-10.md": ["abc", {"value": null, "diagnostics": []}]}');
    fs.writeFileSync(file, intact.subarray(0, 1000));
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
    // Cut inside the logs' texts after the header: the header's length no longer matches.
    fs.writeFileSync(file, intact.subarray(0, intact.length - 10));
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
    const data = readShardFile(file);
    expect(data.header.folder).toBe('logs/2026');
    data.header.schema = 999;
    writeShardFile(file, data);
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
    // A poisoned entry under the right build, with stat data and a content hash of other files, is never used.
    const good = readShardFile(file);
    const poison = [{ file: 'x', line: 1, column: 1, severity: 'error', code: 'yaml-error', message: 'poison' }];
    for (const entry of Object.values(good.header.entries)) {
      if (entry.length === 5) Object.assign(entry[2] as object, { h: [], x: poison });
      else entry[2] = { value: null, diagnostics: poison };
      entry[0] = 'not-the-hash';
      entry[1] = '1:2:3:4:5';
    }
    writeShardFile(file, good);
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
  });
});

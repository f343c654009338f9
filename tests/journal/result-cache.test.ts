// The CLI's persistent parse cache: never changes a result, misses on any change, and is rebuilt
// (never trusted) when it is corrupted or from another build.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, tempDir } from '../helpers.js';

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
    const files = fs.readdirSync(cacheDir);
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
    const shards = path.join(cacheDir, fs.readdirSync(cacheDir)[0]!);
    const all = fs.readdirSync(shards).map((f) => path.join(shards, f));
    const file = all.find((f) => JSON.parse(fs.readFileSync(f, 'utf8')).folder === 'logs/2026')!;
    for (const other of all) if (other !== file) fs.writeFileSync(other, '{"schema": 1, "build": "x", "entries": {"logs/2026/2026-11-10.md": ["abc", {"value": null, "diagnostics": []}]}');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 1000));
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(data.folder).toBe('logs/2026');
    data.schema = 999;
    fs.writeFileSync(file, JSON.stringify(data));
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
    // A poisoned entry under the right build, with stat data and a content hash of other files, is never used.
    const good = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const key of Object.keys(good.entries)) good.entries[key][1] = { value: null, diagnostics: [{ file: key, line: 1, column: 1, severity: 'error', code: 'yaml-error', message: 'poison' }] };
    for (const key of Object.keys(good.entries)) good.entries[key][0] = 'not-the-hash';
    for (const key of Object.keys(good.entries)) good.entries[key][2] = '1:2:3:4:5';
    fs.writeFileSync(file, JSON.stringify(good));
    expect(kaizen(root, cacheDir, STATS)).toBe(expected);
  });
});

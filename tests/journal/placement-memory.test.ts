// Where each daily note goes depends only on the layout and the list of file names, so a warm read reuses the
// placement kept for the same layout and listing (src/journal/unplaced-notes.ts placeDailyNotesKept) instead
// of classifying every name again. Kept or not, it must say exactly what placing the names says.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLayout, type Layout } from '../../src/journal/layout.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { placeDailyNotes, placeDailyNotesKept, type KeptPlacement, type PlacementMemory }
  from '../../src/journal/unplaced-notes.js';
import { FileResultCache } from '../../src/journal/result-cache.js';
import type { JournalFile } from '../../src/journal/journal.js';
import type { Diagnostic } from '../../src/model/types.js';
import { makeJournal, seededRandom, tempDir } from '../helpers.js';

async function layoutOf(config: string): Promise<Layout> {
  const root = makeJournal({});
  fs.writeFileSync(path.join(root, 'kaizen.yaml'), config);
  return (await loadLayout(nodeFileSystem, root)).layout;
}

/** Names a daily folder really holds: days flat and in year or month folders, copies, titles, typos, other notes. */
function randomListing(random: () => number, layout: Layout): JournalFile[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const day = () => `202${Math.floor(random() * 3) + 4}-${pick(['01', '02', '11', '12'])}-${pick(['01', '15', '28', '30', '31'])}`;
  const shapes: (() => string)[] = [
    () => { const d = day(); return `${d.slice(0, 4)}/${d}.md`; },
    () => `${day()}.md`,
    () => { const d = day(); return `${d.slice(0, 4)}/${d.slice(0, 7)}/${d}.md`; },
    () => `${day()} (conflicted copy).md`,
    () => `${day()} 1.md`,
    () => `${day()} Sunday.md`,
    () => { const [y, m, d] = day().split('-'); return `${d}.${m}.${y}.md`; },
    () => pick(['notes.md', 'Ideas.md', 'inbox/todo.md', 'templates/daily.md']),
    () => `misc/deep/${day()}.md`,
  ];
  const rels = new Set<string>();
  const count = 5 + Math.floor(random() * 60);
  for (let i = 0; i < count; i++) rels.add(`${layout.logs}/${pick(shapes)()}`);
  return [...rels].sort().map((rel) => ({ rel, abs: `${layout.root}/${rel}` }));
}

/** A placement as plain data: each day's note by path, so two placements over equal listings compare. */
function plain(placed: ReturnType<typeof placeDailyNotes>, diagnostics: Diagnostic[]) {
  return {
    logFiles: [...placed.logFiles].map(([day, file]) => [day, file.rel]),
    unplaced: placed.unplaced,
    copies: [...placed.copies].sort(),
    diagnostics,
  };
}

function memoryInMemory(): PlacementMemory & { kept: Map<string, KeptPlacement>; asked: number } {
  const kept = new Map<string, KeptPlacement>();
  const memory = {
    kept,
    asked: 0,
    placement(key: string) {
      memory.asked++;
      // Through JSON, as the file keeps it.
      const value = kept.get(key);
      return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as KeptPlacement);
    },
    setPlacement(key: string, placement: KeptPlacement) {
      kept.set(key, placement);
    },
  };
  return memory;
}

describe('the daily notes\' placement kept between reads', () => {
  it('says what placing the names says, first time and kept, over 300 random listings and two layouts (seed 4242)', async () => {
    const random = seededRandom(4242);
    const layouts = [await layoutOf('goals: goals\n'),
      await layoutOf('logs: { folder: Daily, format: "YYYY/YYYY-MM/YYYY-MM-DD" }\n')];
    for (let round = 0; round < 300; round++) {
      const layout = layouts[round % 2]!;
      const files = randomListing(random, layout);
      const direct: Diagnostic[] = [];
      const expected = plain(placeDailyNotes(layout, files, direct), direct);
      const memory = memoryInMemory();
      const first: Diagnostic[] = [];
      expect(plain(placeDailyNotesKept(layout, files, first, memory), first), `round ${round}`).toEqual(expected);
      expect(memory.kept.size).toBe(1);
      // The same names listed again (new objects, as the next read lists them).
      const again = files.map((f) => ({ ...f }));
      const kept: Diagnostic[] = [];
      const keptPlacement = placeDailyNotesKept(layout, again, kept, memory);
      expect(plain(keptPlacement, kept), `round ${round}`).toEqual(expected);
      // The kept placement hands out this read's own file objects.
      for (const file of keptPlacement.logFiles.values()) expect(again).toContain(file);
      // One name more or less is another listing: placed again.
      const changed = round % 3 === 0 ? again.slice(1) : [...again, { rel: `${layout.logs}/2026-11-15.md`, abs: 'x' }]
        .sort((a, b) => (a.rel < b.rel ? -1 : 1));
      const fresh: Diagnostic[] = [];
      const changedDirect: Diagnostic[] = [];
      expect(plain(placeDailyNotesKept(layout, changed, fresh, memory), fresh))
        .toEqual(plain(placeDailyNotes(layout, changed, changedDirect), changedDirect));
    }
  });

  it('is another layout\'s placement only for that layout', async () => {
    const flat = await layoutOf('goals: goals\n');
    const vault = await layoutOf('logs: { folder: logs, format: "YYYY/YYYY-MM/YYYY-MM-DD" }\n');
    const files = ['logs/2026/2026-11/2026-11-15.md', 'logs/2026/2026-11-16.md'].map((rel) => ({ rel, abs: rel }));
    const memory = memoryInMemory();
    const a = plain(placeDailyNotesKept(flat, files, [], memory), []);
    const b = plain(placeDailyNotesKept(vault, files, [], memory), []);
    expect(a).toEqual(plain(placeDailyNotes(flat, files, []), []));
    expect(b).toEqual(plain(placeDailyNotes(vault, files, []), []));
    // Kept apart: the second layout did not get the first one's answer.
    expect(memory.kept.size).toBe(2);
  });

  it('is kept on disk by the parse cache for its build and root only, and a damaged file is placed again', async () => {
    const root = makeJournal({});
    const cacheDir = tempDir();
    const placement: KeptPlacement = { logFiles: [['2026-11-15', 0]], unplaced: [], copies: [], diagnostics: [] };
    const cache = FileResultCache.load(root, 'build-1', { KAIZEN_CACHE_DIR: cacheDir });
    expect(cache.placement('key')).toBeUndefined();
    cache.setPlacement('key', placement);
    await cache.save();
    expect(FileResultCache.load(root, 'build-1', { KAIZEN_CACHE_DIR: cacheDir }).placement('key')).toEqual(placement);
    expect(FileResultCache.load(root, 'build-1', { KAIZEN_CACHE_DIR: cacheDir }).placement('other')).toBeUndefined();
    expect(FileResultCache.load(root, 'build-2', { KAIZEN_CACHE_DIR: cacheDir }).placement('key')).toBeUndefined();
    const file = fs.readdirSync(cacheDir, { recursive: true }).map(String).find((f) => f.endsWith('placement.json'))!;
    const text = fs.readFileSync(path.join(cacheDir, file), 'latin1');
    for (const damaged of [text.slice(0, text.length >> 1), text.replace('"logFiles":[["2026-11-15",0]]', '"logFiles":[[7,"x"]]')]) {
      fs.writeFileSync(path.join(cacheDir, file), damaged);
      expect(FileResultCache.load(root, 'build-1', { KAIZEN_CACHE_DIR: cacheDir }).placement('key')).toBeUndefined();
    }
  });
});

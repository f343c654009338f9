// The parse cache hands daily logs back half-built (habit lines at once, the rest parsed on first use) and keeps
// each log's own lint beside it. Whatever is edited, a warm read must say exactly what a read without the cache
// says: the numbers, every diagnostic and every log object, key for key. A fixed seed replays a failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { FileResultCache } from '../../src/journal/result-cache.js';
import { seededRandom, tempDir } from '../helpers.js';

const AS_OF = '2026-11-15';

const random = seededRandom;

/** Everything a command can read of a journal: numbers, diagnostics, and each log and goal as plain JSON. */
async function everything(root: string, cache?: FileResultCache): Promise<string> {
  const journal = await Journal.open(nodeFileSystem, root, cache ? { resultCache: cache } : {});
  await cache?.save();
  return JSON.stringify({ stats: journal.stats(AS_OF), diagnostics: journal.diagnostics(), logs: journal.logs, goals: journal.goals });
}

function markdownFiles(root: string, folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort()
    .map((f) => path.join(root, folder, f));
}

/** A time long enough ago that the file's entry records its stat data (not racily clean). */
function settle(file: string, rand: () => number): void {
  const t = Date.now() / 1000 - 60 - Math.floor(rand() * 86_400 * 30);
  fs.utimesSync(file, t, t);
}

describe('half-built logs from the parse cache', () => {
  it('read warm equal a read without the cache after 150 random edits to logs and goals (seed 2026)', async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '6', '--seed', '3']);
    const rand = random(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    for (const f of [...markdownFiles(root, 'logs'), ...markdownFiles(root, 'goals')]) settle(f, rand);
    const cacheDir = tempDir();
    const cache = () => FileResultCache.load(root, 'test-build', { KAIZEN_CACHE_DIR: cacheDir });
    expect(await everything(root, cache())).toBe(await everything(root));
    const goalIds = () => markdownFiles(root, 'goals').map((f) => path.basename(f, '.md'));

    const edits: Record<string, (log: string) => void> = {
      flip(log) {
        const text = fs.readFileSync(log, 'utf8');
        const lines = text.split('\n');
        const boxes = lines.map((l, i) => (/^- \[[ x]\] /.test(l) ? i : -1)).filter((i) => i >= 0);
        if (boxes.length === 0) return;
        const i = pick(boxes);
        lines[i] = (lines[i] as string).startsWith('- [ ]') ? (lines[i] as string).replace('- [ ]', '- [x]') : (lines[i] as string).replace('- [x]', '- [ ]');
        fs.writeFileSync(log, lines.join('\n'));
      },
      // The log's own lint: a done date on an open task, a recurrence Obsidian Tasks cannot read.
      doneDateOnOpenTask: (log) => fs.appendFileSync(log, `\n- [ ] Water the plants ✅ ${AS_OF}\n`),
      badRecurrence: (log) => fs.appendFileSync(log, '\n- [ ] Sweep 🔁 every blue moon\n'),
      dateMismatch(log) {
        const text = fs.readFileSync(log, 'utf8');
        fs.writeFileSync(log, text.replace(/^date: \d{4}-\d{2}-\d{2}$/m, 'date: 2020-01-01'));
      },
      habitLine: (log) => fs.appendFileSync(log, `\n- [x] [[${pick([...goalIds(), 'no-such-goal', 'Walk'])}]] minimum: a step [value:: ${Math.floor(rand() * 9)}]\n`),
      tag: (log) => fs.appendFileSync(log, `\nA good day #${pick(['focus', 'travel', 'Focus'])}\n`),
      unicode: (log) => fs.appendFileSync(log, '\n- [x] Écrire 每天 📝 ≥ 5 min\n'),
      frontmatterField: (log) => fs.writeFileSync(log, fs.readFileSync(log, 'utf8').replace(/^---\n/, `---\nmood: ${pick(['calm', 'tired', 'ok'])}\n`)),
      remove: (log) => fs.rmSync(log),
      touch: () => {},
    };
    const names = Object.keys(edits);
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 5; k++) {
        const logs = markdownFiles(root, 'logs');
        if (rand() < 0.1) {
          // A goal edit: a new alias moves links to it (the links' lint and the habit lines resolved change).
          const goal = pick(markdownFiles(root, 'goals'));
          fs.writeFileSync(goal, fs.readFileSync(goal, 'utf8').replace(/^---\n/, `---\naliases: [${pick(['Walk', 'no-such-goal', 'x'])}]\n`)
            .replace(/^aliases: \[[^\]]*\]\n(aliases:)/m, '$1'));
          settle(goal, rand);
          continue;
        }
        if (rand() < 0.1) {
          // A new day's note, written as the CLI would.
          const day = `2026-12-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
          const file = path.join(root, 'logs', '2026', `${day}.md`);
          fs.writeFileSync(file, `---\ndate: ${day}\n---\n\n## Habits\n- [x] [[${pick(goalIds())}]] standard: done\n`);
          settle(file, rand);
          continue;
        }
        const log = pick(logs);
        edits[pick(names)]!(log);
        if (fs.existsSync(log)) settle(log, rand);
      }
      const warm = await everything(root, cache());
      expect(warm, `round ${round}`).toBe(await everything(root));
      // And once more from the shards just written, with nothing changed in between.
      expect(await everything(root, cache()), `round ${round}, again`).toBe(warm);
    }
  }, 120_000);

  it('a half-built log spreads, serialises and compares as the plain log it stands for', async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '3', '--seed', '9']);
    for (const f of markdownFiles(root, 'logs')) fs.utimesSync(f, 1_700_000_000, 1_700_000_000);
    const cacheDir = tempDir();
    const cache = () => FileResultCache.load(root, 'test-build', { KAIZEN_CACHE_DIR: cacheDir });
    const plain = await Journal.open(nodeFileSystem, root, {});
    const first = cache();
    await Journal.open(nodeFileSystem, root, { resultCache: first });
    await first.save();
    const warm = await Journal.open(nodeFileSystem, root, { resultCache: cache() });
    expect(warm.logs.length).toBe(plain.logs.length);
    const [a, b] = [warm.logs[3]!, plain.logs[3]!];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect({ ...a }).toEqual(b);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // A write to a field not yet built keeps the rest of it.
    const c = warm.logs[4]!;
    const places = plain.logs[4]!.places;
    c.tasks = [];
    expect(c.tasks).toEqual([]);
    expect(c.places).toEqual(places);
    expect(Object.keys(c)).toEqual(Object.keys(plain.logs[4]!));
  });
});

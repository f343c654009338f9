// A long-lived process (`kaizen daemon`) reads the same journal again and again, and keeps each goal's numbers for
// the next read while the goal's parse and what its notes say day by day are the same. Whatever is edited, the
// numbers it gives must be the ones a read without any cache gives; a fixed seed replays a failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { FileResultCache, keepCacheReadsInMemory } from '../../src/journal/result-cache.js';
import { computeGoalStats } from '../../src/model/goal-stats.js';
import { firstLinkedDay } from '../../src/model/habit-days.js';
import { sameHabitDays } from '../../src/journal/goal-stats-memo.js';
import type { GoalStats } from '../../src/model/goal-stats.js';
import { makeJournal, seededRandom, tempDir } from '../helpers.js';

const TASKS_SETTINGS = '.obsidian/plugins/obsidian-tasks-plugin/data.json';

function markdownFiles(root: string, folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort()
    .map((f) => path.join(root, folder, f));
}

/** Old enough that the cache trusts the file's stat data, as it does for all but the newest notes. */
function settle(file: string, rand: () => number): void {
  const t = Date.now() / 1000 - 60 - Math.floor(rand() * 3600 * 24 * 30);
  fs.utimesSync(file, t, t);
}

/** Each goal's numbers counted from scratch on the same read: what the kept ones must equal. */
function counted(journal: Journal, asOf: string): string {
  const days = journal.habitDays();
  return JSON.stringify(journal.orderedGoals().map((goal) => {
    const goalDays = days.get(goal.id) ?? new Map();
    return { goal: goal.id, stats: computeGoalStats(goal, goalDays, asOf, firstLinkedDay(goalDays)) };
  }));
}

const statsJson = (journal: Journal, asOf: string) =>
  JSON.stringify(journal.stats(asOf).map(({ goal, stats }) => ({ goal: goal.id, stats })));

describe('goal numbers kept between reads of a long-lived process', () => {
  keepCacheReadsInMemory();

  it('equal a read without the cache after 120 rounds of random edits, and are kept for untouched goals (seed 612)', async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '8', '--seed', '5']);
    const rand = seededRandom(612);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    for (const f of [...markdownFiles(root, 'logs'), ...markdownFiles(root, 'goals')]) settle(f, rand);
    const cacheDir = tempDir();
    const goalIds = () => markdownFiles(root, 'goals').map((f) => path.basename(f, '.md'));
    const flip = (file: string) => {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const boxes = lines.map((l, i) => (/^- \[[ x]\] /.test(l) ? i : -1)).filter((i) => i >= 0);
      if (boxes.length === 0) return;
      const i = pick(boxes);
      const line = lines[i] as string;
      lines[i] = line.startsWith('- [ ]') ? line.replace('- [ ]', '- [x]') : line.replace('- [x]', '- [ ]');
      fs.writeFileSync(file, lines.join('\n'));
    };
    const edits: Record<string, () => void> = {
      flipHabit: () => flip(pick(markdownFiles(root, 'logs'))),
      flipTask: () => flip(pick(markdownFiles(root, 'goals'))),
      value: () => fs.appendFileSync(pick(markdownFiles(root, 'logs')),
        `\n- [x] [[${pick(goalIds())}]] minimum: a step [value:: ${Math.floor(rand() * 9)}]\n`),
      skip: () => fs.appendFileSync(pick(markdownFiles(root, 'logs')), `\n- [x] [[${pick(goalIds())}]] skip: ill\n`),
      prose: () => fs.appendFileSync(pick(markdownFiles(root, 'logs')), '\nA quiet day.\n'),
      removeLog: () => fs.rmSync(pick(markdownFiles(root, 'logs'))),
      newLog() {
        const day = `2026-${pick(['10', '11', '12'])}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        const file = path.join(root, 'logs', '2026', `${day}.md`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `---\ndate: ${day}\n---\n\n## Habits\n- [x] [[${pick(goalIds())}]] standard: done\n`);
      },
      goalStart() {
        const goal = pick(markdownFiles(root, 'goals'));
        const text = fs.readFileSync(goal, 'utf8');
        fs.writeFileSync(goal, text.replace(/^start: \d{4}-\d{2}-\d{2}$/m, `start: 2026-0${1 + Math.floor(rand() * 9)}-01`));
      },
      tasksSettings() {
        const file = path.join(root, TASKS_SETTINGS);
        if (fs.existsSync(file)) return fs.rmSync(path.join(root, '.obsidian'), { recursive: true });
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const type = pick(['DONE', 'CANCELLED', 'IN_PROGRESS']);
        fs.writeFileSync(file, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'x', name: 'X', type }] } }));
      },
      touch: () => {},
    };
    const names = Object.keys(edits);
    let previous = new Map<string, GoalStats>();
    let kept = 0;
    let counted_ = 0;
    for (let round = 0; round < 120; round++) {
      const edit = pick(names);
      edits[edit]!();
      for (const f of [...markdownFiles(root, 'logs'), ...markdownFiles(root, 'goals')]) {
        if (fs.statSync(f).mtimeMs > Date.now() - 10_000) settle(f, rand);
      }
      const asOf = rand() < 0.15 ? '2026-10-31' : '2026-11-15';
      const cache = FileResultCache.load(root, 'test-build', { KAIZEN_CACHE_DIR: cacheDir });
      const warm = await Journal.open(nodeFileSystem, root, { resultCache: cache });
      await cache.save();
      const rows = warm.stats(asOf);
      const fresh = await Journal.open(nodeFileSystem, root);
      const context = `round ${round} (${edit}, as of ${asOf})`;
      expect(statsJson(warm, asOf), context).toBe(statsJson(fresh, asOf));
      expect(statsJson(warm, asOf), context).toBe(counted(warm, asOf));
      for (const { goal, stats } of rows) {
        if (previous.get(goal.id) === stats) kept++;
        else counted_++;
      }
      previous = new Map(rows.map((r) => [r.goal.id, r.stats]));
    }
    // Not a vacuous pass: most goals' numbers were kept across rounds, and edits made others be counted again.
    expect(kept).toBeGreaterThan(400);
    expect(counted_).toBeGreaterThan(100);
  }, 120_000);

  it('a goal whose task statuses change with the vault\'s settings is counted again', async () => {
    const goal = '---\ntitle: Read\nwhy: calm\nstart: 2026-11-02\nmetric: tasks\n---\n## Tasks\n- [d] chapter one\n- [x] chapter two\n- [ ] chapter three\n';
    const root = makeJournal({ 'goals/read.md': goal, 'logs/2026/2026-11-16.md': '---\ndate: 2026-11-16\n---\n' });
    for (const f of markdownFiles(root, 'goals')) fs.utimesSync(f, 1_700_000_000, 1_700_000_000);
    const cacheDir = tempDir();
    const progress = async () => {
      const cache = FileResultCache.load(root, 'test-build', { KAIZEN_CACHE_DIR: cacheDir });
      const journal = await Journal.open(nodeFileSystem, root, { resultCache: cache });
      await cache.save();
      return journal.stats('2026-11-20')[0]?.stats.progress;
    };
    const without = await progress();
    const file = path.join(root, TASKS_SETTINGS);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', type: 'DONE' }] } }));
    const withDelegatedDone = await progress();
    expect(withDelegatedDone).not.toEqual(without);
    fs.rmSync(path.join(root, '.obsidian'), { recursive: true });
    expect(await progress()).toEqual(without);
  });

  it('compares what each day says, in order', () => {
    const day = (standard: boolean, values: number[] = []) => ({ standard, minimum: false, skip: false, values });
    const a = new Map([['2026-11-01', day(true)], ['2026-11-02', day(false, [1, 2])]]);
    expect(sameHabitDays(a, new Map([['2026-11-01', day(true)], ['2026-11-02', day(false, [1, 2])]]))).toBe(true);
    expect(sameHabitDays(a, new Map([['2026-11-01', day(true)], ['2026-11-02', day(false, [2, 1])]]))).toBe(false);
    expect(sameHabitDays(a, new Map([['2026-11-01', day(true)], ['2026-11-02', day(true, [1, 2])]]))).toBe(false);
    expect(sameHabitDays(a, new Map([['2026-11-01', day(true)], ['2026-11-03', day(false, [1, 2])]]))).toBe(false);
    expect(sameHabitDays(a, new Map([['2026-11-02', day(false, [1, 2])], ['2026-11-01', day(true)]]))).toBe(false);
    expect(sameHabitDays(a, new Map([['2026-11-01', day(true)]]))).toBe(false);
    expect(sameHabitDays(new Map([['2026-11-01', day(false, [NaN])]]), new Map([['2026-11-01', day(false, [NaN])]]))).toBe(true);
  });
});

// Three devices on one journal, at random (issue 23): two laptops with `kaizen sync setup` and a phone
// with plain git and no merge driver that commits whatever markers its merges leave, without a base
// section (as isomorphic-git writes them). Every edit only adds (a check, a ticked task, a note line),
// so the end is known: every check and note exactly once, nothing unchecked, no markers, and every
// device able to sync. Seeded; KAIZEN_SYNC_ROUNDS=3000 runs it long.
import { describe, expect, it, vi } from 'vitest';
import { commitAll, device, git, kaizen, makeRemote, phoneSync, read, write } from './devices.js';
import { seededRandom } from '../helpers.js';

vi.setConfig({ testTimeout: 900_000 });

const ROUNDS = Number(process.env.KAIZEN_SYNC_ROUNDS ?? 150);
const SEED = Number(process.env.KAIZEN_SYNC_SEED ?? 23);

const random = seededRandom;

const READ = `---
title: Read every evening
start: 2026-11-01
habit:
  cadence: 5/week
  minimum: One page
  standard: Read 20 pages
---
# Read every evening
`;
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25'];
const HABITS = [['walk', 'minimum'], ['walk', 'standard'], ['read', 'minimum'], ['read', 'standard']] as const;
const TASKS = ['Pick a route (1h)', 'Lay out shoes the night before (15m)', 'Buy a rain jacket (30m)'];
const dayFile = (day: string) => `logs/2026/${day}.md`;

/** An edit as a person makes it in any editor: one box, one line, the first place it matches. */
function replaceFirst(root: string, rel: string, pattern: RegExp, to: (m: RegExpExecArray) => string): boolean {
  const text = read(root, rel);
  const m = pattern.exec(text);
  if (!m) return false;
  write(root, rel, text.slice(0, m.index) + to(m) + text.slice(m.index + m[0].length));
  return true;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('three devices, one without the merge driver, at random', () => {
  it(`${ROUNDS} rounds (seed ${SEED}): nothing lost, undone or duplicated; every device syncs at the end`, () => {
    const { dir, remote } = makeRemote({ 'goals/read.md': READ });
    const seed = device(dir, remote, 'seed');
    for (const day of DAYS.slice(1)) kaizen(seed, ['today', '--date', day]);
    kaizen(seed, ['sync']);
    const devices = [
      { name: 'laptop-a', kind: 'laptop' as const, root: device(dir, remote, 'laptop-a') },
      { name: 'laptop-b', kind: 'laptop' as const, root: device(dir, remote, 'laptop-b') },
      { name: 'phone', kind: 'phone' as const, root: device(dir, remote, 'phone', 'phone') },
    ];
    const rand = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const checks = new Set<string>();
    const ticked = new Set<string>();
    const notes = new Map<string, string>();
    let n = 0;
    const sync = (d: (typeof devices)[number], round: number) => {
      if (d.kind === 'phone') return phoneSync(d.root, `phone ${round}`);
      const r = kaizen(d.root, ['sync'], null);
      if (r.code !== 0) throw new Error(`round ${round} (seed ${SEED}): kaizen sync on ${d.name} failed:\n${r.err}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      const d = pick(devices);
      const what = rand();
      if (what < 0.3) sync(d, round);
      else if (what < 0.65) {
        const [goal, level] = pick(HABITS);
        const day = pick(DAYS);
        if (replaceFirst(d.root, dayFile(day), new RegExp(`- \\[ \\] \\[\\[${goal}\\]\\] ${level}`), () => `- [x] [[${goal}]] ${level}`)) {
          checks.add(`${day}|${goal}|${level}`);
        }
      } else if (what < 0.9) {
        const day = pick(DAYS);
        const note = `Note ${++n} from ${d.name}.`;
        if (replaceFirst(d.root, dayFile(day), /^## Notes\r?\n/m, (m) => `${m[0]}${note}\n`)) notes.set(note, day);
      } else {
        const task = pick(TASKS);
        const date = pick(DAYS);
        if (replaceFirst(d.root, 'goals/walk.md', new RegExp(`- \\[ \\] ${escape(task)}`), () => `- [x] ${task} ✅ ${date}`)) ticked.add(task);
      }
      if (d.kind === 'laptop' && rand() < 0.1 && git(d.root, 'status', '--porcelain') !== '') commitAll(d.root, `laptop commit ${round}`);
    }
    // The end: everyone syncs twice, in turn.
    for (let k = 0; k < 2; k++) for (const d of devices) sync(d, ROUNDS + k);
    const [a, b, phone] = devices.map((d) => d.root) as [string, string, string];
    git(phone, 'pull', '-q', '--no-rebase', '--no-edit');
    for (const rel of [...DAYS.map(dayFile), 'goals/walk.md']) {
      const text = read(a, rel);
      expect(read(b, rel), rel).toBe(text);
      expect(read(phone, rel), rel).toBe(text);
      expect(text, rel).not.toMatch(/^(<{7}|={7}|>{7}|\|{7})/m);
    }
    for (const day of DAYS) {
      const text = read(a, dayFile(day));
      for (const [goal, level] of HABITS) {
        const lines = text.split('\n').filter((l) => l.includes(`[[${goal}]] ${level}`));
        expect(lines, `${day} ${goal} ${level}`).toHaveLength(1);
        expect(lines[0]?.startsWith('- [x]'), `${day} ${goal} ${level} checked`).toBe(checks.has(`${day}|${goal}|${level}`));
      }
    }
    for (const [note, day] of notes) {
      expect(read(a, dayFile(day)).split('\n').filter((l) => l === note), note).toHaveLength(1);
    }
    const goal = read(a, 'goals/walk.md');
    for (const task of TASKS) {
      const lines = goal.split('\n').filter((l) => l.includes(task));
      expect(lines, task).toHaveLength(1);
      expect(lines[0]?.startsWith('- [x]'), `${task} ticked`).toBe(ticked.has(task));
    }
    expect(kaizen(a, ['check'], null).out).not.toContain('conflict-markers');
    expect(git(a, 'status', '--porcelain')).toBe('');
  });
});

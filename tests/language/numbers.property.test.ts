// The incremental numbers (what a keystroke recomputes) equal a fresh read of the journal after any
// sequence of edits: hundreds of random edits, with a fixed seed, across daily notes, goals and sprints.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Journal, type ParseCache } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { JournalNumbers } from '../../src/language/numbers.js';
import { loggedOn } from '../../src/language/features.js';
import { sprintProgress } from '../../src/model/sprint-progress.js';
import { seededRandom, tempDir } from '../helpers.js';

const TODAY = '2026-11-15';
const EDITS = 300;

const random = seededRandom;

function fresh(journal: Journal) {
  const stats = journal.stats(TODAY);
  const sprint = journal.sprintOn(TODAY);
  return {
    rows: JSON.stringify(stats),
    logged: JSON.stringify([...loggedOn(journal.habitDays(), TODAY)].sort()),
    sprint: JSON.stringify(sprint ? sprintProgress(sprint, journal.goals, journal.linkResolver(), journal.habitDays(), TODAY) : null),
  };
}

function incremental(numbers: JournalNumbers) {
  return {
    rows: JSON.stringify(numbers.rows()),
    logged: JSON.stringify([...numbers.loggedToday].sort()),
    sprint: JSON.stringify(numbers.sprint),
  };
}

describe('incremental numbers', () => {
  it(`equal a fresh read after ${EDITS} random edits of notes, goals and sprints (seed 2026)`, async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '10', '--seed', '3', '--end', TODAY]);
    const goalIds = fs.readdirSync(path.join(root, 'goals')).map((f) => f.slice(0, -3));
    fs.mkdirSync(path.join(root, 'sprints'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sprints/2026-W46.md'), ['---', 'weeks: 1', 'goal: Keep the streaks', '---', '# Sprint 2026-W46', '', '## Committed',
      `- [[${goalIds[0]}]] Plan the week (15m)`, `- [x] [[${goalIds[1]}]] Tidy the desk (30m) ✅ 2026-11-10`, '- [ ] Book a fitting (30m)', ''].join('\n'));
    const rand = random(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const cache: ParseCache = new Map();
    const read = () => Journal.open(nodeFileSystem, root, { cache });
    let journal = await read();
    let numbers = new JournalNumbers(journal, TODAY);
    expect(incremental(numbers)).toEqual(fresh(journal));
    const logRels = () => [...journal.logFiles.values()].map((f) => f.rel);
    const kinds = { log: 0, goal: 0, sprint: 0, reread: 0 };
    const edit = (rel: string, change: (text: string) => string): string => {
      const abs = path.join(root, rel);
      const text = change(fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '');
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
      cache.delete(rel);
      return text;
    };
    const toggleOne = (text: string) => {
      const boxes = [...text.matchAll(/^(\s*- \[)([ x])\]/gm)];
      if (boxes.length === 0) return text;
      const m = pick(boxes);
      const at = m.index! + m[1]!.length;
      return `${text.slice(0, at)}${m[2] === 'x' ? ' ' : 'x'}${text.slice(at + 1)}`;
    };
    for (let i = 0; i < EDITS; i++) {
      const r = rand();
      let rel: string;
      let text: string;
      if (r < 0.55) {
        // A daily note, most often a recent one (what a person edits), sometimes any day of the year.
        const rels = logRels();
        rel = rand() < 0.7 ? pick(rels.slice(-30)) : pick(rels);
        const how = rand();
        text = edit(rel, how < 0.5 ? toggleOne
          : how < 0.75 ? (t) => `${t}${t.endsWith('\n') ? '' : '\n'}- [${rand() < 0.7 ? 'x' : ' '}] [[${rand() < 0.9 ? pick(goalIds) : 'no-such-goal'}]] ${pick(['minimum', 'standard', 'skip: tired'])}${rand() < 0.3 ? ` [value:: ${Math.floor(rand() * 9)}]` : ''}\n`
            : how < 0.9 ? (t) => { const lines = t.split('\n'); const habit = lines.findIndex((l) => /^- \[[ x]\] \[\[/.test(l)); if (habit >= 0) lines.splice(habit, 1); return lines.join('\n'); }
              : (t) => (t.startsWith('---\nbroken: [') ? t.slice(t.indexOf('\n---\n', 4) + 5) : `---\nbroken: [\n---\n${t}`));
        kinds.log++;
      } else if (r < 0.85) {
        rel = `goals/${pick(goalIds)}.md`;
        const how = rand();
        text = edit(rel, how < 0.4 ? toggleOne
          : how < 0.6 ? (t) => t.replace(/^  cadence: .*$/m, `  cadence: ${pick(['daily', '2/week', '3/week', '5/week'])}`)
            : how < 0.8 ? (t) => t.replace(/^status: \w+$/m, `status: ${pick(['active', 'paused', 'done', 'dropped'])}`)
              : how < 0.95 ? (t) => t.replace(/^start: .*$/m, `start: ${pick(['2026-09-01', '2026-10-12', '2026-11-02', '2025-12-01'])}`)
                : (t) => (t.includes('aliases:') ? t : t.replace(/^tags:/m, 'aliases: [practice]\ntags:')));
        kinds.goal++;
      } else if (r < 0.97) {
        rel = 'sprints/2026-W46.md';
        text = edit(rel, rand() < 0.7 ? toggleOne : (t) => t.replace(/^goal: .*$/m, `goal: ${pick(['Keep the streaks', 'Rest well', 'Finish the book'])}`));
        kinds.sprint++;
      } else {
        // A day without a note gets one: the listing changes.
        const day = `2026-12-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        rel = `logs/2026/${day}.md`;
        text = edit(rel, (t) => `${t}- [x] [[${pick(goalIds)}]] standard\n`);
      }
      const update = numbers.update(rel, text);
      journal = await read();
      if (update === 'reread') {
        kinds.reread++;
        numbers = new JournalNumbers(journal, TODAY);
      }
      const expected = fresh(journal);
      const got = incremental(numbers);
      // One comparison per part keeps a failure's message about the part that differs.
      expect(got.rows, `edit ${i} of ${rel}`).toBe(expected.rows);
      expect(got.logged, `edit ${i} of ${rel}`).toBe(expected.logged);
      expect(got.sprint, `edit ${i} of ${rel}`).toBe(expected.sprint);
    }
    // Most edits are followed without a whole read.
    expect(kinds.reread).toBeLessThan(EDITS * 0.15);
    expect(kinds.log).toBeGreaterThan(100);
    expect(kinds.goal).toBeGreaterThan(50);
    expect(kinds.sprint).toBeGreaterThan(10);
  }, 600_000);
});

// What `kaizen watch` holds in memory (one read, numbers kept up to date a file at a time) gives the same reports,
// sprint numbers, calendar and problems as a fresh read, after hundreds of random edits with a fixed seed: checkbox
// flips, new habit lines, broken frontmatter, goals' cadence, status and tasks (with a vault's own Obsidian Tasks
// status), the sprint, new and deleted notes, second notes for a day, bytes that are not UTF-8, new and broken
// goals, kaizen.yaml and the Tasks settings.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Journal, type ParseCache } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { loadPeriodReport } from '../../src/journal/period-report.js';
import { loadSprint } from '../../src/journal/sprints.js';
import { calendarLogs, refreshCalendarFrom, writeCalendar } from '../../src/journal/calendar-file.js';
import { periodContaining } from '../../src/model/periods.js';
import { WatchedJournal } from '../../src/cli/commands/watch-journal.js';
import { seededRandom, tempDir } from '../helpers.js';

const TODAY = '2026-11-15';
const EDITS = 200;
const PERIODS = [periodContaining('week', TODAY), periodContaining('month', TODAY)];

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));

describe('the journal kaizen watch keeps', () => {
  it(`equals a fresh read after ${EDITS} random edits (seed 2512)`, async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '8',
      '--seed', '5', '--end', TODAY]);
    const goalIds = fs.readdirSync(path.join(root, 'goals')).map((f) => f.slice(0, -3));
    // The vault's own status `[d]` counts as done: a goal edited in the watched journal must read it so too.
    fs.mkdirSync(path.join(root, '.obsidian/plugins/obsidian-tasks-plugin'), { recursive: true });
    fs.writeFileSync(path.join(root, '.obsidian/plugins/obsidian-tasks-plugin/data.json'), JSON.stringify({
      statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', nextStatusSymbol: ' ', type: 'DONE', availableAsCommand: true }] },
    }));
    // An active habit without start starts on its first linked day; a report reads only its window of days for it.
    const noStart = path.join(root, 'goals', `${goalIds[2]}.md`);
    fs.writeFileSync(noStart, fs.readFileSync(noStart, 'utf8').replace(/^start: .*\n/m, '').replace(/^status: \w+$/m, 'status: active'));
    fs.mkdirSync(path.join(root, 'sprints'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sprints/2026-W46.md'), ['---', 'weeks: 1', 'goal: Keep the streaks', '---', '# Sprint 2026-W46', '',
      '## Committed', `- [[${goalIds[0]}]] Plan the week (15m)`, `- [x] [[${goalIds[1]}]] Tidy the desk (30m) ✅ 2026-11-10`,
      '- [ ] Book a fitting (30m)', ''].join('\n'));
    fs.mkdirSync(path.join(root, 'reports'), { recursive: true });
    const calendarRel = 'reports/kaizen.ics';
    await writeCalendar(await Journal.open(nodeFileSystem, root, { logs: 'all' }), { withPurpose: true });

    const rand = seededRandom(2512);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    // Parse results kept in memory, as watch keeps them: one for the watched journal, one for the fresh reads.
    const watchedCache: ParseCache = new Map();
    const freshCache: ParseCache = new Map();
    const watched = await WatchedJournal.read(nodeFileSystem, root, TODAY, { cache: watchedCache });
    const kinds = { log: 0, goal: 0, sprint: 0, added: 0, deleted: 0, other: 0, reread: 0 };

    const compare = async (what: string) => {
      for (const period of PERIODS) {
        const fresh = await loadPeriodReport(nodeFileSystem, root, period, TODAY, { cache: freshCache, today: TODAY });
        expect(json(watched.reportData(period, TODAY, TODAY)), `${what}: ${period.label}`).toBe(json(fresh.data));
      }
      const journal = await Journal.open(nodeFileSystem, root, { cache: freshCache });
      expect(json(watched.diagnostics()), `${what}: problems`).toBe(json(journal.diagnostics()));
      const sprint = await loadSprint(nodeFileSystem, root, undefined, TODAY, { cache: freshCache });
      expect(json(watched.sprint(TODAY)), `${what}: sprint`).toBe(json(sprint.progress));
      await refreshCalendarFrom(watched.calendar());
      const complete = await Journal.open(nodeFileSystem, root, { cache: freshCache, logs: calendarLogs });
      const out = path.join(root, '.fresh.ics');
      await writeCalendar(complete, { out, withPurpose: true, force: true });
      expect(fs.readFileSync(path.join(root, calendarRel), 'utf8'), `${what}: calendar`).toBe(fs.readFileSync(out, 'utf8'));
    };
    await compare('the first read');

    const logRels = () => fs.readdirSync(path.join(root, 'logs/2026')).filter((f) => f.endsWith('.md')).map((f) => `logs/2026/${f}`).sort();
    const toggleOne = (text: string, marks = ['x']) => {
      const boxes = [...text.matchAll(/^(\s*- \[)(.)\]/gm)];
      if (boxes.length === 0) return text;
      const m = pick(boxes);
      const at = m.index! + m[1]!.length;
      return `${text.slice(0, at)}${m[2] === ' ' ? pick(marks) : ' '}${text.slice(at + 1)}`;
    };
    for (let i = 0; i < EDITS; i++) {
      const r = rand();
      const changed: string[] = [];
      const existedBefore = new Map<string, boolean>();
      const edit = (rel: string, change: (text: string) => string) => {
        const abs = path.join(root, rel);
        existedBefore.set(rel, fs.existsSync(abs));
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, change(fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : ''));
        changed.push(rel);
      };
      if (r < 0.5) {
        const rels = logRels();
        const rel = rand() < 0.7 ? pick(rels.slice(-30)) : pick(rels);
        const how = rand();
        edit(rel, how < 0.5 ? (t) => toggleOne(t)
          : how < 0.75 ? (t) => `${t}${t.endsWith('\n') ? '' : '\n'}- [${rand() < 0.7 ? 'x' : ' '}] [[${rand() < 0.9 ? pick(goalIds) : 'no-such-goal'}]] `
            + `${pick(['minimum', 'standard', 'skip: tired'])}${rand() < 0.3 ? ` [value:: ${Math.floor(rand() * 9)}]` : ''}\n`
            : how < 0.9 ? (t) => t.replace(/^- \[[ x]\] \[\[.*\n/m, '')
              : (t) => (t.startsWith('---\nbroken: [') ? t.slice(t.indexOf('\n---\n', 4) + 5) : `---\nbroken: [\n---\n${t}`));
        kinds.log++;
      } else if (r < 0.72) {
        const rel = `goals/${pick(goalIds)}.md`;
        const how = rand();
        edit(rel, how < 0.4 ? (t) => toggleOne(t, ['x', 'd', '-'])
          : how < 0.6 ? (t) => t.replace(/^ {2}cadence: .*$/m, `  cadence: ${pick(['daily', '2/week', '3/week', '5/week'])}`)
            : how < 0.8 ? (t) => t.replace(/^status: \w+$/m, `status: ${pick(['active', 'paused', 'done', 'dropped'])}`)
              // A goal without start starts on its first linked day: the reports read only their window for it.
              : (t) => (/^start: /m.test(t) && rand() < 0.5 ? t.replace(/^start: .*\n/m, '')
                : /^start: /m.test(t) ? t.replace(/^start: .*$/m, `start: ${pick(['2026-09-01', '2026-10-12', '2026-11-02', '2025-12-01'])}`)
                  : t.replace(/^status: .*$/m, (line) => `${line}\nstart: 2026-10-12`)));
        kinds.goal++;
      } else if (r < 0.82) {
        edit('sprints/2026-W46.md', (t) => (rand() < 0.7 ? toggleOne(t) : t.replace(/^goal: .*$/m, `goal: ${pick(['Keep the streaks', 'Rest well'])}`)));
        kinds.sprint++;
      } else if (r < 0.86) {
        // A day without a note gets one: the listing changes.
        const day = `2026-11-${String(16 + Math.floor(rand() * 14)).padStart(2, '0')}`;
        edit(`logs/2026/${day}.md`, (t) => `${t}- [x] [[${pick(goalIds)}]] standard\n`);
        kinds.added++;
      } else if (r < 0.88) {
        const rel = pick(logRels());
        existedBefore.set(rel, true);
        fs.rmSync(path.join(root, rel));
        changed.push(rel);
        kinds.deleted++;
      } else {
        // What a person's tools do besides typing: a second note for a day (flat beside the year's folder, or a sync
        // tool's conflicted copy), bytes that are not UTF-8, a new or broken goal, the vault's Tasks statuses changed.
        const day = pick(logRels()).slice(-13, -3);
        const how = Math.floor(rand() * 7);
        if (how === 0) edit(`logs/${day}.md`, (t) => `${t}- [x] [[${pick(goalIds)}]] minimum\n`);
        else if (how === 1) edit(`logs/2026/${day} (conflicted copy).md`, (t) => `${t}- [x] [[${pick(goalIds)}]] standard\n`);
        else if (how === 2) {
          const rel = `logs/2026/${day}.md`;
          if (fs.existsSync(path.join(root, rel))) {
            existedBefore.set(rel, true);
            fs.writeFileSync(path.join(root, rel), Buffer.concat([fs.readFileSync(path.join(root, rel)), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]));
            changed.push(rel);
          }
        } else if (how === 3) edit(`goals/${pick(goalIds)}.md`, (t) => (t.startsWith('---\nbroken: [') ? t.slice(14) : `---\nbroken: [\n${t.slice(4)}`));
        else if (how === 4) edit('goals/stretch.md', (t) => t || '---\ntitle: Stretch\nstart: 2026-10-01\nhabit:\n  cadence: 2/week\n---\n');
        else if (how === 5) edit('kaizen.yaml', (t) => `${t}# touched\n`);
        else edit('.obsidian/plugins/obsidian-tasks-plugin/data.json', (t) => (t.includes('"DONE"') ? t.replace('"DONE"', '"TODO"') : t.replace('"TODO"', '"DONE"')));
        kinds.other++;
      }
      // A file that appeared or went changes the listing, as the watcher's add and unlink events say.
      const listing = changed.some((rel) => existedBefore.get(rel) !== fs.existsSync(path.join(root, rel)));
      for (const rel of changed) freshCache.delete(rel);
      if (changed.some((rel) => rel === 'kaizen.yaml' || rel.startsWith('.obsidian/'))) freshCache.clear();
      const update = await watched.apply({ files: changed, listing, folders: false }, TODAY);
      if (update.reread) kinds.reread++;
      await compare(`edit ${i} of ${changed.join(', ')}`);
    }
    // Most edits are followed without a whole read; every kind of edit was made.
    expect(kinds.reread).toBeLessThan(EDITS * 0.2);
    expect(kinds.log).toBeGreaterThan(70);
    expect(kinds.goal).toBeGreaterThan(30);
    expect(kinds.sprint).toBeGreaterThan(10);
    expect(kinds.added + kinds.deleted).toBeGreaterThan(5);
    expect(kinds.other).toBeGreaterThan(15);
  }, 600_000);

  it('a report reads only its window of days for a habit without start, as `kaizen report` does', async () => {
    const habit = (title: string, start: string) => `---\ntitle: ${title}\nstatus: active\n${start}habit:\n  cadence: 3/week\n---\n`;
    const note = (day: string, ids: string[]) => `---\ndate: ${day}\n---\n## Habits\n${ids.map((id) => `- [x] [[${id}]] standard\n`).join('')}`;
    const files: Record<string, string> = { 'goals/walk.md': habit('Walk', ''), 'goals/read.md': habit('Read', 'start: 2026-11-02\n') };
    // Walk is linked first in the spring, long before the twelve weeks the week's report reads.
    for (const day of ['2026-03-02', '2026-03-04', '2026-11-09', '2026-11-10', '2026-11-12', '2026-11-14']) {
      files[`logs/${day}.md`] = note(day, day < '2026-11-01' ? ['walk'] : ['walk', 'read']);
    }
    const root = tempDir();
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const watched = await WatchedJournal.read(nodeFileSystem, root, TODAY, { cache: new Map() });
    const week = periodContaining('week', TODAY);
    const fresh = await loadPeriodReport(nodeFileSystem, root, week, TODAY, { today: TODAY });
    expect(json(watched.reportData(week, TODAY, TODAY))).toBe(json(fresh.data));
  });

  it('a new day reads the journal again: the numbers are as of one day', async () => {
    const root = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', root, '--years', '1', '--goals', '3',
      '--seed', '6', '--end', TODAY]);
    const watched = await WatchedJournal.read(nodeFileSystem, root, TODAY, { cache: new Map() });
    expect((await watched.apply({ files: [], listing: false, folders: false }, TODAY)).reread).toBe(false);
    expect(await watched.apply({ files: [], listing: false, folders: false }, '2026-11-16')).toEqual({ reread: true });
    expect(watched.today).toBe('2026-11-16');
    const week = periodContaining('week', '2026-11-16');
    const fresh = await loadPeriodReport(nodeFileSystem, root, week, '2026-11-16', { today: '2026-11-16' });
    expect(json(watched.reportData(week, '2026-11-16', '2026-11-16'))).toBe(json(fresh.data));
  });
});

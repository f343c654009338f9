// FORMAT 1.2 §11 numeric habits through the parser, the model and `kaizen stats`: the day's values decide the
// day (at-least: more than 0, standard from habit.standardAt; at-most: any logged day), the current day, week
// or month against the target, and Loop's numeric score (its own tests are in loop-score.test.ts).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseGoalText } from '../../src/parser/index.js';
import { cli, makeJournal } from '../helpers.js';

const log = (lines: string) => `## Habits\n${lines}\n`;

describe('numeric habits', () => {
  const root = () => makeJournal({
    'goals/run.md': '---\ntitle: Run\nstart: 2026-03-02\ndue: 2026-03-31\nhabit:\n  cadence: daily\n  standardAt: 3\n  target: { value: 2, unit: km, per: day, kind: at-least }\n---\n',
    'goals/sugar.md': '---\ntitle: Less sugar\nstart: 2026-03-02\ndue: 2026-03-31\nhabit:\n  cadence: daily\n  target:\n    value: 30\n    unit: g\n    per: week\n    kind: at-most\n---\n',
    'logs/2026/2026-03-02.md': log('- [x] [[run]] standard [value:: 1.5]\n- [x] [[run]] minimum [value:: 1]\n- [x] [[sugar]] standard [value:: 20]'),
    'logs/2026/2026-03-03.md': log('- [x] [[run]] minimum [value:: 3]\n- [x] [[sugar]] standard [value:: 50]'),
    'logs/2026/2026-03-04.md': log('- [x] [[run]] standard'),
    'logs/2026/2026-03-05.md': log('- [x] [[run]] skip: rain'),
  });

  it('at-least: values add up, standardAt makes a standard day, a checked line without a value is not done; Loop\'s score', async () => {
    const r = await cli(['--dir', root(), '--json', 'stats', '--as-of', '2026-03-05']);
    const run = JSON.parse(r.stdout).goals.find((g: { id: string }) => g.id === 'run');
    // 03-02: 1.5 + 1 = 2.5 < 3 → minimum; 03-03: 3 → standard (whatever the level word); 03-04: no value → missed; 03-05 skip.
    expect(run.week).toMatchObject({ period: '2026-W10', done: 2, minimum: 1, standard: 1, skipped: 1 });
    expect(run.numeric).toEqual({ per: 'day', kind: 'at-least', target: 2, unit: 'km', sum: 0, met: false, period: { id: '2026-03-05', start: '2026-03-05', end: '2026-03-05' } });
    const m = Math.pow(0.5, 1 / 13);
    expect(run.strength).toBeCloseTo(((1 - m) * m + (1 - m)) * m, 12);
    expect(run.halfLifeDays).toBe(13);
  });

  it('at-most: a logged day is done, the week is met while its sum stays under the target; the text says unlogged days count 0', async () => {
    const dir = root();
    const r = await cli(['--dir', dir, '--json', 'stats', '--as-of', '2026-03-03']);
    const sugar = JSON.parse(r.stdout).goals.find((g: { id: string }) => g.id === 'sugar');
    expect(sugar.week).toMatchObject({ done: 2 });
    expect(sugar.numeric).toMatchObject({ per: 'week', kind: 'at-most', sum: 70, met: false, period: { id: '2026-W10', start: '2026-03-02', end: '2026-03-08' } });
    // S starts at 1; 03-02: R = 20 over the week window → v = 1; 03-03: R = 70 → v = clamp(1 − 40/30) = 0.
    const m = Math.pow(0.5, Math.sqrt(1 / 7) / 13);
    expect(sugar.strength).toBeCloseTo(m * 1, 12);
    expect(sugar.halfLifeDays).toBeCloseTo(13 * Math.sqrt(7), 12);
    const text = await cli(['--dir', dir, 'stats', '--as-of', '2026-03-03', '--goal', 'sugar']);
    expect(text.stdout).toMatch(/Target\s+70\/30 g this week\s+at most 30 g a week · an unlogged day counts as 0/);
  });

  it('lint: a bad target is named at its line; standardAt on an at-most habit is a warning', () => {
    const bad = parseGoalText('---\ntitle: x\nhabit:\n  cadence: daily\n  target: { value: -1, per: year }\n---\n', 'x', 'goals/x.md');
    expect(bad.value?.target).toBeNull();
    expect(bad.diagnostics.map((d) => [d.code, d.line])).toEqual([['bad-value', 5]]);
    const kind = parseGoalText('---\ntitle: x\nhabit:\n  cadence: daily\n  target: { value: 3, per: year }\n---\n', 'x', 'goals/x.md');
    expect(kind.diagnostics).toEqual([expect.objectContaining({ code: 'bad-value', message: expect.stringContaining('day, week, month') })]);
    const most = parseGoalText('---\ntitle: x\nhabit:\n  cadence: daily\n  standardAt: 5\n  target: { value: 3, kind: at-most }\n---\n', 'x', 'goals/x.md');
    expect(most.diagnostics).toEqual([expect.objectContaining({ code: 'bad-value', severity: 'warning', line: 5 })]);
    expect(most.value?.target).toEqual({ value: 3, unit: null, per: 'day', kind: 'at-most' });
  });
});

describe('numeric habits in the editors\' words (lenses, hover, inlay hints, status bar)', () => {
  it('the value against the target, per day, week or month, at least or at most', async () => {
    const { Journal } = await import('../../src/journal/journal.js');
    const { nodeFileSystem } = await import('../../src/journal/node-file-system.js');
    const { numericWords } = await import('../../src/model/goal-stats.js');
    const { statusWords, inlayHintsFor } = await import('../../src/language/actions.js');
    const dir = makeJournal({
      'goals/run.md': '---\ntitle: Run\nstart: 2026-03-02\ndue: 2026-03-31\nhabit:\n  cadence: daily\n  target: { value: 2, unit: km, per: day }\n---\n',
      'goals/sugar.md': '---\ntitle: Less sugar\nstart: 2026-03-02\ndue: 2026-03-31\nhabit:\n  cadence: daily\n  target: { value: 30, unit: g, per: week, kind: at-most }\n---\n',
      'logs/2026/2026-03-03.md': log('- [x] [[run]] minimum [value:: 1.5]\n- [x] [[sugar]] standard [value:: 20]'),
    });
    const journal = await Journal.open(nodeFileSystem, dir);
    const rows = new Map(journal.stats('2026-03-03').map((r) => [r.goal.id, r]));
    expect(numericWords(rows.get('run')!.stats)).toBe('1.5/2 km today');
    expect(numericWords(rows.get('sugar')!.stats)).toBe('20 of at most 30 g this week');
    expect(statusWords(rows.get('run')!.goal, rows.get('run')!.stats)).toMatch(/^\d+\/\d+ this week · 1\.5\/2 km today · streak/);
    const lensJournal = { goals: journal.goals, stats: new Map([...rows].map(([id, r]) => [id, r.stats])), resolve: journal.linkResolver(), today: '2026-03-03' as const };
    const text = log('- [x] [[run]] minimum [value:: 1.5]\n- [x] [[sugar]] standard [value:: 20]');
    const hints = inlayHintsFor(lensJournal, { kind: 'log', date: '2026-03-03' }, text, 'logs/2026/2026-03-03.md').map((h) => h.label);
    expect(hints).toEqual([expect.stringMatching(/ · 1\.5\/2 km today$/), expect.stringMatching(/ · 20 of at most 30 g this week$/)]);
    // The week's report and the review panel say it too.
    const { loadPeriodReport } = await import('../../src/journal/period-report.js');
    const { parsePeriod } = await import('../../src/model/periods.js');
    const { renderReviewHtml } = await import('../../src/extension/review/html.js');
    const { data } = await loadPeriodReport(nodeFileSystem, dir, parsePeriod('week', '2026-W10')!, '2026-03-03');
    await cli(['--dir', dir, 'report', 'week', '2026-W10', '--as-of', '2026-03-03']);
    expect(fs.readFileSync(path.join(dir, 'reports/2026-W10.md'), 'utf8')).toContain('| Target | 20 of at most 30 g this week |');
    const panel = renderReviewHtml({ data, answers: {}, drafts: null, reviewExists: false, cspSource: 'c', nonce: 'n', styleUri: 's', scriptUri: 'j', status: null });
    expect(panel).toContain('<p class="numeric"><strong>Target</strong>: 1.5/2 km today</p>');
  });
});


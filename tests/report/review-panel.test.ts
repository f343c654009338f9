// The review panel's pure parts: answers in and out of the review file, message validation, HTML.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { applyReviewAnswers, newReviewText, readReviewAnswers } from '../../src/report/review.js';
import { parsePeriod } from '../../src/model/periods.js';
import { parseReviewMessage } from '../../src/extension/review/messages.js';
import { renderReviewHtml } from '../../src/extension/review/html.js';
import { loadPeriodReport } from '../../src/journal/period-report.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { copySample, SAMPLE } from '../helpers.js';
import { goalText } from '../../src/journal/templates.js';
import { longDayTitle } from '../../src/model/dates.js';

const week = parsePeriod('week', '2026-W47')!;

describe('review answers', () => {
  it('reads what the person wrote under each prompt, without the hint', () => {
    const answers = readReviewAnswers(fs.readFileSync(path.join(SAMPLE, 'reviews/2026-W47.md'), 'utf8'), 'week');
    expect(answers['What went well']).toMatch(/^Back to four walks/);
    expect(answers['Obstacles met']).toMatch(/^None this week/);
  });

  it('places answers under their headings, keeps hints and every other byte, appends missing headings', () => {
    const base = `${newReviewText(week, 'summary')}\nA paragraph of my own.\n`.replace('## Obstacles met', '## Obstacles met\n\nkept as written');
    const out = applyReviewAnswers(base, week, 'summary', { 'What went well': 'Two walks.', 'Obstacles met': 'kept as written' }, 'r.md');
    expect(out).toContain('## What went well\n\n<!-- Name one thing, however small, that worked this week. -->\n\nTwo walks.\n\n## What will I tweak');
    expect(out).toContain('kept as written');
    expect(out.endsWith('A paragraph of my own.\n')).toBe(true);
    const missing = applyReviewAnswers('---\nperiod: 2026-W47\n---\n<!-- kaizen:begin summary -->\n<!-- kaizen:end summary -->\n', week, 's', { "Next week's focus": 'Rest.' }, 'r.md');
    expect(missing).toMatch(/<!-- kaizen:end summary -->\n\n## Next week's focus\n\nRest\.\n$/);
    expect(applyReviewAnswers(out, week, 'summary', { 'What went well': 'Two walks.' }, 'r.md')).toBe(out);
  });

  it('keeps CRLF files CRLF', () => {
    const crlf = newReviewText(week, 'summary').replace(/\n/g, '\r\n');
    const out = applyReviewAnswers(crlf, week, 'summary', { 'What went well': 'line one\nline two' }, 'r.md');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('line one\r\nline two\r\n');
  });
});

describe('messages from the review webview', () => {
  it.each([
    [{ type: 'navigate', kind: 'week', label: '2026-W47' }, true],
    [{ type: 'navigate', kind: 'week', label: '2026-W54' }, false],
    [{ type: 'navigate', kind: 'month', label: '../../x' }, false],
    [{ type: 'switch', kind: 'quarter' }, true],
    [{ type: 'switch', kind: 'decade' }, false],
    [{ type: 'suggestion', goal: 'morning-energy', suggestion: 'add-metric' }, true],
    [{ type: 'suggestion', goal: '../../etc/passwd', suggestion: 'add-metric' }, false],
    [{ type: 'openGoal', goal: 'a\\b' }, false],
    [{ type: 'openLog', date: '2026-11-22' }, true],
    [{ type: 'openLog', date: '2026-11-22/../../x' }, false],
    [{ type: 'save', kind: 'week', label: '2026-W47', answers: { 'What went well': 'ok' } }, true],
    [{ type: 'save', kind: 'week', label: '2026-W47', answers: { 'Choose the next lead goal': 'a quarterly prompt in a week' } }, false],
    [{ type: 'save', kind: 'week', label: '2026-W47', answers: { 'What went well': 'x'.repeat(100_001) } }, false],
    [{ type: 'save', kind: 'week', label: '2026-W47', answers: ['list'] }, false],
    [{ type: 'eval', code: 'x' }, false],
    [null, false], ['navigate', false], [{ type: 'navigate', kind: 'week', label: '2026-W47', __proto__: { x: 1 } }, true],
  ])('%j is accepted: %s', (raw, ok) => {
    expect(parseReviewMessage(raw) !== null).toBe(ok);
  });
});

describe('review HTML', () => {
  it('escapes journal text and loads only the nonce script and the extension style sheet', async () => {
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, week, '2026-11-22');
    data.goals[0]!.title = `<script>alert(1)</script>"><iframe srcdoc="x">`;
    data.goals[0]!.why = `<img src=x onerror=alert(1)> [a](javascript:alert(1))`;
    const html = renderReviewHtml({ data, answers: { 'What went well': '</textarea><script>alert(2)</script>' }, drafts: null, reviewExists: true,
      cspSource: 'https://cdn.example', nonce: 'abc123', styleUri: 'https://cdn.example/review.css', scriptUri: 'https://cdn.example/review.js' });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123" src="https://cdn.example/review.js"></script>');
    expect(html).not.toMatch(/<(iframe|img|a )|<style|style=|javascript:alert\(1\)\]/);
    expect(html.match(/href=/g)).toEqual(['href=']);
    expect(html).toContain('<link rel="stylesheet" href="https://cdn.example/review.css">');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>');
    expect(html).toContain(`content="default-src &#39;none&#39;; style-src https://cdn.example; img-src https://cdn.example; font-src https://cdn.example; script-src &#39;nonce-abc123&#39;;`);
  });
});

describe('obstacle advice and period words', () => {
  it('each suggestion says its label once, its evidence, and one sentence of advice', async () => {
    const { ADJUSTMENTS } = await import('../../src/model/suggestions.js');
    const { loadPeriodReport } = await import('../../src/journal/period-report.js');
    const { nodeFileSystem } = await import('../../src/journal/node-file-system.js');
    const { parsePeriod } = await import('../../src/model/periods.js');
    const { isoWeekLabel } = await import('../../src/model/dates.js');
    const { renderReportMarkdown } = await import('../../src/report/markdown.js');
    const { SAMPLE } = await import('../helpers.js');
    const seen = new Set<string>();
    for (const asOf of ['2026-10-25', '2026-11-08', '2026-11-22', '2026-12-13'] as const) {
      const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, parsePeriod('week', isoWeekLabel(asOf))!, asOf);
      const md = renderReportMarkdown(data, { reports: 'reports', reviewFile: `reviews/${data.period.label}.md`, reviewExists: false, previousReportExists: false });
      for (const goal of data.goals) {
        for (const s of goal.suggestions) {
          seen.add(s.id);
          const label = ADJUSTMENTS[s.id].obstacle;
          expect(s.message).toBe(`${label}: ${s.evidence}. ${s.advice}`);
          expect(s.evidence.toLowerCase()).not.toContain(label.toLowerCase());
          expect(s.advice.match(/[.?!](\s|$)/g)?.length, s.advice).toBe(1);
          const line = md.split('\n').find((l) => l.includes(`(\`${s.id}\`)`) && l.includes(s.evidence))!;
          expect(line.split(label).length - 1, line).toBe(1);
        }
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('month and quarter reviews ask in their own words', async () => {
    const { reviewPrompts } = await import('../../src/report/review.js');
    for (const kind of ['month', 'quarter'] as const) {
      const text = reviewPrompts(kind).map((p) => `${p.heading} ${p.hint}`).join('\n');
      expect(text).not.toMatch(/this week|next week/i);
      expect(text).toContain(`next ${kind}`);
    }
    expect(reviewPrompts('quarter').map((p) => p.hint).join(' ')).not.toMatch(/next month/);
    expect(reviewPrompts('week').map((p) => p.heading)).toContain("Next week's focus");
  });

  it('answers under an earlier heading of a prompt are still read and replaced in place', async () => {
    const { applyReviewAnswers, readReviewAnswers } = await import('../../src/report/review.js');
    const { parsePeriod } = await import('../../src/model/periods.js');
    const old = "---\nperiod: 2026-11\n---\n<!-- kaizen:begin summary -->\nx\n<!-- kaizen:end summary -->\n\n## Next week's focus\n\nWalk.\n";
    expect(readReviewAnswers(old, 'month')["Next month's focus"]).toBe('Walk.');
    const saved = applyReviewAnswers(old, parsePeriod('month', '2026-11')!, 'x', { "Next month's focus": 'Walk more.' }, 'r.md');
    expect(saved).toContain("## Next week's focus\n\nWalk more.\n");
    expect(saved).not.toContain("## Next month's focus");
  });
});


describe('review panel layout', () => {
  const page = (data: Parameters<typeof renderReviewHtml>[0]['data'], status: string | null = null) => renderReviewHtml({
    data, answers: {}, drafts: null, reviewExists: false, cspSource: 'c', nonce: 'n', styleUri: 's', scriptUri: 'j', status,
  });

  it('marks the period\'s celebrations with their rewards, and the planned days', async () => {
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, parsePeriod('week', '2026-W47')!, '2026-11-22');
    const html = page(data);
    expect(html).toContain('<ul class="celebrations" aria-label="Reached this week"><li><span class="party" aria-hidden="true">🎉</span> 50 % on 2026-11-21 — reward: <strong>a new audiobook for the walks</strong></li></ul>');
    expect(html).toContain('<p class="plan muted">4/week, planned Mon, Wed, Fri, Sat at 07:00</p>');
  });

  it('lays a month on a Monday-first weekday grid and shows the running day as today, not missed', async () => {
    const month = parsePeriod('month', '2026-11')!;
    // Without "today" a day with no check-in is missed; with it, the running day is not.
    const { data: past } = await loadPeriodReport(nodeFileSystem, SAMPLE, month, '2026-11-30');
    const missed = past.goals.find((g) => g.lead)!.days.find((d) => d.status === 'missed')!.day;
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, month, missed, { today: missed });
    const lead = data.goals.find((g) => g.lead)!;
    expect(lead.days.find((d) => d.day === missed)!.status).toBe('today');
    expect(lead.days.filter((d) => d.status === 'today')).toHaveLength(1);
    const html = page(data);
    // 1 November 2026 is a Sunday: the grid's seventh column.
    expect(html).toMatch(/<li class="day s-\w+ start-7" title="Sunday 1 November 2026: /);
    expect(html).toContain(`title="${longDayTitle(missed)}: today, not logged yet"`);
    expect(html).toContain('◌ today, not logged yet');
    // The counts are the month's ISO weeks (from Monday 2 November): the totals say which days they cover.
    expect(html).toMatch(/<\/strong> done in this month's weeks, Monday 2 November 2026 – \w+day \d+ November 2026 so far · /);
    const { data: whole } = await loadPeriodReport(nodeFileSystem, SAMPLE, month, '2026-12-31');
    expect(page(whole).match(/<p class="totals">.*?<\/p>/)?.[0]).toContain("done in this month's weeks, Monday 2 November 2026 – Sunday 29 November 2026 · ");
  });

  it('names each goal button after its goal, marks the chosen kind without colour, keeps the save status', async () => {
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, week, '2026-11-22');
    const html = page(data, 'Saved to reviews/2026-W47.md');
    const opens = [...html.matchAll(/data-action="openGoal"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(new Set(opens).size).toBe(data.goals.length);
    expect(opens[0]).toBe(`Open the goal “${data.goals[0]!.title}”`);
    expect(html).toContain('<button type="button" id="kind-week" class="kind" data-action="switch" data-kind="week" aria-pressed="true"><span class="mark" aria-hidden="true">✓ </span>Week</button>');
    expect(html).toContain('aria-pressed="false"><span class="mark" aria-hidden="true"></span>Month</button>');
    expect(html).toContain('<span id="status" role="status">Saved to reviews/2026-W47.md</span>');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size, 'ids are unique: focus is restored by id').toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['nav-previous', 'nav-next', 'kind-month', 'save', 'goal-0-open', 'announce']));
  });

  it('a goal started this week gets a sentence instead of a strength chart of one point', async () => {
    const root = copySample({ pinned: true });
    fs.writeFileSync(path.join(root, 'goals/stretch.md'), goalText({
      title: 'Stretch daily', why: 'A back that lets me play with the kids.', cadence: '3/week', minimum: 'One stretch',
      standard: 'Ten minutes of stretches', metric: null, start: '2026-11-21', due: '2027-01-20',
    }));
    const { data } = await loadPeriodReport(nodeFileSystem, root, parsePeriod('week', '2026-W47')!, '2026-11-22');
    const html = page(data);
    const index = data.goals.findIndex((g) => g.id === 'stretch');
    expect(index).toBeGreaterThanOrEqual(0);
    const section = html.slice(html.indexOf(`id="goal-${index}-h"`), html.indexOf('</section>', html.indexOf(`id="goal-${index}-h"`)));
    expect(section).toContain('The strength chart starts once the goal has a week of days behind it.');
    expect(section).not.toContain(`goal-${index}-strength`);
    expect(html).toContain(`goal-${data.goals.findIndex((g) => g.lead)}-strength`);
  });

  it('draws no energy chart when there is no rating', async () => {
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, week, '2026-11-22');
    expect(page(data)).toContain('energy-title');
    data.energy = { average: null, count: 0, weeks: data.energy.weeks.map((w) => ({ ...w, average: null, count: 0 })) };
    const html = page(data);
    expect(html).toContain('No energy ratings in this period');
    expect(html).not.toContain('energy-title');
  });
});

describe('heatmap month labels', () => {
  it('names months where they start, never closer than two columns, with the year on January', async () => {
    const { heatmapSvg } = await import('../../src/report/svg.js');
    const { data } = await loadPeriodReport(nodeFileSystem, SAMPLE, parsePeriod('quarter', '2026-Q4')!, '2026-12-31');
    const svg = heatmapSvg(data.goals[0]!);
    const labels = [...svg.matchAll(/<text class="m" x="(\d+)" y="11">([^<]+)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);
    // The window ends in the week of 1 January: "Oct" has no room for its year (four columns), January carries it.
    expect(labels.map((l) => l[1])).toEqual(['Oct', 'Nov', 'Dec', 'Jan 2027']);
    for (let i = 1; i < labels.length; i++) expect(labels[i]![0] - labels[i - 1]![0]).toBeGreaterThanOrEqual(32);
    const { data: november } = await loadPeriodReport(nodeFileSystem, SAMPLE, parsePeriod('month', '2026-11')!, '2026-11-30');
    // Oct 1 is three columns after the window's first: too close for "Sep 2026".
    expect([...heatmapSvg(november.goals[0]!).matchAll(/y="11">([^<]+)</g)].map((m) => m[1])).toEqual(['Sep', 'Oct', 'Nov']);
    expect(svg).not.toMatch(/\d\d\/\d\d/);
    const { data: week47 } = await loadPeriodReport(nodeFileSystem, SAMPLE, week, '2026-11-22');
    expect([...heatmapSvg(week47.goals[0]!).matchAll(/y="11">([^<]+)</g)].map((m) => m[1])).toEqual(['Sep 2026', 'Oct', 'Nov']);
  });
});

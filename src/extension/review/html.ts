// The review panel's HTML: a pure function of the report data, so it can be tested in a plain
// browser. Every piece of journal text is escaped; the only script is the extension's own file,
// allowed by a fresh nonce; styles come only from the extension's style sheet.
import { formatTaskCounts } from '../../model/task-status.js';
import { periodCount } from '../../model/cadence.js';
import { longDayTitle, weekdayIndex } from '../../model/dates.js';
import { periodTitle, periodWeekSpan, type PeriodKind } from '../../model/periods.js';
import { formatNumber } from '../../model/syntax.js';
import { hasEnergyChart, type ReportData, type ReportGoal } from '../../report/data.js';
import { escapeXml as esc } from '../../report/escape.js';
import { reviewPrompts } from '../../report/review.js';
import { energySvg, heatmapSvg, progressSvg, strengthSvg } from '../../report/svg.js';
import { burnupSvg, habitGridSvg } from '../../report/sprint-svg.js';
import { sprintTitle } from '../../report/sprint-markdown.js';
import { RETRO_PROMPTS } from '../../model/sprint.js';
import type { SprintProgress } from '../../model/sprint-progress.js';
import type { PanelKind } from './messages.js';

/** What every page of the panel has: its answers, the page's security and resources, the last save's words. */
interface PanelPage {
  answers: Record<string, string>;
  /** Answers typed but not saved yet. */
  drafts: Record<string, string> | null;
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
  /** What the last save said ("Saved to reviews/…"), kept across the re-render the save itself causes. */
  status?: string | null;
  /** The journal's pinned today (`as_of:` in kaizen.yaml), said next to the as-of day. */
  pinned?: string | null;
}

export interface ReviewPage extends PanelPage {
  data: ReportData;
  reviewExists: boolean;
}

const GLYPH: Record<string, [string, string]> = {
  standard: ['●', 'standard'], minimum: ['◐', 'minimum'], skip: ['⊘', 'skipped'], paused: ['‖', 'paused'], missed: ['○', 'missed'], outside: ['·', 'outside the goal'], future: ['·', 'not yet'],
  today: ['◌', 'today, not logged yet'],
};

const BUTTONS: Record<string, string> = {
  'shrink-to-minimum': "Open today's minimum",
  'add-metric': 'Add a metric',
  'rewrite-purpose': 'Rewrite the purpose',
  'extend-or-reduce': 'Change the due date',
  'raise-the-bar': 'Raise the standard',
};

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; img-src ${cspSource}; font-src ${cspSource}; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
}

export function renderReviewHtml(page: ReviewPage): string {
  const { data } = page;
  const kind = data.period.kind;
  const range = `${longDayTitle(data.period.start)} – ${longDayTitle(data.period.end)}`;
  const out = head(page, `Kaizen Review ${data.period.label}`, kind, data.period.label);
  out.push('<header class="top">',
    '<nav class="periods" aria-label="Period">',
    `<button type="button" id="nav-previous" class="nav" data-action="navigate" data-kind="${kind}" data-label="${esc(data.previous)}" aria-label="Previous ${kind}: ${esc(data.previous)}">◀ ${esc(data.previous)}</button>`,
    `<h1>${esc(periodTitle(data.period))}</h1>`,
    `<button type="button" id="nav-next" class="nav" data-action="navigate" data-kind="${kind}" data-label="${esc(data.next)}" aria-label="Next ${kind}: ${esc(data.next)}">${esc(data.next)} ▶</button>`,
    '</nav>',
    kindButtons(kind),
    `<p class="meta">${esc(range)} · as of ${esc(longDayTitle(data.asOf))}${page.pinned ? ` (the journal is pinned to ${esc(page.pinned)} by <code>as_of</code> in kaizen.yaml)` : ''}</p>`,
    `<p id="announce" class="sr" role="status" aria-live="polite" data-text="${esc(`Showing ${periodTitle(data.period)}, ${range}`)}"></p>`,
    '</header>', '<main>');
  if (data.goals.length === 0) out.push('<p class="empty">No goal was running in this period.</p>');
  for (const [i, goal] of data.goals.entries()) out.push(renderGoal(goal, i, data));
  out.push('<section class="energy" aria-labelledby="energy-h"><h2 id="energy-h">Energy</h2>',
    data.energy.count > 0
      ? `<p>Average <strong>${data.energy.average!.toFixed(1)}</strong> / 5 over ${data.energy.count} rated days.</p>`
      : '<p class="muted">No energy ratings in this period (add <code>energy: 1–5</code> to a daily log\'s frontmatter).</p>',
    hasEnergyChart(data) ? `<div class="chart">${energySvg(data, { embedded: { idPrefix: 'energy' } })}</div>` : '',
    '</section>');
  out.push(renderRetrospective(page));
  out.push('</main>', `<script nonce="${esc(page.nonce)}" src="${esc(page.scriptUri)}"></script>`, '</body>', '</html>');
  return out.join('\n');
}

const KIND_WORDS: Record<PanelKind, string> = { week: 'Week', month: 'Month', quarter: 'Quarter', sprint: 'Sprint' };

/** The chosen kind is marked by a check mark and aria-pressed, not by colour alone (High Contrast). */
function kindButtons(kind: PanelKind): string {
  return ['<div class="kinds" role="group" aria-label="Review kind">',
    ...(Object.keys(KIND_WORDS) as PanelKind[]).map((k) => `<button type="button" id="kind-${k}" class="kind" data-action="switch" data-kind="${k}" aria-pressed="${k === kind}">`
      + `<span class="mark" aria-hidden="true">${k === kind ? '✓ ' : ''}</span>${KIND_WORDS[k]}</button>`),
    '</div>'].join('\n');
}

function head(page: { cspSource: string; nonce: string; styleUri: string }, title: string, kind: PanelKind, label: string): string[] {
  return ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(page.cspSource, page.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${esc(page.styleUri)}">`,
    `<title>${esc(title)}</title>`, '</head>',
    `<body data-kind="${esc(kind)}" data-label="${esc(label)}">`];
}

export interface SprintPage extends PanelPage {
  progress: SprintProgress;
  /** The sprint's last week, for its title. */
  lastWeek: string;
  previous: string | null;
  next: string | null;
  /** Goals by id: the view names them by their titles. */
  goalTitles: Record<string, string>;
}

/** The Sprint view: burnup, habit weeks, the committed items, and the retrospective to write. */
export function renderSprintHtml(page: SprintPage): string {
  const p = page.progress;
  const s = p.sprint;
  const title = sprintTitle(s.id, page.lastWeek);
  const range = `${longDayTitle(s.start)} – ${longDayTitle(s.end)}`;
  const when = p.state === 'running' ? `day ${p.day} of ${p.days}` : p.state === 'upcoming' ? 'not started yet' : 'finished';
  const nav = (id: string | null, dir: 'previous' | 'next') => (id
    ? `<button type="button" id="nav-${dir}" class="nav" data-action="navigate" data-kind="sprint" data-label="${esc(id)}" aria-label="${dir === 'previous' ? 'Previous' : 'Next'} sprint: ${esc(id)}">${dir === 'previous' ? `◀ ${esc(id)}` : `${esc(id)} ▶`}</button>`
    : `<button type="button" id="nav-${dir}" class="nav" disabled aria-label="No ${dir} sprint">${dir === 'previous' ? '◀' : '▶'}</button>`);
  const out = head(page, `Kaizen Review ${s.id}`, 'sprint', s.id);
  out.push('<header class="top">', '<nav class="periods" aria-label="Sprint">', nav(page.previous, 'previous'), `<h1>${esc(title)}</h1>`, nav(page.next, 'next'), '</nav>',
    kindButtons('sprint'),
    `<p class="meta">${esc(range)} · ${esc(when)} · as of ${esc(longDayTitle(p.asOf))}${page.pinned ? ` (the journal is pinned to ${esc(page.pinned)} by <code>as_of</code> in kaizen.yaml)` : ''}</p>`,
    `<p id="announce" class="sr" role="status" aria-live="polite" data-text="${esc(`Showing ${title}, ${range}`)}"></p>`,
    '</header>', '<main>');
  out.push('<section class="goal lead" aria-labelledby="sprint-goal-h"><h2 id="sprint-goal-h">Sprint goal</h2>',
    s.goal ? `<blockquote class="why">${esc(s.goal)}</blockquote>` : '<p class="why missing">No sprint goal yet: add <code>goal:</code> (one sentence) to the sprint file.</p>',
    p.focusGoalId ? `<p>Serves <button type="button" class="link" id="focus-open" data-action="openGoal" data-goal="${esc(p.focusGoalId)}">${esc(page.goalTitles[p.focusGoalId] ?? p.focusGoalId)}</button></p>` : '', '</section>');
  const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);
  out.push('<section aria-labelledby="burnup-h"><h2 id="burnup-h">Burnup</h2>',
    `<p class="totals"><strong>${p.done}/${p.planned}</strong> planned items done · execution <strong>${pct(p.execution)}</strong>${p.state === 'running' ? ` · pace ${pct(p.pace)} of the ideal line` : ''}${p.added ? ` · ${p.added} added` : ''}</p>`,
    `<div class="chart">${burnupSvg(p, { embedded: { idPrefix: 'burnup' } })}</div>`,
    p.suggestion ? `<p class="suggestion"><strong>${esc(p.suggestion.split(':')[0] as string)}</strong>:${esc(p.suggestion.slice(p.suggestion.indexOf(':') + 1))}</p>` : '', '</section>');
  out.push('<section aria-labelledby="habits-h"><h2 id="habits-h">Habits inside the sprint</h2>');
  if (p.habits.length) {
    out.push(`<div class="chart">${habitGridSvg(p, { embedded: { idPrefix: 'habits' } })}</div>`,
      '<table class="weeks"><caption>Weeks met</caption><thead><tr><th scope="col">Goal</th>'
      + (p.habits[0]?.weeks.map((w) => `<th scope="col">${esc(w.period)}</th>`).join('') ?? '') + '</tr></thead><tbody>');
    for (const row of p.habits) {
      out.push(`<tr><th scope="row">${esc(row.title)}</th>${row.weeks.map((w) => `<td>${esc(MARK_WORDS[w.mark] ?? w.mark)} ${w.done}/${w.target}</td>`).join('')}</tr>`);
    }
    out.push('</tbody></table>');
  } else out.push('<p class="muted">No active goal with a weekly habit in these weeks.</p>');
  out.push('</section>');
  out.push('<section aria-labelledby="items-h"><h2 id="items-h">Committed</h2><ul class="tasks sprint-items">');
  for (const item of p.items) {
    const state = item.done ? '✅ done' : item.missing ? '⚠ not a micro-task of the goal' : item.open ? '◻ open' : '☑ done outside the sprint';
    const goal = item.goalId ? `<button type="button" class="link" data-action="openGoal" data-goal="${esc(item.goalId)}">${esc(page.goalTitles[item.goalId] ?? item.goalId)}</button> ` : '';
    out.push(`<li><span class="state">${esc(state)}</span> ${goal}${esc(item.item.key)}${item.item.carriedFrom ? ` <span class="muted">(carried from ${esc(item.item.carriedFrom)})</span>` : ''}${item.doneOn ? ` <span class="muted">${esc(item.doneOn)}</span>` : ''}</li>`);
  }
  if (p.items.length === 0) out.push('<li class="muted">Nothing committed.</li>');
  out.push('</ul>', `<p class="muted">${p.carryOver.length ? `${p.carryOver.length} open: <b>Kaizen: Close the sprint</b> carries them into the next sprint.` : 'Nothing open.'}</p>`, '</section>');
  out.push('<section class="retro" aria-labelledby="retro-h"><h2 id="retro-h">Retrospective</h2>',
    `<p class="muted">Save retrospective writes into ${esc(s.file)}, each answer under its prompt; everything else in the file stays.</p>`, '<form id="retro">');
  RETRO_PROMPTS.forEach((prompt, i) => {
    const value = page.drafts?.[prompt] ?? page.answers[prompt] ?? '';
    out.push(`<label for="q${i}">${esc(prompt)}</label>`, `<textarea id="q${i}" data-heading="${esc(prompt)}" rows="3">${esc(value)}</textarea>`);
  });
  out.push(`<div class="actions"><button type="submit" id="save">Save retrospective</button> <span id="status" role="status">${esc(page.drafts ? 'Unsaved changes' : page.status ?? '')}</span></div>`, '</form>', '</section>');
  out.push('</main>', `<script nonce="${esc(page.nonce)}" src="${esc(page.scriptUri)}"></script>`, '</body>', '</html>');
  return out.join('\n');
}

/** The Sprint view before any sprint exists: the kind buttons to go back, and how to start one. */
export function renderNoSprintHtml(page: { cspSource: string; nonce: string; styleUri: string; scriptUri: string; message: string }): string {
  return [...head(page, 'Kaizen Review sprint', 'sprint', ''), '<header class="top">', kindButtons('sprint'), '</header>', '<main>',
    `<p class="empty">${esc(page.message)} A sprint is 1–4 weeks with one sprint goal and a few committed micro-tasks: run <b>Kaizen: Start a sprint</b> (or <code>kaizen sprint start</code>).</p>`,
    '</main>', `<script nonce="${esc(page.nonce)}" src="${esc(page.scriptUri)}"></script>`, '</body>', '</html>'].join('\n');
}

const MARK_WORDS: Record<string, string> = { standard: '● standard', minimum: '◐ minimum', missed: '○ missed', running: '◌ running', paused: '‖ paused', future: '· not yet', none: '–' };

function renderGoal(goal: ReportGoal, index: number, data: ReportData): string {
  const id = `goal-${index}`;
  const kind = data.period.kind;
  const out: string[] = [`<section class="goal${goal.lead ? ' lead' : ''}" aria-labelledby="${id}-h">`];
  out.push(`<h2 id="${id}-h">${goal.lead ? '<span class="star" aria-label="lead goal">★</span> ' : ''}${esc(goal.title)}</h2>`);
  if (goal.why) out.push(`<blockquote class="why"><span class="why-label">Why</span> ${esc(goal.why)}</blockquote>`);
  else out.push('<p class="why missing">No purpose anchor yet. <button type="button" data-action="suggestion" data-goal="' + esc(goal.id) + '" data-suggestion="rewrite-purpose">Write why it matters</button></p>');

  if (goal.perWeek !== null && goal.totals) {
    const t = goal.totals;
    // A month or quarter is counted by its ISO weeks, which can start before its first day (1 November
    // 2026 is a Sunday, in October's last week) and end after its last: the days counted are named.
    const span = periodWeekSpan(data.period);
    const counted = data.asOf < span.end ? data.asOf : span.end;
    const sofar = kind === 'week'
      ? (data.asOf < data.period.end ? 'so far this week' : 'this week')
      : `in this ${kind}'s weeks, ${esc(longDayTitle(span.start))} – ${esc(longDayTitle(counted))}${data.asOf < span.end ? ' so far' : ''}`;
    if (goal.plan) out.push(`<p class="plan muted">${esc(goal.cadence ?? `${goal.perWeek}/week`)}, planned ${esc(goal.plan)}</p>`);
    out.push(`<p class="totals"><strong>${t.done}/${t.target}</strong> done ${sofar} · ${t.minimum} minimum · ${t.standard} standard · ${t.skipped} skipped${t.paused ? ` · ${t.paused} paused` : ''} · streak <strong>${goal.streakWeeks}</strong> ${esc(periodCount(goal.streakWeeks ?? 0, goal.periodName ?? 'week').replace(/^\d+ /, ''))} (best ${goal.bestStreakWeeks})</p>`);
    out.push(renderDays(goal, kind));
    const todayLegend = goal.days.some((d) => d.status === 'today') ? ' · ◌ today, not logged yet' : '';
    out.push(`<p class="legend muted" aria-hidden="true">● standard · ◐ minimum · ⊘ skip · ‖ paused · ○ missed${todayLegend}</p>`);
    out.push(`<div class="chart">${heatmapSvg(goal, { embedded: { idPrefix: `${id}-heat` } })}</div>`);
    const strength = Math.round(100 * (goal.strength ?? 0));
    const change = goal.strengthBefore === null ? '' : ` (${formatSigned(100 * ((goal.strength ?? 0) - goal.strengthBefore))} since ${esc(data.previous)})`;
    const gain = goal.strengthGainToday !== null && goal.strengthGainToday > 0.05 ? ` Checking in on ${esc(data.asOf)} would add ${goal.strengthGainToday.toFixed(1)} points.` : '';
    out.push(`<p class="strength"><strong>Strength ${strength} %</strong>${change}. It moves a little each day toward done or not done; its half-life is ${Math.round(goal.halfLifeDays ?? 0)} days, so a missed day costs little and a missed month a lot, and skips and pauses change nothing.${gain}</p>`);
    // A line needs days behind it: a goal started this week gets a sentence, not a chart of one point.
    const drawn = goal.strengthHistory.filter((p) => p.value !== null).length;
    if (drawn >= 7) out.push(`<div class="chart">${strengthSvg(goal, { embedded: { idPrefix: `${id}-strength` } })}</div>`);
    else out.push('<p class="muted">The strength chart starts once the goal has a week of days behind it.</p>');
  } else {
    out.push('<p class="muted">No cadence yet: a wish until it becomes a weekly habit.</p>');
  }
  const amount = goal.metric ? `${formatNumber(goal.metric.current ?? 0)}/${formatNumber(goal.metric.target)}${goal.metric.unit ? ` ${esc(goal.metric.unit)}` : ''}` : esc(formatTaskCounts({ done: goal.tasksChecked, total: goal.tasksTotal, inProgress: goal.tasksInProgress, cancelled: goal.tasksCancelled }));
  out.push(`<p class="progress"><strong>Progress ${Math.round(goal.progress)} %</strong> (${amount}), ${formatSigned(goal.progress - goal.progressBefore)} this ${kind}.</p>`);
  out.push(`<div class="chart">${progressSvg(goal, { embedded: { idPrefix: `${id}-progress` } })}</div>`);
  if (goal.milestones.length) out.push(`<p class="milestones">Reached: ${goal.milestones.map((m) => `${m.percent} %${m.date ? ` on ${esc(m.date)}` : ''}`).join(' · ')}</p>`);
  // The period's celebrations: each mark or milestone with its reward, marked (an animation only without reduced motion).
  const earned = goal.milestonesInPeriod;
  if (earned.length) {
    out.push(`<ul class="celebrations" aria-label="Reached this ${kind}">${earned.map((m) => `<li><span class="party" aria-hidden="true">🎉</span> `
      + `${m.percent !== null ? `${m.percent} %` : esc(m.title ?? '')}${m.date ? ` on ${esc(m.date)}` : ''}${m.reward ? ` — reward: <strong>${esc(m.reward)}</strong>` : ''}</li>`).join('')}</ul>`);
  }
  if (goal.weeks.length > 1) {
    out.push('<table class="weeks"><caption>Week by week</caption><thead><tr><th scope="col">Week</th><th scope="col">Done</th><th scope="col">Minimum</th><th scope="col">Standard</th><th scope="col">Skipped</th><th scope="col">Met</th></tr></thead><tbody>');
    for (const w of goal.weeks) out.push(`<tr><th scope="row">${esc(w.period)}</th><td>${w.done}/${w.target}</td><td>${w.minimum}</td><td>${w.standard}</td><td>${w.skipped}</td><td>${w.neutral ? 'neutral' : w.met ? 'yes' : 'no'}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (goal.tasksDone.length) {
    out.push(`<h3>Micro-tasks done this ${kind}</h3><ul class="tasks">`);
    for (const t of goal.tasksDone) out.push(`<li>${esc(t.text)} <span class="muted">${esc(t.date)}${t.stage ? ` · ${esc(t.stage)}` : ''}</span></li>`);
    out.push('</ul>');
  }
  if (goal.suggestions.length) {
    out.push('<h3>Obstacles and adjustments</h3><ul class="suggestions">');
    for (const s of goal.suggestions) {
      out.push(`<li><p><strong>${esc(s.obstacle)}</strong>: ${esc(s.evidence)}. ${esc(s.advice)}</p>`
        // Several goals may show the same adjustment: each button says which goal it changes.
        + `<button type="button" id="${id}-${esc(s.id)}" data-action="suggestion" data-goal="${esc(goal.id)}" data-suggestion="${esc(s.id)}">`
        + `${esc(BUTTONS[s.id] ?? s.id)} <span class="for-goal">for “${esc(goal.title)}”</span></button></li>`);
    }
    out.push('</ul>');
  }
  out.push(`<p><button type="button" id="${id}-open" class="link" data-action="openGoal" data-goal="${esc(goal.id)}">Open the goal “${esc(goal.title)}”</button></p>`);
  out.push('</section>');
  return out.join('\n');
}

function renderRetrospective(page: ReviewPage): string {
  const { data } = page;
  const kind = data.period.kind;
  const out = [`<section class="retro" aria-labelledby="retro-h"><h2 id="retro-h">${kind === 'week' ? 'Weekly review' : kind === 'month' ? 'Monthly reset' : 'Quarterly review'}</h2>`,
    `<p class="muted">${page.reviewExists ? 'Save review updates' : 'Save review creates'} reviews/${esc(data.period.label)}.md: the summary block is refreshed, your answers go under their headings, everything else in the file stays.</p>`,
    '<form id="retro">'];
  reviewPrompts(kind).forEach((p, i) => {
    const value = page.drafts?.[p.heading] ?? page.answers[p.heading] ?? '';
    out.push(`<label for="q${i}">${esc(p.heading)}</label>`, `<p class="hint" id="q${i}-hint">${esc(p.hint)}</p>`,
      `<textarea id="q${i}" data-heading="${esc(p.heading)}" aria-describedby="q${i}-hint" rows="3">${esc(value)}</textarea>`);
  });
  out.push(`<div class="actions"><button type="submit" id="save">Save review</button> <span id="status" role="status">${esc(page.drafts ? 'Unsaved changes' : page.status ?? '')}</span></div>`, '</form>', '</section>');
  return out.join('\n');
}

/**
 * The period's days on a Monday-first weekday grid (a month or quarter starts in its weekday's column),
 * each with a glyph, its word for screen readers, and the weekday letters once above.
 */
function renderDays(goal: ReportGoal, kind: PeriodKind): string {
  const out = ['<div class="days-grid">', '<div class="dow-row" aria-hidden="true">',
    ...['M', 'T', 'W', 'T', 'F', 'S', 'S'].map((d) => `<span class="dow">${d}</span>`), '</div>',
    `<ol class="days" aria-label="Days of the ${kind}">`];
  const first = goal.days[0];
  const offset = first ? weekdayIndex(first.day) : 0;
  for (const [i, d] of goal.days.entries()) {
    const [glyph, word] = GLYPH[d.status] ?? ['·', d.status];
    const label = `${longDayTitle(d.day)}: ${word}`;
    // The CSP allows no inline style: the first day's column is a class (start-1 … start-7).
    const start = i === 0 && offset > 0 ? ` start-${offset + 1}` : '';
    out.push(`<li class="day s-${d.status}${start}" title="${esc(label)}">`
      + `<span class="glyph" aria-hidden="true">${glyph}</span><span class="sr">${esc(label)}</span></li>`);
  }
  out.push('</ol>', '</div>');
  return out.join('\n');
}

function formatSigned(points: number): string {
  const rounded = Math.round(points);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)} points`;
}

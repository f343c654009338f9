// The sprint's words: a new sprint file, its generated summary block, the sprint report, and the
// lines that carry unfinished items into the next sprint. Deterministic: no clock, no locale.
import { longDayTitle } from '../model/dates.js';
import { RETRO_PROMPTS, type SprintItem } from '../model/sprint.js';
import type { ItemState, SprintProgress } from '../model/sprint-progress.js';
import { SUMMARY_BEGIN, SUMMARY_END } from '../model/summary-markers.js';
import { escapeMarkdown } from './escape.js';
import { GENERATED_MARKER, relativeLink } from './markdown.js';

export interface NewSprint {
  id: string;
  /** The label of its last week, for the title. */
  lastWeek: string;
  weeks: number;
  goal: string | null;
  focus: string | null;
  /** Committed lines as written: `- [[goal]] text` or `- [ ] text`. */
  items: string[];
}

function yamlText(text: string): string {
  return /^[\p{L}\p{N}][^:#\n'"{}[\],&*!|>%@`]*$/u.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

export function sprintTitle(id: string, lastWeek: string): string {
  return id === lastWeek ? `Sprint ${id}` : `Sprint ${id} – ${lastWeek}`;
}

export function newSprintText(s: NewSprint, summary: string): string {
  const out = ['---', `weeks: ${s.weeks}`];
  if (s.goal) out.push(`goal: ${yamlText(s.goal)}`);
  if (s.focus) out.push(`focus: ${s.focus}`);
  out.push('---', `# ${sprintTitle(s.id, s.lastWeek)}`, '', '## Committed', ...s.items, '', SUMMARY_BEGIN, summary, SUMMARY_END, '', '## Retrospective');
  for (const prompt of RETRO_PROMPTS) out.push(`### ${prompt}`, '');
  return out.join('\n');
}

/** How an unfinished item is written into the next sprint: the same words, where it came from. */
export function carriedLine(item: SprintItem, from: string): string {
  const words = item.text.replace(/\s*\(carried from \d{4}-W\d{2}\)/i, '').replace(/\s*✅\s*\d{4}-\d{2}-\d{2}/u, '').trim();
  const note = `(carried from ${from})`;
  return item.goalName !== null ? `- [[${item.goalName}]] ${words} ${note}` : `- [ ] ${words} ${note}`;
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

function itemWords(s: ItemState): string {
  const status = s.done ? '✅ done' : s.missing ? '⚠ not a micro-task of the goal' : s.open ? '◻ open' : '☑ done outside the sprint';
  const what = `${s.item.goalName !== null ? `[[${s.goalId ?? s.item.goalName}]] ` : ''}${escapeMarkdown(s.item.key)}`;
  return `- ${status}: ${what}${s.item.added ? ' (added)' : ''}${s.item.carriedFrom ? ` (carried from ${s.item.carriedFrom})` : ''}`;
}

const MARK_WORDS: Record<string, string> = { standard: '● standard', minimum: '◐ minimum', missed: '○ missed', running: '◌ running', paused: '‖ paused', future: '· not yet', none: '– outside' };

/** The generated block of the sprint file (between the summary markers). */
export function sprintSummary(p: SprintProgress, reportLink: string | null): string {
  const out: string[] = [];
  const when = p.state === 'upcoming' ? `starts ${longDayTitle(p.sprint.start)}` : p.state === 'finished' ? `finished ${longDayTitle(p.sprint.end)}` : `day ${p.day} of ${p.days}`;
  out.push(`**${when}** · ${p.done} of ${p.planned} planned items done (execution ${pct(p.execution)})${p.added ? ` · ${p.added} added` : ''}`
    + (p.state === 'running' ? ` · pace ${pct(p.pace)} of the ideal line` : ''));
  if (p.suggestion) out.push('', `> ${p.suggestion}`);
  if (p.habits.length) {
    out.push('', '| habit | ' + (p.habits[0]?.weeks.map((w) => w.period).join(' | ') ?? '') + ' |', '|---|' + (p.habits[0]?.weeks.map(() => '---').join('|') ?? '') + '|');
    for (const row of p.habits) out.push(`| ${escapeMarkdown(row.title)} | ${row.weeks.map((w) => `${MARK_WORDS[w.mark]} ${w.done}/${w.target}`).join(' | ')} |`);
  }
  if (p.carryOver.length && p.state !== 'upcoming') {
    out.push('', p.state === 'finished' ? 'Carry over (`kaizen sprint close` copies them into the next sprint):' : 'Still open:');
    for (const s of p.carryOver) out.push(itemWords(s));
  }
  out.push('', reportLink ? `[Sprint report](${reportLink})` : `Sprint report: \`kaizen report sprint ${p.sprint.id}\``);
  return out.join('\n');
}

export function sprintReportPath(reports: string, id: string): string {
  return `${reports}/sprint-${id}.md`;
}

export function sprintChartFiles(reports: string, id: string): { burnup: string; habits: string } {
  return { burnup: `${reports}/sprint-${id}/burnup.svg`, habits: `${reports}/sprint-${id}/habits.svg` };
}

/** `reports/sprint-GGGG-Www.md`: burnup, habit grid, execution, the items and the carry-over. */
export function renderSprintReport(p: SprintProgress, reports: string, lastWeek: string): string {
  const charts = sprintChartFiles(reports, p.sprint.id);
  const out = [
    `${GENERATED_MARKER} from ${p.sprint.file}; edits here are overwritten: write in the sprint file -->`,
    `# ${sprintTitle(p.sprint.id, lastWeek)}`, '',
    `${longDayTitle(p.sprint.start)} – ${longDayTitle(p.sprint.end)} · ${p.sprint.weeks} week${p.sprint.weeks === 1 ? '' : 's'} · [the sprint file](${relativeLink(reports, p.sprint.file)})`, '',
    `**Sprint goal:** ${p.sprint.goal ? escapeMarkdown(p.sprint.goal) : '_none written yet (add `goal:` to the sprint file)_'}`,
  ];
  if (p.focusGoalId) out.push(`**Serves:** [[${p.focusGoalId}]]`);
  out.push('', '## Burnup', '', `**Execution ${pct(p.execution)}**: ${p.done} of ${p.planned} planned items done${p.added ? `, ${p.added} added after the start` : ''}`
    + (p.state === 'running' ? `; day ${p.day} of ${p.days}, pace ${pct(p.pace)} of the ideal line` : p.state === 'upcoming' ? '; not started yet' : ''), '');
  out.push(`![Burnup of sprint ${p.sprint.id}](${relativeLink(reports, charts.burnup)})`);
  if (p.suggestion) out.push('', `> ${p.suggestion}`);
  out.push('', '## Habits inside the sprint', '');
  if (p.habits.length) {
    out.push(`![Habit weeks of sprint ${p.sprint.id}](${relativeLink(reports, charts.habits)})`, '');
    for (const row of p.habits) {
      const met = row.weeks.filter((w) => w.mark === 'standard' || w.mark === 'minimum').length;
      out.push(`- **${escapeMarkdown(row.title)}**: ${met} of ${row.weeks.length} weeks met (${row.weeks.map((w) => `${w.period} ${MARK_WORDS[w.mark]}`).join(', ')})`);
    }
  } else out.push('No active goal with a weekly habit in these weeks.');
  out.push('', '## Committed', '');
  if (p.items.length === 0) out.push('Nothing committed.');
  for (const s of p.items) out.push(itemWords(s));
  out.push('', '## Carry-over', '');
  if (p.carryOver.length === 0) out.push(p.state === 'finished' ? 'Nothing: every committed item is done.' : 'Nothing open.');
  else for (const s of p.carryOver) out.push(itemWords(s));
  out.push('');
  return out.join('\n');
}

// The review file a person writes: frontmatter, one generated summary block between markers, then
// the prompts as headings. Refreshing touches only the bytes between the markers.
import type { PeriodKind } from '../model/periods.js';
import { periodTitle, type Period } from '../model/periods.js';
import { ADJUSTMENTS } from '../model/suggestions.js';
import { JournalError } from '../model/errors.js';
import { lineBreakOf } from '../model/edits.js';
import { parseMarkdown } from '../parser/markdown.js';
import { LineIndex } from '../parser/text.js';
import type { ReportData } from './data.js';
import { escapeMarkdown } from './escape.js';
import { relativeLink, reportPath } from './markdown.js';

import { SUMMARY_BEGIN, SUMMARY_END } from '../model/summary-markers.js';

export { SUMMARY_BEGIN, SUMMARY_END };

export interface Prompt {
  heading: string;
  hint: string;
  /** Earlier headings of the same prompt: answers under them are still found and kept in place. */
  aliases?: string[];
}

/** Each prompt in the words of its period: a quarter's review asks about the quarter, not "this week". */
function recurringPrompts(kind: PeriodKind): Prompt[] {
  const next = kind === 'week' ? "Next week's focus" : kind === 'month' ? "Next month's focus" : "Next quarter's focus";
  return [
    { heading: 'What went well', hint: `Name one thing, however small, that worked this ${kind}.` },
    { heading: 'What will I tweak (the smallest next step)', hint: 'One change small enough that you will surely do it.' },
    { heading: 'Obstacles met', hint: Object.values(ADJUSTMENTS).filter((a) => a.obstacle !== 'Consistent').map((a) => `${a.obstacle} → ${a.adjustment}`).join(' · ') },
    { heading: next, hint: `The one goal and the one step that matter most next ${kind}.`, aliases: kind === 'week' ? [] : ["Next week's focus"] },
  ];
}

function resetPrompts(kind: PeriodKind): Prompt[] {
  return [
    { heading: 'Does the purpose still hold?', hint: 'Read your why. If it no longer moves you, rewrite the purpose anchor in the goal file.' },
    { heading: 'Adjust milestones', hint: `Move, add or drop milestones so the next ${kind} is realistic.` },
  ];
}

const QUARTERLY: Prompt[] = [
  { heading: 'Revisit each big goal: continue, change or drop', hint: 'For each goal, one word and one reason.' },
  { heading: 'Choose the next lead goal', hint: 'One lead goal for the next 30–90 days, and why it matters.' },
];

export function reviewPrompts(kind: PeriodKind): Prompt[] {
  if (kind === 'week') return recurringPrompts(kind);
  if (kind === 'month') return [...recurringPrompts(kind), ...resetPrompts(kind)];
  return [...recurringPrompts(kind), ...resetPrompts(kind), ...QUARTERLY];
}

function sectionOf(all: Section[], prompt: Prompt): Section | undefined {
  return all.find((s) => s.heading === prompt.heading) ?? all.find((s) => prompt.aliases?.includes(s.heading));
}


/** The generated summary: the numbers in a few lines a person can reflect on. */
export function reviewSummary(data: ReportData, files: { reports: string; reviewFile: string }, reportExists: boolean): string {
  const out: string[] = [];
  const kind = data.period.kind;
  for (const g of data.goals) {
    const parts: string[] = [];
    if (g.totals) parts.push(`${g.totals.done}/${g.totals.target} done (${g.totals.minimum} minimum, ${g.totals.standard} standard, ${g.totals.skipped} skipped)`);
    if (g.streakWeeks !== null) parts.push(`streak ${g.streakWeeks} ${g.streakWeeks === 1 ? 'week' : 'weeks'}`);
    if (g.strength !== null) parts.push(`strength ${Math.round(g.strength * 100)} %`);
    parts.push(`progress ${Math.round(g.progress)} %`);
    out.push(`- ${g.lead ? '★ ' : ''}**${escapeMarkdown(g.title)}**: ${parts.join(' · ')}`);
    for (const s of g.suggestions) out.push(`  - ${s.obstacle}: ${escapeMarkdown(s.evidence)}. ${escapeMarkdown(s.advice)}`);
  }
  if (data.goals.length === 0) out.push(`- No goal was running this ${kind}.`);
  if (data.energy.average !== null) out.push(`- Energy: ${data.energy.average.toFixed(1)} / 5 on average (${data.energy.count} days)`);
  const write = `\`kaizen report ${kind} ${data.period.label}\``;
  out.push('', reportExists
    ? `Report: [${data.period.label}](${relativeLink(folderOf(files.reviewFile), reportPath(files.reports, data.period.label))}) (${write})`
    : `Report: not written yet; ${write} writes it`);
  return out.join('\n');
}

export function newReviewText(period: Period, summary: string): string {
  const out = ['---', `period: ${period.label}`, '---', '', `# ${periodTitle(period)} review`, '', SUMMARY_BEGIN, summary, SUMMARY_END, ''];
  for (const p of reviewPrompts(period.kind)) out.push(`## ${p.heading}`, '', `<!-- ${p.hint} -->`, '', '');
  return out.join('\n').replace(/\n\n\n$/, '\n');
}

/**
 * Replaces what is between the markers with `summary`, byte for byte leaving the rest. Missing,
 * duplicated or reversed markers are an error: the person's file is never guessed at.
 */
export function refreshReviewText(text: string, summary: string, file: string): { text: string; changed: boolean; inserted: boolean } {
  const begins = occurrences(text, SUMMARY_BEGIN);
  const ends = occurrences(text, SUMMARY_END);
  // Lines are only needed to name a broken marker: indexed then, not on every refresh.
  const lineOf = (offset: number) => new LineIndex(text).placeOf(offset).line;
  if (begins.length !== 1 || ends.length !== 1) {
    if (begins.length === 0 && ends.length === 0) return { text: insertSummaryBlock(text, summary), changed: true, inserted: true };
    const what = begins.length > 1
      ? `has ${begins.length} "${SUMMARY_BEGIN}" markers (lines ${begins.map(lineOf).join(', ')})`
      : ends.length > 1 ? `has ${ends.length} "${SUMMARY_END}" markers (lines ${ends.map(lineOf).join(', ')})`
      : begins.length === 0 ? `has "${SUMMARY_END}" (line ${lineOf(ends[0]!)}) but no "${SUMMARY_BEGIN}"`
      : `has "${SUMMARY_BEGIN}" (line ${lineOf(begins[0]!)}) but no "${SUMMARY_END}"`;
    throw new JournalError(`${file} ${what}: put back exactly one pair of ${SUMMARY_BEGIN} / ${SUMMARY_END} lines; nothing was changed`);
  }
  const begin = begins[0]!;
  const end = ends[0]!;
  if (end < begin) throw new JournalError(`${file}:${lineOf(end)}: "${SUMMARY_END}" comes before "${SUMMARY_BEGIN}"; nothing was changed`);
  const eol = lineBreakOf(text);
  const inner = `${eol}${summary.split('\n').join(eol)}${eol}`;
  const from = begin + SUMMARY_BEGIN.length;
  const next = text.slice(0, from) + inner + text.slice(end);
  return { text: next, changed: next !== text, inserted: false };
}

/**
 * A review a person wrote without the generated block gets one after its frontmatter and its title
 * (a first heading of level 1), as a new review would have it; every other byte stays.
 */
function insertSummaryBlock(text: string, summary: string): string {
  const eol = lineBreakOf(text);
  const parsed = parseMarkdown(text);
  const firstHeading = parsed.outline.find((item) => item.kind === 'heading');
  const afterLine = firstHeading?.kind === 'heading' && firstHeading.depth === 1 ? firstHeading.line : parsed.bodyLine - 1;
  const at = afterLine === 0 ? parsed.lines.lineStart(1) : parsed.lines.lineStart(afterLine + 1);
  const atEnd = afterLine > 0 && at === text.length && parsed.lines.lineEnd(afterLine) === text.length;
  const block = [SUMMARY_BEGIN, ...summary.split('\n'), SUMMARY_END].join(eol);
  const rest = text.slice(at);
  const before = atEnd ? eol + eol : afterLine > 0 ? eol : '';
  const after = rest === '' || /^(?:\r\n?|\n)/.test(rest) ? eol : eol + eol;
  return text.slice(0, at) + before + block + after + rest;
}

function occurrences(text: string, marker: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) out.push(i);
  return out;
}

export function periodKindWord(kind: PeriodKind): string {
  return kind === 'week' ? 'weekly' : kind === 'month' ? 'monthly' : 'quarterly';
}

const HINT = /^\s*<!--[\s\S]*?-->\s*/;

interface Section {
  heading: string;
  /** Offsets of the section's body: from after its heading line to the next `## ` heading or the end. */
  start: number;
  end: number;
}

function sections(text: string): Section[] {
  const found: Section[] = [];
  const re = /^## (.+?)[ \t]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lineBreak = /\r\n?|\n/g;
    lineBreak.lastIndex = m.index;
    const next = lineBreak.exec(text);
    const start = next ? next.index + next[0].length : text.length;
    if (found.length) found[found.length - 1]!.end = m.index;
    found.push({ heading: (m[1] as string).trim(), start, end: text.length });
  }
  return found;
}

/** What the person wrote under each prompt, without the prompt's hint comment. */
export function readReviewAnswers(text: string, kind: PeriodKind): Record<string, string> {
  const out: Record<string, string> = {};
  const normalized = text.replace(/\r\n?/g, '\n');
  const all = sections(normalized);
  for (const p of reviewPrompts(kind)) {
    const section = sectionOf(all, p);
    if (!section) continue;
    const body = normalized.slice(section.start, section.end);
    out[p.heading] = body.replace(HINT, '').trim();
  }
  return out;
}

/**
 * The review file after saving answers from the review panel: created when missing, the summary
 * block refreshed, each answer placed under its heading (after the hint comment, replacing what
 * was there), a missing heading appended; every other byte kept.
 */
export function applyReviewAnswers(text: string | null, period: Period, summary: string, answers: Record<string, string>, file: string): string {
  let out = text === null ? newReviewText(period, summary) : refreshReviewText(text, summary, file).text;
  const eol = lineBreakOf(out);
  for (const p of reviewPrompts(period.kind)) {
    const answer = answers[p.heading];
    if (answer === undefined) continue;
    const body = answer.replace(/\r\n?/g, '\n').trim().split('\n').join(eol);
    const section = sectionOf(sections(out), p);
    if (!section) {
      const sep = out.endsWith(eol) ? '' : eol;
      out = `${out}${sep}${eol}## ${p.heading}${eol}${eol}${body}${eol}`;
      continue;
    }
    const current = out.slice(section.start, section.end);
    const hint = HINT.exec(current)?.[0] ?? '';
    const keptHint = hint ? `${hint.replace(/\s+$/, '')}${eol}${eol}` : `${eol}`;
    const trailing = section.end < out.length ? eol : '';
    const replacement = body ? `${keptHint}${body}${eol}${trailing}` : `${keptHint}${trailing}`;
    if (current.trim() === replacement.trim() || current.replace(HINT, '').trim() === body.trim()) continue;
    out = out.slice(0, section.start) + replacement + out.slice(section.end);
  }
  return out;
}

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}

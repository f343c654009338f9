// Sprints on disk (FORMAT §6): finding one, reading the logs its window needs, planning a new one,
// and closing it. Writes are plans on the current text: inserts only, never a person's line changed.
import { addDays, isoWeekLabel, minDay, type Day } from '../model/dates.js';
import { sprintIdOf, nextSprintId, sprintWindow, type Sprint } from '../model/sprint.js';
import { sprintProgress, type SprintProgress } from '../model/sprint-progress.js';
import type { Goal, TaskItem } from '../model/types.js';
import { JournalError } from '../model/errors.js';
import { lineBreakOf } from '../model/edits.js';
import { SUMMARY_BEGIN } from '../model/summary-markers.js';
import { parseSprintText } from '../parser/sprint.js';
import { LineIndex } from '../parser/text.js';
import { refreshReviewText } from '../report/review.js';
import { carriedLine, newSprintText, renderSprintReport, sprintChartFiles, sprintReportPath, sprintSummary } from '../report/sprint-markdown.js';
import { burnupSvg, habitGridSvg } from '../report/sprint-svg.js';
import { writeGeneratedFiles, type GeneratedFileStore, type ReportWrite } from './generated-files.js';
import { relativeLink } from '../report/markdown.js';
import type { JournalFileSystem } from './file-system.js';
import { Journal, type OpenOptions, type ParseCache } from './journal.js';

export function sprintPath(sprintsFolder: string, id: string): string {
  return `${sprintsFolder}/${id}.md`;
}

/** The sprint holding the day, else the latest one that started before it, else null. */
export function currentSprint(sprints: readonly Sprint[], day: Day): Sprint | null {
  return sprints.find((s) => s.start <= day && day <= s.end) ?? [...sprints].reverse().find((s) => s.start <= day) ?? null;
}

export function findSprint(journal: Journal, id: string | undefined, day: Day): Sprint {
  if (id !== undefined) {
    const sprint = journal.sprints.find((s) => s.id === id);
    if (!sprint) {
      const known = journal.sprints.map((s) => s.id).join(', ') || 'none yet';
      throw new JournalError(`no sprint ${id} in ${journal.layout.sprints}/ (sprints: ${known})`);
    }
    return sprint;
  }
  const sprint = currentSprint(journal.sprints, day);
  if (!sprint) throw new JournalError(`no sprint yet in ${journal.layout.sprints}/: start one with \`kaizen sprint start\``);
  return sprint;
}

/** The journal with the logs of one sprint's window: sprints are found first, then only those days are read. */
export async function loadSprint(fs: JournalFileSystem, root: string, id: string | undefined, asOf: Day, options: Pick<OpenOptions, 'resultCache' | 'cache'> = {}):
  Promise<{ journal: Journal; sprint: Sprint; progress: SprintProgress }> {
  const cache: ParseCache = options.cache ?? new Map();
  const first = await Journal.open(fs, root, { ...options, cache, logs: 'none' });
  const found = findSprint(first, id, asOf);
  const journal = await Journal.open(fs, root, { ...options, cache, logs: { from: found.start, to: minDay(asOf, found.end) } });
  const sprint = journal.sprints.find((s) => s.id === found.id) as Sprint;
  return { journal, sprint, progress: sprintProgress(sprint, journal.goals, journal.linkResolver(), journal.habitDays(), asOf) };
}

export interface CandidateTask {
  goal: Goal;
  task: TaskItem;
  /** Picked when the person picks nothing: the focus goal's current stage, and each other goal's next task. */
  suggested: boolean;
}

/** Open micro-tasks of the active goals, lead goal first, in file order. */
export function openMicroTasks(goals: readonly Goal[], focusId: string | null): CandidateTask[] {
  const out: CandidateTask[] = [];
  for (const goal of goals) {
    if (goal.status !== 'active') continue;
    const open = goal.tasks.filter((t) => !t.checked && t.state !== 'cancelled' && t.section !== 'milestones');
    const stage = open[0]?.stage ?? null;
    open.forEach((task, k) => {
      const suggested = goal.id === focusId ? task.stage === stage : k === 0;
      out.push({ goal, task, suggested });
    });
  }
  return out;
}

export function committedLineFor(goal: Goal, task: TaskItem): string {
  return `- [[${goal.id}]] ${task.text.replace(/\s*✅\s*\d{4}-\d{2}-\d{2}/u, '').trim()}`;
}

export interface SprintPlanRequest {
  day: Day;
  weeks: number;
  goal: string | null;
  focus: string | null;
  items: string[];
  sprints: readonly Sprint[];
  sprintsFolder: string;
}

/** The new sprint's file and text; refused when its weeks overlap an existing sprint. */
export function planSprintStart(r: SprintPlanRequest): { id: string; file: string; text: string; start: Day; end: Day } {
  const id = sprintIdOf(r.day);
  const window = sprintWindow(id, r.weeks) as { start: Day; end: Day };
  const same = r.sprints.find((s) => s.id === id);
  if (same) throw new JournalError(`${same.file} already exists (${same.start} to ${same.end}); nothing was written`);
  const overlap = r.sprints.find((s) => s.start <= window.end && window.start <= s.end);
  if (overlap) {
    throw new JournalError(`a ${r.weeks}-week sprint from ${window.start} would share days with ${overlap.file} (${overlap.start} to ${overlap.end}): `
      + `close that one and start after ${overlap.end} (\`--date ${addDays(overlap.end, 1)}\`), or choose fewer weeks; nothing was written`);
  }
  const lastWeek = isoWeekLabel(window.end);
  const summary = `Not started yet: ${r.items.length === 1 ? 'one item' : `${r.items.length} items`} committed. The summary fills in as the sprint runs (\`kaizen sprint\`).`;
  const text = newSprintText({ id, lastWeek, weeks: r.weeks, goal: r.goal, focus: r.focus, items: r.items }, summary);
  return { id, file: `${r.sprintsFolder}/${id}.md`, text, ...window };
}

/** The sprint file with its summary block refreshed (inserted when missing); every other byte kept. */
export function refreshSprintSummary(text: string, progress: SprintProgress, reports: string, reportExists: boolean): { text: string; changed: boolean } {
  const link = reportExists ? relativeLink(progress.sprint.file.split('/').slice(0, -1).join('/'), sprintReportPath(reports, progress.sprint.id)) : null;
  const r = refreshReviewText(text, sprintSummary(progress, link), progress.sprint.file);
  return { text: r.text, changed: r.changed };
}

export interface CarryPlan {
  nextId: string;
  nextFile: string;
  /** The next sprint's new text (null: unchanged). */
  nextText: string | null;
  created: boolean;
  /** The lines added to the next sprint's `## Committed`. */
  carried: string[];
}

/**
 * Unfinished items into the next sprint: a new sprint of the same length when there is none, else
 * inserted after its last committed line. An item already there (same goal and words) is not added
 * again, so closing twice makes one copy.
 */
export function planCarryOver(progress: SprintProgress, nextText: string | null, sprintsFolder: string): CarryPlan {
  const sprint = progress.sprint;
  const nextId = nextSprintId(sprint);
  const nextFile = `${sprintsFolder}/${nextId}.md`;
  const lines = progress.carryOver.map((s) => ({ line: carriedLine(s.item, sprint.id), goal: s.item.goalName?.toLowerCase() ?? null, key: s.item.key }));
  if (nextText === null) {
    if (lines.length === 0) return { nextId, nextFile, nextText: null, created: false, carried: [] };
    const window = sprintWindow(nextId, sprint.weeks) as { start: Day; end: Day };
    const text = newSprintText({ id: nextId, lastWeek: isoWeekLabel(window.end), weeks: sprint.weeks, goal: null, focus: sprint.focus, items: lines.map((l) => l.line) },
      `Not started yet: ${lines.length === 1 ? 'one item' : `${lines.length} items`} carried from ${sprint.id}. Write the sprint goal above, and commit what else fits.`);
    return { nextId, nextFile, nextText: text, created: true, carried: lines.map((l) => l.line) };
  }
  const parsed = parseSprintText(nextText, nextId, nextFile);
  if (!parsed.value) {
    const d = parsed.diagnostics[0];
    throw new JournalError(`${nextFile}:${d?.line ?? 1}:${d?.column ?? 1}: ${d?.message ?? 'cannot be read'}; fix it first, nothing was carried over`);
  }
  const next = parsed.value;
  const present = new Set(next.items.map((i) => `${i.goalName?.toLowerCase() ?? ''}|${i.key}`));
  const missing = lines.filter((l) => !present.has(`${l.goal ?? ''}|${l.key}`));
  if (missing.length === 0) return { nextId, nextFile, nextText: null, created: false, carried: [] };
  const eol = lineBreakOf(nextText);
  const index = new LineIndex(nextText);
  const body = missing.map((m) => m.line).join(eol);
  let text: string;
  if (next.committedEndLine !== null) {
    const at = index.lineEnd(next.committedEndLine);
    text = `${nextText.slice(0, at)}${eol}${body}${nextText.slice(at)}`;
    if (at === nextText.length) text += eol;
  } else {
    const marker = nextText.indexOf(SUMMARY_BEGIN);
    const at = marker >= 0 ? marker : nextText.length;
    const before = at > 0 && !/(\r\n|\r|\n)$/.test(nextText.slice(0, at)) ? eol : '';
    text = `${nextText.slice(0, at)}${before}## Committed${eol}${body}${eol}${eol}${nextText.slice(at)}`;
  }
  return { nextId, nextFile, nextText: text, created: false, carried: missing.map((m) => m.line) };
}

/** The sprint report's files: the Markdown and its two charts. */
export function renderSprintReportFiles(progress: SprintProgress, reports: string): Map<string, string> {
  const charts = sprintChartFiles(reports, progress.sprint.id);
  const files = new Map<string, string>();
  files.set(sprintReportPath(reports, progress.sprint.id), renderSprintReport(progress, reports, isoWeekLabel(progress.sprint.end)));
  files.set(charts.burnup, burnupSvg(progress));
  if (progress.habits.length) files.set(charts.habits, habitGridSvg(progress));
  return files;
}

export function writeSprintReport(store: GeneratedFileStore, progress: SprintProgress, reports: string, options: { force: boolean }): Promise<ReportWrite> {
  return writeGeneratedFiles(store, renderSprintReportFiles(progress, reports), sprintReportPath(reports, progress.sprint.id), `${reports}/sprint-${progress.sprint.id}`, options);
}

// `kaizen sprint start|close`, `kaizen sprint` (status), `kaizen report sprint` and `kaizen standup`.
import readline from 'node:readline/promises';
import { goalPath } from '../../journal/layout.js';
import { nodeFileSystem, createFileExclusive } from '../../journal/node-file-system.js';
import { joinPath } from '../../journal/file-system.js';
import { updateFile } from '../../journal/update-file.js';
import {
  committedLineFor, loadSprint, openMicroTasks, planCarryOver, planSprintStart, refreshSprintSummary, sprintPath, writeSprintReport,
  type CandidateTask,
} from '../../journal/sprints.js';
import { sprintReportPath } from '../../report/sprint-markdown.js';
import { nodeGeneratedFiles } from '../../journal/report-files.js';
import { JournalError } from '../../model/errors.js';
import { DEFAULT_SPRINT_WEEKS, nextSprintId } from '../../model/sprint.js';
import type { SprintProgress } from '../../model/sprint-progress.js';
import { computeStandup } from '../../journal/standup.js';
import { addDays, type Day } from '../../model/dates.js';
import { milestoneTitle } from '../../model/syntax.js';
import { parseDayOption, UsageError, type CommandContext } from '../context.js';
import { plural } from './check.js';

async function openForWrite(ctx: CommandContext) {
  const journal = await ctx.openJournal(await ctx.root(), { logs: 'none' });
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  return journal;
}

function parseWeeks(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SPRINT_WEEKS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new UsageError(`--weeks must be 1, 2, 3 or 4, got "${value}"`);
  return n;
}

/** `--task walk:21`: the goal's open micro-task on that line of its file. */
function pickTasks(candidates: CandidateTask[], specs: string[]): CandidateTask[] {
  return specs.map((spec) => {
    const m = /^([^:]+):(\d+)$/.exec(spec);
    if (!m) throw new UsageError(`--task takes GOAL:LINE (a goal id and the line of one of its micro-tasks), like walk:21; got "${spec}"`);
    const found = candidates.find((c) => c.goal.id.toLowerCase() === (m[1] as string).toLowerCase() && c.task.line === Number(m[2]));
    if (!found) throw new UsageError(`${spec} is not an open micro-task of an active goal (run \`kaizen sprint start\` on a terminal to pick from a list)`);
    return found;
  });
}

async function promptChecklist(ctx: CommandContext, candidates: CandidateTask[]): Promise<CandidateTask[]> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    ctx.err('Open micro-tasks of your active goals (* = suggested):');
    candidates.forEach((c, i) => ctx.err(`${c.suggested ? '*' : ' '} ${String(i + 1).padStart(2)}. [[${c.goal.id}]] ${milestoneTitle(c.task.text)}`));
    for (;;) {
      const answer = (await rl.question('Numbers to commit (like 1 3 4), Enter for the suggested ones: ')).trim();
      if (answer === '') return candidates.filter((c) => c.suggested);
      const picked = answer.split(/[\s,]+/).map(Number);
      if (picked.every((k) => Number.isInteger(k) && k >= 1 && k <= candidates.length)) return [...new Set(picked)].map((k) => candidates[k - 1] as CandidateTask);
      ctx.err(`numbers from 1 to ${candidates.length}, separated by spaces`);
    }
  } finally {
    rl.close();
  }
}

async function promptText(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function runSprintStart(ctx: CommandContext, options: { weeks?: string; date?: string; goal?: string; task?: string[] }): Promise<number> {
  await ctx.root();
  const weeks = parseWeeks(options.weeks);
  const day = parseDayOption(options.date, '--date', ctx.today);
  const journal = await openForWrite(ctx);
  const focus = journal.orderedGoals().find((g) => g.lead && g.status === 'active')?.id ?? null;
  const candidates = openMicroTasks(journal.orderedGoals(), focus);
  const interactive = ctx.io.isTTY && !ctx.json && process.stdin.isTTY === true;
  const picked = options.task?.length ? pickTasks(candidates, options.task)
    : interactive && candidates.length ? await promptChecklist(ctx, candidates) : candidates.filter((c) => c.suggested);
  let goal = options.goal?.trim() || null;
  if (goal === null && interactive) goal = (await promptText('Sprint goal, one sentence (Enter to write it later): ')) || null;
  const plan = planSprintStart({ day, weeks, goal, focus, items: picked.map((c) => committedLineFor(c.goal, c.task)), sprints: journal.sprints, sprintsFolder: journal.layout.sprints });
  if (!(await createFileExclusive(joinPath(journal.root, plan.file), plan.text))) throw new JournalError(`${plan.file} already exists; nothing was written`);
  if (ctx.json) ctx.out(JSON.stringify({ file: plan.file, id: plan.id, start: plan.start, end: plan.end, weeks, items: picked.map((c) => ({ goal: c.goal.id, line: c.task.line, text: c.task.text })) }));
  else {
    ctx.out(plan.file);
    ctx.err(ctx.style.green(`sprint ${plan.id}: ${plan.start} to ${plan.end}, ${plural(picked.length, 'item')} committed`));
    for (const c of picked) ctx.err(`  [[${c.goal.id}]] ${milestoneTitle(c.task.text)}  ${ctx.style.dim(`${goalPath(journal.layout, c.goal.id)}:${c.task.line}`)}`);
    if (!goal) ctx.err(ctx.style.yellow('no sprint goal yet: add `goal:` (one sentence) to the file'));
  }
  return 0;
}

async function load(ctx: CommandContext, id: string | undefined, asOf: Day) {
  const root = await ctx.root();
  const resultCache = ctx.resultCache(root);
  const loaded = await loadSprint(nodeFileSystem, root, id, asOf, resultCache ? { resultCache } : {});
  await resultCache?.save();
  return loaded;
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

export function progressJson(p: SprintProgress) {
  return {
    id: p.sprint.id, file: p.sprint.file, start: p.sprint.start, end: p.sprint.end, weeks: p.sprint.weeks, goal: p.sprint.goal, focus: p.focusGoalId,
    state: p.state, day: p.day, days: p.days, planned: p.planned, added: p.added, done: p.done, execution: p.execution, pace: p.pace,
    items: p.items.map((s) => ({ line: s.item.line, goal: s.goalId, text: s.item.key, done: s.done, doneOn: s.doneOn, open: s.open, missing: s.missing, added: s.item.added, carriedFrom: s.item.carriedFrom })),
    burnup: p.burnup, habits: p.habits, carryOver: p.carryOver.map((s) => s.item.line), suggestion: p.suggestion,
  };
}

export async function runSprintStatus(ctx: CommandContext, id: string | undefined, options: { asOf?: string }): Promise<number> {
  await ctx.root();
  const asOf = parseDayOption(options.asOf, '--as-of', ctx.today);
  const { progress: p } = await load(ctx, id, asOf);
  if (ctx.json) {
    ctx.out(JSON.stringify(progressJson(p), null, 2));
    return 0;
  }
  const s = p.sprint;
  const when = p.state === 'running' ? `day ${p.day} of ${p.days}` : p.state === 'upcoming' ? `starts ${s.start}` : `finished ${s.end}`;
  ctx.out(`${ctx.style.bold(`Sprint ${s.id}`)} (${s.start} – ${s.end}) · ${when}`);
  ctx.out(`  goal: ${s.goal ?? ctx.style.yellow('none yet (add `goal:` to the sprint file)')}`);
  ctx.out(`  ${p.done} of ${p.planned} planned items done · execution ${pct(p.execution)}${p.state === 'running' ? ` · pace ${pct(p.pace)} of the ideal line` : ''}${p.added ? ` · ${p.added} added` : ''}`);
  const today = p.burnup.filter((b) => b.done !== null).at(-1);
  if (today) ctx.out(`  burnup: ${today.done}/${today.scope} done, ideal ${Math.round(today.ideal * 10) / 10} by ${today.day}`);
  for (const row of p.habits) {
    const met = row.weeks.filter((w) => w.mark === 'standard' || w.mark === 'minimum').length;
    ctx.out(`  ${row.goalId}: ${row.weeks.map((w) => `${w.period.slice(5)} ${w.mark === 'standard' ? '●' : w.mark === 'minimum' ? '◐' : w.mark === 'missed' ? '○' : w.mark === 'paused' ? '‖' : '·'} ${w.done}/${w.target}`).join('  ')} (${met} met)`);
  }
  for (const item of p.items) {
    const mark = item.done ? ctx.style.green('✔') : item.missing ? ctx.style.yellow('?') : '·';
    ctx.out(`  ${mark} ${item.item.goalName !== null ? `[[${item.goalId ?? item.item.goalName}]] ` : ''}${item.item.key}${item.missing ? ctx.style.yellow(' (no such micro-task in the goal)') : ''}`);
  }
  if (p.suggestion) ctx.out(ctx.style.yellow(`  ${p.suggestion}`));
  return 0;
}

export async function runSprintClose(ctx: CommandContext, id: string | undefined, options: { asOf?: string }): Promise<number> {
  await ctx.root();
  const asOf = parseDayOption(options.asOf, '--as-of', ctx.today);
  const { journal, progress } = await load(ctx, id, asOf);
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  const layout = journal.layout;
  const reportExists = (await nodeFileSystem.stat(joinPath(journal.root, sprintReportPath(layout.reports, progress.sprint.id)))) !== null;
  const own = await updateFile(joinPath(journal.root, progress.sprint.file), progress.sprint.file, (current) => {
    if (current === null) throw new JournalError(`${progress.sprint.file}: no such file`);
    return { ...refreshSprintSummary(current, progress, layout.reports, reportExists), edits: [], line: 1 };
  });
  let carry: ReturnType<typeof planCarryOver> | null = null;
  const nextRel = sprintPath(layout.sprints, nextSprintId(progress.sprint));
  await updateFile(joinPath(journal.root, nextRel), nextRel, (current) => {
    carry = planCarryOver(progress, current, layout.sprints);
    return { text: carry.nextText ?? current ?? '', edits: [], changed: carry.nextText !== null, line: 1 };
  });
  const done = carry as ReturnType<typeof planCarryOver> | null;
  if (ctx.json) {
    ctx.out(JSON.stringify({ file: progress.sprint.file, summaryChanged: own.changed, next: done?.nextFile ?? null, created: done?.created ?? false, carried: done?.carried ?? [] }));
    return 0;
  }
  ctx.out(progress.sprint.file);
  ctx.err(ctx.style.dim(own.changed ? 'summary refreshed; everything else is as you wrote it' : 'summary up to date'));
  if (done && done.carried.length) {
    ctx.err(ctx.style.green(`${done.created ? 'created' : 'added to'} ${done.nextFile}: ${plural(done.carried.length, 'item')} carried over`));
    for (const line of done.carried) ctx.err(`  ${line}`);
  } else {
    ctx.err(ctx.style.dim(progress.carryOver.length ? `${done?.nextFile}: already holds every unfinished item` : 'nothing to carry over: every committed item is done'));
  }
  if (progress.state === 'running' && asOf < progress.sprint.end) ctx.err(ctx.style.yellow(`the sprint runs until ${progress.sprint.end}: what is still open was carried over now`));
  if (Object.values(progress.sprint.retrospective).every((a) => a === '')) ctx.err('write the retrospective under its four prompts in the sprint file');
  return 0;
}

export async function runSprintReport(ctx: CommandContext, id: string | undefined, options: { asOf?: string; force?: boolean }): Promise<number> {
  await ctx.root();
  const asOf = parseDayOption(options.asOf, '--as-of', ctx.today);
  const { journal, progress } = await load(ctx, id, asOf);
  if (ctx.json) {
    ctx.out(JSON.stringify(progressJson(progress), null, 2));
    return 0;
  }
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  const result = await writeSprintReport(nodeGeneratedFiles(journal.root), progress, journal.layout.reports, { force: options.force === true });
  // The sprint file's summary block links the report and says the same numbers: refreshed with it.
  const block = await updateFile(joinPath(journal.root, progress.sprint.file), progress.sprint.file, (current) => {
    if (current === null) throw new JournalError(`${progress.sprint.file}: no such file`);
    return { ...refreshSprintSummary(current, progress, journal.layout.reports, true), edits: [], line: 1 };
  });
  ctx.out(result.report);
  ctx.err(ctx.style.dim(`sprint ${progress.sprint.id} as of ${asOf}: ${plural(result.written.length, 'file')} written, ${result.unchanged.length} unchanged; `
    + `${block.changed ? 'the summary block in the sprint file refreshed' : 'the sprint file\'s summary is up to date'}`));
  return 0;
}

export async function runStandup(ctx: CommandContext, options: { date?: string }): Promise<number> {
  const root = await ctx.root();
  const day = parseDayOption(options.date, '--date', ctx.today);
  const journal = await ctx.openJournal(root, { logs: { from: addDays(day, -13 - 7 * 8), to: day } });
  const standup = computeStandup(journal, day);
  if (ctx.json) {
    ctx.out(JSON.stringify(standup, null, 2));
    return 0;
  }
  ctx.out(ctx.style.bold(`Stand-up ${day}`));
  ctx.out(`Yesterday (${standup.yesterday.day}):`);
  if (standup.yesterday.done.length === 0) ctx.out('  nothing logged');
  for (const line of standup.yesterday.done) ctx.out(`  ✔ ${line}`);
  ctx.out('Today:');
  if (standup.today.length === 0) ctx.out('  nothing due: a free day');
  for (const line of standup.today) ctx.out(`  ◻ ${line}`);
  ctx.out('Blockers:');
  if (standup.blockers.length === 0) ctx.out('  none');
  for (const line of standup.blockers) ctx.out(`  ! ${line}`);
  return 0;
}

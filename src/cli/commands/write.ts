// The commands that change files: today, log, toggle. Each reads only the goals (no daily logs),
// then changes exactly one file through a plan under a lock.
import fs from 'node:fs';
import path from 'node:path';
import { classifyPath, goalPath } from '../../journal/layout.js';
import type { Journal } from '../../journal/journal.js';
import { joinPath, relativeTo } from '../../journal/file-system.js';
import { planLog, planToday, planToggle } from '../../journal/plans.js';
import { updateFile } from '../../journal/update-file.js';
import { newDailyNoteText } from '../../journal/daily-note-template.js';
import { JournalError } from '../../model/errors.js';
import type { HabitLevel } from '../../model/types.js';
import { milestoneTitle } from '../../model/syntax.js';
import { parseDayOption, toPosix, UsageError, type CommandContext } from '../context.js';
import { matchGoalId, unknownGoalHint } from '../../model/goal-ids.js';
import { celebrationText, type Celebration } from '../../model/celebrations.js';
import { celebrationsForGoalWrite, celebrationsForLogWrite, goalOfHabitLine } from '../../journal/celebrate.js';
import type { Day } from '../../model/dates.js';
import type { Goal } from '../../model/types.js';

/** The journal to write into; refused while its kaizen.yaml has an error. */
async function openGoals(ctx: CommandContext): Promise<Journal> {
  const journal = await ctx.openJournal(await ctx.root(), { logs: 'none' });
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  return journal;
}

export async function runToday(ctx: CommandContext, options: { date?: string }): Promise<number> {
  await ctx.root();
  const day = parseDayOption(options.date, '--date', ctx.today);
  const journal = await openGoals(ctx);
  const rel = journal.dayNotePath(day);
  const template = journal.logFiles.has(day) ? null : await newDailyNoteText(journal.fs, journal.layout, day, rel, ctx.io.now());
  const result = await updateFile(joinPath(journal.root, rel), rel, (current) => planToday(current, day, rel, journal.orderedGoals(), template, journal.layout.blocks));
  if (ctx.json) ctx.out(JSON.stringify({ file: rel, created: result.created, added: result.added }));
  else {
    ctx.out(rel);
    const what = result.created ? `created with ${result.added} habit lines` : result.added ? `added ${result.added} missing habit lines` : 'already complete';
    ctx.err(ctx.style.dim(what));
  }
  return 0;
}

const LEVELS: Record<string, HabitLevel> = { minimum: 'minimum', min: 'minimum', standard: 'standard', std: 'standard', skip: 'skip' };

export async function runLog(ctx: CommandContext, goalId: string, levelWord: string, options: { date?: string; value?: string; reason?: string }): Promise<number> {
  const level = LEVELS[levelWord.toLowerCase()];
  if (!level) throw new UsageError(`the level must be minimum, standard or skip, got "${levelWord}"`);
  await ctx.root();
  const day = parseDayOption(options.date, '--date', ctx.today);
  let value: number | null = null;
  if (options.value !== undefined) {
    value = Number(options.value);
    if (options.value.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--value must be a number, got "${options.value}"`);
    if (level === 'skip') throw new UsageError('--value goes with minimum or standard, not skip');
  }
  if (options.reason !== undefined && level !== 'skip') throw new UsageError('--reason goes with skip (why the day is skipped)');
  const journal = await openGoals(ctx);
  const ids = journal.goals.map((g) => g.id);
  const match = matchGoalId(ids, goalId);
  const named = journal.goalIdNamed(goalId);
  const goal = named === null ? undefined : journal.goal(named);
  if (!goal) {
    const unreadable = matchGoalId([...journal.unreadableGoalIds], goalId).id;
    if (unreadable) throw new JournalError(`${goalPath(journal.layout, unreadable)} has errors (run \`kaizen check\`); nothing was logged`);
    const hint = unknownGoalHint(ids, match.id === null ? match.suggestions : []);
    throw new JournalError(`unknown goal "${goalId}" (${hint}); nothing was written`);
  }
  const rel = journal.dayNotePath(day);
  const template = journal.logFiles.has(day) ? null : await newDailyNoteText(journal.fs, journal.layout, day, rel, ctx.io.now());
  let beforeText: string | null = null;
  const result = await updateFile(joinPath(journal.root, rel), rel, (current) => {
    beforeText = current;
    return planLog(current, { file: rel, day, goal, level, value, reason: options.reason ?? null, goals: journal.orderedGoals(), template, blocks: journal.layout.blocks });
  });
  const celebrations = result.changed ? await logCelebrations(ctx, goal, day, rel, beforeText, result.text) : [];
  if (ctx.json) ctx.out(JSON.stringify({ file: rel, line: result.line, goal: goal.id, level, date: day, value, changed: result.changed, created: result.created, celebrations }));
  else {
    ctx.out(`${rel}:${result.line}`);
    const what = result.changed ? `logged ${level} for ${goal.id} on ${day}${value !== null ? ` (value ${value})` : ''}` : `already logged: ${level} for ${goal.id} on ${day}`;
    ctx.err(result.changed ? ctx.style.green(what) : ctx.style.dim(what));
    // A record without levels (a task, a tag, a yes/no field) says "done": a minimum is counted as done, at the standard.
    const track = goal.track;
    if (level === 'minimum' && track && (track.kind !== 'field' || (track.standardAt === null && value === null))) {
      ctx.err(ctx.style.dim(`note: ${goal.id} reads its days from ${track.kind === 'field' ? `\`${track.name}\`` : `its ${track.kind}`}, which has no minimum: the day counts as done`));
    }
    if (goal.status !== 'active') {
      ctx.err(ctx.style.yellow(`note: ${goal.id} is ${goal.status} (status: ${goal.status} in ${goal.file}): the day is written but counts only once the goal is active`));
    }
    sayCelebrations(ctx, celebrations);
  }
  return 0;
}

/** Progress marks a log can cross: only a metric goal's, read from the logs of its range after the write. */
async function logCelebrations(ctx: CommandContext, goal: Goal, day: Day, rel: string, beforeText: string | null, afterText: string): Promise<Celebration[]> {
  if (goal.metric === null) return [];
  const asOf = day > ctx.today() ? day : ctx.today();
  const journal = await ctx.openJournal(await ctx.root(), { logs: { from: goal.start ?? '0000-01-01', to: asOf } });
  return celebrationsForLogWrite(journal, goal.id, day, rel, beforeText, afterText, asOf);
}

function sayCelebrations(ctx: CommandContext, celebrations: readonly Celebration[]): void {
  for (const c of celebrations) ctx.err(ctx.style.bold(celebrationText(c)));
}

export async function runToggle(ctx: CommandContext, target: string, options: { date?: string }): Promise<number> {
  await ctx.root();
  const m = /^(.*):(\d+)$/.exec(target);
  if (!m || Number(m[2]) < 1) throw new UsageError(`expected <file>:<line> with a 1-based line, like goals/walk.md:12, got "${target}"`);
  const today = parseDayOption(options.date, '--date', ctx.today);
  const root = await ctx.root();
  const abs = resolveInJournal(ctx.io.cwd, root, m[1] as string);
  const rel = relativeTo(root, abs);
  if (rel === null) throw new JournalError(`${m[1]} is not inside the journal at ${root}`);
  // Never write through a link that leads out of the journal.
  const real = realpathOrNull(abs);
  const realRoot = realpathOrNull(root) ?? root;
  if (real !== null && relativeTo(toPosix(realRoot), toPosix(real)) === null) throw new JournalError(`${rel} links outside the journal (to ${real}); nothing was changed`);
  const journal = await openGoals(ctx);
  const kind = classifyPath(journal.layout, rel);
  let beforeText = '';
  const result = await updateFile(abs, rel, (current) => {
    if (current === null) throw new JournalError(`${rel}: no such file`);
    beforeText = current;
    return planToggle(current, { file: rel, line: Number(m[2]), today, stampDoneDate: kind.kind === 'goal' || kind.kind === 'sprint', tasks: journal.layout.tasks });
  });
  let celebrations: Celebration[] = [];
  if (result.changed && result.checked) {
    if (kind.kind === 'goal') celebrations = celebrationsForGoalWrite(kind.id, rel, beforeText, result.text, today);
    else if (kind.kind === 'log') {
      const goalId = goalOfHabitLine(result.text, kind.date, rel, result.line, journal.goals);
      const goal = goalId === null ? undefined : journal.goal(goalId);
      if (goal) celebrations = await logCelebrations(ctx, goal, kind.date, rel, beforeText, result.text);
    }
  }
  if (ctx.json) ctx.out(JSON.stringify({ file: rel, line: result.line, checked: result.checked, nextOccurrenceLine: result.nextOccurrenceLine, celebrations }));
  else {
    ctx.out(`${rel}:${result.line}`);
    ctx.err(ctx.style.dim(`${result.checked ? 'checked' : 'unchecked'}: ${milestoneTitle(result.task.text)}`));
    if (result.nextOccurrenceLine !== null) ctx.err(ctx.style.dim(`next occurrence: ${rel}:${result.nextOccurrenceLine}`));
    sayCelebrations(ctx, celebrations);
  }
  return 0;
}

function realpathOrNull(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** A path as typed: relative to the working directory when the file is there, else to the journal root. */
function resolveInJournal(cwd: string, root: string, typed: string): string {
  const fromCwd = toPosix(path.resolve(cwd, typed));
  if (fs.existsSync(fromCwd) || path.isAbsolute(typed)) return fromCwd;
  return toPosix(path.resolve(root, typed));
}

import { WEEKDAY_KEYS } from '../../model/habit-plan.js';
import { cadenceLabel, isWeeklyCadence } from '../../model/cadence.js';
import { isWeekMet } from '../../model/analytics.js';
import { logsForStats } from '../../journal/journal.js';
import type { GoalStats } from '../../model/goal-stats.js';
import type { Goal } from '../../model/types.js';
import { isoWeekLabel, longDayTitle } from '../../model/dates.js';
import { parseDayOption, type CommandContext } from '../context.js';
import { JournalError } from '../../model/errors.js';
import { formatDiagnostic, plainDiagnostic } from './check.js';
import { formatGoalStats } from '../format-stats.js';
import { milestoneTitle } from '../../model/syntax.js';
import { matchGoalId, unknownGoalHint } from '../../model/goal-ids.js';

export interface StatsOptions {
  goal?: string;
  asOf?: string;
}

export async function runStats(ctx: CommandContext, options: StatsOptions): Promise<number> {
  const root = await ctx.root();
  const asOf = parseDayOption(options.asOf, '--as-of', ctx.today);
  const journal = await ctx.openJournal(root, { logs: logsForStats(asOf) });
  let rows = journal.stats(asOf);
  if (options.goal !== undefined) {
    const ids = journal.goals.map((g) => g.id);
    const named = journal.goalIdNamed(options.goal);
    const match = matchGoalId(ids, options.goal);
    if (named === null) throw new JournalError(`no goal "${options.goal}" (${unknownGoalHint(ids, match.id === null ? match.suggestions : [])})`);
    rows = rows.filter((r) => r.goal.id === named);
  }
  const diagnostics = journal.diagnostics();
  if (ctx.json) {
    ctx.out(JSON.stringify({ asOf, goals: rows.map((r) => statsJson(r.goal, r.stats)), diagnostics: diagnostics.map(plainDiagnostic) }, null, 2));
    return 0;
  }
  const s = ctx.style;
  ctx.out(s.bold(`Kaizen · ${longDayTitle(asOf)} · ${isoWeekLabel(asOf)}`));
  if (rows.length === 0) ctx.out(s.dim('No goals yet: create one in goals/ (see `kaizen init`).'));
  for (const row of rows) ctx.out(`\n${formatGoalStats(row.goal, row.stats, s)}`);
  if (diagnostics.length > 0) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    ctx.err(s.dim(`\n${diagnostics.length} diagnostics, ${errors.length} errors: run \`kaizen check\` to see them all`));
    for (const d of errors.slice(0, 5)) ctx.err(formatDiagnostic(d, s));
  }
  return 0;
}

/** The `--json` shape documented in the README; `null` where FORMAT.md says a value does not exist. */
export function statsJson(goal: Goal, stats: GoalStats) {
  return {
    id: goal.id,
    title: goal.title ?? goal.id,
    status: goal.status,
    lead: goal.lead,
    why: goal.why,
    cadence: goal.cadence
      ? goal.cadence.span ? { perWeek: goal.cadence.perWeek, num: goal.cadence.span.num, den: goal.cadence.span.den, text: cadenceLabel(goal.cadence) } : { perWeek: goal.cadence.perWeek }
      : null,
    plan: goal.days?.length || goal.time ? { days: goal.days ? goal.days.map((d) => WEEKDAY_KEYS[d]) : null, time: goal.time ?? null } : null,
    rewards: goal.rewards && Object.keys(goal.rewards).length ? goal.rewards : null,
    week: stats.week && goal.cadence && isWeeklyCadence(goal.cadence)
      ? { period: stats.week.period, target: stats.week.target, done: stats.week.done, minimum: stats.week.minimum, standard: stats.week.standard, skipped: stats.week.skipped }
      : null,
    // FORMAT §11: the cadence's current period (an ISO week for N/week) and the streak counted in periods.
    period: stats.week && stats.period
      ? { ...stats.period, target: stats.week.target, done: stats.week.done, minimum: stats.week.minimum, standard: stats.week.standard,
        skipped: stats.week.skipped, met: isWeekMet(stats.week) }
      : null,
    streakWeeks: goal.cadence && isWeeklyCadence(goal.cadence) ? stats.streakWeeks : null,
    bestStreakWeeks: goal.cadence && isWeeklyCadence(goal.cadence) ? stats.bestStreakWeeks : null,
    streakPeriods: stats.streakWeeks,
    bestStreakPeriods: stats.bestStreakWeeks,
    strength: stats.strength,
    halfLifeDays: stats.halfLifeDays,
    // FORMAT §11: a numeric habit's current day, week or month against `habit.target` (null for yes/no habits).
    numeric: stats.numeric ?? null,
    progress: stats.progress,
    milestones: [
      ...stats.milestones.map((m) => ({ percent: m.percent as number | null, date: m.date })),
      ...goal.milestones.filter((m) => m.checked && (m.doneDate === null || m.doneDate <= stats.asOf))
        .map((m) => ({ percent: null, date: m.doneDate, title: milestoneTitle(m.text) })),
    ],
    suggestions: stats.suggestions.map((x) => ({ id: x.id, message: x.message })),
  };
}

// `kaizen export csv [--goal id] [--as-of day]`: the journal's days as CSV on standard output.
import { logsForStats } from '../../journal/journal.js';
import { JournalError } from '../../model/errors.js';
import { matchGoalId, unknownGoalHint } from '../../model/goal-ids.js';
import { exportCsv } from '../../report/export-csv.js';
import { parseDayOption, UsageError, type CommandContext } from '../context.js';

export async function runExport(ctx: CommandContext, kind: string, options: { goal?: string; asOf?: string }): Promise<number> {
  if (kind !== 'csv') throw new UsageError(`kaizen export knows "csv" (one row per goal and day), not "${kind}"`);
  const root = await ctx.root();
  const asOf = parseDayOption(options.asOf, '--as-of', ctx.today);
  const journal = await ctx.openJournal(root, { logs: logsForStats(asOf) });
  let goals = journal.goals;
  if (options.goal !== undefined) {
    const ids = goals.map((g) => g.id);
    const match = matchGoalId(ids, options.goal);
    if (match.id === null) throw new JournalError(`no goal "${options.goal}" (${unknownGoalHint(ids, match.suggestions)})`);
    goals = goals.filter((g) => g.id === match.id);
  }
  ctx.io.stdout(exportCsv(goals, journal.habitDays(), asOf));
  return 0;
}

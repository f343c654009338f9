// `kaizen export csv [--goal id] [--as-of day]`: the journal's days as CSV on standard output.
// `kaizen export loop FILE.db [--force]`: the habits and their days as a Loop Habit Tracker backup.
import path from 'node:path';
import { logsForStats } from '../../journal/journal.js';
import { JournalError } from '../../model/errors.js';
import { matchGoalId, unknownGoalHint } from '../../model/goal-ids.js';
import { exportCsv } from '../../report/export-csv.js';
import { parseDayOption, UsageError, type CommandContext } from '../context.js';

export async function runExport(ctx: CommandContext, kind: string, file: string | undefined, options: { goal?: string; asOf?: string; force?: boolean }): Promise<number> {
  if (kind === 'loop') return exportLoop(ctx, file, options);
  if (kind !== 'csv') throw new UsageError(`kaizen export knows "csv" (one row per goal and day) and "loop" (a Loop Habit Tracker backup), not "${kind}"`);
  if (file !== undefined) throw new UsageError('kaizen export csv writes to standard output: redirect it (kaizen export csv > days.csv)');
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

async function exportLoop(ctx: CommandContext, file: string | undefined, options: { goal?: string; asOf?: string; force?: boolean }): Promise<number> {
  if (file === undefined) throw new UsageError('kaizen export loop needs the file to write, such as "Loop Habits Backup.db"');
  if (options.goal !== undefined || options.asOf !== undefined) throw new UsageError('kaizen export loop writes every habit and every day: --goal and --as-of are for export csv');
  const root = await ctx.root();
  const journal = await ctx.openJournal(root, { logs: 'all' });
  const target = path.resolve(ctx.io.cwd, file);
  const { writeLoopBackup } = await import('../../journal/loop-export.js');
  const result = await writeLoopBackup(journal, target, { force: options.force === true });
  if (ctx.json) ctx.out(JSON.stringify({ file: target, ...result }));
  else {
    ctx.out(`${file}: ${result.habits} habits, ${result.days} days (Loop database version ${result.version}).`);
    ctx.err(ctx.style.dim('In Loop: Settings → Import data, then choose this file. Bring the days back with kaizen import loop on its next backup.'));
  }
  return 0;
}

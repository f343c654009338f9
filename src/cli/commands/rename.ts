// `kaizen rename <old-id> <new-id>`: a dry run by default (every change listed); `--write` applies it.
import { planGoalRename } from '../../journal/rename-goal.js';
import { applyGoalRename } from '../../journal/rename-goal-files.js';
import { JournalError } from '../../model/errors.js';
import type { CommandContext } from '../context.js';
import { plural } from './check.js';

export async function runRename(ctx: CommandContext, oldId: string, newId: string, options: { write?: boolean }): Promise<number> {
  const journal = await ctx.openJournal(await ctx.root(), { logs: 'none' });
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  const plan = await planGoalRename(journal, oldId, newId);
  const links = plan.changes.reduce((n, c) => n + c.edits.length, 0);
  if (!options.write) {
    if (ctx.json) ctx.out(JSON.stringify({ from: plan.from, to: plan.to, file: { from: plan.fileFrom, to: plan.fileTo }, changes: plan.changes.map((c) => ({ file: c.file, lines: c.lines })), written: false }));
    else {
      for (const c of plan.changes) for (const line of c.lines) ctx.out(`${c.file}:${line}: [[${plan.from}]] → [[${plan.to}]]`);
      ctx.out(`${plan.fileFrom} → ${plan.fileTo}`);
      ctx.err(ctx.style.dim(`${plural(links, 'link')} in ${plural(plan.changes.length, 'file')} and the goal file: nothing was changed (a dry run); run again with --write to apply`));
    }
    return 0;
  }
  const result = await applyGoalRename(journal, plan);
  if (ctx.json) ctx.out(JSON.stringify({ from: plan.from, to: plan.to, changed: result.changed, failed: result.failed, written: true }));
  else if (result.failed) {
    ctx.err(ctx.style.red(`stopped at ${result.failed.file}: ${result.failed.message}`));
    ctx.err(`already changed (${result.changed.length}): ${result.changed.join(', ') || 'none'}; run the same command again to finish`);
  } else {
    ctx.out(plan.fileTo);
    ctx.err(ctx.style.green(`renamed ${plan.from} to ${plan.to}: ${plural(links, 'link')} in ${plural(plan.changes.length, 'file')}, and ${plan.fileFrom} → ${plan.fileTo}`));
  }
  return result.failed ? 1 : 0;
}

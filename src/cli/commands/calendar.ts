// `kaizen calendar`: the habits, milestones, due dates, sprints and review slots as an .ics file.
import { calendarLogs, writeCalendar } from '../../journal/calendar-file.js';
import { JournalError } from '../../model/errors.js';
import type { CommandContext } from '../context.js';

export async function runCalendar(ctx: CommandContext, options: { out?: string; withPurpose?: boolean; force?: boolean }): Promise<number> {
  const journal = await ctx.openJournal(await ctx.root(), { logs: calendarLogs });
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
  const result = await writeCalendar(journal, { ...(options.out ? { out: options.out } : {}), withPurpose: options.withPurpose === true, force: options.force === true });
  if (ctx.json) ctx.out(JSON.stringify(result));
  else {
    ctx.out(result.file);
    ctx.err(ctx.style.dim(`${result.events} events${result.changed ? '' : ', unchanged'}; subscribe to it in your calendar app (see docs/rewards-and-calendar.md)${options.withPurpose ? '; it includes each goal\'s purpose' : ''}`));
  }
  return 0;
}

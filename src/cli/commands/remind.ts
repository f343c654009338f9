// `kaizen remind`: for cron or a systemd timer. The goals that still need today, one line each with
// the minimum step; nothing at all when nothing is due, so cron mails nothing.
import { addDays } from '../../model/dates.js';
import { goalsNeedingToday, reminderLine } from '../../model/reminders.js';
import { parseDayOption, type CommandContext } from '../context.js';

export async function runRemind(ctx: CommandContext, options: { date?: string }): Promise<number> {
  const root = await ctx.root();
  const day = parseDayOption(options.date, '--date', ctx.today);
  const journal = await ctx.openJournal(root, { logs: { from: addDays(day, -6), to: day } });
  const items = goalsNeedingToday(journal.orderedGoals(), journal.habitDays(), day);
  if (ctx.json) {
    ctx.out(JSON.stringify({ date: day, goals: items }));
    return 0;
  }
  for (const item of items) ctx.out(`${reminderLine(item)}${item.why ? ` — ${item.why}` : ''}`);
  if (items.length) ctx.out(`Log it: kaizen log ${items[0]?.goalId} minimum`);
  return 0;
}

// `kaizen import loop FILE` (a CSV export's zip or folder, or a .db backup): a dry run by default (what would be written, per goal); --write writes it.
import path from 'node:path';
import { planLoopImport, readLoopSource, writeLoopImport } from '../../journal/loop-import.js';
import { JournalError } from '../../model/errors.js';
import { UsageError, type CommandContext } from '../context.js';

export async function runImport(ctx: CommandContext, kind: string, file: string, options: { write?: boolean }): Promise<number> {
  if (kind !== 'loop') throw new UsageError(`kaizen import knows "loop" (Loop Habit Tracker's CSV export or backup), not "${kind}"`);
  const root = await ctx.root();
  const imported = await readLoopSource(path.resolve(ctx.io.cwd, file));
  const journal = await ctx.openJournal(root, { logs: 'none' });
  const blocker = journal.writeBlocker();
  if (blocker && options.write) throw new JournalError(blocker);
  const plan = planLoopImport(journal, imported);
  const rows = plan.goals.map((g) => {
    const counts = { standard: 0, skip: 0, values: 0 };
    for (const d of g.days) {
      if (d.level === 'skip') counts.skip++;
      else if (d.value !== null) counts.values++;
      else counts.standard++;
    }
    return { goal: g.id, file: g.file, create: g.text !== null, days: g.days.length, first: g.days[0]?.date ?? null, last: g.days.at(-1)?.date ?? null, ...counts };
  });
  const created = plan.notes.filter((n) => n.created).length;
  if (!options.write) {
    if (ctx.json) ctx.out(JSON.stringify({ write: false, goals: rows, notes: plan.notes.length, newNotes: created }));
    else {
      for (const r of rows) {
        const what = [r.standard && `${r.standard} done`, r.values && `${r.values} with a value`, r.skip && `${r.skip} skipped`].filter(Boolean).join(', ') || 'no days';
        ctx.out(`${r.file}${r.create ? ' (new)' : ''}: ${r.days} days${r.first ? ` ${r.first} → ${r.last}` : ''} (${what})`);
      }
      ctx.out(plan.notes.length ? `${plan.notes.length} daily notes would change (${created} new).` : 'Nothing to import: the journal already has every day.');
      ctx.err(ctx.style.dim('A dry run: nothing was written. Run again with --write to import.'));
    }
    return 0;
  }
  const result = await writeLoopImport(journal, plan);
  if (ctx.json) ctx.out(JSON.stringify({ write: true, goals: rows, goalsCreated: result.goalsCreated, notesWritten: result.notesWritten }));
  else {
    for (const f of result.goalsCreated) ctx.out(`${f} created: rewrite its why in your own words`);
    ctx.out(`${result.notesWritten} daily notes written.`);
  }
  return 0;
}

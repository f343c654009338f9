// After `kaizen sync` brought the other device's commits in: conflict markers a client without our
// driver committed are merged again from git's history, and generated reports (merged by keeping
// either side) are written again from the merged notes, each committed on its own.
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../../journal/git.js';
import type { Layout } from '../../journal/layout.js';
import { resolveFromHistory } from '../../journal/conflict-history.js';
import { commitOnly, filesHoldingMarkers, isJournalFile } from '../../journal/sync-state.js';
import { loadPeriodReport } from '../../journal/period-report.js';
import { writeReportFiles } from '../../journal/report-files.js';
import { nodeFileSystem, writeFileAtomic } from '../../journal/node-file-system.js';
import { relativeTo } from '../../journal/file-system.js';
import { decodeUtf8 } from '../../parser/text.js';
import { minDay } from '../../model/dates.js';
import { PERIOD_KINDS, parsePeriod, type Period } from '../../model/periods.js';
import { toPosix, type CommandContext } from '../context.js';
import { plural } from './check.js';

/** Files (relative to the top) the pull changed, since `before`. */
async function changedSince(top: string, before: string): Promise<string[]> {
  const r = await git(top, ['diff', '--name-only', '-z', before, 'HEAD']);
  return r.stdout.split('\0').filter(Boolean);
}

/** The report's period from its file name (`reports/2026-W48.md`), or null for any other file. */
function reportPeriod(layout: Layout, rel: string): Period | null {
  const prefix = `${layout.reports}/`;
  if (!rel.startsWith(prefix)) return null;
  const rest = rel.slice(prefix.length);
  const label = rest.endsWith('.md') && !rest.includes('/') ? rest.slice(0, -3) : rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : null;
  if (label === null) return null;
  for (const kind of PERIOD_KINDS) {
    const period = parsePeriod(kind, label);
    if (period) return period;
  }
  return null;
}

/**
 * Resolves and regenerates what the pull brought in; returns what is left for a person (`path:line`
 * of markers git's history could not settle).
 */
export async function settleArrived(ctx: CommandContext, top: string, root: string, layout: Layout, before: string): Promise<string[]> {
  const prefix = relativeTo(toPosix(top), toPosix(root)) ?? '';
  const fromRoot = (p: string) => (prefix === '' ? p : p.slice(prefix.length + 1));
  const changed = (await changedSince(top, before)).filter((p) => (prefix === '' || p.startsWith(`${prefix}/`)) && isJournalFile(layout, fromRoot(p)));
  const say = (text: string) => (ctx.json ? undefined : ctx.err(text));

  const periods = new Map<string, Period>();
  for (const p of changed) {
    const period = reportPeriod(layout, fromRoot(p));
    if (period) periods.set(period.label, period);
  }
  const notes = changed.filter((p) => !fromRoot(p).startsWith(`${layout.reports}/`));
  const resolved: string[] = [];
  const left: string[] = [];
  for (const marked of filesHoldingMarkers(top, notes)) {
    const file = marked.slice(0, marked.lastIndexOf(':'));
    const decoded = decodeUtf8(fs.readFileSync(path.join(top, file)));
    const found = decoded.ok ? await resolveFromHistory(top, file, decoded.text) : null;
    if (found) {
      await writeFileAtomic(path.join(top, file), found.text, file);
      resolved.push(file);
    } else left.push(marked);
  }
  if (resolved.length) {
    await commitOnly(top, resolved, `Conflict markers another device committed, merged by meaning (${resolved.length === 1 ? resolved[0] : `${resolved.length} files`})`);
    say(`merged again by meaning the conflict markers another device had committed: ${resolved.join(', ')}`);
  }

  const today = ctx.today();
  const written: string[] = [];
  for (const period of [...periods.values()].sort((a, b) => a.label.localeCompare(b.label))) {
    if (today < period.start) continue;
    try {
      const { journal, data } = await loadPeriodReport(nodeFileSystem, root, period, minDay(today, period.end), { today });
      if (journal.writeBlocker()) continue;
      const result = await writeReportFiles(layout, data, { force: true });
      written.push(...result.written, ...result.removed);
    } catch (e) {
      say(ctx.style.yellow(`could not write the ${period.label} report again: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (written.length) {
    const paths = written.map((rel) => (prefix === '' ? rel : `${prefix}/${rel}`));
    await commitOnly(top, paths, `Reports written again from the merged notes (${[...periods.keys()].join(', ')})`);
    say(`wrote ${plural(periods.size, 'report')} again from the merged notes: ${[...periods.keys()].join(', ')}`);
  }
  return left;
}

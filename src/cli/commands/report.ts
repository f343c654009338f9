import { reviewFileToWrite } from '../../journal/layout.js';
import { JournalError } from '../../model/errors.js';
import { loadPeriodReport } from '../../journal/period-report.js';
import { writeReportFiles } from '../../journal/report-files.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { newReviewText, refreshReviewText, reviewSummary } from '../../report/review.js';
import { reportPath } from '../../report/markdown.js';
import { updateFile } from '../../journal/update-file.js';
import { joinPath } from '../../journal/file-system.js';
import type { CommandContext } from '../context.js';
import { resolvePeriod } from '../period-args.js';
import { plural } from './check.js';
import { refreshCalendarIfPresent } from '../../journal/calendar-file.js';

async function load(ctx: CommandContext, period: Parameters<typeof loadPeriodReport>[2], asOf: string, today: string) {
  const root = await ctx.root();
  const resultCache = ctx.resultCache(root);
  const loaded = await loadPeriodReport(nodeFileSystem, root, period, asOf, { today, ...(resultCache ? { resultCache } : {}) });
  await resultCache?.save();
  return loaded;
}

function refuseBrokenConfig(journal: { writeBlocker(): string | null }): void {
  const blocker = journal.writeBlocker();
  if (blocker) throw new JournalError(blocker);
}

export async function runReport(ctx: CommandContext, kind: string, label: string | undefined, options: { asOf?: string; force?: boolean }): Promise<number> {
  await ctx.root();
  const { period, asOf, today } = resolvePeriod(ctx, kind, label, options.asOf);
  const { journal, data } = await load(ctx, period, asOf, today);
  if (ctx.json) {
    ctx.out(JSON.stringify(data, null, 2));
    return 0;
  }
  refuseBrokenConfig(journal);
  const result = await writeReportFiles(journal.layout, data, { force: options.force === true });
  ctx.out(result.report);
  const parts = [`${plural(result.written.length, 'file')} written`, `${result.unchanged.length} unchanged`];
  const calendar = await refreshCalendarIfPresent(journal);
  if (calendar?.changed) parts.push(`${calendar.file} refreshed`);
  if (result.removed.length) parts.push(`${result.removed.length} old charts removed`);
  ctx.err(ctx.style.dim(`${period.label} as of ${asOf}: ${parts.join(', ')}`));
  return 0;
}

export async function runReview(ctx: CommandContext, kind: string, label: string | undefined, options: { asOf?: string }): Promise<number> {
  await ctx.root();
  const { period, asOf, today } = resolvePeriod(ctx, kind, label, options.asOf);
  const { journal, data } = await load(ctx, period, asOf, today);
  refuseBrokenConfig(journal);
  const rel = reviewFileToWrite(journal.layout, period);
  const reportExists = (await nodeFileSystem.stat(joinPath(journal.root, reportPath(journal.layout.reports, period.label)))) !== null;
  const summary = reviewSummary(data, { reports: journal.layout.reports, reviewFile: rel }, reportExists);
  let inserted = false;
  const result = await updateFile(joinPath(journal.root, rel), rel, (current) => {
    if (current === null) {
      const text = newReviewText(period, summary);
      return { text, edits: [], changed: true, line: 1 };
    }
    const refreshed = refreshReviewText(current, summary, rel);
    inserted = refreshed.inserted;
    return { text: refreshed.text, edits: [], changed: refreshed.changed, line: 1 };
  });
  if (ctx.json) ctx.out(JSON.stringify({ file: rel, created: result.created, changed: result.changed }));
  else {
    ctx.out(rel);
    ctx.err(ctx.style.dim(result.created ? `created the ${period.kind} review ${period.label}`
      : inserted ? 'added the summary block after your title; everything else is as you wrote it'
      : result.changed ? 'refreshed the summary; everything else is as you wrote it' : 'the summary is up to date'));
  }
  return 0;
}

// `kaizen watch`: keeps the current period's report (and review summary) fresh while you write.
// One regeneration per burst of changes, parse results kept in memory between regenerations, a
// broken file reported without stopping, a clean exit on Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { loadPeriodReport } from '../../journal/period-report.js';
import { nodeGeneratedFiles, writeReportFiles } from '../../journal/report-files.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { loadLayout, CONFIG_FILE, reviewFileToRead, type Layout } from '../../journal/layout.js';
import { updateFile } from '../../journal/update-file.js';
import { JournalError } from '../../model/errors.js';
import { Journal, type ParseCache } from '../../journal/journal.js';
import type { ResultCache } from '../../journal/result-cache.js';
import { refreshCalendarIfPresent } from '../../journal/calendar-file.js';
import { periodContaining, PERIOD_KINDS, type Period } from '../../model/periods.js';
import { refreshReviewText, reviewSummary } from '../../report/review.js';
import { reportPath } from '../../report/markdown.js';
import type { Diagnostic } from '../../model/types.js';
import { parseDayOption, type CommandContext } from '../context.js';
import { formatDiagnostic } from './check.js';
import { loadSprint, refreshSprintSummary, writeSprintReport } from '../../journal/sprints.js';

/** Quiet time that ends a burst, and the longest a burst may postpone a regeneration. */
const QUIET_MS = 200;
const MAX_WAIT_MS = 2000;
const MAX_ERRORS_SHOWN = 10;

/** Editor swap, backup and temporary files, and our own temp and lock files. */
const NOISE = /(^|\/)(\.[^/]*|[^/]*~|#[^/]*#|4913|[^/]*\.(swp|swx|swo|tmp|temp|kaizen-tmp|kaizen-lock|crswap|bak))$/i;

export function isIgnoredPath(rel: string, layout: Layout): boolean {
  const parts = rel.split('/');
  if (parts.includes('.git') || parts.includes('node_modules')) return true;
  if (rel === layout.reports || rel.startsWith(`${layout.reports}/`)) return true;
  return NOISE.test(rel);
}

const POLLING_FALLBACK = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/** Watch errors that mean "no more native watches": inotify's limit, or no file descriptors left. */
export function needsPolling(error: unknown): boolean {
  return POLLING_FALLBACK.has(String((error as NodeJS.ErrnoException | null)?.code ?? ''));
}

export async function runWatch(ctx: CommandContext, options: { asOf?: string } = {}): Promise<number> {
  const fixedDay = options.asOf === undefined ? null : parseDayOption(options.asOf, '--as-of', ctx.today);
  const root = await ctx.root();
  const { layout } = await loadLayout(nodeFileSystem, root);
  const cache: ParseCache = new Map();
  // The first read starts from the parse cache every command shares; later ones from memory.
  const persistent = ctx.resultCache(root);
  const signal = ctx.io.signal;
  const time = () => new Date(ctx.io.now()).toTimeString().slice(0, 8);
  let reported = new Set<string>();
  let firstRun = true;

  const regenerate = async (reason: string): Promise<void> => {
    const today = fixedDay ?? ctx.today();
    const started = Date.now();
    let progressShown = false;
    const onProgress = firstRun && ctx.io.isTTY ? (done: number, total: number) => {
      if (Date.now() - started < 1000) return;
      progressShown = true;
      ctx.io.stderr(`\rreading the journal… ${done}/${total} files`);
    } : undefined;
    const periods = PERIOD_KINDS.map((kind) => periodContaining(kind, today))
      .filter((p) => p.kind === 'week' || fs.existsSync(path.join(root, reportPath(layout.reports, p.label))) || ((file) => file !== null && fs.existsSync(path.join(root, file)))(reviewFileToRead(layout, p)));
    const diagnostics: Diagnostic[] = [];
    for (const period of periods) {
      const line = await regeneratePeriod(ctx, root, period, today, cache, onProgress, diagnostics, firstRun ? persistent : undefined);
      if (progressShown) {
        ctx.io.stderr('\r\u001b[K');
        progressShown = false;
      }
      ctx.out(`${time()} ${line}${reason ? ctx.style.dim(` (${reason})`) : ''}`);
    }
    const sprint = await regenerateSprint(ctx, root, layout, today, cache);
    const calendar = await refreshCalendar(root, cache);
    if (calendar) ctx.out(`${time()} ${calendar}${reason ? ctx.style.dim(` (${reason})`) : ''}`);
    if (sprint) ctx.out(`${time()} ${sprint}${reason ? ctx.style.dim(` (${reason})`) : ''}`);
    if (firstRun) await persistent?.save();
    firstRun = false;
    // Report each problem once, when it appears; say so when it is fixed.
    const now = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, ctx.style)));
    const fresh = [...now].filter((d) => !reported.has(d));
    for (const d of fresh.slice(0, MAX_ERRORS_SHOWN)) ctx.err(d);
    if (fresh.length > MAX_ERRORS_SHOWN) ctx.err(ctx.style.dim(`… and ${fresh.length - MAX_ERRORS_SHOWN} more errors: run \`kaizen check\``));
    if (reported.size > 0 && now.size === 0) ctx.err(ctx.style.green(`${time()} no more errors`));
    reported = now;
  };

  await regenerate('');
  if (signal?.aborted) return 0;

  const startWatcher = (polling: boolean): FSWatcher => chokidarWatch([layout.goals, layout.logs, layout.reviews, layout.sprints, CONFIG_FILE], {
    cwd: root,
    ignoreInitial: true,
    followSymlinks: false,
    atomic: true,
    usePolling: polling,
    interval: 1000,
    awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 },
    ignored: (p: string) => {
      const rel = path.isAbsolute(p) ? path.relative(root, p) : p;
      return rel !== '' && isIgnoredPath(rel.split(path.sep).join('/'), layout);
    },
  });

  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  let burstStart = 0;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    const changed = [...new Set(pending)];
    pending = [];
    const reason = changed.length === 1 ? changed[0] as string : `${changed.length} files changed`;
    running = running.then(() => regenerate(reason)).catch((e: unknown) => {
      ctx.err(`${time()} ${e instanceof JournalError ? e.message : `could not regenerate: ${e instanceof Error ? e.message : String(e)}`}`);
    });
  };
  const onEvent = (event: string, p: string) => {
    const rel = p.split(path.sep).join('/');
    if (rel === CONFIG_FILE) cache.clear();
    else cache.delete(rel);
    if (event === 'unlinkDir' || event === 'addDir') cache.clear();
    if (pending.length === 0) burstStart = Date.now();
    pending.push(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Date.now() - burstStart > MAX_WAIT_MS ? 0 : QUIET_MS);
  };
  let polling = false;
  let watcher = startWatcher(false);
  // Ready when the watcher in use is ready: the polling one replaces a native one that failed.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const attach = (w: FSWatcher) => {
    w.on('ready', () => {
      if (w === watcher) markReady();
    });
    w.on('all', onEvent);
    w.on('error', (e: unknown) => {
      if (!polling && needsPolling(e)) {
        // inotify limit or too many open files: keep going by rescanning instead of losing changes.
        polling = true;
        ctx.err(`${time()} the system refuses more file watches (${(e as NodeJS.ErrnoException).code}): checking for changes every second instead`);
        void w.close();
        watcher = startWatcher(true);
        attach(watcher);
        pending.push(CONFIG_FILE);
        cache.clear();
        flush();
        return;
      }
      ctx.err(`${time()} watching failed: ${e instanceof Error ? e.message : String(e)}; still running, changes may be missed`);
    });
  };
  attach(watcher);
  await ready;
  ctx.err(ctx.style.dim(`watching ${root} (Ctrl-C to stop)${polling ? ', checking every second' : ''}`));

  await new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (timer) clearTimeout(timer);
  await watcher.close();
  await running;
  ctx.err(ctx.style.dim('stopped watching'));
  return 0;
}

async function regeneratePeriod(ctx: CommandContext, root: string, period: Period, today: string, cache: ParseCache,
  onProgress: ((done: number, total: number) => void) | undefined, diagnostics: Diagnostic[], resultCache?: ResultCache): Promise<string> {
  const { journal, data } = await loadPeriodReport(nodeFileSystem, root, period, today, { cache, onProgress, today, ...(resultCache ? { resultCache } : {}) });
  diagnostics.push(...journal.diagnostics());
  const parts: string[] = [];
  try {
    const result = await writeReportFiles(journal.layout, data, { force: false });
    parts.push(result.written.includes(result.report) || result.written.length > 0
      ? `wrote ${result.report}${result.written.length > 1 ? ` and ${result.written.length - 1} charts` : ''}`
      : `${result.report} unchanged`);
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    parts.push(ctx.style.red(e.message));
  }
  const review = reviewFileToRead(journal.layout, period);
  if (review !== null && fs.existsSync(path.join(root, review))) {
    try {
      const reportExists = fs.existsSync(path.join(root, reportPath(journal.layout.reports, period.label)));
      const summary = reviewSummary(data, { reports: journal.layout.reports, reviewFile: review }, reportExists);
      const r = await updateFile(path.join(root, review), review, (current) => {
        const refreshed = current === null ? { text: '', changed: false } : refreshReviewText(current, summary, review);
        return { text: refreshed.text, edits: [], changed: refreshed.changed, line: 1 };
      });
      if (r.changed) parts.push(`refreshed ${review}`);
    } catch (e) {
      if (!(e instanceof JournalError)) throw e;
      parts.push(ctx.style.yellow(e.message));
    }
  }
  return parts.join('; ');
}

/** The sprint holding today: its report rewritten and its summary block refreshed; null without one. */
async function regenerateSprint(ctx: CommandContext, root: string, layout: Layout, today: string, cache: ParseCache): Promise<string | null> {
  const dir = path.join(root, layout.sprints);
  if (!fs.existsSync(dir)) return null;
  try {
    const { journal, progress } = await loadSprint(nodeFileSystem, root, undefined, today, { cache });
    if (progress.state !== 'running') return null;
    const result = await writeSprintReport(nodeGeneratedFiles(root), progress, journal.layout.reports, { force: false });
    const parts = [result.written.length ? `wrote ${result.report}` : `${result.report} unchanged`];
    const r = await updateFile(path.join(root, progress.sprint.file), progress.sprint.file, (current) => {
      const refreshed = current === null ? { text: '', changed: false } : refreshSprintSummary(current, progress, journal.layout.reports, true);
      return { text: refreshed.text, edits: [], changed: refreshed.changed, line: 1 };
    });
    if (r.changed) parts.push(`refreshed ${progress.sprint.file}`);
    return parts.join('; ');
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    return /no sprint yet/.test(e.message) ? null : ctx.style.yellow(e.message);
  }
}

/** reports/kaizen.ics, when the person made one, kept in step with the goals and sprints. */
async function refreshCalendar(root: string, cache: ParseCache): Promise<string | null> {
  try {
    const journal = await Journal.open(nodeFileSystem, root, { cache, logs: 'none' });
    const r = await refreshCalendarIfPresent(journal);
    return r?.changed ? `refreshed ${r.file}` : null;
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    return e.message;
  }
}

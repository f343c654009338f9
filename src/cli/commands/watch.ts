// `kaizen watch`: keeps the current period's report (and review summary) fresh while you write.
// One regeneration per burst of changes from the journal held in memory (numbers kept up to date a file at a time), a
// broken file reported without stopping, a clean exit on Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { nodeGeneratedFiles, writeReportFiles } from '../../journal/report-files.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { loadLayout, CONFIG_FILE, reviewFileToRead, type Layout } from '../../journal/layout.js';
import { VAULT_SETTINGS_FILES } from '../../journal/obsidian-settings.js';
import { updateFile } from '../../journal/update-file.js';
import { JournalError } from '../../model/errors.js';
import type { ParseCache } from '../../journal/journal.js';
import { refreshCalendarFrom } from '../../journal/calendar-file.js';
import { periodContaining, PERIOD_KINDS, type Period } from '../../model/periods.js';
import { refreshReviewText, reviewSummary } from '../../report/review.js';
import { reportPath } from '../../report/markdown.js';
import type { Day } from '../../model/dates.js';
import { statusWords } from '../../language/actions.js';
import { parseDayOption, type CommandContext } from '../context.js';
import { formatDiagnostic, plural } from './check.js';
import { refreshSprintSummary, writeSprintReport } from '../../journal/sprints.js';
import { WatchedJournal, type WatchedChanges, type WatchedUpdate } from './watch-journal.js';

/** Quiet time that ends a burst, and the longest a burst may postpone a regeneration. */
const QUIET_MS = 200;
const MAX_WAIT_MS = 2000;
const MAX_ERRORS_SHOWN = 10;
/** How often the vault's few settings files are looked at. */
const SETTINGS_POLL_MS = 500;

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

  let watched: WatchedJournal | null = null;
  const regenerate = async (reason: string, changes: WatchedChanges): Promise<void> => {
    const today = fixedDay ?? ctx.today();
    const started = Date.now();
    let progressShown = false;
    const onProgress = firstRun && ctx.io.isTTY ? (done: number, total: number) => {
      if (Date.now() - started < 1000) return;
      progressShown = true;
      ctx.io.stderr(`\rreading the journal… ${done}/${total} files`);
    } : undefined;
    // The first read starts from the parse cache every command shares; later ones from memory, one file at a time.
    let update: WatchedUpdate = { reread: true };
    if (watched) update = await watched.apply(changes, today);
    else {
      watched = await WatchedJournal.read(nodeFileSystem, root, today, { cache, ...(onProgress ? { onProgress } : {}),
        ...(persistent ? { resultCache: persistent } : {}) });
    }
    if (progressShown) ctx.io.stderr('\r\u001b[K');
    // The layout of the latest read: kaizen.yaml may have moved the reports or reviews since the start.
    const current = watched.layout;
    const periods = PERIOD_KINDS.map((kind) => periodContaining(kind, today)).filter((p) => p.kind === 'week'
      || fs.existsSync(path.join(root, reportPath(current.reports, p.label)))
      || ((file) => file !== null && fs.existsSync(path.join(root, file)))(reviewFileToRead(current, p)));
    const said = (line: string) => ctx.out(`${time()} ${line}${reason ? ctx.style.dim(` (${reason})`) : ''}`);
    for (const period of periods) said(await regeneratePeriod(ctx, watched, period, today));
    const sprint = await regenerateSprint(ctx, watched, today);
    const calendar = await refreshCalendar(watched);
    if (calendar) said(calendar);
    if (sprint) said(sprint);
    if (!update.reread) sayNumbers(ctx, watched, update.goals, time());
    if (firstRun) await persistent?.save();
    firstRun = false;
    // Report each problem once, when it appears; say so when it is fixed.
    const now = new Set(watched.diagnostics().filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, ctx.style)));
    const fresh = [...now].filter((d) => !reported.has(d));
    for (const d of fresh.slice(0, MAX_ERRORS_SHOWN)) ctx.err(d);
    if (fresh.length > MAX_ERRORS_SHOWN) {
      ctx.err(ctx.style.dim(`… and ${fresh.length - MAX_ERRORS_SHOWN} more errors: run \`kaizen check\``));
    }
    if (reported.size > 0 && now.size === 0) ctx.err(ctx.style.green(`${time()} no more errors`));
    reported = now;
  };

  await regenerate('', { files: [], listing: false, folders: false });
  if (signal?.aborted) return 0;

  // Paths relative to the root, atomic saves as one change, a file read once it stops changing.
  const watchOptions = { cwd: root, ignoreInitial: true, followSymlinks: false, atomic: true,
    awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } };
  const journalPath = (p: string) => (path.isAbsolute(p) ? path.relative(root, p) : p).split(path.sep).join('/');
  const startWatcher = (polling: boolean): FSWatcher => chokidarWatch([layout.goals, layout.logs, layout.reviews, layout.sprints, CONFIG_FILE], {
    ...watchOptions,
    usePolling: polling,
    interval: 1000,
    ignored: (p: string) => {
      const rel = journalPath(p);
      return rel !== '' && isIgnoredPath(rel, layout);
    },
  });

  let pending: string[] = [];
  let listingChanged = false;
  let foldersChanged = false;
  let timer: NodeJS.Timeout | null = null;
  let burstStart = 0;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    const changed = [...new Set(pending)];
    const folders = foldersChanged;
    const listing = listingChanged;
    pending = [];
    foldersChanged = false;
    listingChanged = false;
    const reason = changed.length === 1 ? changed[0] as string : `${changed.length} files changed`;
    running = running.then(() => regenerate(reason, { files: changed, listing, folders })).catch((e: unknown) => {
      ctx.err(`${time()} ${e instanceof JournalError ? e.message : `could not regenerate: ${e instanceof Error ? e.message : String(e)}`}`);
    });
  };
  const onEvent = (event: string, p: string) => {
    const rel = p.split(path.sep).join('/');
    // The journal drops the changed files' parses itself when it takes the burst (watch-journal.ts).
    if (event === 'add' || event === 'unlink') listingChanged = true;
    if (event === 'unlinkDir' || event === 'addDir') foldersChanged = true;
    if (pending.length === 0) burstStart = Date.now();
    pending.push(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Date.now() - burstStart > MAX_WAIT_MS ? 0 : QUIET_MS);
  };
  // The vault's own settings say where daily notes are and what a task's status means, and may be made while
  // watching. Each is polled by its stat rather than watched: Obsidian makes a plugin's settings file in folders it
  // makes the same instant, and chokidar misses a file made between its scan of a new folder and its watch on it
  // (paulmillr/chokidar#1471). A handful of stats a second sees a file appear, change, be replaced and go.
  const settingsPolls = VAULT_SETTINGS_FILES.map((rel) => {
    const file = path.join(root, rel);
    const listener = (now: fs.Stats, before: fs.Stats) => {
      // Called once at the start for a file that is not there: nothing changed.
      if (now.mtimeMs === 0 && before.mtimeMs === 0) return;
      onEvent(now.mtimeMs === 0 || before.mtimeMs === 0 ? 'add' : 'change', rel);
    };
    fs.watchFile(file, { interval: SETTINGS_POLL_MS, persistent: true }, listener);
    return () => fs.unwatchFile(file, listener);
  });
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
        foldersChanged = true;
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
  for (const stop of settingsPolls) stop();
  await watcher.close();
  await running;
  ctx.err(ctx.style.dim('stopped watching'));
  return 0;
}

async function regeneratePeriod(ctx: CommandContext, watched: WatchedJournal, period: Period, today: Day): Promise<string> {
  const { layout, root } = watched;
  const data = watched.reportData(period, today, today);
  const parts: string[] = [];
  try {
    const result = await writeReportFiles(layout, data, { force: false });
    parts.push(result.written.includes(result.report) || result.written.length > 0
      ? `wrote ${result.report}${result.written.length > 1 ? ` and ${plural(result.written.length - 1, 'chart')}` : ''}`
      : `${result.report} unchanged`);
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    parts.push(ctx.style.red(e.message));
  }
  const review = reviewFileToRead(layout, period);
  if (review !== null && fs.existsSync(path.join(root, review))) {
    try {
      const reportExists = fs.existsSync(path.join(root, reportPath(layout.reports, period.label)));
      const summary = reviewSummary(data, { reports: layout.reports, reviewFile: review }, reportExists);
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
async function regenerateSprint(ctx: CommandContext, watched: WatchedJournal, today: Day): Promise<string | null> {
  const { layout, root } = watched;
  if (!fs.existsSync(path.join(root, layout.sprints))) return null;
  const progress = watched.sprint(today);
  if (progress?.state !== 'running') return null;
  try {
    const result = await writeSprintReport(nodeGeneratedFiles(root), progress, layout.reports, { force: false });
    const parts = [result.written.length ? `wrote ${result.report}` : `${result.report} unchanged`];
    const r = await updateFile(path.join(root, progress.sprint.file), progress.sprint.file, (current) => {
      const refreshed = current === null ? { text: '', changed: false } : refreshSprintSummary(current, progress, layout.reports, true);
      return { text: refreshed.text, edits: [], changed: refreshed.changed, line: 1 };
    });
    if (r.changed) parts.push(`refreshed ${progress.sprint.file}`);
    return parts.join('; ');
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    return ctx.style.yellow(e.message);
  }
}

/** reports/kaizen.ics, when the person made one, kept in step with the goals, sprints and first days. */
async function refreshCalendar(watched: WatchedJournal): Promise<string | null> {
  try {
    const r = await refreshCalendarFrom(watched.calendar());
    return r?.changed ? `refreshed ${r.file}` : null;
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    return e.message;
  }
}

const NUMBERS_SHOWN = 5;

/** The numbers a change moved, one goal a line, as the editors' lenses word them. */
function sayNumbers(ctx: CommandContext, watched: WatchedJournal, goals: readonly string[], time: string): void {
  for (const id of goals.slice(0, NUMBERS_SHOWN)) {
    const row = watched.goalNumbers(id);
    if (row) ctx.out(`${time} ${ctx.style.bold(row.goal.title ?? id)}: ${statusWords(row.goal, row.stats)}`);
  }
  if (goals.length > NUMBERS_SHOWN) ctx.out(ctx.style.dim(`${time} … and ${goals.length - NUMBERS_SHOWN} more goals changed`));
}

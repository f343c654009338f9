// Shared by every command: global options, the journal root, "today", and usage errors.
import path from 'node:path';
import { isValidDay, localDay, type Day } from '../model/dates.js';
import { findRoot, loadLayout } from '../journal/layout.js';
import { nodeFileSystem } from '../journal/node-file-system.js';
import { Journal, type OpenOptions } from '../journal/journal.js';
import { describeGuess, guessDailyLayout } from '../journal/daily-guess.js';
import { JournalError } from '../model/errors.js';
import { FileResultCache } from '../journal/result-cache.js';
import { makeStyle, type CliIo, type Style } from './io.js';

export interface GlobalOptions {
  dir?: string;
  json?: boolean;
  color?: boolean;
}

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

declare const KAIZEN_BUILD: string | undefined;

export interface CommandContext {
  io: CliIo;
  json: boolean;
  style: Style;
  root(): Promise<string>;
  today(): Day;
  out(text: string): void;
  err(text: string): void;
  /** Opens the journal with the persistent parse cache (when enabled) and saves the cache after. */
  openJournal(root: string, options?: OpenOptions): Promise<Journal>;
  resultCache(root: string): FileResultCache | undefined;
}

export function makeContext(io: CliIo, options: GlobalOptions): CommandContext {
  const color = io.isTTY && options.color !== false && !io.env.NO_COLOR && !options.json;
  let found: Promise<string> | null = null;
  let pinned: Day | null = null;
  const style = makeStyle(color);
  // One cache per root for the whole command: a second read (the celebrations after a log) reuses its shards.
  const caches = new Map<string, FileResultCache | undefined>();
  const cacheOf = (root: string) => {
    if (!caches.has(root)) caches.set(root, resultCacheFor(io, root));
    return caches.get(root);
  };
  const files = io.fs ?? nodeFileSystem;
  const findJournal = async () => {
    const root = await findRoot(files, toPosix(io.cwd), options.dir ? toPosix(path.resolve(io.cwd, options.dir)) : undefined);
    // Nothing is read from, or written into, a folder that is not a journal.
    // An Obsidian vault (its .obsidian settings) is a journal too: its daily notes are read where it keeps them.
    const marks = await Promise.all(['kaizen.yaml', 'goals', 'logs', '.obsidian', 'logseq/config.edn'].map((name) => files.stat(`${root}/${name}`)));
    if (marks.every((m) => m === null)) {
      // Say what is there: a folder of dated notes is one `init --here` away from being read.
      const guess = await guessDailyLayout(files, root);
      const found = guess ? `; ${describeGuess(guess)}: \`kaizen init --here\` there reads them where they are` : '';
      const next = options.dir ? 'run `kaizen init` there' : 'run `kaizen init` there, or pass --dir <journal>';
      throw new JournalError(`${root} is not a Kaizen journal (no kaizen.yaml, goals/, logs/, .obsidian/ or logseq/)${found}; ${next}`);
    }
    const { layout } = await loadLayout(files, root);
    if (layout.asOf) {
      pinned = layout.asOf;
      if (!options.json) io.stderr(`${style.dim(`as of ${pinned}: pinned by as_of in kaizen.yaml`)}\n`);
    }
    return root;
  };
  return {
    io,
    json: options.json === true,
    style,
    root: () => (found ??= findJournal()),
    // A journal may pin its today (a demo, the bundled sample): read once the root is known.
    today: () => pinned ?? localDay(io.now()),
    out: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => io.stderr(text.endsWith('\n') ? text : `${text}\n`),
    resultCache: cacheOf,
    async openJournal(root, options = {}) {
      const cache = cacheOf(root);
      const journal = await Journal.open(files, root, { ...options, ...(cache ? { resultCache: cache } : {}),
        ...(io.giveWay ? { signal: io.giveWay } : {}) });
      if (cache && io.deferCacheWrite) io.deferCacheWrite(() => cache.save());
      else await cache?.save();
      return journal;
    },
  };
}

/**
 * The persistent cache, in the built CLI only: its key includes the build's fingerprint, so a new
 * parser never reads an old parser's results. KAIZEN_CACHE=off turns it off.
 */
function resultCacheFor(io: CliIo, root: string): FileResultCache | undefined {
  const build = cliBuild(io.env);
  if (!build || io.env.KAIZEN_CACHE === 'off') return undefined;
  return FileResultCache.load(root, build, io.env, io.changedOfLate);
}

/** The build's fingerprint (a test names one), which keys everything the CLI keeps between runs. */
export function cliBuild(env: Record<string, string | undefined>): string | undefined {
  return typeof KAIZEN_BUILD === 'string' ? KAIZEN_BUILD : env.KAIZEN_TEST_BUILD;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function parseDayOption(value: string | undefined, flag: string, fallback: () => Day): Day {
  if (value === undefined) return fallback();
  if (!isValidDay(value)) throw new UsageError(`${flag} must be a real date in YYYY-MM-DD form, got "${value}"`);
  return value;
}

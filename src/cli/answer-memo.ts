// A read-only command's whole answer kept between runs, as `make` keeps a target: `kaizen stats` run again
// over a journal where nothing changed prints what it printed, after looking at every file's stat data
// and every folder's entries — less than reading the files. While the command runs, every question it
// asks the file system (a folder's entries, a path's stat data, a file read) is recorded with its answer;
// the launcher (bin.ts) asks them again before loading the CLI and replays the output only when every
// answer is the same. A file changed within RACY_WINDOW_MS of the run could change again with the same
// stat data (git's "racily clean" case), so no answer is kept then. Kept beside the parse cache, keyed by
// the build, the arguments, the folder, the day and what in the environment changes the output.
import fs from 'node:fs';
import path from 'node:path';
import type { EntryKind, FileStat, JournalFileSystem } from '../journal/file-system.js';
import { cacheDirectory } from '../journal/cache-directory.js';
import { localDay } from '../model/dates.js';
import { commandWord } from './command-word.js';

const FORMAT = 1;
/** The commands whose answer is a function of the journal's files, the arguments and the day only. */
export const MEMO_COMMANDS: ReadonlySet<string> = new Set(['stats']);
/** Environment variables that change what those commands print (colour, the day, the error detail). */
const OUTPUT_ENV = ['NO_COLOR', 'FORCE_COLOR', 'TZ', 'KAIZEN_DEBUG', 'KAIZEN_TEST_BUILD', 'LANG', 'LC_ALL', 'LC_TIME'];
/** As the parse cache's RACY_WINDOW_NS: a tick of the coarsest file times in use. */
const RACY_WINDOW_MS = 2_000;
/** Answers kept per cache folder: one per (folder, arguments, day) asked lately. */
const KEPT_ANSWERS = 32;

/**
 * One question the command asked: [kind, path, answer]. A file's stat data is kept as numbers (size, mtime,
 * ctime, inode, device: its signature), compared as numbers when replayed; anything else as a string.
 */
type Question = [kind: 'dir' | 'stat', path: string, answer: string | number[]];
type Output = [stream: 1 | 2, text: string];

interface StoredAnswer {
  format: number;
  key: string;
  /** What every question's path starts with (the journal's folder, mostly): written once. */
  base: string;
  questions: Question[];
  output: Output[];
  exitCode: number;
}

export interface AnswerContext {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  now: Date;
  isTTY: boolean;
  build: string | undefined;
}

/** Whether this run's answer may be looked up or kept at all. */
export function memoizable(context: AnswerContext): boolean {
  const command = commandWord(context.argv);
  return context.build !== undefined && context.env.KAIZEN_CACHE !== 'off' && command !== undefined
    && MEMO_COMMANDS.has(command) && !context.argv.some((a) => a === '-h' || a === '--help');
}

function answerKey(context: AnswerContext): string {
  const env = OUTPUT_ENV.map((name) => context.env[name] ?? null);
  return JSON.stringify([FORMAT, context.build, context.argv, context.cwd, localDay(context.now), context.isTTY, env]);
}

/** FNV-1a: the key only names the file (which holds the whole key); no crypto module to load at start. */
function fileNameOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `${hash.toString(16).padStart(8, '0')}-${key.length}.json`;
}

const answerFolder = (env: Record<string, string | undefined>) => path.join(cacheDirectory(env), 'answers');

/** The entries of a folder as the journal's file system lists them, in one string. */
function listingOf(entries: readonly (readonly [string, EntryKind])[]): string {
  return entries.map(([name, kind]) => `${kind[0]}${name}`).join('/');
}

/**
 * A path's stat data as recorded: a file's signature key ("size:mtime:ctime:inode:device", written out as an
 * array of numbers), else its kind (and a folder's size and mtime).
 */
function statAnswer(stat: FileStat | null): string {
  if (stat === null) return '-';
  if (stat.kind === 'file') return stat.signature ? `f${stat.signature.key}` : `?${stat.size}:${stat.mtimeMs}`;
  return `${stat.kind[0]}${stat.size}:${stat.mtimeMs}`;
}

/** A recorded stat answer as JSON: a signature's numbers, already in their shortest form, become an array. */
function statAnswerJson(answer: string): string {
  return answer.startsWith('f') ? `[${answer.slice(1).replaceAll(':', ',')}]` : JSON.stringify(answer);
}

/** Whether the path's stat data now is the recorded answer. */
function sameStat(p: string, answer: string | number[]): boolean {
  let s: fs.Stats | undefined;
  try {
    s = fs.lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return answer === '!';
  }
  if (!s) return answer === '-';
  if (typeof answer !== 'string') {
    // The signature's numbers, in signatureKeyOf's order.
    return s.isFile() && s.size === answer[0] && s.mtimeMs === answer[1] && s.ctimeMs === answer[2]
      && s.ino === answer[3] && s.dev === answer[4];
  }
  return !s.isFile() && answer === `${s.isDirectory() ? 'd' : 'o'}${s.size}:${s.mtimeMs}`;
}

function listingNow(p: string): string {
  try {
    const entries = fs.readdirSync(p, { withFileTypes: true });
    return listingOf(entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']));
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/**
 * Prints the kept answer when every question gets the same answer now, and returns its exit code;
 * null when there is none, it is another build's or damaged, or anything changed.
 */
export function replayAnswer(context: AnswerContext, write: (stream: 1 | 2, text: string) => void): number | null {
  if (!memoizable(context)) return null;
  const key = answerKey(context);
  let stored: StoredAnswer;
  try {
    const file = path.join(answerFolder(context.env), fileNameOf(key));
    stored = JSON.parse(fs.readFileSync(file, 'latin1')) as StoredAnswer;
  } catch {
    return null;
  }
  if (!wellFormed(stored) || stored.key !== key) return null;
  const base = stored.base;
  for (const [kind, rest, answer] of stored.questions) {
    const p = base + rest;
    if (kind === 'dir' ? listingNow(p) !== answer : !sameStat(p, answer)) return null;
  }
  for (const [stream, text] of stored.output) write(stream, text);
  return stored.exitCode;
}

function wellFormed(value: unknown): value is StoredAnswer {
  const v = value as StoredAnswer;
  return typeof v === 'object' && v !== null && v.format === FORMAT && typeof v.key === 'string'
    && typeof v.base === 'string' && Number.isInteger(v.exitCode) && Array.isArray(v.questions) && Array.isArray(v.output)
    && v.questions.every((q) => Array.isArray(q) && q.length === 3 && (q[0] === 'dir' || q[0] === 'stat')
      && typeof q[1] === 'string' && (typeof q[2] === 'string' || (Array.isArray(q[2]) && q[2].length === 5)))
    && v.output.every((o) => Array.isArray(o) && (o[0] === 1 || o[0] === 2) && typeof o[1] === 'string');
}

/** What a run records while it answers, and keeps at the end when the answer may be reused. */
export class AnswerRecorder {
  /** [kind, path, answer] as recorded: a file's stat data as its signature key. */
  private readonly questions: [Question[0], string, string][] = [];
  /** Each question's first answer: asked again (a layout read twice), it is replayed once. */
  private readonly answered = new Map<string, string>();
  /** Set when a question got two answers in one run: something changed under it, nothing is kept. */
  private changedWhileRunning = false;
  private readonly output: Output[] = [];
  private newestFileMs = -Infinity;
  private readonly startedMs: number;

  constructor(private readonly context: AnswerContext) {
    this.startedMs = context.now.getTime();
  }

  /** `base` with every question and its answer recorded. */
  fileSystem(base: JournalFileSystem): JournalFileSystem {
    return {
      readFile: async (p) => {
        // The stat before the read: a change after it gives other stat data next time.
        this.noteStat(p, await base.stat(p).catch(() => null));
        return base.readFile(p);
      },
      readDirectory: async (p) => {
        try {
          const entries = await base.readDirectory(p);
          this.ask('dir', p, listingOf(entries));
          return entries;
        } catch (e) {
          this.ask('dir', p, `!${(e as NodeJS.ErrnoException).code ?? 'error'}`);
          throw e;
        }
      },
      stat: async (p) => {
        let stat: FileStat | null;
        try {
          stat = await base.stat(p);
        } catch (e) {
          this.ask('stat', p, '!');
          throw e;
        }
        this.noteStat(p, stat);
        return stat;
      },
    };
  }

  private ask(kind: Question[0], p: string, answer: string): void {
    const id = kind === 'dir' ? `d${p}` : `s${p}`;
    const first = this.answered.get(id);
    if (first === undefined) {
      this.answered.set(id, answer);
      this.questions.push([kind, p, answer]);
    } else if (first !== answer) this.changedWhileRunning = true;
  }

  private noteStat(p: string, stat: FileStat | null): void {
    this.ask('stat', p, statAnswer(stat));
    if (stat?.kind === 'file') this.newestFileMs = Math.max(this.newestFileMs, stat.mtimeMs);
  }

  write(stream: 1 | 2, text: string): void {
    this.output.push([stream, text]);
  }

  /** Keeps the answer unless a file the run read changed too recently to be told apart from a later edit. */
  save(exitCode: number): void {
    if (this.changedWhileRunning || this.newestFileMs >= this.startedMs - RACY_WINDOW_MS) return;
    const key = answerKey(this.context);
    const folder = answerFolder(this.context.env);
    const file = path.join(folder, fileNameOf(key));
    const temp = `${file}.${process.pid}.tmp`;
    const base = commonPrefix(this.questions.map(([, p]) => p));
    // Written by hand: thousands of signatures go out as numbers without being parsed into numbers first.
    const questions = this.questions
      .map(([kind, p, answer]) => `["${kind}",${JSON.stringify(p.slice(base.length))},`
        + `${kind === 'stat' ? statAnswerJson(answer) : JSON.stringify(answer)}]`);
    const json = `{"format":${FORMAT},"key":${JSON.stringify(key)},"base":${JSON.stringify(base)},`
      + `"questions":[${questions.join(',')}],"output":${JSON.stringify(this.output)},"exitCode":${exitCode}}`;
    try {
      fs.mkdirSync(folder, { recursive: true });
      // ASCII, read back as Latin-1 (cheaper than decoding UTF-8 at each start).
      const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      fs.writeFileSync(temp, ascii, 'latin1');
      fs.renameSync(temp, file);
      pruneAnswers(folder);
    } catch {
      // A read-only or full cache folder costs only speed.
      fs.rmSync(temp, { force: true });
    }
  }
}

function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let prefix = paths[0] as string;
  for (const p of paths) {
    let n = 0;
    while (n < prefix.length && n < p.length && prefix.charCodeAt(n) === p.charCodeAt(n)) n++;
    prefix = prefix.slice(0, n);
  }
  return prefix;
}

/** The oldest answers go: a journal asked about under many arguments or days keeps only the latest. */
function pruneAnswers(folder: string): void {
  const kept = fs.readdirSync(folder).filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, at: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of kept.slice(KEPT_ANSWERS)) fs.rmSync(path.join(folder, old.name), { force: true });
}

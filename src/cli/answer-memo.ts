// A read-only command's whole answer kept between runs, as `make` keeps a target: `kaizen stats` run again
// over a journal where nothing changed prints what it printed, after looking at every file's stat data
// and every folder's entries — less than reading the files. While the command runs, every question it
// asks the file system (a folder's entries, a path's stat data, a file read) is recorded with its answer;
// the launcher (bin.ts) asks them again before loading the CLI and replays the output only when every
// answer is the same. A file changed within RACY_WINDOW_MS of the run could change again with the same
// stat data (git's "racily clean" case), so no answer is kept on disk then; the background process keeps it in
// memory with those files' bytes, and compares them too (as git re-reads its racily clean entries). Kept beside
// the parse cache, keyed by the build, the arguments, the folder, the day and what in the environment changes
// the output.
import fs from 'node:fs';
import path from 'node:path';
import type { EntryKind, FileStat, JournalFileSystem } from '../journal/file-system.js';
import { cacheDirectory } from '../journal/cache-directory.js';
import { localDay } from '../model/dates.js';
import { commandWord, MEMO_COMMANDS } from './command-word.js';

const FORMAT = 1;
/** Environment variables that change what those commands print (colour, the day, the error detail). */
const OUTPUT_ENV = ['NO_COLOR', 'FORCE_COLOR', 'TZ', 'KAIZEN_DEBUG', 'KAIZEN_TEST_BUILD', 'LANG', 'LC_ALL', 'LC_TIME'];
/** As the parse cache's RACY_WINDOW_NS: a tick of the coarsest file times in use. */
export const RACY_WINDOW_MS = 2_000;
/** Answers kept per cache folder: one per (folder, arguments) asked today; ten years' answer is 0.7 MB. */
export const KEPT_ANSWERS = 8;
/**
 * Racily new files an answer kept in memory may hold the bytes of: a day's edits. More (a pull just made) are
 * left to the next command, which comes seconds later.
 */
export const RACY_FILES_KEPT = 16;
const RACY_BYTES_KEPT = 1 << 20;
/**
 * An answer belongs to the local day it was made on, so one older than a day can never be printed again; a day
 * and a half leaves room for a change of time zone.
 */
const ANSWER_LIFETIME_MS = 36 * 3_600_000;

/**
 * The questions a command asked, as three lists: each one's kind ('d' a folder's entries, 's' a path's stat
 * data), its path (after the common base) and the answer. A file's stat data is kept as its signature's numbers
 * (size, mtime, ctime, inode, device), compared as numbers when replayed; anything else as a string.
 */
interface Questions {
  kinds: string;
  paths: string[];
  answers: (string | number[])[];
}
type Output = [stream: 1 | 2, text: string];
/** A question as a run records it; the mtime (Infinity for an absent path) orders the replay, newest first. */
interface Recorded {
  kind: 'd' | 's';
  path: string;
  answer: string | readonly number[];
  mtimeMs: number;
}

/**
 * On disk, two lines of ASCII JSON. The first is small: the key and the questions most likely to have another
 * answer now (absent paths, then the newest files and folders), so that after an edit a replay gives up having
 * parsed only that line. The second holds the other questions and the output.
 */
interface AnswerHead extends Questions {
  format: number;
  key: string;
  /** What every question's path starts with (the journal's folder, mostly): written once. */
  base: string;
}

interface AnswerRest extends Questions {
  output: Output[];
  exitCode: number;
}

/** Questions in the first line: a day's edits touch a few files, the newest ones. */
const HEAD_QUESTIONS = 64;

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

const outputEnv = (context: AnswerContext) => OUTPUT_ENV.map((name) => context.env[name] ?? null);

function answerKey(context: AnswerContext): string {
  return JSON.stringify([FORMAT, context.build, context.argv, context.cwd, localDay(context.now), context.isTTY,
    outputEnv(context)]);
}

/** What tells answers apart but the day: the same question asked on another day. */
export function answerIdentity(context: AnswerContext): string {
  return JSON.stringify([context.build, context.argv, context.cwd, context.isTTY, outputEnv(context)]);
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

/** A path's stat data as recorded: a file's signature's numbers, else its kind (and a folder's size and mtime). */
function statAnswer(stat: FileStat | null): string | readonly number[] {
  if (stat === null) return '-';
  if (stat.kind === 'file') return stat.signature?.parts ?? `?${stat.size}:${stat.mtimeMs}`;
  return `${stat.kind[0]}${stat.size}:${stat.mtimeMs}`;
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
    // The signature's numbers, in the order signatureOf gives its parts.
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
  let text: string;
  try {
    text = fs.readFileSync(path.join(answerFolder(context.env), fileNameOf(key)), 'latin1');
  } catch {
    return null;
  }
  const newline = text.indexOf('\n');
  const head = parsed(text.slice(0, newline));
  if (newline < 0 || !wellFormedHead(head) || head.key !== key || !sameAnswers(head.base, head)) return null;
  const rest = parsed(text.slice(newline + 1));
  if (!wellFormedRest(rest) || !sameAnswers(head.base, rest)) return null;
  for (const [stream, out] of rest.output) write(stream, out);
  return rest.exitCode;
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function sameAnswers(base: string, questions: Questions): boolean {
  return changedAnswers(base, questions, 1) === 0;
}

/** How many questions get another answer now, counted up to `limit`. */
function changedAnswers(base: string, questions: Questions, limit: number): number {
  const { kinds, paths, answers } = questions;
  let changed = 0;
  for (let i = 0; i < kinds.length && changed < limit; i++) {
    const p = base + (paths[i] as string);
    const answer = answers[i] as string | number[];
    if (kinds[i] === 'd' ? listingNow(p) !== answer : !sameStat(p, answer)) changed++;
  }
  return changed;
}

function wellFormedQuestions(v: Questions): boolean {
  return typeof v.kinds === 'string' && /^[ds]*$/.test(v.kinds) && Array.isArray(v.paths) && Array.isArray(v.answers)
    && v.paths.length === v.kinds.length && v.answers.length === v.kinds.length
    && v.paths.every((p) => typeof p === 'string')
    && v.answers.every((a) => typeof a === 'string' || (Array.isArray(a) && a.length === 5));
}

function wellFormedHead(value: unknown): value is AnswerHead {
  const v = value as AnswerHead;
  return typeof v === 'object' && v !== null && v.format === FORMAT && typeof v.key === 'string'
    && typeof v.base === 'string' && wellFormedQuestions(v);
}

function wellFormedRest(value: unknown): value is AnswerRest {
  const v = value as AnswerRest;
  return typeof v === 'object' && v !== null && Number.isInteger(v.exitCode) && wellFormedQuestions(v)
    && Array.isArray(v.output) && v.output.every((o) => Array.isArray(o) && (o[0] === 1 || o[0] === 2) && typeof o[1] === 'string');
}

/** What a run records while it answers, and keeps at the end when the answer may be reused. */
export class AnswerRecorder {
  /** As recorded: a file's stat data as its signature key, with its mtime (what the replay order follows). */
  private readonly questions: Recorded[] = [];
  /** Each question's first answer: asked again (a layout read twice), it is replayed once. */
  private readonly answered = new Map<string, string | readonly number[]>();
  /** Set when a question got two answers in one run: something changed under it, nothing is kept. */
  private changedWhileRunning = false;
  private readonly output: Output[] = [];
  /** Files changed within RACY_WINDOW_MS of the run, with their bytes as read (null: only their stat data asked). */
  private readonly racy = new Map<string, Uint8Array | null>();
  private newestFileMs = -Infinity;
  private readonly startedMs: number;

  /**
   * `changedOfLate`: files a watch heard change in the last moments ('many': more than are kept). They count as
   * racily new whatever their mtime says: a file server's clock behind this machine's makes a note saved now look
   * old, and a second save in the same tick could then pass unseen.
   */
  constructor(private readonly context: AnswerContext,
    private readonly changedOfLate: ReadonlySet<string> | 'many' = new Set()) {
    this.startedMs = context.now.getTime();
  }

  /** `base` with every question and its answer recorded. */
  fileSystem(base: JournalFileSystem): JournalFileSystem {
    return {
      readFile: async (p) => {
        // The stat before the read: a change after it gives other stat data next time.
        this.noteStat(p, await base.stat(p).catch(() => null));
        const bytes = await base.readFile(p);
        this.noteBytes(p, bytes);
        return bytes;
      },
      readDirectory: async (p) => {
        try {
          const entries = await base.readDirectory(p);
          // The folder's mtime only orders the replay: this year's folder (new notes) is listed early, old ones late.
          const folder = await base.stat(p).catch(() => null);
          this.ask('d', p, listingOf(entries), folder?.mtimeMs);
          return entries;
        } catch (e) {
          this.ask('d', p, `!${(e as NodeJS.ErrnoException).code ?? 'error'}`);
          throw e;
        }
      },
      stat: async (p) => {
        let stat: FileStat | null;
        try {
          stat = await base.stat(p);
        } catch (e) {
          this.ask('s', p, '!');
          throw e;
        }
        this.noteStat(p, stat);
        return stat;
      },
    };
  }

  private ask(kind: Recorded['kind'], p: string, answer: string | readonly number[], mtimeMs = Infinity): void {
    const id = `${kind}${p}`;
    const first = this.answered.get(id);
    if (first === undefined) {
      this.answered.set(id, answer);
      this.questions.push({ kind, path: p, answer, mtimeMs });
    } else if (!sameAnswer(first, answer)) this.changedWhileRunning = true;
  }

  private noteStat(p: string, stat: FileStat | null): void {
    this.ask('s', p, statAnswer(stat), stat?.mtimeMs);
    if (stat?.kind !== 'file') return;
    this.newestFileMs = Math.max(this.newestFileMs, stat.mtimeMs);
    const racy = stat.mtimeMs >= this.startedMs - RACY_WINDOW_MS || this.changedOfLate === 'many'
      || this.changedOfLate.has(p);
    if (racy && !this.racy.has(p)) this.racy.set(p, null);
  }

  private noteBytes(p: string, bytes: Uint8Array): void {
    if (!this.racy.has(p)) return;
    const first = this.racy.get(p);
    if (!first) this.racy.set(p, bytes);
    else if (!sameBytes(first, bytes)) this.changedWhileRunning = true;
  }

  /**
   * The racily new files' bytes, which an answer kept in memory is checked against too; null when one of them
   * was not read (its stat data alone cannot tell a later edit) or they are more than a day's edits.
   */
  private racyBytes(): [string, Uint8Array][] | null {
    if (this.racy.size > RACY_FILES_KEPT) return null;
    const kept: [string, Uint8Array][] = [];
    let total = 0;
    for (const [p, bytes] of this.racy) {
      if (!bytes) return null;
      total += bytes.byteLength;
      kept.push([p, bytes]);
    }
    return total <= RACY_BYTES_KEPT ? kept : null;
  }

  write(stream: 1 | 2, text: string): void {
    this.output.push([stream, text]);
  }

  /** Whether the answer may be kept: nothing the run read changed too recently to be told apart from a later edit. */
  private keepable(): boolean {
    return !this.changedWhileRunning && this.newestFileMs < this.startedMs - RACY_WINDOW_MS;
  }

  /**
   * The answer as a process keeps it in memory, when it may be kept: also when files it read are racily new, with
   * their bytes. The questions newest first, as on disk.
   */
  inMemory(exitCode: number): { context: AnswerContext; answer: KeptInMemory } | null {
    const racy = this.racyBytes();
    if (this.changedWhileRunning || !racy) return null;
    const [head, rest] = newestFirst(this.questions, HEAD_QUESTIONS);
    const all = [...head, ...rest];
    const questions: Questions = {
      kinds: all.map((q) => q.kind).join(''),
      paths: all.map((q) => q.path),
      answers: all.map((q) => q.answer as string | number[]),
    };
    return { context: this.context, answer: { questions, racy, output: this.output.slice(), exitCode } };
  }

  /** Keeps the answer on disk, for the launcher, when it may be kept. */
  save(exitCode: number): void {
    if (!this.keepable()) return;
    const key = answerKey(this.context);
    const folder = answerFolder(this.context.env);
    const file = path.join(folder, fileNameOf(key));
    const temp = `${file}.${process.pid}.tmp`;
    const base = commonPrefix(this.questions.map((q) => q.path));
    const [head, rest] = newestFirst(this.questions, HEAD_QUESTIONS);
    const lists = (questions: readonly Recorded[]): Questions => ({
      kinds: questions.map((q) => q.kind).join(''),
      paths: questions.map((q) => q.path.slice(base.length)),
      answers: questions.map((q) => q.answer as string | number[]),
    });
    const headLine: AnswerHead = { format: FORMAT, key, base, ...lists(head) };
    const restLine: AnswerRest = { ...lists(rest), output: this.output, exitCode };
    const json = `${JSON.stringify(headLine)}\n${JSON.stringify(restLine)}`;
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

/** An answer a long-lived process keeps in memory: its questions as run, checked as a replay from disk checks them. */
interface KeptInMemory {
  questions: Questions;
  /**
   * Racily new files and their bytes as the answer read them: equal stat data alone does not say they are unchanged.
   */
  racy: readonly (readonly [string, Uint8Array])[];
  output: Output[];
  exitCode: number;
}

/**
 * Answers kept by the background process, which the launcher hands `stats` to instead of replaying one from disk:
 * the same questions asked again (one `lstat` per file, one listing per folder), without the JSON between.
 */
export class AnswersInMemory {
  private readonly answers = new Map<string, KeptInMemory>();
  /** How many answers were printed again. */
  replayed = 0;

  constructor(private readonly limit = KEPT_ANSWERS) {}

  /** Prints the kept answer when every question gets the same answer now, and returns its exit code; else null. */
  replay(context: AnswerContext, write: (stream: 1 | 2, text: string) => void): number | null {
    if (!memoizable(context)) return null;
    const key = answerKey(context);
    const kept = this.answers.get(key);
    if (!kept) return null;
    if (!sameAnswers('', kept.questions) || !sameRacyBytes(kept)) {
      this.answers.delete(key);
      return null;
    }
    for (const [stream, out] of kept.output) write(stream, out);
    this.replayed++;
    // The most used stay: the oldest by last use go first.
    this.answers.delete(key);
    this.answers.set(key, kept);
    return kept.exitCode;
  }

  /**
   * How many of the kept answer's questions get another answer now, counted up to `limit` (0: it would be printed
   * as before); null when no answer is kept for this context. Nothing printed.
   */
  changedQuestions(context: AnswerContext, limit: number): number | null {
    const kept = this.keptFor(context);
    if (!kept) return null;
    const changed = changedAnswers('', kept.questions, limit);
    return changed > 0 || sameRacyBytes(kept) ? changed : 1;
  }

  /** The folders the kept answer for this context listed (what a change to its journal shows up in); null if none. */
  folders(context: AnswerContext): string[] | null {
    const kept = this.keptFor(context);
    if (!kept) return null;
    const { kinds, paths } = kept.questions;
    const folders: string[] = [];
    for (let i = 0; i < kinds.length; i++) if (kinds[i] === 'd') folders.push(paths[i] as string);
    return folders;
  }

  private keptFor(context: AnswerContext): KeptInMemory | undefined {
    return memoizable(context) ? this.answers.get(answerKey(context)) : undefined;
  }

  keep(recorder: AnswerRecorder, exitCode: number): void {
    const kept = recorder.inMemory(exitCode);
    if (!kept) return;
    const key = answerKey(kept.context);
    this.answers.delete(key);
    this.answers.set(key, kept.answer);
    // The least recently used go first (a Map iterates in insertion order).
    for (const old of this.answers.keys()) {
      if (this.answers.size <= this.limit) break;
      this.answers.delete(old);
    }
  }
}

/**
 * The `count` questions with the newest mtimes (absent paths, Infinity, first), and the others in the order they
 * were asked: only the head's order matters (see AnswerHead), so thousands of questions are not sorted.
 */
function newestFirst(questions: readonly Recorded[], count: number): [Recorded[], Recorded[]] {
  const head: Recorded[] = [];
  for (const q of questions) {
    if (head.length === count && q.mtimeMs <= (head[count - 1] as Recorded).mtimeMs) continue;
    let at = head.length;
    while (at > 0 && (head[at - 1] as Recorded).mtimeMs < q.mtimeMs) at--;
    head.splice(at, 0, q);
    if (head.length > count) head.pop();
  }
  const inHead = new Set(head);
  return [head, questions.filter((q) => !inHead.has(q))];
}

/** Whether the racily new files an answer read hold the bytes it read (their stat data was compared before). */
function sameRacyBytes(kept: KeptInMemory): boolean {
  for (const [p, bytes] of kept.racy) {
    let now: Buffer;
    try {
      now = fs.readFileSync(p);
    } catch {
      return false;
    }
    if (!sameBytes(now, bytes)) return false;
  }
  return true;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

function sameAnswer(a: string | readonly number[], b: string | readonly number[]): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
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

/** Answers too old to be printed go, and all but the newest few: many arguments asked about keep the latest. */
function pruneAnswers(folder: string): void {
  const now = Date.now();
  const kept = fs.readdirSync(folder).filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, at: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  kept.forEach((answer, i) => {
    if (i >= KEPT_ANSWERS || answer.at < now - ANSWER_LIFETIME_MS) fs.rmSync(path.join(folder, answer.name), { force: true });
  });
}

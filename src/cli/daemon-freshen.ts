// The background process makes a kept `stats` answer again once its journal has changed and gone quiet, so the
// `stats` asked next (a status line that polls it, a person back at the shell after an edit) is answered as before
// instead of counting again. The answer asked last is made again at once (a script's or a person's `stats` right
// after an edit comes after a Node start, time enough), all of them once the journal is quiet. What it hears of a
// change is only a hint: the answer it makes is kept under the same rules as any (every question recorded, the
// bytes of a racily new file it read with them), and a `stats` still asks every question again before printing it.
// So a missed or spurious hint costs time, never a wrong answer; and a command that comes meanwhile is not held
// (the answer being made gives way, to be made again later).
import fs from 'node:fs';
import path from 'node:path';
import { answerIdentity, KEPT_ANSWERS, RACY_FILES_KEPT, RACY_WINDOW_MS, type AnswerContext, type AnswersInMemory }
  from './answer-memo.js';
import type { DaemonRequest } from './daemon-protocol.js';

/**
 * After the last change heard of, the answer asked last is made again: an editor's save (a write and a rename) is
 * one change, and a command started after the edit reaches the process later than this (Node starts in ~100 ms).
 */
const SETTLE_MS = 10;
/** After the last change heard of, all answers: past the racy window, when a burst of changes (a pull) is over. */
const QUIET_MS = RACY_WINDOW_MS + 300;
/** Tries per burst of changes whose answer could not be made (a file changed again, commands kept coming). */
const MAX_TRIES = 3;
/**
 * Files changed beyond which an answer is left to the next `stats`: making it would hold a command that comes
 * meanwhile (one at a time) for as long as parsing them takes (about 0.4 ms a note), 100 notes about 40 ms.
 */
const MAX_CHANGED_FILES = 100;
/** Files named by the watches kept track of at most between quiet passes; beyond, every file counts as changed. */
const MAX_HEARD = 10_000;
/** Folders watched at most: a journal has a folder per year (or month); beyond this the process's own writes tell. */
const MAX_WATCHED_FOLDERS = 512;

interface Asked {
  request: DaemonRequest;
  /** The folders its last kept answer listed. */
  folders: readonly string[];
}

/** What came of an answer's turn. */
export type Remade = 'made' | 'current' | 'too-many-changes' | 'busy' | 'failed';

export interface FreshenerParts {
  answers: AnswersInMemory;
  /** The answer's context for a request, as `runCli` makes it (build, day and all). */
  contextOf: (request: DaemonRequest) => AnswerContext;
  /**
   * Runs `work` in its turn among the commands, when no command is waiting: false when it did not run (commands
   * waiting, or the process stopping).
   */
  inTurn: (work: () => Promise<void>) => Promise<boolean>;
  /**
   * Runs a request (in the turn it was given), its output going nowhere: its exit code. Its journal's read stops
   * once `giveWay` is aborted.
   */
  run: (request: DaemonRequest, giveWay: AbortSignal) => Promise<number>;
}

interface Watched {
  watcher: fs.FSWatcher;
  /** The folder's inode when watched: a folder removed and made again is watched again. */
  ino: number;
}

export class AnswerFreshener {
  /** The `stats` asked, by what names their answer apart but the day; the most recently asked last. */
  private readonly asked = new Map<string, Asked>();
  private readonly watched = new Map<string, Watched>();
  /** The pass over every answer, once the journal is quiet. */
  private timer: NodeJS.Timeout | null = null;
  /** The pass over the answer asked last, soon after a change. */
  private soonTimer: NodeJS.Timeout | null = null;
  private passes = 0;
  /**
   * The files the folders' watches named since the last quiet pass: racily new for any command run meanwhile
   * (changedOfLate); more than an answer can keep the bytes of (a pull, a sync writing note after note) leave the
   * answers to the quiet pass, which counts the changes for certain.
   */
  private readonly heard = new Set<string>();
  /** The answer being made (by what names it apart), aborted when another command comes meanwhile. */
  private making: { identity: string; controller: AbortController } | null = null;
  private tries = 0;
  private closed = false;
  /** Answers made again in the background and kept. */
  refreshed = 0;
  /** Answers whose making gave way to a command. */
  gaveWay = 0;

  constructor(private readonly parts: FreshenerParts) {}

  /**
   * The notes the watches named since the last quiet pass (at least 2.3 s after the last change): what a command
   * run now takes as racily new, whatever their mtime says. 'many' past what is kept track of.
   */
  changedOfLate(): ReadonlySet<string> | 'many' {
    return this.heard.size > MAX_HEARD ? 'many' : new Set(this.heard);
  }

  /** Whether answers wait to be made again (a change heard of, not made yet): what a test waits out. */
  get pending(): boolean {
    return this.timer !== null || this.soonTimer !== null || this.passes > 0;
  }

  /**
   * A command came: an answer being made stops reading (it is made again after the next quiet spell), unless the
   * command asks for that very answer, which it then prints as soon as it is made.
   */
  giveWay(request: DaemonRequest): void {
    const making = this.making;
    if (making && answerIdentity(this.parts.contextOf(request)) !== making.identity) making.controller.abort();
  }

  /**
   * After a `stats` this process ran and answered (exit 0): remembered, and made again after changes; made again
   * once the journal is quiet when it could not be kept (more racily new notes than it keeps the bytes of, or a
   * note that changed while it ran).
   */
  ran(request: DaemonRequest, identity: string): void {
    const context = this.parts.contextOf(request);
    const kept = this.parts.answers.folders(context);
    const before = this.asked.get(identity);
    this.asked.delete(identity);
    this.asked.set(identity, { request, folders: kept ?? before?.folders ?? [] });
    for (const old of this.asked.keys()) {
      if (this.asked.size <= KEPT_ANSWERS) break;
      this.asked.delete(old);
    }
    if (kept) return this.watchFolders();
    // Not kept (too many racily new notes, or one changed while it ran): made again when the journal is quiet, not
    // soon, which could not keep it either.
    this.tries = 0;
    this.schedule();
  }

  /** Something in the journal may have changed (a folder's event, naming the file, or this process wrote a note). */
  changed(file?: string): void {
    if (this.closed || this.asked.size === 0) return;
    // Hidden files (an editor's swap file, a writer's lock and temporary file, each named anew) are no notes.
    if (file !== undefined && !path.basename(file).startsWith('.') && this.heard.size <= MAX_HEARD) {
      this.heard.add(file);
    }
    this.tries = 0;
    this.schedule();
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      void this.freshen('latest');
    }, SETTLE_MS);
    this.soonTimer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = null;
    this.soonTimer = null;
    this.making?.controller.abort();
    for (const { watcher } of this.watched.values()) watcher.close();
    this.watched.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.freshen();
    }, QUIET_MS);
    // It never keeps the process alive: the quiet timer decides when it stops.
    this.timer.unref();
  }

  /** Makes again every remembered answer whose journal changed, or only the one asked last. */
  private async freshen(which: 'all' | 'latest' = 'all'): Promise<void> {
    this.passes++;
    let again = false;
    try {
      if (which === 'all') this.heard.clear();
      else if (this.heard.size > RACY_FILES_KEPT) return;
      const newestFirst = [...this.asked].reverse();
      for (const [identity, asked] of which === 'latest' ? newestFirst.slice(0, 1) : newestFirst) {
        // Closed, or a newer change heard of: the quiet pass it scheduled looks at every answer again.
        if (this.closed || (which === 'all' && this.timer)) return;
        const outcome = await this.remake(asked.request, which === 'latest' ? 1 : MAX_CHANGED_FILES + 1);
        if (outcome === 'made') {
          this.refreshed++;
          const folders = this.parts.answers.folders(this.parts.contextOf({ ...asked.request, now: Date.now() }));
          if (folders && this.asked.get(identity) === asked) this.asked.set(identity, { ...asked, folders });
        } else if (outcome === 'failed') {
          // It no longer answers (its folder or goal gone): not made again until asked and answered again.
          if (this.asked.get(identity) === asked) this.asked.delete(identity);
        } else if (outcome === 'busy') again = true;
      }
      this.watchFolders();
    } finally {
      this.passes--;
    }
    // The quiet pass comes after the soon one: it tries what could not be made then.
    if (which === 'all' && again && !this.timer && !this.closed && ++this.tries < MAX_TRIES) this.schedule();
  }

  /**
   * One answer's turn: looked at, and made again when something it read changed (but not too much). The changes are
   * counted up to `limit`: the soon pass stops at the first (one `lstat` per note saved; the newest files are looked
   * at first), having left a pull to the quiet pass by what the watches named.
   */
  private async remake(asked: DaemonRequest, limit: number): Promise<Remade> {
    const now = new Date();
    // Made in another offset (a daylight saving change): the next `stats` counts as it is asked.
    if (now.getTimezoneOffset() !== asked.offset) return 'current';
    const request = { ...asked, now: now.getTime() };
    const context = this.parts.contextOf(request);
    let outcome: Remade = 'busy';
    const ran = await this.parts.inTurn(async () => {
      // None kept (too many racily new files, or a command gave way): made.
      const changed = this.parts.answers.changedQuestions(context, limit);
      if (changed === 0) return void (outcome = 'current');
      if (changed !== null && changed > MAX_CHANGED_FILES) return void (outcome = 'too-many-changes');
      const making = new AbortController();
      this.making = { identity: answerIdentity(context), controller: making };
      try {
        const exitCode = await this.parts.run(request, making.signal);
        // Asked to give way once its read was over: made all the same.
        if (exitCode === 0 && this.parts.answers.folders(context)) outcome = 'made';
        else if (making.signal.aborted) {
          this.gaveWay++;
          outcome = 'busy';
        } else if (exitCode !== 0) outcome = 'failed';
        // Not kept: a file it read changed again meanwhile: tried again after the next quiet spell.
        else outcome = 'busy';
      } finally {
        this.making = null;
      }
    });
    return ran ? outcome : 'busy';
  }

  /** Watches the folders the remembered answers listed, and no others. */
  private watchFolders(): void {
    if (this.closed) return;
    const wanted = new Map<string, number>();
    for (const { folders } of this.asked.values()) {
      for (const folder of folders) {
        if (wanted.size >= MAX_WATCHED_FOLDERS || wanted.has(folder)) continue;
        const ino = inodeOf(folder);
        if (ino !== null) wanted.set(folder, ino);
      }
    }
    for (const [folder, { watcher, ino }] of this.watched) {
      if (wanted.get(folder) !== ino) {
        watcher.close();
        this.watched.delete(folder);
      }
    }
    for (const [folder, ino] of wanted) {
      if (this.watched.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, { persistent: false },
          (_event, name) => this.changed(name ? path.join(folder, name.toString()) : undefined));
        // Out of watches (inotify's limit) or the folder gone: changes this process makes itself still tell.
        watcher.on('error', () => {
          watcher.close();
          if (this.watched.get(folder)?.watcher === watcher) this.watched.delete(folder);
        });
        this.watched.set(folder, { watcher, ino });
      } catch {
        // As above; tried again after the next change.
      }
    }
  }
}

function inodeOf(folder: string): number | null {
  try {
    const s = fs.statSync(folder);
    return s.isDirectory() ? s.ino : null;
  } catch {
    return null;
  }
}

// The background process makes a kept `stats` answer again once its journal has changed and gone quiet, so the
// `stats` asked next (a status line that polls it, a person back at the shell after an edit) is answered as before
// instead of counting again. What it hears of a change is only a hint: the answer it makes is kept under the same
// rules as any (every question recorded, nothing kept while a file it read is racily new), and a `stats` still
// asks every question again before printing it. So a missed or spurious hint costs time, never a wrong answer.
import fs from 'node:fs';
import { KEPT_ANSWERS, RACY_WINDOW_MS, type AnswerContext, type AnswersInMemory } from './answer-memo.js';
import type { DaemonRequest } from './daemon-protocol.js';

/** After the last change heard of: past the racy window, so the file that changed can be trusted by its stat. */
const QUIET_MS = RACY_WINDOW_MS + 300;
/** Tries per burst of changes whose answer could not be kept yet (a file changed again while it was made). */
const MAX_TRIES = 3;
/** Folders watched at most: a journal has a folder per year (or month); beyond this the process's own writes tell. */
const MAX_WATCHED_FOLDERS = 512;

interface Asked {
  request: DaemonRequest;
  /** The folders its last kept answer listed. */
  folders: readonly string[];
}

export interface FreshenerParts {
  answers: AnswersInMemory;
  /** The answer's context for a request, as `runCli` makes it (build, day and all). */
  contextOf: (request: DaemonRequest) => AnswerContext;
  /** Runs a request in its turn among the commands, its output going nowhere; resolves when it is done. */
  remake: (request: DaemonRequest) => Promise<void>;
}

export class AnswerFreshener {
  /** The `stats` asked, by what names their answer apart but the day; the most recently asked last. */
  private readonly asked = new Map<string, Asked>();
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private tries = 0;
  private closed = false;
  /** Answers made again in the background and kept. */
  refreshed = 0;

  constructor(private readonly parts: FreshenerParts) {}

  /** After a `stats` this process ran (answered as before or not): remembered, and made again after changes. */
  ran(request: DaemonRequest): void {
    const context = this.parts.contextOf(request);
    const id = JSON.stringify([request.argv, request.cwd, request.isTTY, request.env]);
    const before = this.asked.get(id);
    this.asked.delete(id);
    this.asked.set(id, { request, folders: this.parts.answers.folders(context) ?? before?.folders ?? [] });
    for (const old of this.asked.keys()) {
      if (this.asked.size <= KEPT_ANSWERS) break;
      this.asked.delete(old);
    }
    this.watchFolders();
    // Not kept (a note it read was racily new): made again once the journal is quiet.
    if (!this.parts.answers.current(context)) this.changed();
  }

  /** Something in the journal may have changed (a folder's event, or this process wrote a note). */
  changed(): void {
    if (this.closed || this.asked.size === 0) return;
    this.tries = 0;
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
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

  private async freshen(): Promise<void> {
    let missed = false;
    for (const [id, asked] of [...this.asked].reverse()) {
      if (this.closed || this.timer) return;
      const now = new Date();
      // Made in another offset (a daylight saving change): the next `stats` counts as it is asked.
      if (now.getTimezoneOffset() !== asked.request.offset) continue;
      const request = { ...asked.request, now: now.getTime() };
      const context = this.parts.contextOf(request);
      if (this.parts.answers.current(context)) continue;
      await this.parts.remake(request);
      const folders = this.parts.answers.folders(context);
      if (folders && this.parts.answers.current(context)) {
        this.refreshed++;
        if (this.asked.has(id)) this.asked.set(id, { request: asked.request, folders });
      } else missed = true;
    }
    this.watchFolders();
    if (missed && !this.timer && ++this.tries < MAX_TRIES) this.schedule();
  }

  /** Watches the folders the remembered answers listed, and no others. */
  private watchFolders(): void {
    const wanted = new Set<string>();
    for (const { folders } of this.asked.values()) {
      for (const folder of folders) if (wanted.size < MAX_WATCHED_FOLDERS) wanted.add(folder);
    }
    for (const [folder, watcher] of this.watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, { persistent: false }, () => this.changed());
        // Out of watches (inotify's limit) or the folder gone: changes this process makes itself still tell.
        watcher.on('error', () => {
          watcher.close();
          if (this.watchers.get(folder) === watcher) this.watchers.delete(folder);
        });
        this.watchers.set(folder, watcher);
      } catch {
        // As above.
      }
    }
  }
}

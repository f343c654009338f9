// The journal as the extension sees it: found from the settings or kaizen.yaml, read through the
// shared core over vscode.workspace.fs, re-read (only what changed) when files or editors change.
import * as vscode from 'vscode';
import { Journal, type ParseCache } from '../journal/journal.js';
import { findRoot, type Layout, classifyPath } from '../journal/layout.js';
import { VAULT_SETTINGS_FILES } from '../journal/obsidian-settings.js';
import { relativeTo } from '../journal/file-system.js';
import type { GoalStats } from '../model/goal-stats.js';
import type { Goal } from '../model/types.js';
import { localDay, type Day } from '../model/dates.js';
import { pathOfUri, unsavedDocumentAt, uriOfPath, workspaceFileSystem } from './workspace-fs.js';
import type { SprintProgress } from '../model/sprint-progress.js';
import { onDidCreateFile } from './edits.js';
import { JournalNumbers } from '../language/numbers.js';
import type { JournalFileSystem } from '../journal/file-system.js';
import type { PersistentCache, Platform } from './platform.js';

const REFRESH_DELAY_MS = 250;
/** When a new folder is read again, for files that came with it without an event. */
const NEW_FOLDER_SECOND_LOOK_MS = 1500;
/**
 * After a change the numbers already followed (a keystroke, a click), the whole read waits for a longer pause:
 * run between keystrokes it would hold up the next one, and commands force it anyway (`current`).
 */
const FOLLOWED_REFRESH_DELAY_MS = 1500;

export interface IndexOptions {
  /** Where the persistent parse cache lives (default: the CLI's, so `kaizen` and the editor share it). */
  cacheDirectory?: string;
}

/** How far the first read of the journal is: for the status bar while ten years are read. */
export interface ReadProgress {
  done: number;
  total: number;
}

export interface GoalRow {
  goal: Goal;
  stats: GoalStats;
}

export class JournalIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly progressed = new vscode.EventEmitter<ReadProgress | null>();
  /** The first read's progress (null when it is done); later reads take milliseconds. */
  readonly onDidProgress = this.progressed.event;
  progress: ReadProgress | null = null;
  /** Parse results kept across sessions, trusted by the files' stat data. */
  private persistent: PersistentCache | undefined;
  /**
   * What the index reads through: the workspace's files, with the stat data the persistent parse cache
   * trusts where the platform has one. Open editors have none: their text, not the disk, is what counts.
   */
  private reading: JournalFileSystem = workspaceFileSystem;
  /** Resolves when the first read's parse results are written to the persistent cache. */
  persisted: Promise<void> = Promise.resolve();
  private readonly cache: ParseCache = new Map();
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.Disposable | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Promise<void> | null = null;
  journal: Journal | null = null;
  rows: GoalRow[] = [];
  /** What today's log says per goal (for the hover's "what checking in today adds"). */
  loggedToday: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'> = new Map();
  /** The goals' numbers by id, as of the last read: what lenses, completion and hover read (built once per read). */
  statsById: ReadonlyMap<string, GoalStats> = new Map();
  /** The numbers as of the last read, followed file by file between reads. */
  private numbers: JournalNumbers | null = null;
  /** The sprint holding today, as of today (null when none runs). */
  sprint: SprintProgress | null = null;
  root: string | null = null;
  /** The root's URI, joined from its workspace folder's: a file belongs to the journal on that file system only. */
  rootUri: vscode.Uri | null = null;
  /** The workspace holds a journal (kaizen.yaml or goal files): what the status bar and welcome view key on. */
  hasJournal = false;

  constructor(private readonly platform: Platform, private readonly options: IndexOptions = {}) {
    this.disposables.push(
      this.changed,
      this.progressed,
      vscode.workspace.onDidChangeTextDocument((e) => {
        // A change of the dirty flag alone (the first edit after a save, a click's own) comes as an event too: the
        // text is the one just followed, and parsing it again would hold up the click's applyEdit by as long.
        if (e.contentChanges.length === 0) return;
        this.touch(e.document.uri, this.follow(e.document));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.touch(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kaizen.journalRoot')) void this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      onDidCreateFile((uri) => void this.wrote(uri)),
    );
  }

  get layout(): Layout | null {
    return this.journal?.layout ?? null;
  }

  /** The journal's pinned day (`as_of:` in kaizen.yaml, for demos and samples), else the local date. */
  today(): Day {
    return this.journal?.layout.asOf ?? localDay(new Date());
  }

  get pinnedDay(): Day | null {
    return this.journal?.layout.asOf ?? null;
  }

  /** Finds the root again and reads everything (settings or folders changed). */
  reload(): Promise<void> {
    // Commands run right after activation wait for this first read instead of seeing "no journal".
    this.loading = this.load();
    return this.loading;
  }

  private loading: Promise<void> = Promise.resolve();

  private async load(): Promise<void> {
    this.forgetAll = true;
    this.root = await discoverRoot();
    this.rootUri = this.root === null ? null : uriOfPath(this.root);
    this.persistent = this.root ? this.platform.persistentCache(this.root, this.options) : undefined;
    this.reading = this.root ? this.platform.readingFileSystem(workspaceFileSystem, (path) => unsavedDocumentAt(path) !== undefined, this.root) : workspaceFileSystem;
    this.firstRead = true;
    this.watcher?.dispose();
    this.watcher = null;
    if (this.rootUri) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.rootUri, '**/*.{md,yaml}'));
      w.onDidChange((u) => this.touch(u, this.holdsFollowed(u)));
      w.onDidCreate((u) => this.touch(u));
      w.onDidDelete((u) => this.touch(u));
      // A note made together with its folder (the first log of a year or month) can come without its own event:
      // a new folder is read as soon as it appears, and once more a little later (a file written between the
      // watcher's scan of the new folder and its watch on it has no event of its own either).
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.rootUri, '**'), false, true, true);
      folders.onDidCreate((u) => void vscode.workspace.fs.stat(u).then((s) => {
        if (!(s.type & vscode.FileType.Directory)) return;
        this.touch(u);
        setTimeout(() => this.touch(u), NEW_FOLDER_SECOND_LOOK_MS);
      }, () => undefined));
      // The vault's own settings say where daily notes are and what a task's status means: a change reads again.
      const settings = VAULT_SETTINGS_FILES.map((file) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.rootUri!, file)));
      for (const s of settings) for (const on of [s.onDidChange, s.onDidCreate, s.onDidDelete]) on((u) => this.touch(u));
      this.watcher = vscode.Disposable.from(w, folders, ...settings);
    }
    await this.refreshNow();
  }

  /** The journal as of now, waiting for a scheduled refresh if one is due. */
  async current(): Promise<Journal | null> {
    await this.loading;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.refreshNow();
    }
    if (this.pending) await this.pending;
    return this.journal;
  }

  /**
   * The journal a click writes through: what is read already, without forcing a re-read that a keystroke or an
   * earlier click scheduled (the file being written is re-checked by the write itself). Only a changed
   * kaizen.yaml is awaited, since it may refuse writes.
   */
  async forWrite(): Promise<Journal | null> {
    if (this.forgetAll) return this.current();
    await this.loading;
    return this.journal;
  }

  isInJournal(uri: vscode.Uri): boolean {
    return this.relative(uri) !== null;
  }

  relative(uri: vscode.Uri): string | null {
    const root = this.rootUri;
    if (!this.root || !root || uri.scheme !== root.scheme || uri.authority !== root.authority) return null;
    return relativeTo(this.root, uri.path);
  }

  kindOf(uri: vscode.Uri): ReturnType<typeof classifyPath> | null {
    const rel = this.relative(uri);
    return rel === null || !this.layout ? null : classifyPath(this.layout, rel);
  }

  leadRow(): GoalRow | undefined {
    return this.rows.find((r) => r.goal.lead && r.goal.status === 'active');
  }

  /**
   * A file this extension just wrote or created: the numbers now, never after a watcher (which may not
   * report a note in a folder made with it). Resolves once the status bar, tree and lenses have them.
   */
  async wrote(uri: vscode.Uri): Promise<void> {
    const rel = this.relative(uri);
    if (rel === null) return;
    await this.loading;
    this.forget(rel);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.refreshNow();
  }

  /**
   * A document this extension just edited (a lens click, a log into a note). When the incremental numbers can
   * follow the edit they are shown at once and the whole read follows debounced, as after a keystroke, so a click
   * costs no read of the journal; what they cannot follow (a new note, a goal's aliases) is read now, as `wrote`.
   */
  async edited(document: vscode.TextDocument): Promise<void> {
    const rel = this.relative(document.uri);
    if (rel === null) return;
    await this.loading;
    // The edit's change event has usually been followed already (it arrives before the edit's promise resolves).
    const followed = this.followed.get(document.uri.toString()) === document.version || this.follow(document);
    if (!followed) return this.wrote(document.uri);
    this.touch(document.uri, true);
  }

  /**
   * A file changed on disk that is open, unchanged since it was last saved or loaded, at a version the numbers
   * followed: the save of a click or of typing. Anything else another program wrote would have changed the
   * document (a new version) first, or leaves it dirty.
   */
  private holdsFollowed(uri: vscode.Uri): boolean {
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    return document !== undefined && !document.isDirty && this.followed.get(key) === document.version;
  }

  /** The document versions whose text the numbers have: a click need not follow its own edit twice. */
  private readonly followed = new Map<string, number>();

  /**
   * The numbers a keystroke or a lens click changed, shown at once: the whole read follows, debounced. False when
   * the numbers cannot follow the change alone (a new note, a goal's aliases): the whole read is needed soon.
   */
  private follow(document: vscode.TextDocument): boolean {
    const rel = this.relative(document.uri);
    const numbers = this.numbers;
    if (rel === null || !numbers || numbers.today !== this.today()) return false;
    const update = numbers.update(rel, document.getText());
    if (update === 'reread') return false;
    this.followed.set(document.uri.toString(), document.version);
    if (update.goals.length === 0 && !update.sprint) return true;
    this.showNumbers(numbers);
    this.changed.fire();
    return true;
  }

  private showNumbers(numbers: JournalNumbers): void {
    this.rows = numbers.rows();
    this.statsById = numbers.stats;
    this.loggedToday = numbers.loggedToday;
    this.sprint = numbers.sprint;
  }

  private touch(uri: vscode.Uri, followed = false): void {
    const rel = this.relative(uri);
    if (rel === null) return;
    this.forget(rel);
    this.readSoon ||= !followed;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, this.readSoon ? REFRESH_DELAY_MS : FOLLOWED_REFRESH_DELAY_MS);
  }

  /** A change since the last read that the numbers did not follow (a file from outside, a new note). */
  private readSoon = false;

  /**
   * A file changed: its parse is dropped when the next read starts, not now. A read already under way may
   * have read the file before the change and would put its old parse back after a delete made now.
   */
  private forget(rel: string): void {
    if (rel === 'kaizen.yaml' || VAULT_SETTINGS_FILES.includes(rel)) this.forgetAll = true;
    else this.changedFiles.add(rel);
  }

  private readonly changedFiles = new Set<string>();
  private forgetAll = false;

  private dropChangedParses(): void {
    if (this.forgetAll) this.cache.clear();
    else for (const rel of this.changedFiles) this.cache.delete(rel);
    this.forgetAll = false;
    this.changedFiles.clear();
  }

  private async refreshNow(): Promise<void> {
    const run = async () => {
      this.readSoon = false;
      this.dropChangedParses();
      if (!this.root) {
        this.journal = null;
        this.rows = [];
        this.sprint = null;
      } else {
        const first = this.firstRead;
        this.firstRead = false;
        const persistent = this.persistent;
        this.journal = await Journal.open(this.reading, this.root, {
          cache: this.cache,
          ...(persistent ? { resultCache: persistent } : {}),
          ...(first ? { onProgress: (done: number, total: number) => this.reportProgress(done, total) } : {}),
        });
        if (first) {
          this.reportProgress(null);
          // Written once the numbers are shown; a later session (or `kaizen`) starts from it.
          if (persistent) this.persisted = new Promise((resolve) => setTimeout(() => void persistent.save().then(resolve), 0));
        }
        this.numbers = new JournalNumbers(this.journal, this.today());
        this.followed.clear();
        this.showNumbers(this.numbers);
      }
      this.hasJournal = this.root !== null && this.journal !== null
        && (this.journal.goals.length > 0 || this.journal.unreadableGoalIds.size > 0 || (await workspaceFileSystem.stat(`${this.root}/kaizen.yaml`))?.kind === 'file');
      void vscode.commands.executeCommand('setContext', 'kaizen.hasJournal', this.hasJournal);
      // The welcome view of a vault says its daily notes stay where they are, not "logs/".
      const inVault = !this.hasJournal && this.root !== null && (await isVault(this.root));
      void vscode.commands.executeCommand('setContext', 'kaizen.inVault', inVault);
      void vscode.commands.executeCommand('setContext', 'kaizen.hasGoals', this.rows.length > 0);
      this.changed.fire();
    };
    const previous = this.pending ?? Promise.resolve();
    const next = previous.then(run, run);
    this.pending = next;
    await next;
    if (this.pending === next) this.pending = null;
  }

  private lastProgress = 0;
  /** The next read is the first since the root was found: it shows progress and fills the persistent cache. */
  private firstRead = true;

  /** At most a few updates a second: the status bar is for a person, not a log. */
  private reportProgress(done: number | null, total = 0): void {
    if (done === null) {
      this.progress = null;
      this.progressed.fire(null);
      return;
    }
    const now = performance.now();
    if (done < total && now - this.lastProgress < 100) return;
    this.lastProgress = now;
    this.progress = { done, total };
    this.progressed.fire(this.progress);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** `kaizen.journalRoot` (relative to the first folder), else the folder holding kaizen.yaml, else the first folder. */
export async function discoverRoot(): Promise<string | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return null;
  const setting = vscode.workspace.getConfiguration('kaizen').get<string>('journalRoot')?.trim();
  const first = pathOfUri(folders[0]!.uri);
  if (setting) return setting.startsWith('/') ? setting : `${first}/${setting}`.replace(/\/\.?$/, '');
  for (const folder of folders) {
    const path = pathOfUri(folder.uri);
    if ((await workspaceFileSystem.stat(`${path}/kaizen.yaml`))?.kind === 'file') return path;
  }
  // A virtual file system may have no search provider: then the folders' own kaizen.yaml is what counts.
  const found = await Promise.resolve(vscode.workspace.findFiles('**/kaizen.yaml', '**/node_modules/**', 1)).catch(() => []);
  const inFolder = found.find((uri) => folders.some((f) => f.uri.scheme === uri.scheme && f.uri.authority === uri.authority));
  if (inFolder) return pathOfUri(inFolder).replace(/\/kaizen\.yaml$/, '');
  return findRoot(workspaceFileSystem, first);
}

/** An Obsidian or Logseq vault: it has its own daily-notes settings, which a new journal keeps. */
async function isVault(root: string): Promise<boolean> {
  const obsidian = await workspaceFileSystem.stat(`${root}/.obsidian`);
  if (obsidian?.kind === 'directory') return true;
  return (await workspaceFileSystem.stat(`${root}/logseq/config.edn`))?.kind === 'file';
}

// The journal as the extension sees it: found from the settings or kaizen.yaml, read through the
// shared core over vscode.workspace.fs, re-read (only what changed) when files or editors change.
import * as vscode from 'vscode';
import { Journal, type ParseCache } from '../journal/journal.js';
import { findRoot, type Layout, classifyPath } from '../journal/layout.js';
import { relativeTo } from '../journal/file-system.js';
import type { GoalStats } from '../model/goal-stats.js';
import type { Goal } from '../model/types.js';
import { localDay, type Day } from '../model/dates.js';
import { workspaceFileSystem } from './workspace-fs.js';
import { sprintProgress, type SprintProgress } from '../model/sprint-progress.js';
import { loggedOn } from '../language/features.js';
import { onDidCreateFile } from './edits.js';

const REFRESH_DELAY_MS = 250;

export interface GoalRow {
  goal: Goal;
  stats: GoalStats;
}

export class JournalIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly cache: ParseCache = new Map();
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.Disposable | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> | null = null;
  journal: Journal | null = null;
  rows: GoalRow[] = [];
  /** What today's log says per goal (for the hover's "what checking in today adds"). */
  loggedToday: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'> = new Map();
  /** The goals' numbers by id, as of the last read: what lenses, completion and hover read (built once per read). */
  statsById: ReadonlyMap<string, GoalStats> = new Map();
  /** The sprint holding today, as of today (null when none runs). */
  sprint: SprintProgress | null = null;
  root: string | null = null;
  /** The workspace holds a journal (kaizen.yaml or goal files): what the status bar and welcome view key on. */
  hasJournal = false;

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => this.touch(e.document.uri)),
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
    this.cache.clear();
    this.root = await discoverRoot();
    this.watcher?.dispose();
    this.watcher = null;
    if (this.root) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.root), '**/*.{md,yaml}'));
      w.onDidChange((u) => this.touch(u));
      w.onDidCreate((u) => this.touch(u));
      w.onDidDelete((u) => this.touch(u));
      // A note made together with its folder (the first log of a year or month) can come without its own event:
      // a new folder is read as soon as it appears.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.root), '**'), false, true, true);
      folders.onDidCreate((u) => void vscode.workspace.fs.stat(u).then((s) => {
        if (s.type & vscode.FileType.Directory) this.touch(u);
      }, () => undefined));
      this.watcher = vscode.Disposable.from(w, folders);
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

  isInJournal(uri: vscode.Uri): boolean {
    return this.relative(uri) !== null;
  }

  relative(uri: vscode.Uri): string | null {
    if (!this.root || uri.scheme !== 'file') return null;
    return relativeTo(this.root, uri.fsPath.split('\\').join('/'));
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
    this.cache.delete(rel);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.refreshNow();
  }

  private touch(uri: vscode.Uri): void {
    const rel = this.relative(uri);
    if (rel === null) return;
    if (rel === 'kaizen.yaml') this.cache.clear();
    else this.cache.delete(rel);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, REFRESH_DELAY_MS);
  }

  private async refreshNow(): Promise<void> {
    const run = async () => {
      if (!this.root) {
        this.journal = null;
        this.rows = [];
        this.sprint = null;
      } else {
        this.journal = await Journal.open(workspaceFileSystem, this.root, { cache: this.cache });
        this.rows = this.journal.stats(this.today());
        this.loggedToday = loggedOn(this.journal.habitDays(), this.today());
        this.statsById = new Map(this.rows.map((r) => [r.goal.id, r.stats]));
        const sprint = this.journal.sprintOn(this.today());
        this.sprint = sprint ? sprintProgress(sprint, this.journal.goals, this.journal.linkResolver(), this.journal.habitDays(), this.today()) : null;
      }
      this.hasJournal = this.root !== null && this.journal !== null
        && (this.journal.goals.length > 0 || this.journal.unreadableGoalIds.size > 0 || (await workspaceFileSystem.stat(`${this.root}/kaizen.yaml`))?.kind === 'file');
      void vscode.commands.executeCommand('setContext', 'kaizen.hasJournal', this.hasJournal);
      void vscode.commands.executeCommand('setContext', 'kaizen.hasGoals', this.rows.length > 0);
      this.changed.fire();
    };
    const previous = this.pending ?? Promise.resolve();
    const next = previous.then(run, run);
    this.pending = next;
    await next;
    if (this.pending === next) this.pending = null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** `kaizen.journalRoot` (relative to the first folder), else the folder holding kaizen.yaml, else the first folder. */
export async function discoverRoot(): Promise<string | null> {
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
  if (folders.length === 0) return null;
  const setting = vscode.workspace.getConfiguration('kaizen').get<string>('journalRoot')?.trim();
  const first = folders[0]!.uri.fsPath.split('\\').join('/');
  if (setting) return setting.startsWith('/') ? setting : `${first}/${setting}`.replace(/\/\.?$/, '');
  for (const folder of folders) {
    const path = folder.uri.fsPath.split('\\').join('/');
    if ((await workspaceFileSystem.stat(`${path}/kaizen.yaml`))?.kind === 'file') return path;
  }
  const found = await vscode.workspace.findFiles('**/kaizen.yaml', '**/node_modules/**', 1);
  if (found[0]) return found[0].fsPath.split('\\').join('/').replace(/\/kaizen\.yaml$/, '');
  return findRoot(workspaceFileSystem, first);
}

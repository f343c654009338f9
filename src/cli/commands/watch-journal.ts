// What `kaizen watch` holds between changes: one whole read of the journal, and its numbers kept up to date one
// file at a time (the editors' incremental model, JournalNumbers). The period reports, the sprint's report, the
// calendar and the problems are rebuilt from it without reading ten years again; they equal what `kaizen report`,
// `kaizen sprint report` and `kaizen check` give from a fresh read (tests/cli/watch-journal.test.ts). What one
// file cannot tell (a new or deleted file, kaizen.yaml, a goal's links, a new day) reads the journal again, from
// the parse results kept in memory.
import fs from 'node:fs';
import path from 'node:path';
import { minDay, type Day } from '../../model/dates.js';
import type { HabitDays } from '../../model/habit-days.js';
import type { Period } from '../../model/periods.js';
import { sprintProgress, type SprintProgress } from '../../model/sprint-progress.js';
import type { GoalStats } from '../../model/goal-stats.js';
import type { Diagnostic, Goal } from '../../model/types.js';
import { buildReportData, type ReportData } from '../../report/data.js';
import type { CalendarSource } from '../../journal/calendar-file.js';
import type { JournalFileSystem } from '../../journal/file-system.js';
import { Journal, journalDiagnostics, orderGoals, type OpenOptions, type ParseCache } from '../../journal/journal.js';
import { CONFIG_FILE } from '../../journal/layout.js';
import { VAULT_SETTINGS_FILES } from '../../journal/obsidian-settings.js';
import { decodeUtf8 } from '../../parser/text.js';
import { logsForPeriod } from '../../journal/period-report.js';
import { currentSprint } from '../../journal/sprints.js';
import { JournalNumbers } from '../../language/numbers.js';

export interface WatchedChanges {
  /** Journal paths whose files changed (written, replaced, created, deleted). */
  files: readonly string[];
  /**
   * A file or folder appeared or went: which note a day reads may change (a second note for a day, a conflicted
   * copy, a note moved), so only a whole read can tell.
   */
  listing: boolean;
  /** A folder appeared or went: its files moved with it, without an event each, so every parse is dropped. */
  folders: boolean;
}

/** What a change did: the goals whose numbers changed, or a whole read. */
export type WatchedUpdate = { reread: false; goals: string[] } | { reread: true };

export class WatchedJournal {
  private constructor(private journal: Journal, private numbers: JournalNumbers, private readonly cache: ParseCache,
    private readonly fileSystem: JournalFileSystem) {}

  static async read(fileSystem: JournalFileSystem, root: string, today: Day,
    options: { cache: ParseCache } & Pick<OpenOptions, 'onProgress' | 'resultCache'>): Promise<WatchedJournal> {
    const journal = await Journal.open(fileSystem, root, { ...options, logs: 'all' });
    return new WatchedJournal(journal, new JournalNumbers(journal, today), options.cache, fileSystem);
  }

  get root(): string {
    return this.journal.root;
  }

  get today(): Day {
    return this.numbers.today;
  }

  /** The goal's title and numbers as of today, for the changed goals' line. */
  goalNumbers(id: string): { goal: Goal; stats: GoalStats } | null {
    const goal = this.numbers.goalsNow().find((g) => g.id === id);
    const stats = this.numbers.stats.get(id);
    return goal && stats ? { goal, stats } : null;
  }

  /**
   * Takes a burst of changes: each file's new text through the incremental numbers, or one whole read when a
   * change needs it (the caller has dropped the changed files from the in-memory parse cache). A new day also
   * reads again: the numbers are as of one day.
   */
  async apply(changes: WatchedChanges, today: Day): Promise<WatchedUpdate> {
    // Dropped now, not when the event came: a whole read under way then may have put a file's old parse back.
    const settings = changes.files.some((rel) => rel === CONFIG_FILE || VAULT_SETTINGS_FILES.includes(rel));
    if (changes.folders || settings) this.cache.clear();
    else for (const rel of changes.files) this.cache.delete(rel);
    if (this.stale || changes.listing || changes.folders || settings || today !== this.numbers.today) return this.reread(today);
    const goals = new Set<string>();
    for (const rel of changes.files) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(path.join(this.journal.root, rel));
      } catch {
        // Deleted, or replaced by a folder: the listing changed.
        return this.reread(today);
      }
      // A file that is not UTF-8 is an error a whole read names (and a note it cannot count), never a repaired text.
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) return this.reread(today);
      const update = this.numbers.update(rel, decoded.text);
      if (update === 'reread') return this.reread(today);
      for (const id of update.goals) goals.add(id);
    }
    return { reread: false, goals: [...goals] };
  }

  /** A whole read failed: what is held is older than the files, and the next change reads again. */
  private stale = false;

  private async reread(today: Day): Promise<WatchedUpdate> {
    this.stale = true;
    this.journal = await Journal.open(this.fileSystem, this.journal.root, { cache: this.cache, logs: 'all' });
    this.numbers = new JournalNumbers(this.journal, today);
    this.stale = false;
    return { reread: true };
  }

  /** Every problem a fresh read (`kaizen check`) would report now. */
  diagnostics(): Diagnostic[] {
    const replaced = this.numbers.parsedDiagnostics;
    const read = this.journal.readDiagnostics().filter((d) => !replaced.has(d.file));
    return journalDiagnostics({
      readDiagnostics: [...read, ...[...replaced.values()].flat()],
      goals: this.numbers.goalsNow(),
      unreadableGoalIds: this.journal.unreadableGoalIds,
      logs: this.numbers.logsNow(),
      sprints: this.numbers.sprintsNow(),
      linkResolver: this.journal.linkResolver(),
    });
  }

  /** One period's report as `kaizen report` builds it: from the days its own read would take (logsForPeriod). */
  reportData(period: Period, asOf: Day, today: Day): ReportData {
    const goals = this.numbers.goalsNow();
    const selection = logsForPeriod(period, asOf)(goals);
    const inWindow = (day: Day) => typeof selection === 'object' && day >= selection.from && day <= selection.to;
    return buildReportData({
      period, asOf, today,
      goals: orderGoals(goals),
      habitDays: habitDaysWithin(this.numbers.habitDaysNow(), inWindow),
      logs: this.numbers.logsNow().filter((log) => inWindow(log.date)),
      logFiles: new Map([...this.journal.logFiles].map(([day, f]) => [day, f.rel])),
    });
  }

  /** The sprint of `asOf` (the current one, else the latest started) with its numbers, as `kaizen sprint` gives them. */
  sprint(asOf: Day): SprintProgress | null {
    const sprint = currentSprint(this.numbers.sprintsNow(), asOf);
    if (!sprint) return null;
    const last = minDay(asOf, sprint.end);
    const days = habitDaysWithin(this.numbers.habitDaysNow(), (day) => day >= sprint.start && day <= last);
    return sprintProgress(sprint, this.numbers.goalsNow(), this.journal.linkResolver(), days, asOf);
  }

  /** The calendar's source: every goal, sprint and day now. */
  calendar(): CalendarSource {
    const numbers = this.numbers;
    return { layout: this.journal.layout, root: this.journal.root, goals: numbers.goalsNow(), sprints: numbers.sprintsNow(),
      habitDays: () => numbers.habitDaysNow() };
  }

  get layout(): Journal['layout'] {
    return this.journal.layout;
  }
}

/** Each goal's days within a window, as a read of only those days' notes collects them (a day is its own note's). */
function habitDaysWithin(all: HabitDays, keep: (day: Day) => boolean): HabitDays {
  const out: HabitDays = new Map();
  for (const [id, byDay] of all) {
    const kept = new Map([...byDay].filter(([day]) => keep(day)));
    if (kept.size > 0) out.set(id, kept);
  }
  return out;
}

// The numbers a person looks at (each goal's week, streak, strength, progress, milestones, suggestions;
// what today says; the sprint of today) kept up to date one file at a time: a keystroke in a daily note
// recomputes the goals that note links, from the other days already in memory, instead of re-reading
// ten years. Editor-neutral: the extension, `kaizen lsp` and `kaizen watch` hold one each. What it cannot
// follow alone (a new file, a goal's links or tracking changed, kaizen.yaml) it says, and the caller
// re-reads the journal, which gives the same numbers (a property test holds the two equal).
import type { Day } from '../model/dates.js';
import { computeGoalStats, type GoalStats } from '../model/goal-stats.js';
import { resolveHabitLinks } from '../model/goal-links.js';
import { collectHabitDays, firstLinkedDay, type HabitDay, type HabitDays } from '../model/habit-days.js';
import { sprintProgress, type SprintProgress } from '../model/sprint-progress.js';
import type { Sprint } from '../model/sprint.js';
import type { DailyLog, Diagnostic, Goal } from '../model/types.js';
import { applyTaskStatuses } from '../model/task-status.js';
import { parseGoalFile, parseLogFile } from '../parser/index.js';
import { parseSprintFile } from '../parser/sprint.js';
import { compareText } from '../model/lint.js';
import { orderGoals, type Journal } from '../journal/journal.js';
import { classifyPath } from '../journal/layout.js';
import { loggedOn } from './features.js';

const encoder = new TextEncoder();

/**
 * What an update recomputed: the goals' numbers, and today's sprint; nothing for a file no number reads;
 * `reread` when only a whole read can tell.
 */
export type NumbersUpdate = { goals: string[]; sprint: boolean } | 'reread';

export class JournalNumbers {
  /** Each goal's numbers as of `today`, by id. */
  readonly stats = new Map<string, GoalStats>();
  loggedToday: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'> = new Map();
  sprint: SprintProgress | null = null;
  private goals: Goal[];
  private sprints: Sprint[];
  private readonly days: HabitDays;
  private readonly logs = new Map<Day, DailyLog>();
  /** The parse diagnostics of each file updated since the read, by path: the rest are the read's. */
  readonly parsedDiagnostics = new Map<string, Diagnostic[]>();

  constructor(private readonly journal: Journal, readonly today: Day) {
    this.goals = [...journal.goals];
    this.sprints = [...journal.sprints];
    for (const log of journal.logs) this.logs.set(log.date, log);
    // A copy: the journal's own map stays what its read said.
    this.days = new Map([...journal.habitDays()].map(([id, byDay]) => [id, new Map(byDay)]));
    for (const goal of this.goals) this.recompute(goal);
    this.loggedToday = loggedOn(this.days, today);
    this.sprint = this.sprintToday();
  }

  /** The goals in the order every face lists them, with their numbers. */
  rows(): { goal: Goal; stats: GoalStats }[] {
    return orderGoals(this.goals).map((goal) => ({ goal, stats: this.stats.get(goal.id) as GoalStats }));
  }

  goalsNow(): readonly Goal[] {
    return this.goals;
  }

  sprintsNow(): readonly Sprint[] {
    return this.sprints;
  }

  /** What each goal's notes say day by day, as a whole read would collect it now. */
  habitDaysNow(): HabitDays {
    return this.days;
  }

  /** The daily logs that parse, in date order, as a whole read would list them now. */
  logsNow(): DailyLog[] {
    return [...this.logs.values()].sort((a, b) => compareText(a.date, b.date));
  }

  /** A journal file's new text (an editor's buffer, or the disk after a write). */
  update(rel: string, text: string): NumbersUpdate {
    const kind = classifyPath(this.journal.layout, rel);
    const bytes = encoder.encode(text);
    if (kind.kind === 'log') {
      // Only the note read for its day counts; a new day's note changes the listing: a whole read.
      const read = this.journal.logFiles.get(kind.date);
      if (!read) return 'reread';
      if (read.rel !== rel) return { goals: [], sprint: false };
      const result = parseLogFile(bytes, kind.date, rel);
      this.parsedDiagnostics.set(rel, result.diagnostics);
      const parsed = result.value;
      return this.updateLog(kind.date, parsed ? resolveHabitLinks(parsed, this.journal.linkResolver()) : null);
    }
    if (kind.kind === 'goal') {
      const index = this.goals.findIndex((g) => g.id === kind.id);
      const result = parseGoalFile(bytes, kind.id, rel);
      const parsed = result.value;
      const old = this.goals[index];
      // Links resolve by ids and aliases, and `track` reads days from every note: those changes need a whole read.
      if (!old || !parsed || !sameList(old.aliases, parsed.aliases) || JSON.stringify(old.track) !== JSON.stringify(parsed.track)) return 'reread';
      // The vault's Obsidian Tasks statuses decide what `[d]` or `[~]` mean, as in a whole read.
      if (this.journal.layout.tasks) applyTaskStatuses([...parsed.tasks, ...parsed.milestones], this.journal.layout.tasks);
      this.parsedDiagnostics.set(rel, result.diagnostics);
      this.goals[index] = parsed;
      this.recompute(parsed);
      const sprint = this.refreshSprint();
      return { goals: [parsed.id], sprint };
    }
    if (kind.kind === 'sprint') {
      const result = parseSprintFile(bytes, kind.id, rel);
      const parsed = result.value;
      const others = this.sprints.filter((s) => s.file !== rel);
      if (others.length === this.sprints.length) return 'reread';
      this.parsedDiagnostics.set(rel, result.diagnostics);
      this.sprints = parsed ? [...others, parsed].sort((a, b) => compareText(a.start, b.start)) : others;
      return { goals: [], sprint: this.refreshSprint() };
    }
    return kind.kind === 'review' || kind.kind === 'report' ? { goals: [], sprint: false } : 'reread';
  }

  /** A day's note replaced (null: it no longer parses): its goals' days, then their numbers. */
  private updateLog(date: Day, log: DailyLog | null): NumbersUpdate {
    const old = this.logs.get(date);
    const affected = new Set<string>();
    for (const h of old?.habits ?? []) affected.add(h.goalId);
    for (const h of log?.habits ?? []) affected.add(h.goalId);
    for (const g of this.goals) if (g.track !== null) affected.add(g.id);
    if (log) this.logs.set(date, log);
    else this.logs.delete(date);
    const now = collectHabitDays(log ? [log] : [], this.goals);
    // Only a goal whose day really changed is recomputed: a keystroke in a note that links six goals changes one.
    const changed = new Set<string>();
    for (const id of affected) {
      const entry = now.get(id)?.get(date);
      if (sameDay(this.days.get(id)?.get(date), entry)) continue;
      this.setDay(id, date, entry);
      changed.add(id);
    }
    const goals: string[] = [];
    for (const goal of this.goals) {
      if (!changed.has(goal.id)) continue;
      this.recompute(goal);
      goals.push(goal.id);
    }
    if (date === this.today) this.loggedToday = loggedOn(this.days, this.today);
    return { goals, sprint: this.refreshSprint() };
  }

  /** One goal's entry for one day, keeping each goal's days in date order as a whole read makes them. */
  private setDay(id: string, date: Day, entry: HabitDay | undefined): void {
    const byDay = this.days.get(id);
    if (!entry) {
      if (!byDay) return;
      byDay.delete(date);
      if (byDay.size === 0) this.days.delete(id);
      return;
    }
    if (!byDay) {
      this.days.set(id, new Map([[date, entry]]));
      return;
    }
    if (byDay.has(date)) {
      byDay.set(date, entry);
      return;
    }
    byDay.set(date, entry);
    const sorted = [...byDay].sort(([a], [b]) => compareText(a, b));
    byDay.clear();
    for (const [d, e] of sorted) byDay.set(d, e);
  }

  private recompute(goal: Goal): void {
    const days = this.days.get(goal.id) ?? new Map<Day, HabitDay>();
    this.stats.set(goal.id, computeGoalStats(goal, days, this.today, firstLinkedDay(days)));
  }

  /** The sprint of today, recomputed (cheap: a sprint is weeks, and few goals). */
  private refreshSprint(): true {
    this.sprint = this.sprintToday();
    return true;
  }

  private sprintToday(): SprintProgress | null {
    const sprint = this.sprints.find((s) => s.start <= this.today && this.today <= s.end);
    return sprint ? sprintProgress(sprint, this.goals, this.journal.linkResolver(), this.days, this.today) : null;
  }
}

function sameDay(a: HabitDay | undefined, b: HabitDay | undefined): boolean {
  if (!a || !b) return a === b;
  return a.standard === b.standard && a.minimum === b.minimum && a.skip === b.skip && sameList(a.values, b.values);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

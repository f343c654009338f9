// The domain model shared by the parser, the journal, the CLI and the extension. Plain data only:
// every parsed file result is JSON-serialisable so it can be cached and compared.
import type { Day } from './dates.js';
import type { TaskState } from './task-status.js';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'yaml-error' | 'bad-date' | 'missing-title' | 'bad-cadence' | 'bad-value' | 'bad-encoding' | 'too-large' | 'unreadable'
  | 'wish' | 'smart-specific' | 'smart-measurable' | 'smart-achievable' | 'smart-relevant' | 'smart-time-bound'
  | 'lead-goal' | 'unknown-goal' | 'date-mismatch' | 'timeframe' | 'task-too-big' | 'stage-count' | 'unplaced-notes' | 'second-note'
  | 'conflict-markers' | 'sync-driver-missing' | 'sync-driver-broken' | 'old-goal-name'
  | 'sprint-length' | 'sprint-goal' | 'sprint-overlap' | 'sprint-task-missing' | 'quick-win'
  | 'done-date-open' | 'bad-recurrence';

export interface Diagnostic {
  /** Relative to the journal root, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units, not counting a BOM. */
  column: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Every file a summary speaks of (`unplaced-notes`): each is named, none is skipped silently. */
  files?: string[];
}

/** Where something is in a file: 1-based line and column. */
export interface Place {
  line: number;
  column: number;
}

export type HabitLevel = 'minimum' | 'standard' | 'skip';

export interface TaskItem {
  line: number;
  /** Done: `[x]`, or a status the vault's Obsidian Tasks settings call done. */
  checked: boolean;
  /** The character between the brackets (Obsidian Tasks' status symbol). */
  status: string;
  /** Open, in progress (`[/]`), done or cancelled (`[-]`, out of the progress count). */
  state: TaskState;
  /** Offset (in the whole file text, BOM included) of the character between `[` and `]`. */
  checkboxOffset: number;
  /** Offsets of the task's first line in the whole file text, end excluding the line break. */
  lineStart: number;
  lineEnd: number;
  /** The first line's text after the checkbox, trimmed. */
  text: string;
  estimateMinutes: number | null;
  /** Column of the estimate, for diagnostics. */
  estimateColumn: number | null;
  doneDate: Day | null;
  dueDate: Day | null;
  section: 'stages' | 'milestones' | 'other';
  stage: string | null;
  /** `[reward:: a massage]` on a milestone (FORMAT §7). */
  reward?: string | null;
  /** Column of the `✅`/`[completion::` field, when the line has one (`check` notes it on an open task). */
  doneDateColumn?: number | null;
  /** The Obsidian Tasks rule (`🔁 every week`, `[repeat:: …]`) as written and the column of its text. */
  recurrence?: { rule: string; column: number } | null;
}

export interface HabitEntry {
  goalId: string;
  level: HabitLevel;
  checked: boolean;
  value: number | null;
  line: number;
  /** Column of the `[[` that opens the link. */
  column: number;
  /** Index into the log's `tasks`. */
  taskIndex: number;
  /** The name the link used when it is not the goal's id (an alias, such as an id before a rename). */
  linkedAs?: string;
}

/** `habit.track` (FORMAT §9): the goal's days are read from what the vault already records. */
export type HabitTrack =
  /** `equals`: only these values (case-insensitive) mean done, e.g. `workout: { name, equals: [gym, run] }`. */
  | { kind: 'field'; name: string; standardAt: number | null; equals?: string[] | null }
  /**
   * `texts`: the task's text, or several alternatives; `prefix`: any text after it (`Meditate for 10 min`),
   * otherwise only a quantity after it (`Study English 1.5h`).
   */
  | { kind: 'task'; text: string; texts?: string[]; prefix?: boolean }
  | { kind: 'tag'; tag: string };

/** A value a note records: a scalar, or a YAML list's items. */
export type RecordedValue = string | number | boolean | string[];

/** A Logseq task block (`- DONE Meditate`, `- TODO …`): the vault's checkbox. */
export interface MarkerTask {
  line: number;
  marker: string;
  done: boolean;
  text: string;
}

export interface Cadence {
  /** N of `N/week` (`daily` is 7); for the longer cadences of FORMAT §11 the weekly equivalent 7·num/den. */
  perWeek: number;
  /** FORMAT §11, absent for `N/week` and `daily`: Loop's "num times in den days" over longer periods. */
  span?: CadenceSpan;
}

export interface CadenceSpan {
  num: number;
  den: number;
  /** `N/2weeks` (den 14), `N/month` (den 30), `every K days` and `N in K days` (den K). */
  unit: '2weeks' | 'month' | 'days';
}

/** `habit.target` (FORMAT §11): a numeric habit, decided by the day's `[value:: N]`. */
export interface HabitTarget {
  value: number;
  unit: string | null;
  per: 'day' | 'week' | 'month';
  kind: 'at-least' | 'at-most';
}

export type MetricAggregate = 'sum' | 'last' | 'max';

export interface Metric {
  name: string | null;
  unit: string | null;
  baseline: number;
  target: number;
  aggregate: MetricAggregate;
}

export interface Pause {
  from: Day;
  to: Day;
  reason: string | null;
}

export type GoalStatus = 'active' | 'paused' | 'done' | 'dropped';

export interface Stage {
  title: string;
  line: number;
}

/** The frontmatter is valid YAML and readable as a goal; `null` fields were absent (or invalid, with a diagnostic). */
export interface Goal {
  id: string;
  file: string;
  title: string | null;
  status: GoalStatus;
  lead: boolean;
  why: string | null;
  start: Day | null;
  due: Day | null;
  cadence: Cadence | null;
  /** The raw cadence value was present (even if invalid): an invalid one is bad-cadence, not a wish. */
  cadenceGiven: boolean;
  minimum: string | null;
  standard: string | null;
  metric: Metric | null;
  /** Where the days come from when the vault already records the habit its own way. */
  track: HabitTrack | null;
  pauses: Pause[];
  tags: string[];
  /** Other names `[[links]]` may use (Obsidian's `aliases:`). */
  aliases: string[];
  /** A numeric habit (FORMAT §11); absent or null for yes/no habits. */
  target?: HabitTarget | null;
  /** `habit.standardAt`: an at-least day with a value from this one up is standard (below it minimum). */
  standardAt?: number | null;
  /** `habit.days` as weekday indexes (0 = Monday), and `habit.time` as `HH:MM` (FORMAT §8). */
  days?: number[] | null;
  time?: string | null;
  /** `rewards: { 25: new socks, 50: a massage }`: a reward per progress mark (FORMAT §7). */
  rewards?: Record<number, string>;
  tasks: TaskItem[];
  milestones: TaskItem[];
  stages: Stage[];
  stagesHeading: Place | null;
  /** Line of the first `#` heading (the title in the body), if any. */
  titleLine: number | null;
  /** Where frontmatter keys sit (`title`, `habit`, `habit.cadence`, `due`, …) and where the frontmatter starts. */
  places: Record<string, Place>;
}

export interface DailyLog {
  date: Day;
  file: string;
  /** The `date:` written in the frontmatter, if any. */
  frontmatterDate: string | null;
  energy: number | null;
  tasks: TaskItem[];
  habits: HabitEntry[];
  /**
   * Frontmatter values and Dataview inline fields (`key:: value`, `[key:: value]`) by lower-case key,
   * and the note's tags (lower case, no `#`): what `habit.track` reads.
   */
  fields: Record<string, RecordedValue>;
  tags: string[];
  /** Logseq's `DONE`/`TODO` task blocks (absent in results cached by older builds). */
  markerTasks?: MarkerTask[];
  places: Record<string, Place>;
  /** Line of the `## Habits` heading, of the first `#` title, and the first line after the frontmatter. */
  habitsHeadingLine: number | null;
  titleLine: number | null;
  bodyLine: number;
}

export type DayStatus = 'standard' | 'minimum' | 'skip' | 'paused' | 'missed' | 'outside';

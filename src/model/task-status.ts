// Obsidian Tasks' statuses: the character between a task's brackets says whether it is open, in progress,
// done or cancelled, and which character a toggle writes next. The defaults are the plugin's own four
// (` ` `x` `/` `-`) plus `X`, which GFM and every version of Kaizen read as checked; a vault may define more
// in `.obsidian/plugins/obsidian-tasks-plugin/data.json` (`statusSettings`).

/** What a task is for progress: in progress is open work, cancelled is out of the count. */
export type TaskState = 'open' | 'in-progress' | 'done' | 'cancelled';

/** Obsidian Tasks' `StatusType`. */
export type StatusType = 'TODO' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'ON_HOLD' | 'NON_TASK';

export interface StatusDefinition {
  symbol: string;
  name: string;
  /** The symbol a toggle writes. */
  next: string;
  type: StatusType;
}

/** Where a recurring task's next occurrence goes, and how fields are written. */
export interface TasksSettings {
  /** By symbol; plain data, so a layout that holds it stays serialisable. */
  statuses: Readonly<Record<string, StatusDefinition>>;
  /** Obsidian Tasks writes the next occurrence above the completed task unless `recurrenceOnNextLine`. */
  recurrenceBelow: boolean;
  /** `dataview`: `[completion:: 2026-11-21]` instead of `✅ 2026-11-21`. */
  format: 'emoji' | 'dataview';
  /** The plugin's `removeScheduledDateOnRecurrence`: the next occurrence has no ⏳ when it has another date. */
  removeScheduledDateOnRecurrence: boolean;
  /** The plugin's `setCreatedDate`: a next occurrence is created today (➕). */
  setCreatedDate?: boolean;
}

const CORE: readonly StatusDefinition[] = [
  { symbol: ' ', name: 'Todo', next: 'x', type: 'TODO' },
  { symbol: 'x', name: 'Done', next: ' ', type: 'DONE' },
  { symbol: 'X', name: 'Done', next: ' ', type: 'DONE' },
  { symbol: '/', name: 'In Progress', next: 'x', type: 'IN_PROGRESS' },
  { symbol: '-', name: 'Cancelled', next: ' ', type: 'CANCELLED' },
];

export const DEFAULT_TASKS_SETTINGS: TasksSettings = {
  statuses: Object.fromEntries(CORE.map((s) => [s.symbol, s])),
  recurrenceBelow: false,
  format: 'emoji',
  removeScheduledDateOnRecurrence: false,
};

/** A symbol no setting names is an open task whose toggle checks it (Obsidian Tasks' "unknown" status). */
export function statusOf(symbol: string, settings: TasksSettings = DEFAULT_TASKS_SETTINGS): StatusDefinition {
  return (Object.hasOwn(settings.statuses, symbol) ? settings.statuses[symbol] : undefined) ?? { symbol, name: 'Unknown', next: 'x', type: 'TODO' };
}

export function stateOfType(type: StatusType): TaskState {
  switch (type) {
    case 'DONE': return 'done';
    case 'CANCELLED': case 'NON_TASK': return 'cancelled';
    case 'IN_PROGRESS': return 'in-progress';
    default: return 'open';
  }
}

export function stateOfSymbol(symbol: string, settings: TasksSettings = DEFAULT_TASKS_SETTINGS): TaskState {
  return stateOfType(statusOf(symbol, settings).type);
}

/** The symbol a toggle writes; a status that names no next symbol toggles like a checkbox. */
export function nextSymbol(symbol: string, settings: TasksSettings = DEFAULT_TASKS_SETTINGS): string {
  const next = statusOf(symbol, settings).next;
  if (next.length === 1 && next !== symbol) return next;
  return stateOfSymbol(symbol, settings) === 'done' ? ' ' : 'x';
}

/**
 * The status of a new occurrence: the first TODO, else IN_PROGRESS status along the done status's chain of
 * next symbols, else a space (Obsidian Tasks' `getNextRecurrenceStatusOrCreate`).
 */
export function recurrenceSymbol(doneSymbol: string, settings: TasksSettings = DEFAULT_TASKS_SETTINGS): string {
  for (const wanted of ['TODO', 'IN_PROGRESS'] as const) {
    const seen = new Set<string>();
    let symbol = statusOf(doneSymbol, settings).next;
    while (symbol.length === 1 && !seen.has(symbol)) {
      seen.add(symbol);
      const status = statusOf(symbol, settings);
      if (status.type === wanted) return symbol;
      symbol = status.next;
    }
  }
  return ' ';
}

const TYPES = new Set<StatusType>(['TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'ON_HOLD', 'NON_TASK']);

/**
 * The plugin's settings file, already parsed from JSON. What it does not say keeps the plugin's default; an
 * entry that is not a status (empty or long symbol, unknown type) is left out and named in `problems`.
 */
export function tasksSettingsFromPlugin(data: unknown): { settings: TasksSettings; problems: string[] } {
  const problems: string[] = [];
  const statuses: Record<string, StatusDefinition> = { ...DEFAULT_TASKS_SETTINGS.statuses };
  const o = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const statusSettings = o.statusSettings as Record<string, unknown> | undefined;
  for (const list of [statusSettings?.coreStatuses, statusSettings?.customStatuses]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      const e = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
      const symbol = typeof e.symbol === 'string' ? e.symbol : '';
      const type = typeof e.type === 'string' ? (e.type as StatusType) : 'TODO';
      if ([...symbol].length !== 1 || symbol === '\n' || symbol === ']') {
        if (symbol !== '') problems.push(`status symbol "${symbol}" is not one character`);
        continue;
      }
      if (!TYPES.has(type)) {
        problems.push(`status "${symbol}" has the unknown type ${String(e.type)}`);
        continue;
      }
      const next = typeof e.nextStatusSymbol === 'string' ? e.nextStatusSymbol : '';
      statuses[symbol] = { symbol, name: typeof e.name === 'string' ? e.name : symbol, next, type };
    }
  }
  return {
    settings: {
      statuses,
      recurrenceBelow: o.recurrenceOnNextLine === true,
      format: o.taskFormat === 'dataview' ? 'dataview' : 'emoji',
      removeScheduledDateOnRecurrence: o.removeScheduledDateOnRecurrence === true,
      setCreatedDate: o.setCreatedDate === true,
    },
    problems,
  };
}

/**
 * Re-read every task's state with the vault's statuses (the parser knows only the defaults; a vault may
 * call `[d]` done or `[~]` cancelled). Idempotent: each state is derived from the symbol as written.
 */
export function applyTaskStatuses<T extends { status: string; state: TaskState; checked: boolean }>(tasks: readonly T[], settings: TasksSettings): void {
  for (const task of tasks) {
    task.state = stateOfSymbol(task.status, settings);
    task.checked = task.state === 'done';
  }
}

/** How a task's state is said in outlines, lenses and the panel. */
export const STATE_WORDS: Readonly<Record<TaskState, string>> = { open: 'open', 'in-progress': 'in progress', done: 'done', cancelled: 'cancelled' };

/** Cancelled tasks (and a vault's non-tasks) are out of the progress count. */
export function countsForProgress(task: { state: TaskState }): boolean {
  return task.state !== 'cancelled';
}

export interface TaskCounts {
  /** Done (as of the day, when given), out of `total`. */
  done: number;
  /** Every task but the cancelled ones. */
  total: number;
  inProgress: number;
  cancelled: number;
}

export function taskCounts(tasks: readonly { state: TaskState; doneDate: string | null }[], asOf?: string): TaskCounts {
  const counted = tasks.filter(countsForProgress);
  return {
    done: counted.filter((t) => t.state === 'done' && (asOf === undefined || t.doneDate === null || t.doneDate <= asOf)).length,
    total: counted.length,
    inProgress: counted.filter((t) => t.state === 'in-progress').length,
    cancelled: tasks.length - counted.length,
  };
}

/** `3/5 micro-tasks · 1 in progress · 2 cancelled` (the last two only when there are any). */
export function formatTaskCounts(c: TaskCounts): string {
  return [`${c.done}/${c.total} micro-tasks`, c.inProgress ? `${c.inProgress} in progress` : '', c.cancelled ? `${c.cancelled} cancelled` : '']
    .filter(Boolean).join(' · ');
}

// Turns a parsed Markdown file into the model's goal and daily-log documents.
import { parseTaskFields } from '../model/task-fields.js';
import type { DailyLog, Diagnostic, Goal, GoalStatus, HabitTarget, HabitTrack, Metric, MetricAggregate, Pause, Place, Stage, TaskItem } from '../model/types.js';
import { isValidDay, type Day } from '../model/dates.js';
import { parseDoneDate, parseDueDate, parseEstimate, parseHabitText, parseValueField } from '../model/syntax.js';
import { parseMarkdown, type ParsedMarkdown } from './markdown.js';
import { FieldReader, show } from './fields.js';
import { parseTimeOfDay, weekdayIndexOf } from '../model/habit-plan.js';
import { parseRewardField } from '../model/syntax.js';
import { recordedFields } from './vault-fields.js';
import { stateOfSymbol } from '../model/task-status.js';
import { conflictMarkerLine } from './conflict-markers.js';
import { CADENCE_FORMS, parseCadence } from '../model/cadence.js';

export interface ParseResult<T> {
  /** Null when the file cannot be read as this kind of document (the diagnostics say why). */
  value: T | null;
  diagnostics: Diagnostic[];
}

const STATUSES: readonly GoalStatus[] = ['active', 'paused', 'done', 'dropped'];
const AGGREGATES: readonly MetricAggregate[] = ['sum', 'last', 'max'];

function structuralErrors(md: ParsedMarkdown, file: string): Diagnostic[] {
  const errors = [...md.errors, ...(md.frontmatter?.errors ?? [])];
  return errors.map((e) => ({ file, line: e.place.line, column: e.place.column, severity: 'error', code: 'yaml-error', message: e.message }));
}

function toTasks(md: ParsedMarkdown): { tasks: TaskItem[]; stages: Stage[]; stagesHeading: Place | null } {
  const tasks: TaskItem[] = md.tasks.map((raw) => {
    const text = md.text.slice(raw.textStart, raw.lineEnd);
    const estimate = parseEstimate(text);
    return {
      line: raw.line,
      checked: raw.checked,
      status: raw.status,
      state: stateOfSymbol(raw.status),
      checkboxOffset: raw.checkboxOffset,
      lineStart: raw.lineStart,
      lineEnd: raw.lineEnd,
      text: text.trim(),
      estimateMinutes: estimate ? estimate.minutes : null,
      estimateColumn: estimate ? md.lines.placeOf(raw.textStart + estimate.index).column : null,
      doneDate: parseDoneDate(text),
      dueDate: parseDueDate(text),
      section: 'other',
      stage: null,
      ...obsidianTasksFields(md, raw),
    };
  });
  return { tasks, ...assignSections(md, tasks) };
}

/** Where a task's ✅ and 🔁 are, for `check`; most lines have neither and skip the field scan. */
function obsidianTasksFields(md: ParsedMarkdown, raw: ParsedMarkdown['tasks'][number]): Pick<TaskItem, 'doneDateColumn' | 'recurrence'> {
  const line = md.text.slice(raw.lineStart, raw.lineEnd);
  if (!/✅|🔁|::/u.test(line)) return {};
  const fields = parseTaskFields(line);
  const column = (index: number) => md.lines.placeOf(raw.lineStart + index).column;
  const done = fields.dates.done;
  const rule = fields.recurrence;
  return {
    ...(done ? { doneDateColumn: column(done.index) } : {}),
    ...(rule ? { recurrence: { rule: rule.value, column: column(rule.value ? rule.valueIndex : rule.index) } } : {}),
  };
}

/** `## Stages` and `## Milestones` sections run to the next heading of the same or a higher level. */
function assignSections(md: ParsedMarkdown, tasks: TaskItem[]): { stages: Stage[]; stagesHeading: Place | null } {
  let section: { kind: 'stages' | 'milestones'; depth: number } | null = null;
  let stage: string | null = null;
  const stageHeadings: { depth: number; stage: Stage }[] = [];
  let stagesHeading: Place | null = null;
  for (const entry of md.outline) {
    if (entry.kind === 'heading') {
      if (section && entry.depth <= section.depth) {
        section = null;
        stage = null;
      }
      const name = entry.text.trim().toLowerCase();
      if (!section && (name === 'stages' || name === 'milestones')) {
        section = { kind: name, depth: entry.depth };
        if (name === 'stages' && !stagesHeading) stagesHeading = { line: entry.line, column: entry.column };
      } else if (section?.kind === 'stages') {
        stage = entry.text;
        stageHeadings.push({ depth: entry.depth, stage: { title: entry.text, line: entry.line } });
      }
    } else {
      const task = tasks[entry.index] as TaskItem;
      task.section = section?.kind ?? 'other';
      task.stage = section?.kind === 'stages' ? stage : null;
    }
  }
  // Stages are the shallowest headings under `## Stages`; deeper ones are notes inside a stage.
  const top = Math.min(...stageHeadings.map((s) => s.depth));
  return { stages: stageHeadings.filter((s) => s.depth === top).map((s) => s.stage), stagesHeading };
}

/** The Markdown and frontmatter of a file, or the structural errors that stop it from being read. */
export function readDocument(text: string, file: string):
  | { ok: true; md: ParsedMarkdown; data: Record<string, unknown>; places: Record<string, Place>; read: FieldReader }
  | { ok: false; diagnostics: Diagnostic[] } {
  const conflict = conflictMarkerLine(text);
  if (conflict !== null) {
    return { ok: false, diagnostics: [{ file, line: conflict, column: 1, severity: 'error', code: 'conflict-markers',
      message: 'git conflict markers (<<<<<<< ======= >>>>>>>): the file is not read until they are resolved; keep what is right and delete the marker lines' }] };
  }
  const md = parseMarkdown(text);
  const diagnostics = structuralErrors(md, file);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const places: Record<string, Place> = { ...(md.frontmatter?.places ?? {}), '': md.frontmatterPlace ?? { line: 1, column: 1 } };
  return { ok: true, md, data: md.frontmatter?.data ?? {}, places, read: new FieldReader(file, places) };
}

export function parseGoalText(text: string, id: string, file: string): ParseResult<Goal> {
  const doc = readDocument(text, file);
  if (!doc.ok) return { value: null, diagnostics: doc.diagnostics };
  const { md, data, places, read } = doc;

  const habit = read.map(data.habit, 'habit');
  const cadenceRaw = habit?.cadence;
  let cadence: Goal['cadence'] = null;
  if (cadenceRaw !== undefined && cadenceRaw !== null) {
    cadence = parseCadence(String(cadenceRaw));
    if (!cadence) read.report('habit.cadence', 'bad-cadence', `\`habit.cadence\` should be ${CADENCE_FORMS}: ${JSON.stringify(cadenceRaw)}`);
  }

  const { tasks, stages, stagesHeading } = toTasks(md);
  const goal: Goal = {
    id,
    file,
    title: read.text(data.title, 'title'),
    status: read.oneOf(data.status, 'status', STATUSES, 'active'),
    lead: read.boolean(data.lead, 'lead'),
    why: read.text(data.why, 'why'),
    start: read.day(data.start, 'start'),
    due: read.day(data.due, 'due'),
    cadence,
    cadenceGiven: cadenceRaw !== undefined && cadenceRaw !== null,
    minimum: habit ? read.text(habit.minimum, 'habit.minimum') : null,
    standard: habit ? read.text(habit.standard, 'habit.standard') : null,
    metric: readMetric(read, data.metric),
    track: habit ? readTrack(read, habit.track) : null,
    pauses: readPauses(read, data.pauses),
    tags: readTags(read, data.tags),
    aliases: readAliases(read, data.aliases ?? data.alias),
    tasks: tasks.filter((t) => t.section !== 'milestones'),
    milestones: tasks.filter((t) => t.section === 'milestones').map((t) => ({ ...t, reward: parseRewardField(t.text) })),
    days: habit ? readDays(read, habit.days, cadence) : null,
    time: habit ? readTime(read, habit.time) : null,
    target: habit ? readTarget(read, habit.target) : null,
    standardAt: habit ? readStandardAt(read, habit) : null,
    rewards: readRewards(read, data.rewards),
    stages,
    stagesHeading,
    titleLine: firstTitleLine(md),
    places,
  };
  return { value: goal, diagnostics: read.diagnostics };
}

/** `habit.days: [mon, wed, fri]` (or "mon, wed, fri"): at least N days for N/week. */
function readDays(read: FieldReader, value: unknown, cadence: Goal['cadence']): number[] | null {
  if (value === undefined || value === null) return null;
  const words = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[,\s]+/).filter(Boolean) : null;
  if (!words) {
    read.report('habit.days', 'bad-value', '`habit.days` should be a list of weekdays like [mon, wed, fri]');
    return null;
  }
  const days: number[] = [];
  for (const word of words) {
    const i = weekdayIndexOf(word);
    if (i === null) {
      read.report('habit.days', 'bad-value', `\`habit.days\`: "${word}" is not a weekday (mon, tue, wed, thu, fri, sat, sun)`);
      return null;
    }
    if (!days.includes(i)) days.push(i);
  }
  days.sort((a, b) => a - b);
  if (cadence && !cadence.span && days.length < cadence.perWeek) {
    read.report('habit.days', 'bad-value', `\`habit.days\` plans ${days.length} day${days.length === 1 ? '' : 's'} for ${cadence.perWeek}/week: list at least ${cadence.perWeek}`);
  }
  return days;
}

function readTime(read: FieldReader, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  // YAML 1.1 readers turn 07:30 into a number of minutes; ours keeps it text, but a number is read back too.
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1440 ? `${Math.floor(value / 60)}:${String(value % 60).padStart(2, '0')}` : String(value);
  const time = parseTimeOfDay(text);
  if (time === null) read.report('habit.time', 'bad-value', `\`habit.time\` should be a local time like 07:30, not ${JSON.stringify(value)}`);
  return time;
}

const MARKS = new Set([25, 50, 75, 100]);

/** `rewards: { 25: new socks, 50: a massage, 100: a weekend away }`. */
function readRewards(read: FieldReader, value: unknown): Record<number, string> {
  const map = read.map(value, 'rewards');
  const out: Record<number, string> = {};
  if (!map) return out;
  for (const [key, reward] of Object.entries(map)) {
    const mark = Number(String(key).replace(/\s*%$/, ''));
    if (!MARKS.has(mark)) {
      read.report('rewards', 'bad-value', `\`rewards\` are keyed by a progress mark, 25, 50, 75 or 100, not "${key}"`, 'warning');
      continue;
    }
    const text = read.text(reward, `rewards.${key}`);
    if (text) out[mark] = text;
  }
  return out;
}

/** `habit.standardAt`: the value from which an at-least day is standard; it means nothing to an at-most habit. */
function readStandardAt(read: FieldReader, habit: Record<string, unknown>): number | null {
  const at = read.number(habit.standardAt, 'habit.standardAt');
  const target = habit.target as Record<string, unknown> | null | undefined;
  if (at !== null && target && typeof target === 'object' && String(target.kind ?? '').trim().toLowerCase() === 'at-most') {
    read.report('habit.standardAt', 'bad-value', '`habit.standardAt` sets when an at-least day is standard; an at-most habit has no such step (remove it, or make the target at-least)', 'warning');
  }
  return at;
}

const TARGET_PER = ['day', 'week', 'month'] as const;
const TARGET_KIND = ['at-least', 'at-most'] as const;

/** `habit.target: { value: 30, unit: min, per: day, kind: at-least }` (FORMAT §11). */
function readTarget(read: FieldReader, value: unknown): HabitTarget | null {
  const target = read.map(value, 'habit.target');
  if (!target) return null;
  const amount = read.number(target.value, 'habit.target.value');
  if (amount === null || amount < 0) {
    if (amount !== null || target.value === undefined) read.report('habit.target', 'bad-value', '`habit.target` needs a `value:` of 0 or more (the number a day, week or month should reach)');
    return null;
  }
  return {
    value: amount,
    unit: read.text(target.unit, 'habit.target.unit'),
    per: read.oneOf(target.per, 'habit.target.per', TARGET_PER, 'day'),
    kind: read.oneOf(target.kind, 'habit.target.kind', TARGET_KIND, 'at-least'),
  };
}

function readMetric(read: FieldReader, value: unknown): Metric | null {
  const metric = read.map(value, 'metric');
  if (!metric) return null;
  const target = read.number(metric.target, 'metric.target');
  if (target === null) {
    if (metric.target === undefined) read.report('metric', 'bad-value', '`metric` needs a `target:` number to measure progress against');
    return null;
  }
  return {
    name: read.text(metric.name, 'metric.name'),
    unit: read.text(metric.unit, 'metric.unit'),
    baseline: read.number(metric.baseline, 'metric.baseline') ?? 0,
    target,
    aggregate: read.oneOf(metric.aggregate, 'metric.aggregate', AGGREGATES, 'sum'),
  };
}

function readPauses(read: FieldReader, value: unknown): Pause[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    read.report('pauses', 'bad-value', '`pauses` should be a list of `- from: YYYY-MM-DD` / `to: YYYY-MM-DD` entries');
    return [];
  }
  const pauses: Pause[] = [];
  value.forEach((entry, i) => {
    const key = `pauses.${i}`;
    const map = read.map(entry, key);
    if (!map) return;
    const from = read.day(map.from, `${key}.from`);
    const to = read.day(map.to ?? map.from, map.to === undefined ? `${key}.from` : `${key}.to`);
    if (!from || !to) {
      if (map.from === undefined) read.report(key, 'bad-date', 'a pause needs a `from:` date');
      return;
    }
    if (to < from) {
      read.report(`${key}.to`, 'bad-date', `a pause ends (${to}) before it starts (${from})`);
      return;
    }
    pauses.push({ from, to, reason: read.text(map.reason, `${key}.reason`) });
  });
  return pauses;
}

/**
 * `habit.track`: `{ field: exercise, standardAt: 20 }`, `{ field: { name: workout, equals: [gym, run] } }`,
 * `{ task: Meditate }` (or a list of texts; `prefix: true` for any text after it) or `{ tag: "#exercise" }`.
 */
function readTrack(read: FieldReader, value: unknown): HabitTrack | null {
  if (value === undefined || value === null) return null;
  const map = read.map(value, 'habit.track');
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
  const texts = (v: unknown) => (Array.isArray(v) ? v.map(text).filter((t): t is string => t !== null) : text(v) ? [text(v) as string] : []);
  if (map) {
    const fieldMap = map.field !== null && typeof map.field === 'object' && !Array.isArray(map.field) ? map.field as Record<string, unknown> : null;
    const field = fieldMap ? text(fieldMap.name) : text(map.field);
    if (field) {
      const at = map.standardAt ?? map.standard_at ?? fieldMap?.standardAt;
      if (at !== undefined && (typeof at !== 'number' || !(at > 0))) read.report('habit.track', 'bad-value', '`standardAt` should be a number above 0', 'warning');
      const equals = texts(fieldMap?.equals ?? map.equals);
      return { kind: 'field', name: field, standardAt: typeof at === 'number' && at > 0 ? at : null, equals: equals.length ? equals : null };
    }
    const tasks = texts(map.task);
    if (tasks.length > 0) return { kind: 'task', text: tasks[0] as string, texts: tasks, prefix: map.prefix === true };
    const tag = text(map.tag);
    if (tag) return { kind: 'tag', tag: tag.replace(/^#/, '') };
  }
  read.report('habit.track', 'bad-value', '`habit.track` should be `{ field: name }`, `{ field: { name, equals: [values] } }`, '
    + '`{ task: text }` (or a list of texts) or `{ tag: "#name" }`');
  return null;
}

/** Obsidian's `aliases:` (a list, or one text): other names a `[[link]]` may use for the goal. */
function readAliases(read: FieldReader, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  read.report('aliases', 'bad-value', '`aliases` should be a list of names like [walking, morning walk]', 'warning');
  return [];
}

function readTags(read: FieldReader, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  read.report('tags', 'bad-value', '`tags` should be a list like [health, mind]');
  return [];
}

const DATE_WITH_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_LINK = /^\[\[(?:[^\]|#]*\/)?(\d{4}-\d{2}-\d{2})(?:\.md)?(?:[#|][^\]]*)?\]\]$/;

/** The day of a daily note's `date:` (FORMAT §9): a day, a day with a time, or a link to a day's note. */
export function datePartOf(value: unknown): Day | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const day = DATE_WITH_TIME.exec(text)?.[1] ?? DATE_LINK.exec(text)?.[1] ?? null;
  return day !== null && isValidDay(day) ? day : null;
}

export function parseLogText(text: string, date: Day, file: string): ParseResult<DailyLog> {
  const doc = readDocument(text, file);
  if (!doc.ok) return { value: null, diagnostics: doc.diagnostics };
  const { md, data, places, read } = doc;
  const rawDate = data.date;
  let frontmatterDate: Day | null = null;
  if (rawDate !== undefined && rawDate !== null) {
    frontmatterDate = datePartOf(rawDate);
    // A note's own `date:` is the vault's business (Templater times, links): only its day is compared.
    if (frontmatterDate === null) read.report('date', 'bad-date', `\`date\` is not a day (${show(rawDate)}); the file name's date is used`, 'info');
  }
  let energy = read.number(data.energy, 'energy');
  if (energy !== null && !(Number.isInteger(energy) && energy >= 1 && energy <= 5)) {
    read.report('energy', 'bad-value', `\`energy\` should be a whole number from 1 to 5: ${energy}`, 'warning');
    energy = null;
  }
  const { tasks } = toTasks(md);
  const habits: DailyLog['habits'] = [];
  tasks.forEach((task, taskIndex) => {
    const habit = parseHabitText(task.text);
    if (!habit) return;
    // The link's first `[` (of `[[…]]` or `[…](…)`), after the checkbox's `]`.
    const column = md.lines.placeOf(md.text.indexOf('[', task.checkboxOffset + 2)).column;
    habits.push({
      goalId: habit.goalId,
      level: habit.level,
      checked: task.checked,
      value: task.checked ? parseValueField(task.text) : null,
      line: task.line,
      column,
      taskIndex,
    });
  });
  let habitsHeadingLine: number | null = null;
  for (const entry of md.outline) {
    if (entry.kind === 'heading' && entry.text.trim().toLowerCase() === 'habits') {
      habitsHeadingLine = entry.line;
      break;
    }
  }
  const titleLine = firstTitleLine(md);
  const { fields, tags, markerTasks } = recordedFields(data, md.text.slice(md.lines.lineStart(md.bodyLine)), md.bodyLine);
  return {
    value: { date, file, frontmatterDate, energy, tasks, habits, fields, tags, markerTasks, places, habitsHeadingLine, titleLine, bodyLine: md.bodyLine },
    diagnostics: read.diagnostics,
  };
}

function firstTitleLine(md: ParsedMarkdown): number | null {
  for (const entry of md.outline) if (entry.kind === 'heading' && entry.depth === 1) return entry.line;
  return null;
}

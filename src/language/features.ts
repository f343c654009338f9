// Completion, hover and go-to-goal over a document's text (FORMAT §3, §9), editor-neutral: offsets in
// UTF-16 code units, Markdown for hovers. VS Code and the language server adapt these.
import { periodCount } from '../model/cadence.js';
import { periodWords, type GoalStats } from '../model/goal-stats.js';
import type { Day } from '../model/dates.js';
import type { HabitDays } from '../model/habit-days.js';
import type { GoalLinkResolver } from '../model/goal-links.js';
import { planWords } from '../model/habit-plan.js';
import { milestoneTitle } from '../model/syntax.js';
import type { Goal } from '../model/types.js';
import { lineBefore, linkAt } from '../model/wiki-links.js';
import type { JournalPath } from '../journal/layout.js';
import { LineIndex } from '../parser/text.js';

export interface LanguageJournal {
  goals: readonly Goal[];
  stats: ReadonlyMap<string, GoalStats>;
  resolve: GoalLinkResolver;
  /** What each goal's log says for today (absent: nothing checked yet), for "what checking in today adds". */
  loggedToday?: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'>;
}

/** The day's checked level of each goal: standard over minimum over skip. */
export function loggedOn(days: HabitDays, day: Day): Map<string, 'standard' | 'minimum' | 'skip'> {
  const out = new Map<string, 'standard' | 'minimum' | 'skip'>();
  for (const [id, byDay] of days) {
    const d = byDay.get(day);
    if (d?.standard) out.set(id, 'standard');
    else if (d?.minimum) out.set(id, 'minimum');
    else if (d?.skip) out.set(id, 'skip');
  }
  return out;
}

/** "Checking in today makes it 3/4 this week", or what today already says. */
function todayWords(goal: Goal, stats: GoalStats | undefined, logged: 'standard' | 'minimum' | 'skip' | undefined): string | null {
  if (goal.status !== 'active' || !stats?.week) return null;
  const period = stats.periodName ?? 'week';
  if (logged === 'skip') return `Today: a planned rest (skip), which does not count against the ${period}`;
  if (logged) return `Today: done (${logged})`;
  const { done, target } = stats.week;
  if (done >= target) return `The ${period} is met (${done}/${target}); checking in today still adds to the habit's strength`;
  return `Checking in today (even the minimum) makes it ${done + 1}/${target} this ${period}${done + 1 === target ? `: the ${period} is met` : ''}`;
}

export interface CompletionEntry {
  label: string;
  /** Text replacing [replaceStart, replaceEnd). */
  insertText: string;
  replaceStart: number;
  replaceEnd: number;
  detail: string;
  documentation: string | null;
  kind: 'goal' | 'level' | 'unit' | 'key' | 'value';
  /** Sorts before the rest (the lead goal). */
  preselect: boolean;
}


/** What to offer at `offset`: goal ids after `[[`, level words after a habit link, the unit after `[value:: `. */
export function completionsAt(j: LanguageJournal, text: string, offset: number, kind: JournalPath | null = null): CompletionEntry[] {
  const { before } = lineBefore(text, offset);
  if (kind?.kind === 'goal') {
    const front = frontmatterCompletions(text, offset, before);
    if (front) return front;
  }
  const link = /\[\[([^\]|\n]*)$/.exec(before);
  if (link) {
    const typedStart = offset - (link[1] as string).length;
    // Whatever of the id follows the cursor is replaced too. A `]]` already there (an editor closes brackets as
    // they are typed) is replaced with the id's own, so the cursor ends after it and typing goes on outside the
    // link; before a `#heading` or `|label` the id alone goes in.
    const rest = /^[^\]\n|#]*(\]\]|[|#])?/.exec(text.slice(offset)) as RegExpExecArray;
    const inner = rest[1] === '|' || rest[1] === '#';
    const replaceEnd = offset + (rest[0] as string).length - (inner ? 1 : 0);
    return j.goals.filter((g) => g.status !== 'dropped').map((g) => {
      const stats = j.stats.get(g.id);
      const detail = [g.title ?? g.id, stats ? periodWords(g, stats) : null].filter(Boolean).join(' · ');
      return { label: g.id, insertText: inner ? g.id : `${g.id}]]`, replaceStart: typedStart, replaceEnd, detail,
        documentation: g.why ? `Why: ${g.why}` : null, kind: 'goal' as const, preselect: g.lead && g.status === 'active' };
    });
  }
  const habit = /^\s*[-*+]\s+\[[ xX]\]\s+\[\[([^\]|#\n]+)[^\]\n]*\]\]\s+(\w*)$/.exec(before);
  if (habit) {
    const id = j.resolve((habit[1] as string).split('/').at(-1)?.replace(/\.md$/i, '') ?? '');
    const goal = id ? j.goals.find((g) => g.id === id) : undefined;
    const typed = habit[2] as string;
    const levels: Array<[string, string | null]> = [['minimum', goal?.minimum ?? null], ['standard', goal?.standard ?? null], ['skip', 'a planned rest: does not count against you']];
    return levels.map(([word, step]) => ({
      label: word, insertText: word === 'skip' ? 'skip: ' : step ? `${word}: ${step}` : word, replaceStart: offset - typed.length, replaceEnd: offset,
      detail: step ?? word, documentation: null, kind: 'level' as const, preselect: word === 'minimum',
    }));
  }
  const value = /\[value::\s*$/.exec(before);
  if (value) {
    const goalLink = /\[\[([^\]|#\n]+)/.exec(before);
    const id = goalLink ? j.resolve(goalLink[1] as string) : null;
    const metric = id ? j.goals.find((g) => g.id === id)?.metric : null;
    if (!metric) return [];
    return [{ label: metric.unit ?? metric.name ?? 'value', insertText: '', replaceStart: offset, replaceEnd: offset,
      detail: `a number: ${metric.name ?? 'the metric'}${metric.unit ? ` in ${metric.unit}` : ''} (target ${metric.target})`, documentation: null, kind: 'unit' as const, preselect: true }];
  }
  return [];
}

// FORMAT.md §2: a goal's frontmatter keys by where they nest, with what each holds, and the values with a fixed set.
const GOAL_KEYS: Record<string, Array<[key: string, detail: string, block: boolean]>> = {
  '': [
    ['title', 'the goal in a few words (required)', false], ['status', 'active | paused | done | dropped (default active)', false],
    ['lead', 'true: the one lead goal for these 30–90 days', false], ['why', 'the purpose anchor: why it matters (Ikigai)', false],
    ['start', 'YYYY-MM-DD', false], ['due', 'YYYY-MM-DD, 30–90 days after start', false],
    ['habit', 'cadence, minimum, standard, days, time', true], ['metric', 'name, unit, baseline, target, aggregate', true],
    ['pauses', 'from/to/reason: frozen, not failed', true], ['rewards', 'a reward per milestone mark (25, 50, 75, 100)', true],
    ['aliases', 'other names [[links]] may use', false], ['tags', '[health, work]', false],
  ],
  habit: [
    ['cadence', 'N/week (1–7), daily, N/2weeks, N/month, every K days, N in K days', false], ['minimum', 'the 2–5 minute version for a bad day', false], ['standard', 'the normal-day version', false],
    ['days', 'planned days: [mon, wed, fri]', false], ['time', 'planned time: 07:00', false], ['track', 'read the days from the vault (FORMAT §9)', true],
    ['target', 'a numeric habit: value, unit, per (day|week|month), kind (at-least|at-most)', true],
  ],
  metric: [
    ['name', 'what is counted', false], ['unit', 'min, km, pages …', false], ['baseline', 'the number at the start', false],
    ['target', 'the number at the end', false], ['aggregate', 'sum | last | max (default sum)', false],
  ],
  rewards: [['25', 'the reward at 25 %', false], ['50', 'the reward at 50 %', false], ['75', 'the reward at 75 %', false], ['100', 'the reward at 100 %', false]],
};

const GOAL_VALUES: Record<string, Array<[value: string, detail: string]>> = {
  status: [['active', 'being worked on'], ['paused', 'on hold: weeks do not count'], ['done', 'reached'], ['dropped', 'let go, on purpose']],
  lead: [['true', 'the one lead goal'], ['false', 'not the lead']],
  'habit.cadence': [['3/week', 'three days a week'], ['4/week', 'four days a week'], ['5/week', 'five days a week'], ['daily', 'every day (= 7/week)'],
    ['1/week', 'once a week'], ['2/week', 'twice a week'], ['6/week', 'six days a week'], ['7/week', 'every day'],
    ['2/2weeks', 'twice a fortnight (pairs of ISO weeks from the start week)'], ['3/month', 'three times a calendar month'],
    ['every 3 days', 'once in each block of 3 days from the start'], ['2 in 3 days', 'twice in each block of 3 days from the start']],
  'metric.aggregate': [['sum', 'add up the logged values'], ['last', 'the latest value'], ['max', 'the highest value']],
};

/** Keys and fixed values inside a goal's frontmatter, where the line says which is wanted. */
function frontmatterCompletions(text: string, offset: number, before: string): CompletionEntry[] | null {
  const head = text.startsWith('\uFEFF') ? 1 : 0;
  if (!/^---\r?\n/.test(text.slice(head))) return null;
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(head + 3));
  const end = close ? head + 3 + close.index : text.length;
  if (offset < head + 4 || offset > end) return null;
  const lines = text.slice(head, offset).split(/\r?\n/).slice(1, -1);
  const indent = /^\s*/.exec(before)![0].length;
  const parentOf = () => {
    for (let i = lines.length - 1; i >= 0; i--) {
      const m = /^(\s*)([A-Za-z0-9_]+):\s*(#.*)?$/.exec(lines[i] as string);
      if (m && (m[1] as string).length < indent) return m[2] as string;
      if (/^\S/.test(lines[i] as string)) return null;
    }
    return null;
  };
  const value = /^(\s*)([A-Za-z0-9_]+):[ \t]*([^\s#]*)$/.exec(before);
  if (value) {
    const parent = (value[1] as string).length > 0 ? parentOf() : null;
    const key = parent ? `${parent}.${value[2]}` : (value[2] as string);
    const options = GOAL_VALUES[key];
    if (!options) return [];
    const typed = value[3] as string;
    const entries = options.map(([v, detail]) => ({ label: v, insertText: v, replaceStart: offset - typed.length, replaceEnd: offset, detail, documentation: null, kind: 'value' as const, preselect: false }));
    // A space after the colon is the value's start: offered only once one was typed (or the key is complete).
    return before.endsWith(':') ? entries.map((e) => ({ ...e, insertText: ` ${e.insertText}` })) : entries;
  }
  const key = /^(\s*)([A-Za-z0-9_]*)$/.exec(before);
  if (!key) return null;
  const parent = indent > 0 ? parentOf() : '';
  const options = parent === null ? undefined : GOAL_KEYS[parent];
  if (!options) return [];
  // Keys already written in this block (back to the parent line) are not offered again.
  const present = new Set<string>();
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\s*)([A-Za-z0-9_]+):/.exec(lines[i] as string);
    if (m && (m[1] as string).length < indent) break;
    if (m && (m[1] as string).length === indent) present.add(m[2] as string);
  }
  const after = text.slice(offset, end).split(/\r?\n/).slice(1);
  for (const line of after) {
    const m = /^(\s*)([A-Za-z0-9_]+):/.exec(line);
    if (m && (m[1] as string).length < indent) break;
    if (m && (m[1] as string).length === indent) present.add(m[2] as string);
  }
  const typed = key[2] as string;
  return options.filter(([k]) => !present.has(k)).map(([k, detail, block]) => ({
    label: k, insertText: block ? `${k}:` : `${k}: `, replaceStart: offset - typed.length, replaceEnd: offset, detail, documentation: null, kind: 'key' as const, preselect: false,
  }));
}

/** Markdown about the goal a `[[link]]` at `offset` names: purpose, this week, strength, progress, the next milestone. */
export function hoverAt(j: LanguageJournal, text: string, offset: number, kind: JournalPath | null = null): { markdown: string; start: number; end: number } | null {
  const link = linkAt(text, offset);
  if (!link) return kind?.kind === 'goal' ? titleHover(j, text, offset, kind.id) : null;
  const id = j.resolve(link.name);
  const goal = id ? j.goals.find((g) => g.id === id) : undefined;
  if (!goal) return { markdown: `**[[${link.name}]]** is not a goal: create \`goals/${link.name}.md\` or fix the link`, start: link.start, end: link.end };
  return { markdown: goalSummary(goal, j.stats.get(goal.id), j.loggedToday), start: link.start, end: link.end };
}

/** On a goal file's `# title` line: the same summary as on a link to it. */
function titleHover(j: LanguageJournal, text: string, offset: number, id: string): { markdown: string; start: number; end: number } | null {
  const goal = j.goals.find((g) => g.id === id);
  if (!goal) return null;
  const lines = new LineIndex(text);
  const line = lines.placeOf(offset).line;
  if (line !== (goal.titleLine ?? -1)) return null;
  return { markdown: goalSummary(goal, j.stats.get(goal.id), j.loggedToday), start: lines.lineStart(line), end: lines.lineEnd(line) };
}

export function goalSummary(goal: Goal, stats: GoalStats | undefined, loggedToday?: ReadonlyMap<string, 'standard' | 'minimum' | 'skip'>): string {
  const lines = [`**${goal.title ?? goal.id}**${goal.lead ? ' ★ lead goal' : ''} · ${goal.status}`];
  if (goal.why) lines.push(`_${goal.why}_`);
  const numbers: string[] = [];
  const period = stats ? periodWords(goal, stats) : null;
  if (period) numbers.push(period);
  if (stats?.streakWeeks !== null && stats?.streakWeeks !== undefined) {
    numbers.push(`streak ${stats.periodName && stats.periodName !== 'week' ? periodCount(stats.streakWeeks, stats.periodName) : `${stats.streakWeeks} wk`}`);
  }
  if (stats?.strength !== null && stats?.strength !== undefined) numbers.push(`strength ${Math.round(stats.strength * 100)} %`);
  if (stats) numbers.push(`progress ${Math.round(stats.progress)} %`);
  if (numbers.length) lines.push(numbers.join(' · '));
  const steps = [goal.minimum ? `minimum: ${goal.minimum}` : null, goal.standard ? `standard: ${goal.standard}` : null].filter(Boolean).join(' · ');
  if (steps) lines.push(steps);
  const plan = planWords(goal.days, goal.time);
  if (plan) lines.push(`planned ${plan}`);
  const today = loggedToday ? todayWords(goal, stats, loggedToday.get(goal.id)) : null;
  if (today) lines.push(today);
  const next = goal.milestones.find((m) => !m.checked && m.state !== 'cancelled');
  if (next) lines.push(`Next milestone: ${milestoneTitle(next.text)}${next.dueDate ? ` (📅 ${next.dueDate})` : ''}${next.reward ? ` — reward: ${next.reward}` : ''}`);
  return lines.join('\n\n');
}

/** The goal file (and its title line) a `[[link]]` at `offset` names. */
export function definitionAt(j: LanguageJournal, text: string, offset: number): { file: string; line: number } | null {
  const link = linkAt(text, offset);
  if (!link) return null;
  const id = j.resolve(link.name);
  const goal = id ? j.goals.find((g) => g.id === id) : undefined;
  return goal ? { file: goal.file, line: goal.titleLine ?? 1 } : null;
}

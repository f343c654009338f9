// Completion, hover and go-to-goal over a document's text (FORMAT §3, §9), editor-neutral: offsets in
// UTF-16 code units, Markdown for hovers. VS Code and the language server adapt these.
import type { GoalStats } from '../model/goal-stats.js';
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
}

export interface CompletionEntry {
  label: string;
  /** Text replacing [replaceStart, replaceEnd). */
  insertText: string;
  replaceStart: number;
  replaceEnd: number;
  detail: string;
  documentation: string | null;
  kind: 'goal' | 'level' | 'unit';
  /** Sorts before the rest (the lead goal). */
  preselect: boolean;
}

function weekWords(stats: GoalStats | undefined): string | null {
  if (!stats?.week) return null;
  return `${stats.week.done}/${stats.week.target} this week`;
}

/** What to offer at `offset`: goal ids after `[[`, level words after a habit link, the unit after `[value:: `. */
export function completionsAt(j: LanguageJournal, text: string, offset: number): CompletionEntry[] {
  const { before } = lineBefore(text, offset);
  const link = /\[\[([^\]|\n]*)$/.exec(before);
  if (link) {
    const typedStart = offset - (link[1] as string).length;
    // Whatever of the id follows the cursor up to `]]` is replaced too, and `]]` is added only when missing.
    const rest = /^[^\]\n|#]*(\]\])?/.exec(text.slice(offset)) as RegExpExecArray;
    const closes = rest[1] !== undefined;
    const replaceEnd = offset + (rest[0] as string).length - (closes ? 2 : 0);
    return j.goals.filter((g) => g.status !== 'dropped').map((g) => {
      const stats = j.stats.get(g.id);
      const detail = [g.title ?? g.id, weekWords(stats)].filter(Boolean).join(' · ');
      return { label: g.id, insertText: closes ? g.id : `${g.id}]]`, replaceStart: typedStart, replaceEnd, detail,
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

/** Markdown about the goal a `[[link]]` at `offset` names: purpose, this week, strength, progress, the next milestone. */
export function hoverAt(j: LanguageJournal, text: string, offset: number, kind: JournalPath | null = null): { markdown: string; start: number; end: number } | null {
  const link = linkAt(text, offset);
  if (!link) return kind?.kind === 'goal' ? titleHover(j, text, offset, kind.id) : null;
  const id = j.resolve(link.name);
  const goal = id ? j.goals.find((g) => g.id === id) : undefined;
  if (!goal) return { markdown: `**[[${link.name}]]** is not a goal: create \`goals/${link.name}.md\` or fix the link`, start: link.start, end: link.end };
  return { markdown: goalSummary(goal, j.stats.get(goal.id)), start: link.start, end: link.end };
}

/** On a goal file's `# title` line: the same summary as on a link to it. */
function titleHover(j: LanguageJournal, text: string, offset: number, id: string): { markdown: string; start: number; end: number } | null {
  const goal = j.goals.find((g) => g.id === id);
  if (!goal) return null;
  const lines = new LineIndex(text);
  const line = lines.placeOf(offset).line;
  if (line !== (goal.titleLine ?? -1)) return null;
  return { markdown: goalSummary(goal, j.stats.get(goal.id)), start: lines.lineStart(line), end: lines.lineEnd(line) };
}

export function goalSummary(goal: Goal, stats: GoalStats | undefined): string {
  const lines = [`**${goal.title ?? goal.id}**${goal.lead ? ' ★ lead goal' : ''} · ${goal.status}`];
  if (goal.why) lines.push(`_${goal.why}_`);
  const numbers: string[] = [];
  if (stats?.week) numbers.push(`${stats.week.done}/${stats.week.target} this week`);
  if (stats?.streakWeeks !== null && stats?.streakWeeks !== undefined) numbers.push(`streak ${stats.streakWeeks} wk`);
  if (stats?.strength !== null && stats?.strength !== undefined) numbers.push(`strength ${Math.round(stats.strength * 100)} %`);
  if (stats) numbers.push(`progress ${Math.round(stats.progress)} %`);
  if (numbers.length) lines.push(numbers.join(' · '));
  const steps = [goal.minimum ? `minimum: ${goal.minimum}` : null, goal.standard ? `standard: ${goal.standard}` : null].filter(Boolean).join(' · ');
  if (steps) lines.push(steps);
  const plan = planWords(goal.days, goal.time);
  if (plan) lines.push(`planned ${plan}`);
  const next = goal.milestones.find((m) => !m.checked);
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

// Finding one's way through linked notes (FORMAT §3, §9), editor-neutral: which goal a cursor names,
// every line linking a goal, the links of a document, its outline, and the goals by name. Positions are
// 0-based lines and UTF-16 characters, as editors and the LSP count them.
import { STATE_WORDS, taskCounts } from '../model/task-status.js';
import type { JournalPath } from '../journal/layout.js';
import { joinPath } from '../journal/file-system.js';
import type { Journal } from '../journal/journal.js';
import { listJournalMarkdown } from '../journal/markdown-files.js';
import type { GoalLinkResolver } from '../model/goal-links.js';
import { milestoneTitle } from '../model/syntax.js';
import type { Goal } from '../model/types.js';
import { linkAt, linksIn } from '../model/wiki-links.js';
import { parseGoalText, parseLogText } from '../parser/index.js';
import { parseSprintText } from '../parser/sprint.js';
import { decodeUtf8, LineIndex } from '../parser/text.js';

export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export function spanOf(lines: LineIndex, start: number, end: number): Span {
  const a = lines.placeOf(start);
  const b = lines.placeOf(end);
  return { start: { line: a.line - 1, character: a.column - 1 }, end: { line: b.line - 1, character: b.column - 1 } };
}

/** The offset of a 0-based position (past the line's end: its end). */
export function offsetOf(lines: LineIndex, position: Position): number {
  const line = Math.min(Math.max(0, position.line) + 1, lines.lineCount);
  return Math.min(lines.lineStart(line) + Math.max(0, position.character), lines.lineEnd(line));
}

/**
 * The goal at the cursor: a `[[link]]` that resolves to one, else — in a goal file — the goal itself
 * (its title or anywhere outside a link), so references and rename work from either place.
 */
export function goalAtCursor(goals: readonly Goal[], resolve: GoalLinkResolver, kind: JournalPath | null, text: string, offset: number):
  { goal: Goal; start: number; end: number } | null {
  const link = linkAt(text, offset);
  if (link) {
    const id = resolve(link.name);
    const goal = id ? goals.find((g) => g.id === id) : undefined;
    if (!goal) return null;
    const at = link.targetStart + link.target.lastIndexOf(link.name);
    return { goal, start: at, end: at + link.name.length };
  }
  if (kind?.kind !== 'goal') return null;
  const goal = goals.find((g) => g.id === kind.id);
  return goal ? { goal, start: offset, end: offset } : null;
}

export interface Reference {
  file: string;
  span: Span;
  /** The line's text, for a dry run or a peek list. */
  lineText: string;
}

/**
 * Every `[[link]]` to the goal in the journal's notes (logs, goals, sprints, reviews), read through the
 * journal's file system: an editor's open buffers first. The goal's title line leads when asked for.
 */
export async function referencesTo(journal: Journal, goal: Goal, includeDeclaration: boolean): Promise<Reference[]> {
  const resolve = journal.linkResolver();
  const out: Reference[] = [];
  const names = [goal.id, ...goal.aliases].map((n) => n.toLowerCase());
  const files = await listJournalMarkdown(journal.fs, journal.root, journal.layout.reports);
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64);
    const texts = await Promise.all(batch.map((rel) => journal.fs.readFile(joinPath(journal.root, rel)).then(decodeUtf8, () => null)));
    batch.forEach((rel, k) => {
      const decoded = texts[k];
      if (!decoded?.ok) return;
      const lower = decoded.text.toLowerCase();
      if (!names.some((n) => lower.includes(n))) return;
      let lines: LineIndex | null = null;
      for (const link of linksIn(decoded.text)) {
        if (resolve(link.name) !== goal.id) continue;
        lines ??= new LineIndex(decoded.text);
        const span = spanOf(lines, link.start, link.end);
        out.push({ file: rel, span, lineText: lines.lineText(span.start.line + 1) });
      }
    });
  }
  if (includeDeclaration) {
    const line = Math.max(0, (goal.titleLine ?? 1) - 1);
    out.unshift({ file: goal.file, span: { start: { line, character: 0 }, end: { line, character: 0 } }, lineText: goal.title ?? goal.id });
  }
  return out;
}

export interface DocumentLink {
  span: Span;
  /** The goal file the link opens, relative to the root. */
  file: string;
  tooltip: string;
}

/** The links of a note that open a goal file (links to other notes are the editor's business). */
export function documentLinks(goals: readonly Goal[], resolve: GoalLinkResolver, text: string): DocumentLink[] {
  const lines = new LineIndex(text);
  const out: DocumentLink[] = [];
  for (const link of linksIn(text)) {
    const id = resolve(link.name);
    const goal = id ? goals.find((g) => g.id === id) : undefined;
    if (goal) out.push({ span: spanOf(lines, link.start, link.end), file: goal.file, tooltip: `Open the goal: ${goal.title ?? goal.id}` });
  }
  return out;
}

export type SymbolKind = 'goal' | 'stage' | 'task' | 'milestone' | 'habit' | 'sprint-item';

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole line (a stage: through its last task). */
  span: Span;
  children: DocumentSymbol[];
}

/** A note's outline: a goal's stages with their micro-tasks and its milestones; a log's habit lines and tasks; a sprint's items. */
export function documentSymbols(kind: JournalPath | null, text: string, file: string): DocumentSymbol[] {
  const lines = new LineIndex(text);
  const lineSpan = (line: number): Span => spanOf(lines, lines.lineStart(line), lines.lineEnd(line));
  const symbol = (name: string, detail: string, k: SymbolKind, line: number): DocumentSymbol => ({ name, detail, kind: k, span: lineSpan(line), children: [] });
  if (kind?.kind === 'goal') {
    const goal = parseGoalText(text, kind.id, file).value;
    if (!goal) return [];
    const root = symbol(goal.title ?? goal.id, goal.status, 'goal', goal.titleLine ?? 1);
    for (const [i, stage] of goal.stages.entries()) {
      const tasks = goal.tasks.filter((t) => t.stage === stage.title);
      const counts = taskCounts(tasks);
      const node = symbol(stage.title, `${counts.done}/${counts.total} done${counts.inProgress ? ` · ${counts.inProgress} in progress` : ''}`, 'stage', stage.line);
      node.children = tasks.map((t) => symbol(t.text, STATE_WORDS[t.state], 'task', t.line));
      const last = Math.max(stage.line, ...tasks.map((t) => t.line), (goal.stages[i + 1]?.line ?? stage.line + 1) - 1);
      node.span = { start: node.span.start, end: lineSpan(Math.min(last, lines.lineCount)).end };
      root.children.push(node);
    }
    for (const m of goal.milestones) root.children.push(symbol(milestoneTitle(m.text), m.checked ? 'reached' : m.state === 'cancelled' ? 'cancelled' : m.dueDate ? `📅 ${m.dueDate}` : 'open', 'milestone', m.line));
    root.span = { start: { line: 0, character: 0 }, end: lineSpan(lines.lineCount).end };
    return [root];
  }
  if (kind?.kind === 'log') {
    const log = parseLogText(text, kind.date, file).value;
    if (!log) return [];
    const habitTasks = new Set(log.habits.map((h) => h.taskIndex));
    return [
      ...log.habits.map((h) => symbol(`${h.goalId} · ${h.level}`, h.checked ? `done${h.value !== null ? ` (${h.value})` : ''}` : 'open', 'habit', h.line)),
      ...log.tasks.filter((_, i) => !habitTasks.has(i)).map((t) => symbol(t.text, STATE_WORDS[t.state], 'task', t.line)),
    ];
  }
  if (kind?.kind === 'sprint') {
    const sprint = parseSprintText(text, kind.id, file).value;
    if (!sprint) return [];
    return sprint.items.map((item) => symbol(item.goalName ? `[[${item.goalName}]] ${item.key}` : item.key, item.task ? (item.task.checked ? 'done' : 'open') : 'a goal\'s micro-task', 'sprint-item', item.line));
  }
  return [];
}

export interface WorkspaceSymbol {
  name: string;
  detail: string;
  file: string;
  line: number;
}

/** Goals whose id, title or an alias contains the query's letters in order (as editors' symbol pickers filter). */
export function workspaceSymbols(goals: readonly Goal[], query: string): WorkspaceSymbol[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const fuzzy = (name: string) => {
    let at = 0;
    for (const c of name.toLowerCase()) if (c === wanted[at]) at++;
    return at === wanted.length;
  };
  return goals.filter((g) => [g.id, g.title ?? '', ...g.aliases].some(fuzzy))
    .map((g) => ({ name: g.title ?? g.id, detail: `${g.id} · ${g.status}${g.lead ? ' · lead' : ''}`, file: g.file, line: Math.max(0, (g.titleLine ?? 1) - 1) }));
}

// A sprint file (FORMAT §6) -> the model: frontmatter, the `## Committed` list and the retrospective.
import { stateOfSymbol } from '../model/task-status.js';
import type { Diagnostic, TaskItem } from '../model/types.js';
import { committedKey, DEFAULT_SPRINT_WEEKS, itemNotes, RETRO_PROMPTS, sprintWindow, type Sprint, type SprintItem } from '../model/sprint.js';
import { linkedNoteName, parseDoneDate, parseDueDate } from '../model/syntax.js';
import { SUMMARY_BEGIN, SUMMARY_END } from '../model/summary-markers.js';
import { readDocument, type ParseResult } from './document.js';
import { decodeUtf8 } from './text.js';

const GOAL_ITEM = /^(\s*[-*+]\s+)(?:\[\[([^\]|\n]+?)(?:\|[^\]\n]*)?\]\]|\[[^\]\n]*\]\((<[^>\n]+>|[^)\s]+)\))[ \t]*(.*)$/;
const PLAIN_ITEM = /^\s*[-*+]\s+\S/;

export function parseSprintText(text: string, id: string, file: string): ParseResult<Sprint> {
  const doc = readDocument(text, file);
  if (!doc.ok) return { value: null, diagnostics: doc.diagnostics };
  const { md, data, places, read } = doc;
  const diagnostics: Diagnostic[] = [];
  let weeks = DEFAULT_SPRINT_WEEKS;
  if (data.weeks !== undefined && data.weeks !== null) {
    const n = Number(data.weeks);
    if (!Number.isInteger(n) || n < 1 || n > 4) {
      read.report('weeks', 'sprint-length', `a sprint is 1 to 4 weeks, not ${JSON.stringify(data.weeks)}: set \`weeks:\` to 1, 2, 3 or 4`);
    } else weeks = n;
  }
  const window = sprintWindow(id, weeks);
  if (!window) {
    return { value: null, diagnostics: [...read.diagnostics, { file, line: 1, column: 1, severity: 'error', code: 'bad-date', message: `a sprint file is named by its first ISO week (like 2026-W49.md), not "${id}": the sprint is not read` }] };
  }
  const goal = read.text(data.goal, 'goal');
  const focus = read.text(data.focus, 'focus');

  const tasksByLine = new Map(md.tasks.map((t) => [t.line, t]));
  const items: SprintItem[] = [];
  const retrospective: Record<string, string> = {};
  let section: 'committed' | 'retro' | null = null;
  let committedLine: number | null = null;
  let committedEndLine: number | null = null;
  let prompt: string | null = null;
  let inSummary = false;
  let fence: string | null = null;
  const answer: string[] = [];
  const flush = () => {
    if (prompt !== null) retrospective[prompt] = answer.join('\n').replace(/<!--[\s\S]*?-->/g, '').trim();
    answer.length = 0;
  };
  for (let line = md.bodyLine; line <= md.lines.lineCount; line++) {
    const raw = md.lines.lineText(line);
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      if (section === 'retro' && prompt) answer.push(raw);
      continue;
    }
    if (fenceMark) fence = fenceMark;
    if (raw.trim() === SUMMARY_BEGIN) inSummary = true;
    if (inSummary) {
      if (raw.trim() === SUMMARY_END) inSummary = false;
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading && !fenceMark) {
      const depth = (heading[1] as string).length;
      const title = (heading[2] as string).trim();
      if (depth <= 2) {
        flush();
        prompt = null;
        section = /^committed$/i.test(title) ? 'committed' : /^retrospective$/i.test(title) ? 'retro' : null;
        if (section === 'committed' && committedLine === null) {
          committedLine = line;
          committedEndLine = line;
        }
        continue;
      }
      if (section === 'retro') {
        flush();
        prompt = RETRO_PROMPTS.find((p) => p.toLowerCase() === title.toLowerCase()) ?? title;
        continue;
      }
    }
    if (section === 'retro') {
      if (prompt) answer.push(raw);
      continue;
    }
    if (section !== 'committed') continue;
    const task = tasksByLine.get(line);
    if (task) {
      const words = text.slice(task.textStart, task.lineEnd).trim();
      const item: TaskItem = {
        line, checked: task.checked, status: task.status, state: stateOfSymbol(task.status), checkboxOffset: task.checkboxOffset, lineStart: task.lineStart, lineEnd: task.lineEnd, text: words,
        estimateMinutes: null, estimateColumn: null, doneDate: task.checked ? parseDoneDate(words) : null, dueDate: parseDueDate(words), section: 'other', stage: null,
      };
      items.push({ line, column: task.column, goalName: null, text: words, key: committedKey(words), task: item, ...itemNotes(words) });
      committedEndLine = line;
      continue;
    }
    const m = GOAL_ITEM.exec(raw);
    if (m) {
      const name = m[2] !== undefined ? linkedNoteName(m[2], false) : linkedNoteName(m[3] as string, true);
      const words = (m[4] as string).trim();
      if (name !== null) {
        items.push({ line, column: (m[1] as string).length + 1, goalName: name, text: words, key: committedKey(words), task: null, ...itemNotes(words) });
        committedEndLine = line;
        continue;
      }
    }
    if (PLAIN_ITEM.test(raw)) committedEndLine = line;
  }
  flush();
  diagnostics.push(...read.diagnostics);
  if (goal === null) {
    const place = places.goal ?? places[''] ?? { line: 1, column: 1 };
    diagnostics.push({ file, line: place.line, column: place.column, severity: 'warning', code: 'sprint-goal',
      message: 'the sprint has no `goal:`: one sentence saying what this sprint is for keeps it focused' });
  }
  return {
    value: { id, file, ...window, weeks, goal, focus, items, committedLine, committedEndLine, retrospective, places },
    diagnostics,
  };
}

export function parseSprintFile(bytes: Uint8Array, id: string, file: string): ParseResult<Sprint> {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { value: null, diagnostics: [{ file, line: decoded.line, column: decoded.column, severity: 'error', code: 'bad-encoding', message: `the file is not valid UTF-8 (byte ${decoded.byte}): re-save it as UTF-8` }] };
  return parseSprintText(decoded.text, id, file);
}

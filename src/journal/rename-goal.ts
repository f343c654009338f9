// Renaming a goal (issue 16): the file, and every `[[old]]` link naming it in logs, goals, sprints and
// reviews, rewritten by offsets (the path, `.md`, `#heading` and `|label` around the name kept). Links
// by alias keep working untouched: the aliases move with the file.
import type { TextEdit } from '../model/edits.js';
import { JournalError } from '../model/errors.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { decodeUtf8, LineIndex } from '../parser/text.js';
import { linksIn } from '../model/wiki-links.js';
import { goalPath } from './layout.js';
import { listJournalMarkdown } from './markdown-files.js';
import { joinPath } from './file-system.js';
import type { Journal } from './journal.js';

export interface RenameChange {
  file: string;
  edits: TextEdit[];
  /** 1-based lines of the edits, for the dry run. */
  lines: number[];
  /** Each edit's place as an editor counts it (1-based line and UTF-16 column; a BOM is not a column). */
  places: Array<{ start: { line: number; column: number }; end: { line: number; column: number } }>;
}

export interface RenamePlan {
  from: string;
  to: string;
  fileFrom: string;
  fileTo: string;
  changes: RenameChange[];
}

/** The edits of one file's text: links whose note name is the old id (any case), and a sprint's `focus:`. */
export function renameEdits(text: string, oldId: string, newId: string, isSprint: boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const link of linksIn(text)) {
    if (link.name.toLowerCase() !== oldId.toLowerCase()) continue;
    const at = link.targetStart + link.target.lastIndexOf(link.name);
    edits.push({ start: at, end: at + link.name.length, text: newId });
  }
  if (isSprint) {
    const focus = /^(focus:[ \t]*)([^\s#]+)[ \t]*$/m.exec(text);
    if (focus && (focus[2] as string).toLowerCase() === oldId.toLowerCase()) {
      const start = focus.index + (focus[1] as string).length;
      edits.push({ start, end: start + (focus[2] as string).length, text: newId });
    }
  }
  return edits;
}

/**
 * Every change a rename makes, read through the journal's file system: in an editor that is the open
 * buffers first (unsaved text included), so the plan matches what the person sees.
 */
export async function planGoalRename(journal: Journal, oldId: string, newId: string): Promise<RenamePlan> {
  const goal = journal.goal(oldId) ?? journal.goals.find((g) => g.id.toLowerCase() === oldId.toLowerCase())
    ?? journal.goals.find((g) => g.aliases.some((a) => a.toLowerCase() === oldId.toLowerCase()));
  if (!goal) throw new JournalError(`no goal "${oldId}" in ${journal.layout.goals}/; nothing was renamed`);
  const problem = goalIdProblem(newId);
  if (problem) throw new JournalError(`"${newId}" ${problem}; nothing was renamed`);
  // An old id kept as an alias (a rename made on another device): only the links that still use it change.
  const viaAlias = goal.id.toLowerCase() !== oldId.toLowerCase() && goal.aliases.some((a) => a.toLowerCase() === oldId.toLowerCase());
  if (newId === goal.id && !viaAlias) throw new JournalError(`the goal is already called ${newId}; nothing was renamed`);
  const fileTo = goalPath(journal.layout, newId);
  if ((await journal.fs.stat(joinPath(journal.root, fileTo))) && newId.toLowerCase() !== goal.id.toLowerCase()) {
    throw new JournalError(`${fileTo} already exists; nothing was renamed`);
  }
  const clash = journal.goals.find((g) => g.id !== goal.id && g.aliases.some((a) => a.toLowerCase() === newId.toLowerCase()));
  if (clash) throw new JournalError(`"${newId}" is an alias of ${clash.id}: links to it would change meaning; nothing was renamed`);
  const changes: RenameChange[] = [];
  const files = await listJournalMarkdown(journal.fs, journal.root, journal.layout.reports);
  const from = viaAlias ? oldId : goal.id;
  const needle = from.toLowerCase();
  // Read a few at a time: ten years are ~4,000 notes, and most never name the goal.
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64);
    const texts = await Promise.all(batch.map((rel) => journal.fs.readFile(joinPath(journal.root, rel)).then(decodeUtf8, () => null)));
    batch.forEach((rel, k) => {
      const decoded = texts[k];
      if (!decoded?.ok || !decoded.text.toLowerCase().includes(needle)) return;
      const edits = renameEdits(decoded.text, from, newId, rel.startsWith(`${journal.layout.sprints}/`));
      if (edits.length === 0) return;
      const lines = new LineIndex(decoded.text);
      const places = edits.map((e) => ({ start: lines.placeOf(e.start), end: lines.placeOf(e.end) }));
      changes.push({ file: rel, edits, lines: places.map((p) => p.start.line), places });
    });
  }
  return { from, to: newId, fileFrom: goal.file, fileTo, changes };
}

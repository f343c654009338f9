// Renaming a goal (issue 16): the file, and every `[[old]]` link naming it in logs, goals, sprints and
// reviews, rewritten by offsets (the path, `.md`, `#heading` and `|label` around the name kept). Links
// by alias keep working untouched: the aliases move with the file.
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits, type TextEdit } from '../model/edits.js';
import { JournalError } from '../model/errors.js';
import { goalIdProblem } from '../model/goal-ids.js';
import { decodeUtf8, LineIndex } from '../parser/text.js';
import { linksIn } from '../model/wiki-links.js';
import { goalPath } from './layout.js';
import { journalMarkdownFiles } from './markdown-files.js';
import type { Journal } from './journal.js';
import { withFileLock, writeFileAtomic } from './node-file-system.js';

export interface RenameChange {
  file: string;
  edits: TextEdit[];
  /** 1-based lines of the edits, for the dry run. */
  lines: number[];
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

export function planGoalRename(journal: Journal, oldId: string, newId: string): RenamePlan {
  const goal = journal.goal(oldId) ?? journal.goals.find((g) => g.id.toLowerCase() === oldId.toLowerCase());
  if (!goal) throw new JournalError(`no goal "${oldId}" in ${journal.layout.goals}/; nothing was renamed`);
  const problem = goalIdProblem(newId);
  if (problem) throw new JournalError(`"${newId}" ${problem}; nothing was renamed`);
  if (newId === goal.id) throw new JournalError(`the goal is already called ${newId}; nothing was renamed`);
  const fileTo = goalPath(journal.layout, newId);
  if (fs.existsSync(path.join(journal.root, fileTo)) && newId.toLowerCase() !== goal.id.toLowerCase()) {
    throw new JournalError(`${fileTo} already exists; nothing was renamed`);
  }
  const clash = journal.goals.find((g) => g.id !== goal.id && g.aliases.some((a) => a.toLowerCase() === newId.toLowerCase()));
  if (clash) throw new JournalError(`"${newId}" is an alias of ${clash.id}: links to it would change meaning; nothing was renamed`);
  const changes: RenameChange[] = [];
  for (const rel of journalMarkdownFiles(journal.root, journal.layout.reports)) {
    const decoded = decodeUtf8(fs.readFileSync(path.join(journal.root, rel)));
    if (!decoded.ok) continue;
    const edits = renameEdits(decoded.text, goal.id, newId, rel.startsWith(`${journal.layout.sprints}/`));
    if (edits.length === 0) continue;
    const lines = new LineIndex(decoded.text);
    changes.push({ file: rel, edits, lines: edits.map((e) => lines.placeOf(e.start).line) });
  }
  return { from: goal.id, to: newId, fileFrom: goal.file, fileTo, changes };
}

/**
 * Applies the plan: each file re-read under its lock and its edits recomputed on what it says now,
 * written atomically; then the goal file is renamed. Returns the files changed, also when one fails.
 */
export async function applyGoalRename(journal: Journal, plan: RenamePlan): Promise<{ changed: string[]; failed: { file: string; message: string } | null }> {
  const changed: string[] = [];
  for (const change of plan.changes) {
    const abs = path.join(journal.root, change.file);
    try {
      await withFileLock(abs, async () => {
        const decoded = decodeUtf8(fs.readFileSync(abs));
        if (!decoded.ok) throw new JournalError(`${change.file} is no longer valid UTF-8`);
        const edits = renameEdits(decoded.text, plan.from, plan.to, change.file.startsWith(`${journal.layout.sprints}/`));
        if (edits.length) await writeFileAtomic(abs, applyEdits(decoded.text, edits), change.file);
      }, change.file);
      changed.push(change.file);
    } catch (e) {
      return { changed, failed: { file: change.file, message: e instanceof Error ? e.message : String(e) } };
    }
  }
  try {
    fs.renameSync(path.join(journal.root, plan.fileFrom), path.join(journal.root, plan.fileTo));
    changed.push(`${plan.fileFrom} → ${plan.fileTo}`);
  } catch (e) {
    return { changed, failed: { file: plan.fileFrom, message: e instanceof Error ? e.message : String(e) } };
  }
  return { changed, failed: null };
}

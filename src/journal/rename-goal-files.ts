// The CLI applies a goal rename on disk: each file under its lock, written atomically, then the goal file
// renamed and the old id kept as an alias. (An editor applies the same plan as one workspace edit.)
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../model/edits.js';
import { JournalError } from '../model/errors.js';
import { decodeUtf8 } from '../parser/text.js';
import { addAliasEdit } from './frontmatter-edits.js';
import type { Journal } from './journal.js';
import { withFileLock, writeFileAtomic } from './node-file-system.js';
import { renameEdits, type RenamePlan } from './rename-goal.js';

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
  // The old id as an alias: links another device writes before it syncs still name this goal.
  if (plan.from.toLowerCase() !== plan.to.toLowerCase()) {
    const abs = path.join(journal.root, plan.fileTo);
    try {
      await withFileLock(abs, async () => {
        const decoded = decodeUtf8(fs.readFileSync(abs));
        const edit = decoded.ok ? addAliasEdit(decoded.text, plan.from) : null;
        if (decoded.ok && edit) await writeFileAtomic(abs, applyEdits(decoded.text, [edit]), plan.fileTo);
      }, plan.fileTo);
    } catch (e) {
      return { changed, failed: { file: plan.fileTo, message: `renamed, but the old id could not be added to its aliases: ${e instanceof Error ? e.message : String(e)}` } };
    }
  }
  return { changed, failed: null };
}

// A goal renamed on one device (`kaizen rename`) rewrites every `[[old]]` link of a note, while the
// other device may have checked or written `[[old]]` lines in the same note meanwhile. Seen as two
// edits of the same lines that is a false conflict; seen as a rename it is one more change to apply
// to the other side first.
import { applyEdits, type TextEdit } from '../edits.js';
import { linksIn } from '../wiki-links.js';
import { lineKey } from './task-lines.js';

function linkCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const link of linksIn(text)) {
    const name = link.name.toLowerCase();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * The links `side` renamed from `base`: a name every link of which is gone, and exactly one new name
 * with as many links. Nothing when it is not that clear.
 */
export function renamedLinks(base: string, side: string): Array<{ from: string; to: string }> {
  const before = linkCounts(base);
  const after = linkCounts(side);
  const gone = [...before].filter(([name]) => !after.has(name));
  const added = [...after].filter(([name]) => !before.has(name));
  const out: Array<{ from: string; to: string }> = [];
  for (const [name, count] of gone) {
    const same = added.filter(([, n]) => n === count);
    if (same.length !== 1) continue;
    const to = linksIn(side).find((l) => l.name.toLowerCase() === (same[0] as [string, number])[0])?.name;
    if (to && linesFollow(base, side, { from: name, to })) out.push({ from: name, to });
  }
  return out;
}

/**
 * A rename, not a line removed and another written: every line naming the old goal is in the side
 * with the new name (a task line may have changed its box or value, as one device does meanwhile).
 */
function linesFollow(base: string, side: string, rename: { from: string; to: string }): boolean {
  const sideLines = new Set(side.split(/\r\n|\r|\n/));
  const sideKeys = new Set([...sideLines].map(lineKey).filter((k): k is string => k !== null));
  const renamed = base.split(/\r\n|\r|\n/).filter((line) => linksIn(line).some((l) => l.name.toLowerCase() === rename.from))
    .map((line) => renameLinks(line, [rename]));
  return renamed.length > 0 && renamed.every((line) => sideLines.has(line) || (lineKey(line) !== null && sideKeys.has(lineKey(line) as string)));
}

/** Every `[[from…]]` link of the text naming `to` instead, the path, heading and label around it kept. */
export function renameLinks(text: string, renames: ReadonlyArray<{ from: string; to: string }>): string {
  const edits: TextEdit[] = [];
  for (const link of linksIn(text)) {
    const rename = renames.find((r) => r.from === link.name.toLowerCase());
    if (!rename) continue;
    const at = link.targetStart + link.target.lastIndexOf(link.name);
    edits.push({ start: at, end: at + link.name.length, text: rename.to });
  }
  return edits.length ? applyEdits(text, edits) : text;
}

// `[[links]]` in a text with their offsets (UTF-16, as editors count): what a cursor is on for the
// language features, and what a goal's rename rewrites. Pure string work, so every layer may use it.
import { linkedNoteName } from './syntax.js';

export interface LinkAt {
  /** The whole `[[…]]`. */
  start: number;
  end: number;
  /** The target as written (before `#` and `|`), and its offsets. */
  target: string;
  targetStart: number;
  targetEnd: number;
  /** The note name the target names (no path, no `.md`). */
  name: string;
}

const WIKILINK = /\[\[([^\]|#\n\r]*)((?:#[^\]|\n\r]*)?)((?:\|[^\]\n\r]*)?)\]\]/g;

export function linksIn(text: string): LinkAt[] {
  const out: LinkAt[] = [];
  WIKILINK.lastIndex = 0;
  for (let m = WIKILINK.exec(text); m; m = WIKILINK.exec(text)) {
    const target = m[1] as string;
    const name = linkedNoteName(target, false);
    if (name === null) continue;
    out.push({ start: m.index, end: m.index + m[0].length, target, targetStart: m.index + 2, targetEnd: m.index + 2 + target.length, name });
  }
  return out;
}

export function linkAt(text: string, offset: number): LinkAt | null {
  return linksIn(text).find((l) => offset >= l.start && offset <= l.end) ?? null;
}

/** The line around an offset: its start offset and the text before the cursor. */
export function lineBefore(text: string, offset: number): { lineStart: number; before: string } {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return { lineStart, before: text.slice(lineStart, offset) };
}

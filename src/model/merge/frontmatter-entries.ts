// A YAML frontmatter block cut into its top-level keys, so two devices that changed different keys
// (one set `energy`, the other added `mood`) merge without a conflict (FORMAT §10: per key).

export interface FrontmatterBlock {
  /** Index of the opening and closing `---` lines. */
  open: number;
  close: number;
}

export function findFrontmatter(lines: readonly string[]): FrontmatterBlock | null {
  if (lines[0]?.trimEnd() !== '---') return null;
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trimEnd();
    if (line === '---' || line === '...') return { open: 0, close: i };
  }
  return null;
}

export interface Entry {
  key: string;
  lines: string[];
}

const KEY_LINE = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#:'"\-?][^:#]*?|-[^\s:][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/**
 * Top-level entries in order; lines before the first key (comments) form an entry of their own.
 * Null when a key appears twice: such a block is merged line by line instead.
 */
export function frontmatterEntries(lines: readonly string[]): Entry[] | null {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const m = KEY_LINE.exec(line);
    if (m) {
      const key = (m[1] ?? m[2] ?? m[3] ?? '').trim();
      if (seen.has(key)) return null;
      seen.add(key);
      entries.push({ key, lines: [line] });
    } else if (entries.length === 0) {
      entries.push({ key: '\u0000head', lines: [line] });
    } else {
      (entries.at(-1) as Entry).lines.push(line);
    }
  }
  return entries;
}

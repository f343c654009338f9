// A line scanner for the plain Markdown most journal files are made of: frontmatter, ATX headings,
// top-level list items, paragraphs and blank lines. For such files it gives exactly what remark
// gives (tests compare both over whole generated journals) at a fraction of the cost; any line it
// does not fully understand (indentation, fences, HTML, quotes, setext or thematic breaks, ordered
// lists, tabs, NUL) makes it decline, and the caller parses the file with remark instead.
import { LineIndex } from './text.js';
import { parseFrontmatter } from './frontmatter.js';
import type { ParsedMarkdown, RawTask } from './markdown.js';

/** `[ ]`, `[x]`, or any one-character Obsidian Tasks status (`[/]`, `[-]`), as the remark reader takes them. */
const TASK = /^[-*+] \[([^\]\r\n\t])\] (?=\S)/;
/** An item whose content could open a block of its own (a heading, quote, fence, nested list…) is left to remark. */
const PLAIN_ITEM = /^[-*+] (?![\s[#>`~<=_*+-]|\d+[.)])/;
const ATX = /^(#{1,6})(?:[ ]+(.*))?$/;
/** First characters of a line that can open a block we leave to remark. */
const RISKY_START = /^(?:[\s>`~<=_]|\d+[.)]|[-*+] *$)/;
/** Thematic breaks (`***`, `- - -`) and setext underlines (`---`) change the lines around them. */
const BREAK_OR_UNDERLINE = /^(?:([-*_])(?:[ ]*\1){2,}[ ]*|-+[ ]*|=+[ ]*)$/;

export function scanSimpleMarkdown(text: string): ParsedMarkdown | null {
  if (text.includes('\0')) return null;
  const lines = new LineIndex(text);
  const count = lines.lineCount;
  let line = 1;
  let frontmatter: ParsedMarkdown['frontmatter'] = null;
  let frontmatterPlace: ParsedMarkdown['frontmatterPlace'] = null;
  let bodyLine = 1;
  if (lines.lineText(1) === '---') {
    let close = 0;
    for (let l = 2; l <= count; l++) {
      const fence = lines.lineText(l);
      if (/^(---|\.\.\.)[ \t]+$/.test(fence) || fence === '...') return null;
      if (fence === '---') {
        close = l;
        break;
      }
    }
    if (close === 0) return null;
    const content = close > 2 ? text.slice(lines.lineStart(2), lines.lineEnd(close - 1)) : '';
    frontmatter = parseFrontmatter(content, 2);
    frontmatterPlace = { line: 1, column: 1 };
    bodyLine = close + 1;
    line = close + 1;
  } else if (/^---/.test(lines.lineText(1))) {
    return null;
  }

  const tasks: RawTask[] = [];
  const outline: ParsedMarkdown['outline'] = [];
  for (; line <= count; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const raw = text.slice(start, end);
    if (raw === '' || /^[ \t]+$/.test(raw)) continue;
    if (raw.includes('\t') || raw.endsWith('\r')) return null;
    if (raw.charCodeAt(0) === 0x23 /* # */) {
      const m = ATX.exec(raw);
      if (!m) return null;
      const content = (m[2] ?? '').trim();
      // A closing sequence of #s, or escapes, are left to remark.
      if (/(^|\s)#+$/.test(content) || content.includes('\\')) return null;
      outline.push({ kind: 'heading', depth: (m[1] as string).length, text: content, line, column: 1 });
      continue;
    }
    if (RISKY_START.test(raw) || BREAK_OR_UNDERLINE.test(raw)) return null;
    // A link reference definition like "[x]: /url" can turn a later "[x]" into a link.
    if (raw.charCodeAt(0) === 0x5b && /^\[(?:[^\]\\]|\\.)*\]:/.test(raw)) return null;
    const first = raw[0];
    if ((first === '-' || first === '*' || first === '+') && raw[1] === ' ') {
      const task = TASK.exec(raw);
      if (task) {
        const checkboxOffset = start + 3;
        outline.push({ kind: 'task', index: tasks.length });
        tasks.push({ line, column: 1, checked: task[1] === 'x' || task[1] === 'X', status: task[1] as string, checkboxOffset, lineStart: start, lineEnd: end, textStart: checkboxOffset + 2 });
        continue;
      }
      if (!PLAIN_ITEM.test(raw)) return null;
      continue;
    }
    // A paragraph line: nothing in it can make a task or a heading.
  }
  return { text, lines, frontmatter, frontmatterPlace, bodyLine, tasks, outline, errors: [] };
}

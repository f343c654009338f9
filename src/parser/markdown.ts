// The only code that knows mdast. unified + remark-parse + remark-frontmatter + the GFM task-list
// extension alone (all of remark-gfm costs more and adds nothing we read).
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, Nodes, ListItem, Heading, Yaml } from 'mdast';
import { hasBom, LineIndex } from './text.js';
import { parseFrontmatter, type FrontmatterResult } from './frontmatter.js';
import { scanSimpleMarkdown } from './line-scanner.js';
import type { Place } from '../model/types.js';

function remarkTaskListOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}

let processor: { parse(text: string): Root } | null = null;
function markdownProcessor(): { parse(text: string): Root } {
  processor ??= unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkTaskListOnly) as unknown as { parse(text: string): Root };
  return processor;
}

export interface RawTask {
  line: number;
  column: number;
  checked: boolean;
  /** The character between the brackets: ` `, `x`, or an Obsidian Tasks status such as `/` or `-`. */
  status: string;
  checkboxOffset: number;
  lineStart: number;
  lineEnd: number;
  /** Offset where the text after the checkbox starts. */
  textStart: number;
}

export interface RawHeading {
  depth: number;
  text: string;
  line: number;
  column: number;
}

export interface ParsedMarkdown {
  /** The whole file text, BOM included; every offset below is into it. */
  text: string;
  lines: LineIndex;
  frontmatter: FrontmatterResult | null;
  /** Where the frontmatter opens (line 1) when there is one. */
  frontmatterPlace: Place | null;
  /** First line after the frontmatter's closing fence (1 without frontmatter). */
  bodyLine: number;
  tasks: RawTask[];
  /** Tasks and headings in document order, for section membership. */
  outline: ({ kind: 'task'; index: number } | ({ kind: 'heading' } & RawHeading))[];
  errors: { place: Place; message: string }[];
}

const FENCE_OPEN = /^---[ \t]*\r?\n/;
const FOREIGN_FENCE = /^---([^\s-][^\r\n]*)\r?\n/;

/**
 * Above this size, remark's time and memory grow too fast (a 5 MB file took 120 s and 2.3 GB):
 * a big file the line scanner cannot read is reported instead of hanging the journal.
 */
export const REMARK_MAX_CHARS = 2_000_000;

export class TooComplexError extends Error {}

/** The file's Markdown structure: by the line scanner when it can, else by remark. */
export function parseMarkdown(text: string): ParsedMarkdown {
  const fast = scanSimpleMarkdown(text);
  if (fast) return fast;
  if (text.length > REMARK_MAX_CHARS) {
    throw new TooComplexError(`it is ${(text.length / 1e6).toFixed(1)} million characters of Markdown with nested or fenced blocks, too slow to parse safely: split it into smaller files`);
  }
  const depth = deepestQuote(text);
  if (depth > MAX_QUOTE_DEPTH) throw new TooComplexError(`a line nests ${depth} block quotes ("> > > …"), which takes remark minutes to parse`);
  return parseMarkdownWithRemark(text);
}

/** remark's time explodes with block quotes nested thousands deep (50,000 took 10 s); no journal needs 100. */
const MAX_QUOTE_DEPTH = 100;

function deepestQuote(text: string): number {
  let deepest = 0;
  let depth = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      depth = 0;
    } else if (atLineStart && c === 62 /* > */) {
      if (++depth > deepest) deepest = depth;
    } else if (atLineStart && c !== 32 && c !== 9) {
      atLineStart = false;
    }
  }
  return deepest;
}

export function parseMarkdownWithRemark(text: string): ParsedMarkdown {
  const bom = hasBom(text) ? 1 : 0;
  // micromark drops a BOM and counts offsets without it; parse without it and shift offsets back.
  const body = bom ? text.slice(1) : text;
  const lines = new LineIndex(text);
  const tree = markdownProcessor().parse(body);
  const errors: ParsedMarkdown['errors'] = [];

  let frontmatter: FrontmatterResult | null = null;
  let frontmatterPlace: Place | null = null;
  let bodyLine = 1;
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    const yaml = first as Yaml;
    frontmatterPlace = { line: 1, column: 1 };
    frontmatter = parseFrontmatter(yaml.value, 2);
    bodyLine = (yaml.position?.end.line ?? 1) + 1;
  } else if (FOREIGN_FENCE.test(body)) {
    const fence = (FOREIGN_FENCE.exec(body) as RegExpExecArray)[1];
    errors.push({ place: { line: 1, column: 4 }, message: `frontmatter fence "---${fence}" is not supported: only YAML between two "---" lines is read (nothing is ever executed)` });
  } else if (FENCE_OPEN.test(body)) {
    errors.push({ place: { line: 1, column: 1 }, message: 'frontmatter opened with "---" on line 1 is never closed: add a "---" line after the last key' });
  }

  const tasks: RawTask[] = [];
  const outline: ParsedMarkdown['outline'] = [];
  // Iterative pre-order walk: a 5,000-deep list must not overflow the stack.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') {
      outline.push({ kind: 'task', index: tasks.length });
      tasks.push(toRawTask(node as ListItem, body, bom, lines));
    } else if (node.type === 'listItem') {
      const task = toStatusTask(node as ListItem, body, bom, lines);
      if (task) {
        outline.push({ kind: 'task', index: tasks.length });
        tasks.push(task);
      }
    } else if (node.type === 'heading') {
      const heading = toRawHeading(node as Heading, body);
      if (heading) outline.push({ kind: 'heading', ...heading });
    }
    const children = (node as { children?: Nodes[] }).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
  }
  return { text, lines, frontmatter, frontmatterPlace, bodyLine, tasks, outline, errors };
}

/**
 * GFM puts the checkbox at the start of the item's first paragraph, but mdast gives it no position: the
 * paragraph starts after it when its first inline is text, and *at* the `[` when it is markup
 * (`- [ ] **Buy** shoes`). The first inline always starts after the checkbox, so the checkbox is the last
 * `[ ]`/`[x]` between the item's marker and that inline.
 */
const CHECKBOX = /\[([ xX])\][ \t]*(?:\r\n?|\n)?[ \t>]*$/;

function toRawTask(item: ListItem, body: string, bom: number, lines: LineIndex): RawTask {
  const start = item.position?.start.offset;
  const para = item.children[0];
  const contentStart = firstInlineStart(para) ?? para?.position?.end.offset;
  const box = start === undefined || contentStart === undefined ? null : CHECKBOX.exec(body.slice(start, contentStart));
  // `checked` is set only when micromark saw a checkbox; not finding it is a bug, never a task to drop quietly.
  if (start === undefined || !box) throw new Error(`task item at offset ${start ?? '?'}: checkbox not found`);
  const checkboxOffset = start + box.index + 1 + bom;
  const place = lines.placeOf(checkboxOffset);
  return {
    line: place.line,
    column: lines.placeOf(start + bom).column,
    checked: item.checked === true,
    status: body.charAt(checkboxOffset - bom),
    checkboxOffset,
    lineStart: lines.lineStart(place.line),
    lineEnd: lines.lineEnd(place.line),
    textStart: checkboxOffset + 2,
  };
}

/**
 * GFM knows only `[ ]`, `[x]` and `[X]`; Obsidian Tasks reads any one character there as a status (`[/]` in
 * progress, `[-]` cancelled). Such an item is a paragraph starting with that text: the same rule as the
 * line scanner's, one space or tab after the `]` and then text.
 */
const STATUS_BOX = /^\[([^\]\r\n\t])\][ \t]+(?=\S)/;

function toStatusTask(item: ListItem, body: string, bom: number, lines: LineIndex): RawTask | null {
  const para = item.children[0];
  const at = para?.type === 'paragraph' ? para.position?.start.offset : undefined;
  if (at === undefined || body.charCodeAt(at) !== 0x5b /* [ */) return null;
  const box = STATUS_BOX.exec(body.slice(at, at + 8));
  if (!box) return null;
  // The paragraph must start on the item's first line (`-` then the box), as GFM requires of a checkbox.
  const start = item.position?.start.offset;
  if (start === undefined || /[\r\n]/.test(body.slice(start, at))) return null;
  const checkboxOffset = at + 1 + bom;
  const place = lines.placeOf(checkboxOffset);
  return {
    line: place.line,
    column: lines.placeOf(start + bom).column,
    checked: box[1] === 'x' || box[1] === 'X',
    status: box[1] as string,
    checkboxOffset,
    lineStart: lines.lineStart(place.line),
    lineEnd: lines.lineEnd(place.line),
    textStart: checkboxOffset + 2,
  };
}

function firstInlineStart(node: Nodes | undefined): number | undefined {
  const first = (node as { children?: Nodes[] } | undefined)?.children?.[0];
  return first?.position?.start.offset;
}

function toRawHeading(heading: Heading, body: string): RawHeading | null {
  const pos = heading.position;
  if (!pos) return null;
  const kids = heading.children;
  const from = kids[0]?.position?.start.offset;
  const to = kids[kids.length - 1]?.position?.end.offset;
  const text = from !== undefined && to !== undefined ? body.slice(from, to).trim() : '';
  return { depth: heading.depth, text, line: pos.start.line, column: pos.start.column };
}

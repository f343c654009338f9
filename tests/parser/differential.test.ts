// The two reading paths (line scanner, remark) on Markdown no one here wrote: the CommonMark spec's
// examples, GFM's task-list examples, the Markdown files shipped in node_modules, and journal-like
// variants of each (a frontmatter block, items turned into task items, other line endings).
// Whenever the scanner accepts a text it must agree with remark, and remark's path must find every task
// item that remark-gfm (the full GFM plugin, a separate code path) finds, each with its checkbox offset,
// plus the items Obsidian Tasks reads as tasks with a status GFM does not know (`- [/] text`, `- [-] text`):
// in remark-gfm's tree, a list item whose first paragraph starts, on the item's first line, with `[c]`,
// a space or tab, and text.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { ListItem, Nodes, Root } from 'mdast';
import { scanSimpleMarkdown } from '../../src/parser/line-scanner.js';
import { parseMarkdown, parseMarkdownWithRemark } from '../../src/parser/markdown.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] };

/** GFM spec 0.29, section 5.3 "Task list items" (examples 279 and 280). */
const GFM_TASK_EXAMPLES = [
  '- [ ] foo\n- [x] bar\n',
  '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n',
];

const oracle = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

function gfmTaskItems(text: string): number[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const tree = oracle.parse(bom ? text.slice(1) : text) as Root;
  const lines: number[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop() as Nodes;
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') lines.push(node.position!.start.line);
    else if (node.type === 'listItem') {
      const para = (node as ListItem).children[0];
      const at = para?.type === 'paragraph' ? para.position!.start : null;
      const source = bom ? text.slice(1) : text;
      if (at && at.line === node.position!.start.line && /^\[[^\]\r\n\t]\][ \t]+\S/.test(source.slice(at.offset!))) lines.push(at.line);
    }
    const children = (node as { children?: Nodes[] }).children;
    if (children) stack.push(...children);
  }
  return lines.sort((a, b) => a - b);
}

function comparable(md: NonNullable<ReturnType<typeof scanSimpleMarkdown>>) {
  return { frontmatter: md.frontmatter, frontmatterPlace: md.frontmatterPlace, bodyLine: md.bodyLine, tasks: md.tasks, outline: md.outline, errors: md.errors };
}

/**
 * Journal-like variants: as is, with frontmatter, list items as tasks (also with Obsidian Tasks' statuses
 * `/`, `-`, `>`), and with CRLF / lone CR line ends.
 */
const SYMBOLS = ['x', ' ', '/', ' ', '-', '>', 'X'];
function variants(markdown: string): string[] {
  const tasks = markdown.replace(/^([ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?!\[[ xX]\])/gm, (_match, lead: string, offset: number) => `${lead}[${SYMBOLS[offset % SYMBOLS.length]}] `);
  const out = [markdown, `---\ntitle: Spec\ntags: [a]\n---\n${markdown}`, tasks, `---\ndate: 2026-11-22\n---\n# Day\n\n${tasks}`];
  return [...out, ...out.slice(2).map((t) => t.replace(/\n/g, '\r\n')), ...out.slice(2).map((t) => t.replace(/\n/g, '\r'))];
}

function checkBothPaths(text: string, label: string): { scanned: boolean; tasks: number } {
  const remark = parseMarkdownWithRemark(text);
  const expected = gfmTaskItems(text);
  expect(remark.tasks.map((t) => t.line).sort((a, b) => a - b), `${label}: task lines`).toEqual(expected);
  for (const t of remark.tasks) expect(/^\[[^\]\r\n\t]\]$/.test(text.slice(t.checkboxOffset - 1, t.checkboxOffset + 2)), `${label}: checkbox at ${t.line}`).toBe(true);
  const fast = scanSimpleMarkdown(text);
  if (fast) expect(comparable(fast), label).toEqual(comparable(remark));
  return { scanned: fast !== null, tasks: remark.tasks.length };
}

function markdownFilesIn(root: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(full);
    }
  };
  walk(root);
  return found;
}

describe('scanner and remark on Markdown no one here wrote', () => {
  it('every CommonMark spec example and its journal-like variants', () => {
    expect(spec.tests.length).toBeGreaterThan(600);
    let scanned = 0;
    let tasks = 0;
    for (const example of spec.tests) {
      const markdown = example.markdown.replace(/→/g, '\t');
      for (const [i, text] of variants(markdown).entries()) {
        const r = checkBothPaths(text, `spec example ${example.number} (${example.section}) variant ${i}`);
        if (r.scanned) scanned++;
        tasks += r.tasks;
      }
    }
    // The comparison has to bite: many variants are read by the scanner, thousands of tasks are checked.
    expect(scanned).toBeGreaterThan(300);
    expect(tasks).toBeGreaterThan(800);
  });

  it("GFM's task-list examples", () => {
    for (const example of GFM_TASK_EXAMPLES) for (const text of variants(example)) checkBothPaths(text, JSON.stringify(text));
    expect(parseMarkdown(GFM_TASK_EXAMPLES[1]!).tasks.map((t) => t.checked)).toEqual([true, false, true, false]);
  });

  it('the Markdown files of node_modules (READMEs, changelogs) and their variants', () => {
    const files = markdownFilesIn(path.resolve(__dirname, '../../node_modules'), 160);
    expect(files.length).toBeGreaterThan(100);
    let tasks = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.length > 40_000) continue;
      for (const [i, variant] of variants(text).slice(0, 3).entries()) tasks += checkBothPaths(variant, `${file} variant ${i}`).tasks;
    }
    expect(tasks).toBeGreaterThan(300);
  });
});

describe('tasks that start with inline markup (remark path)', () => {
  const fence = '\n```\ncode\n```\n';
  it.each([
    ['- [ ] **Buy** shoes (1h)', false, '**Buy** shoes (1h)'],
    ['- [x] `npm` setup', true, '`npm` setup'],
    ['- [ ] [link](x) text', false, '[link](x) text'],
    ['- [ ] <kbd>x</kbd>', false, '<kbd>x</kbd>'],
    ['* [ ] *soon*', false, '*soon*'],
    ['> - [x] _quoted_ task', true, '_quoted_ task'],
    ['1. [ ] ![img](a.png) ordered', false, '![img](a.png) ordered'],
  ])('%s is a task on both paths', (line, checked, text) => {
    const viaRemark = parseMarkdown(`# Goal\n${line}\n${fence}`);
    expect(viaRemark.tasks).toHaveLength(1);
    const task = viaRemark.tasks[0]!;
    expect(task.checked).toBe(checked);
    expect(viaRemark.text.slice(task.textStart, task.lineEnd).trim()).toBe(text);
  });
});

describe('a lone carriage return is a line break', () => {
  it('for the scanner and for remark: headings, tasks and the frontmatter end', () => {
    const text = '---\rtitle: Old Mac\rstart: 2026-11-01\r---\r# Title\r## Stages\r- [ ] one (1h)\r- [x] two\r';
    const fast = scanSimpleMarkdown(text)!;
    expect(fast).not.toBeNull();
    expect(fast.frontmatter?.data).toEqual({ title: 'Old Mac', start: '2026-11-01' });
    expect(fast.tasks.map((t) => [t.line, t.checked, text.slice(t.textStart, t.lineEnd)])).toEqual([[7, false, ' one (1h)'], [8, true, ' two']]);
    expect(comparable(fast)).toEqual(comparable(parseMarkdownWithRemark(text)));
    const viaRemark = parseMarkdownWithRemark(`${text}\`\`\`\rcode\r\`\`\`\r`);
    expect(viaRemark.tasks.map((t) => viaRemark.text.slice(t.textStart, t.lineEnd))).toEqual([' one (1h)', ' two']);
    expect(viaRemark.outline.filter((o) => o.kind === 'heading').map((o) => o.kind === 'heading' && o.text)).toEqual(['Title', 'Stages']);
  });
});

// The line scanner must give exactly what remark gives whenever it accepts a file.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSimpleMarkdown } from '../../src/parser/line-scanner.js';
import { parseMarkdownWithRemark } from '../../src/parser/markdown.js';
import { SAMPLE, tempDir } from '../helpers.js';

function comparable(md: NonNullable<ReturnType<typeof scanSimpleMarkdown>>) {
  return { frontmatter: md.frontmatter, frontmatterPlace: md.frontmatterPlace, bodyLine: md.bodyLine, tasks: md.tasks, outline: md.outline, errors: md.errors };
}

function markdownFiles(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('line scanner = remark', () => {
  it('on every file of the sample and of a generated year, accepting nearly all of them', () => {
    const generated = tempDir();
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', generated, '--years', '1', '--goals', '20', '--seed', '7']);
    const files = [...markdownFiles(SAMPLE), ...markdownFiles(generated)];
    let accepted = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fast = scanSimpleMarkdown(text);
      if (!fast) continue;
      accepted++;
      expect(comparable(fast), file).toEqual(comparable(parseMarkdownWithRemark(text)));
    }
    expect(accepted / files.length).toBeGreaterThan(0.95);
  });

  it('declines what it does not fully understand', () => {
    for (const text of ['    - [ ] indented code', '```\n- [ ] fenced\n```', '<div>\n- [ ] html\n</div>', '> - [ ] quoted', '1. [ ] ordered', 'title\n===',
      'para\n---', '- - -', '***', '- [ ] a\n  - [x] nested', '-\t[ ] tab', '## closed ##', '#nospace', '---js\nx: 1\n---', '---\nunterminated', 'a\0b', '- [x]no space', '*\t[ ] tab']) {
      expect(scanSimpleMarkdown(text), JSON.stringify(text)).toBeNull();
    }
  });

  const lineArb = fc.oneof(
    fc.constantFrom('', ' ', '# Title', '## Habits', '### 1. Stage', '## Milestones', '- [ ] task', '- [x] done ✅ 2026-11-22', '* [X] upper', '+ [ ] plus', '- [ ]', '- [ ] ',
      '- plain item', '- [link](x)', 'Some *text* with `code`.', '| a | b |', '[ref]: /url', '2026 was a year', '1. ordered', '  - [ ] nested', '    code', '```', '~~~',
      '> quote', '<div>', '---', '===', '***', '- - -', '\t- [ ] tab', '#tag', '## closing ##', 'line with \\ escape', '- [x] [[goal]] minimum: walk [value:: 5]', '🎉 emoji line',
      '- [ ] 👨‍👩‍👧 family', '-', '+', '* * *', '- [x]no space', 'text<br>', '&amp; entity', '_under_', '1) paren', '*emphasis* at the start', '**bold** start',
      '-dash start', '+plus start', '--', '-- ', '*-*', '+++', '| table | row |', '\\# escaped', '\\- escaped item',
      '- # heading item', '- > quote item', '- ```', '- 1. nested', '- * nested', '+ - x', '- [ ] # hash task', '- [ ] > quote task', '* [x]   many spaces',
      '- [ ]\ttab after', '- [X] ', '- [x] [x] double', '  ', '\t', '- a\\', 'text  ', '[x]: /def', '- <div>', '- ~~~', '-  two spaces',
      // Obsidian Tasks' statuses: tasks for both readers, whatever the symbol.
      '- [/] in progress', '- [-] cancelled ❌ 2026-11-10', '* [>] deferred', '- [?] question', '- [/]', '- [-]  two spaces', '- [\\] backslash', '- [a](x) link', '[/]: /def', '- [/]no space'),
    fc.stringMatching(/^[a-z #*\-[\]x0-9.`>:]{0,20}$/),
  );

  it('property: on random documents it either declines or agrees with remark', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 25 }), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (lines, withFrontmatter, eol, bom) => {
      const body = lines.join(eol);
      const text = (bom ? '\uFEFF' : '') + (withFrontmatter ? `---${eol}title: x${eol}tags: [a, b]${eol}---${eol}` : '') + body;
      const fast = scanSimpleMarkdown(text);
      if (fast) expect(comparable(fast)).toEqual(comparable(parseMarkdownWithRemark(text)));
    }), { seed: Number(process.env.KAIZEN_SEED ?? 2026), numRuns: Number(process.env.KAIZEN_RUNS ?? 2000) });
  });
});

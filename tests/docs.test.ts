// The documentation a person navigates: every relative link and image of README.md, CHANGELOG.md and docs/
// names a file that exists (and a heading that exists, for #anchors), the README stays a short front door,
// and the CLI reference is exactly what the built CLI's help prints (regenerate with `npm run docs`).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN } from './helpers.js';
// @ts-expect-error: a plain .mjs script without types, shared with `npm run docs`.
import { cliReference, REFERENCE } from '../scripts/docs.mjs';

const REPO = path.resolve(__dirname, '..');
const pages = ['README.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks and inline code spans, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link and image targets: [text](target), ![alt](target), <img src="target">. */
function targets(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string),
    ...[...text.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1] as string),
  ];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = (m[1] as string).toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

describe('documentation', () => {
  it('README.md is a short front door that leads to every docs page', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThan(150);
    const index = fs.readFileSync(path.join(REPO, 'docs/README.md'), 'utf8');
    for (const page of pages.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')) {
      expect(targets(index), `docs/README.md links ${page}`).toContain(path.basename(page));
    }
  });

  it.each(pages)('every relative link and image of %s resolves', (page) => {
    const text = fs.readFileSync(path.join(REPO, page), 'utf8');
    const problems: string[] = [];
    for (const target of targets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [file = '', anchor] = target.split('#');
      const abs = file ? path.resolve(REPO, path.dirname(page), decodeURIComponent(file)) : path.join(REPO, page);
      if (!abs.startsWith(REPO) || !fs.existsSync(abs)) {
        problems.push(`${target}: no such file`);
        continue;
      }
      if (anchor && abs.endsWith('.md') && !anchors(fs.readFileSync(abs, 'utf8')).has(anchor)) problems.push(`${target}: no heading #${anchor}`);
    }
    expect(problems).toEqual([]);
    if (page !== 'CHANGELOG.md') expect(targets(text).length).toBeGreaterThan(0);
  });

  it('the Marketplace README\'s links resolve from the repository root, as vsce rewrites them', () => {
    const problems = targets(fs.readFileSync(path.join(REPO, 'media/README.md'), 'utf8'))
      .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
      .filter((t) => !fs.existsSync(path.join(REPO, t.split('#')[0] as string)));
    expect(problems).toEqual([]);
  });

  it('docs/cli-reference.md is the CLI\'s own help (run `npm run docs` after changing a command)', () => {
    if (!fs.existsSync(CLI_BIN)) throw new Error('dist/kaizen.cjs is missing: run `npm run build` (npm test does)');
    expect(fs.readFileSync(REFERENCE as string, 'utf8')).toBe((cliReference as (bin: string) => string)(CLI_BIN));
  });

  it('CHANGELOG.md has a section for the package\'s version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(fs.readFileSync(path.join(REPO, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });
});

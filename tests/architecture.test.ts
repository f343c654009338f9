// Dependencies point one way: the model is pure, only the extension may import vscode, and only
// the parser knows mdast/remark.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? sources(abs) : e.name.endsWith('.ts') ? [abs] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('architecture', () => {
  const files = sources(SRC);
  const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it('imports vscode only in src/extension', () => {
    const offenders = files.filter((f) => !rel(f).startsWith('extension/') && importsOf(f).includes('vscode'));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('keeps the LSP library in src/lsp: the language layer is editor-neutral, with no LSP types', () => {
    const offenders = files.filter((f) => !rel(f).startsWith('lsp/'))
      .flatMap((f) => importsOf(f).filter((i) => /^vscode-languageserver/.test(i)).map((i) => `${rel(f)} -> ${i}`));
    expect(offenders).toEqual([]);
    const layer = files.filter((f) => rel(f).startsWith('language/')).flatMap((f) => importsOf(f).filter((i) => /^(vscode|\.\.\/(extension|lsp|cli)\/)/.test(i)).map((i) => `${rel(f)} -> ${i}`));
    expect(layer).toEqual([]);
  });

  it('keeps src/model free of I/O, remark and vscode', () => {
    const banned = /^(node:|fs$|path$|os$|child_process$|vscode$|unified$|remark-|micromark|mdast|yaml$|commander$|chokidar$)/;
    const offenders = files.filter((f) => rel(f).startsWith('model/'))
      .flatMap((f) => importsOf(f).filter((i) => banned.test(i)).map((i) => `${rel(f)} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps remark and mdast inside src/parser', () => {
    const offenders = files.filter((f) => !rel(f).startsWith('parser/'))
      .flatMap((f) => importsOf(f).filter((i) => /^(unified$|remark-|micromark|mdast)/.test(i)).map((i) => `${rel(f)} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it('the parser does no I/O', () => {
    const offenders = files.filter((f) => rel(f).startsWith('parser/'))
      .flatMap((f) => importsOf(f).filter((i) => /^(node:|fs$|path$)/.test(i)).map((i) => `${rel(f)} -> ${i}`));
    expect(offenders).toEqual([]);
  });
});

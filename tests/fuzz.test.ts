// Fuzzing: mutated journal files and CommonMark's pathological inputs never crash check, stats or
// a report — they only produce diagnostics — and finish within a time budget. Seeds are fixed;
// KAIZEN_FUZZ_RUNS makes a longer local run.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryKind, JournalFileSystem } from '../src/journal/file-system.js';
import { Journal } from '../src/journal/journal.js';
import { buildReportData } from '../src/report/data.js';
import { parsePeriod } from '../src/model/periods.js';
import { renderReportMarkdown } from '../src/report/markdown.js';
import { heatmapSvg } from '../src/report/svg.js';
import { parseGoalFile, parseLogFile } from '../src/parser/index.js';
import { SAMPLE } from './helpers.js';

const RUNS = Number(process.env.KAIZEN_FUZZ_RUNS ?? 150);

/** A journal in memory: fast enough to open hundreds of times. */
function memoryFs(files: Map<string, Uint8Array>): JournalFileSystem {
  const dirs = new Map<string, Map<string, EntryKind>>();
  for (const file of files.keys()) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') || '/';
      if (!dirs.has(dir)) dirs.set(dir, new Map());
      dirs.get(dir)!.set(parts[i]!, i === parts.length - 1 ? 'file' : 'directory');
    }
  }
  return {
    async readFile(p) {
      const bytes = files.get(p);
      if (!bytes) throw new Error(`ENOENT ${p}`);
      return bytes;
    },
    async readDirectory(p) {
      return [...(dirs.get(p) ?? new Map()).entries()];
    },
    async stat(p) {
      if (files.has(p)) return { kind: 'file', size: files.get(p)!.length, mtimeMs: 0 };
      return dirs.has(p) ? { kind: 'directory', size: 0, mtimeMs: 0 } : null;
    },
  };
}

function sampleFiles(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const e of fs.readdirSync(SAMPLE, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || e.parentPath.includes('reports')) continue;
    const abs = path.join(e.parentPath, e.name);
    out.set(`/j/${path.relative(SAMPLE, abs).split(path.sep).join('/')}`, fs.readFileSync(abs));
  }
  return out;
}

async function everything(files: Map<string, Uint8Array>): Promise<void> {
  const journal = await Journal.open(memoryFs(files), '/j');
  const diagnostics = journal.diagnostics();
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/\n\s+at /);
  }
  journal.stats('2026-11-22');
  const period = parsePeriod('week', '2026-W47')!;
  const data = buildReportData({ period, asOf: '2026-11-22', goals: journal.orderedGoals(), habitDays: journal.habitDays(), logs: journal.logs, logFiles: new Map() });
  renderReportMarkdown(data, { reports: 'reports', reviewFile: `reviews/${data.period.label}.md`, reviewExists: false, previousReportExists: false });
  for (const g of data.goals) heatmapSvg(g);
}

const PIECES = ['\n', '\r\n', ':', ': ', '- ', '- [ ] ', '- [x] ', '[[', ']]', '#', '## ', '> ', '```\n', '    ', '\t', '*', '&', '<!--', '<div>', '"', "'", '{', '}', '|', '\\',
  '\0', '\uFEFF', '🎉', '👨‍👩‍👧', '---\n', '&a ', '*a', 'date: ', 'cadence: 9/week', 'start: 2026-02-30', '[value:: x]', '[value:: 1e400]', '✅ 2026-13-01', ' (99h)'];

describe('fuzzing', () => {
  it('random mutations of real journal files only ever produce diagnostics', async () => {
    const base = sampleFiles();
    const names = [...base.keys()].filter((n) => n.endsWith('.md') || n.endsWith('.yaml'));
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...names),
      fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), piece: fc.constantFrom(...PIECES), byte: fc.integer({ min: 0, max: 255 }), raw: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      async (name, mutations) => {
        let bytes = base.get(name)!;
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          const insert = m.raw ? new Uint8Array([m.byte]) : new TextEncoder().encode(m.piece);
          const next = new Uint8Array(bytes.length - Math.min(m.cut, bytes.length - at) + insert.length);
          next.set(bytes.subarray(0, at), 0);
          next.set(insert, at);
          next.set(bytes.subarray(Math.min(bytes.length, at + m.cut)), at + insert.length);
          bytes = next;
        }
        const files = new Map(base);
        files.set(name, bytes);
        await everything(files);
      },
    ), { seed: 4242, numRuns: RUNS });
  }, 120_000);

  const budget = 10_000;
  const pathological: [string, () => string][] = [
    ['*a **a × 65,000', () => '*a **a '.repeat(65_000)],
    ['[ × 50,000', () => '['.repeat(50_000)],
    ['> × 50,000', () => '> '.repeat(50_000)],
    ['a 5,000-deep nested list', () => Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- [ ] ${i}`).join('\n')],
    ['a 10 MB single line', () => 'x'.repeat(10 * 1024 * 1024)],
    ['a 3 MB single line', () => `- [ ] ${'y'.repeat(3 * 1024 * 1024)}`],
    ['NUL bytes', () => '---\ntitle: a\0b\n---\n- [ ] t\0ask\n\0\0\0'],
    ['deep YAML', () => `---\ntitle: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`],
    ['many aliases', () => `---\na: &a [x]\n${Array.from({ length: 200 }, (_, i) => `k${i}: *a`).join('\n')}\n---\n`],
  ];
  it.each(pathological)('%s finishes within budget with a result or a diagnostic', (_name, make) => {
    const text = make();
    const bytes = new TextEncoder().encode(text);
    for (const parse of [() => parseGoalFile(bytes, 'g', 'goals/g.md'), () => parseLogFile(bytes, '2026-11-22', 'logs/2026/2026-11-22.md')]) {
      const started = Date.now();
      const r = parse();
      expect(Date.now() - started).toBeLessThan(budget);
      expect(r.value !== null || r.diagnostics.length > 0).toBe(true);
      for (const d of r.diagnostics) expect(d.message).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('a pathological file does not stop the rest of the journal', async () => {
    const files = sampleFiles();
    files.set('/j/logs/2026/2026-11-23.md', new TextEncoder().encode('> '.repeat(50_000)));
    files.set('/j/goals/huge-line.md', new TextEncoder().encode('x'.repeat(9 * 1024 * 1024)));
    const journal = await Journal.open(memoryFs(files), '/j');
    const codes = journal.diagnostics().filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code}`);
    expect(codes).toContain('goals/huge-line.md too-large');
    expect(journal.stats('2026-11-22').find((r) => r.goal.id === 'morning-energy')!.stats.week).toMatchObject({ done: 4, target: 4 });
  });
});

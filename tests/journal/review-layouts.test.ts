// Reviews where the vault keeps its periodic notes (FORMAT §9): per period a folder and a name format,
// from kaizen.yaml or the Periodic Notes plugin; a name is only read as the period its format gives.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal, snapshot } from '../helpers.js';

const GOAL = '---\ntitle: Walk\nstart: 2026-10-01\ndue: 2026-11-29\nhabit:\n  cadence: 3/week\n  minimum: m\n  standard: s\n---\n';

describe('reviews in the vault\'s periodic notes', () => {
  it('kaizen.yaml names a folder and format per period; the others keep reviews/<period>.md', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-17.md': '- [x] [[walk]] standard\n' });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'reviews:\n  week: { folder: Weekly, format: "gggg-[W]ww" }\n  quarter: { folder: Quarterly, format: "YYYY [Q]Q" }\n');
    expect((await cli(['--dir', root, 'review', 'week', '2026-W47', '--as-of', '2026-11-22'])).stdout.trim()).toBe('Weekly/2026-W47.md');
    expect((await cli(['--dir', root, 'review', 'month', '2026-11', '--as-of', '2026-11-22'])).stdout.trim()).toBe('reviews/2026-11.md');
    expect((await cli(['--dir', root, 'review', 'quarter', '2026-Q4', '--as-of', '2026-11-22'])).stdout.trim()).toBe('Quarterly/2026 Q4.md');
    await cli(['--dir', root, 'report', 'week', '2026-W47', '--as-of', '2026-11-22']);
    expect(fs.readFileSync(path.join(root, 'reports/2026-W47.md'), 'utf8')).toContain('[your review](../Weekly/2026-W47.md)');
    await cli(['--dir', root, 'review', 'week', '2026-W47', '--as-of', '2026-11-22']);
    expect(fs.readFileSync(path.join(root, 'Weekly/2026-W47.md'), 'utf8')).toContain('Report: [2026-W47](../reports/2026-W47.md)');
  });

  it('a weekly note 2026-10 is never taken for October\'s review', async () => {
    const weekly = '# Week 10 of 2026\n\nMy own weekly note.\n';
    const root = makeJournal({ 'goals/walk.md': GOAL, 'Weekly/2026-10.md': weekly, 'logs/2026/2026-10-05.md': '- [x] [[walk]] standard\n' });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'reviews:\n  folder: Weekly\n  week: { folder: Weekly, format: "YYYY-WW" }\n');
    const before = snapshot(root);
    const r = await cli(['--dir', root, 'review', 'month', '2026-10', '--as-of', '2026-10-31']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a month review named Weekly\/2026-10\.md would look like the weekly notes there \(YYYY-WW\); set `reviews: \{ month: \{ folder, format \} \}`/);
    expect(snapshot(root)).toEqual(before);
    await cli(['--dir', root, 'report', 'month', '2026-10', '--as-of', '2026-10-31']);
    const report = fs.readFileSync(path.join(root, 'reports/2026-10.md'), 'utf8');
    expect(report).not.toContain('Weekly/2026-10.md');
    expect(report).toContain('no review yet');
  });

  it('zero configuration: the Periodic Notes plugin\'s weekly notes hold the weekly review, every byte of the note kept', async () => {
    const note = '---\ntags: [weekly]\n---\n# 2026-W47\n\nThings I noticed.\n';
    const root = makeJournal({
      'goals/walk.md': GOAL,
      '.obsidian/plugins/periodic-notes/data.json': '{"weekly":{"enabled":true,"folder":"Periodic/Weekly","format":"gggg-[W]ww"},"monthly":{"enabled":false}}',
      'Periodic/Weekly/2026-W47.md': note,
    });
    fs.rmSync(path.join(root, 'kaizen.yaml'));
    fs.mkdirSync(path.join(root, 'logs'));
    const r = await cli(['--dir', root, 'review', 'week', '2026-W47', '--as-of', '2026-11-22']);
    expect(r.stdout.trim()).toBe('Periodic/Weekly/2026-W47.md');
    const text = fs.readFileSync(path.join(root, 'Periodic/Weekly/2026-W47.md'), 'utf8');
    expect(text.startsWith('---\ntags: [weekly]\n---\n# 2026-W47\n\n<!-- kaizen:begin summary -->')).toBe(true);
    expect(text.endsWith('Things I noticed.\n')).toBe(true);
  });
});

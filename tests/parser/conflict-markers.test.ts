// Git conflict markers in journal files (FORMAT §10): reported at their line, the file not read, no write.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conflictMarkerLine } from '../../src/parser/conflict-markers.js';
import { cli, makeJournal, snapshot } from '../helpers.js';

const GOAL = '---\ntitle: Walk\nstart: 2026-11-01\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n---\n';
const MERGED = [
  '---', 'date: 2026-11-18', '---', '## Habits',
  '<<<<<<< HEAD', '- [x] [[walk]] minimum', '||||||| base', '- [ ] [[walk]] minimum', '=======', '- [x] [[walk]] standard', '>>>>>>> phone', '',
].join('\n');

describe('conflict markers', () => {
  it('finds a complete block (diff3 or not, CRLF too), and nothing in ordinary Markdown', () => {
    expect(conflictMarkerLine(MERGED)).toBe(5);
    expect(conflictMarkerLine(MERGED.replace(/\n/g, '\r\n'))).toBe(5);
    expect(conflictMarkerLine('a\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n')).toBe(2);
    expect(conflictMarkerLine('Title\n=======\n\ntext\n')).toBeNull();
    expect(conflictMarkerLine('<<<<<<< only an opening line\ntext\n')).toBeNull();
    expect(conflictMarkerLine('```\n<<<<<<<\n=======\n>>>>>>>\n```\n')).toBe(2);
  });

  it('a log with markers is an error at its line, is not counted, and is never written to', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-18.md': MERGED, 'logs/2026/2026-11-17.md': '- [x] [[walk]] standard\n' });
    const check = await cli(['--dir', root, 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('logs/2026/2026-11-18.md:5:1 error conflict-markers git conflict markers');
    const stats = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-22', '--json'])).stdout);
    expect(stats.goals[0].week.done).toBe(1);
    const before = snapshot(root);
    const log = await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-18']);
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/logs\/2026\/2026-11-18\.md:5:1: git conflict markers .*nothing was changed/);
    expect((await cli(['--dir', root, 'toggle', 'logs/2026/2026-11-18.md:6'])).code).toBe(1);
    expect(snapshot(root)).toEqual(before);
  });

  it('a goal file with markers is not read, and links to it are not "unknown"', async () => {
    const root = makeJournal({ 'goals/walk.md': `${GOAL}<<<<<<< a\n- [x] one\n=======\n- [ ] one\n>>>>>>> b\n`, 'logs/2026/2026-11-17.md': '- [x] [[walk]] standard\n' });
    const { diagnostics } = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout) as { diagnostics: { file: string; code: string }[] };
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['goals/walk.md conflict-markers']);
    expect(fs.readFileSync(path.join(root, 'goals/walk.md'), 'utf8')).toContain('<<<<<<< a');
  });
});

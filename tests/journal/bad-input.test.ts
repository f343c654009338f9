// A journal with every kind of broken file: each gets its diagnostic at the real line, nothing is
// written, nothing hangs, and the healthy files still give their numbers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal, snapshot } from '../helpers.js';

const GOOD_GOAL = '---\ntitle: Walk\nwhy: air\nstart: 2026-11-02\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n  minimum: 5 min\n  standard: 20 min\nmetric:\n  target: 100\n---\n## Milestones\n- [ ] Three walks 📅 2026-11-08\n';
const bomb = `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n`;

function brokenJournal(): string {
  return makeJournal({
    'goals/walk.md': GOOD_GOAL,
    'goals/invalid-yaml.md': '---\ntitle: x\nhabit: [a\n---\n',
    'goals/duplicate.md': '---\ntitle: a\nwhy: b\ntitle: c\n---\n',
    'goals/bomb.md': bomb,
    'goals/js.md': '---js\n({title: require("fs").writeFileSync("/tmp/kaizen-pwned", "x")})\n---\n',
    'goals/unterminated.md': '---\ntitle: x\n# never closed\n',
    'goals/latin1.md': Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]),
    'goals/deep.md': `---\ntitle: Deep\n---\n${Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- [ ] ${i}`).join('\n')}\n`,
    'logs/2026/2026-11-02.md': '---\ndate: 2026-11-02\n---\n- [x] [[walk]] minimum\n',
    'logs/2026/2026-11-03.md': '---\ndate: [2026\n---\n- [x] [[walk]] standard\n',
    'logs/2026/2026-11-04.md': '- [x] [[walk]] standard [value:: 20]\n',
    'logs/2026/2026-02-30.md': '- [x] [[walk]] standard\n',
    'logs/2026/2026-11-05.md': '---\ndate: 2026-11-05\nenergy: 3\n---\n- [x] [[bomb]] minimum\n',
  });
}

describe('a journal with broken files', () => {
  it('reports each at its line, writes nothing, and the rest still works', async () => {
    const root = brokenJournal();
    const before = snapshot(root);
    const started = Date.now();
    const check = await cli(['--dir', root, 'check', '--json']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(check.code).toBe(1);
    const got = JSON.parse(check.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error')
      .map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`);
    expect(got).toEqual(expect.arrayContaining([
      'goals/invalid-yaml.md:3 yaml-error',
      'goals/deep.md:1 too-large',
      'goals/duplicate.md:4 yaml-error',
      'goals/bomb.md:2 yaml-error',
      'goals/js.md:1 yaml-error',
      'goals/unterminated.md:1 yaml-error',
      'goals/latin1.md:2 bad-encoding',
      'logs/2026/2026-11-03.md:2 yaml-error',
      'logs/2026/2026-02-30.md:1 bad-date',
    ]));
    expect(check.stdout).not.toMatch(/\n\s+at \S+:\d+/);
    expect(fs.existsSync('/tmp/kaizen-pwned')).toBe(false);
    // A link to a goal whose file exists but is broken is not an "unknown goal".
    expect(check.stdout).not.toMatch(/\[\[bomb\]\] is not a goal/);

    const stats = await cli(['--dir', root, 'stats', '--as-of', '2026-11-08', '--json']);
    expect(stats.code).toBe(0);
    const walk = JSON.parse(stats.stdout).goals.find((g: { id: string }) => g.id === 'walk');
    // 2026-11-02 minimum and 2026-11-04 standard count; the broken 11-03 log is skipped, not guessed.
    expect(walk.week).toMatchObject({ period: '2026-W45', done: 2, minimum: 1, standard: 1 });
    expect(walk.progress).toBeCloseTo(20, 10);
    expect(snapshot(root)).toEqual(before);
  });

  it('a big file the line scanner cannot read is reported as too large, quickly, and the rest still works', async () => {
    const lines = ['---', 'title: Big', '---', '# Big'];
    for (let i = 0; i < 60000; i++) lines.push(`- [ ] task ${i}`, `  - [x] nested ${i}`);
    const root = makeJournal({ 'goals/big.md': lines.join('\n'), 'goals/walk.md': GOOD_GOAL });
    const started = Date.now();
    const r = await cli(['--dir', root, 'check', '--json']);
    expect(Date.now() - started).toBeLessThan(10_000);
    const diags = JSON.parse(r.stdout).diagnostics;
    expect(diags).toContainEqual(expect.objectContaining({ file: 'goals/big.md', code: 'too-large', severity: 'error', line: 1 }));
    expect(diags.filter((d: { file: string }) => d.file === 'goals/walk.md')).toEqual([]);
  });

  it('kaizen.yaml with a folder outside the journal is refused with a message', async () => {
    const root = makeJournal({ 'goals/walk.md': GOOD_GOAL });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'goals: ../../etc\nlogs: [x\n');
    const r = await cli(['--dir', root, 'check', '--json']);
    const diags = JSON.parse(r.stdout).diagnostics;
    expect(diags[0]).toMatchObject({ file: 'kaizen.yaml', code: 'yaml-error', line: 2 });
    fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'goals: ../../etc\n');
    const r2 = JSON.parse((await cli(['--dir', root, 'check', '--json'])).stdout).diagnostics;
    expect(r2[0]).toMatchObject({ file: 'kaizen.yaml', code: 'bad-value', line: 1, column: 8 });
  });

  it('toggle and log refuse to touch a broken file', async () => {
    const root = brokenJournal();
    const before = snapshot(root);
    const log = await cli(['--dir', root, 'log', 'walk', 'minimum', '--date', '2026-11-03']);
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/logs\/2026\/2026-11-03\.md:2:\d+: invalid YAML.*fix it first/);
    const logBroken = await cli(['--dir', root, 'log', 'bomb', 'minimum', '--date', '2026-11-06']);
    expect(logBroken.stderr).toMatch(/goals\/bomb\.md has errors/);
    const toggle = await cli(['--dir', root, 'toggle', 'goals/latin1.md:1']);
    expect(toggle.code).toBe(1);
    expect(toggle.stderr).toMatch(/not valid UTF-8/);
    expect(snapshot(root)).toEqual(before);
  });
});

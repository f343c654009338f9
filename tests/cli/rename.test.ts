// `kaizen rename`: a dry run lists every link; --write rewrites them by offsets and renames the file;
// aliases and everything else stay; the numbers are the same under the new id.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeJournal, snapshot } from '../helpers.js';

const GOAL = '---\ntitle: Walk\naliases: [strolling]\nstart: 2026-11-02\ndue: 2026-12-20\nhabit:\n  cadence: 3/week\n---\n# Walk\n## Milestones\n- [ ] First week 📅 2026-11-08\n';

describe('kaizen rename', () => {
  it('dry run, then --write: links in every form rewritten, aliases and other text kept, the same numbers', async () => {
    const root = makeJournal({
      'goals/walk.md': GOAL,
      'goals/read.md': '---\ntitle: Read\n---\nSee [[walk]] for the mornings.\n',
      'logs/2026/2026-11-02.md': '- [x] [[walk]] minimum\r\n- [ ] [[Walk|my walk 🚶]] standard\r\n',
      'logs/2026/2026-11-03.md': '- [x] [[goals/walk.md#Stages]] standard\n- [x] [[strolling]] minimum\n- [ ] [[walker]] minimum\n',
      'sprints/2026-W45.md': '---\nweeks: 2\ngoal: g\nfocus: walk\n---\n## Committed\n- [[walk]] First week\n',
      'reviews/2026-W45.md': '# Review\nThe [[walk]] went well.\n',
    });
    const statsBefore = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-08', '--json'])).stdout).goals.find((g: { id: string }) => g.id === 'walk');
    const before = snapshot(root);
    const dry = await cli(['--dir', root, 'rename', 'walk', 'morning-walk']);
    expect(dry.stdout).toBe([
      'goals/read.md:4: [[walk]] → [[morning-walk]]',
      'logs/2026/2026-11-02.md:1: [[walk]] → [[morning-walk]]', 'logs/2026/2026-11-02.md:2: [[walk]] → [[morning-walk]]',
      'logs/2026/2026-11-03.md:1: [[walk]] → [[morning-walk]]',
      'reviews/2026-W45.md:2: [[walk]] → [[morning-walk]]',
      'sprints/2026-W45.md:7: [[walk]] → [[morning-walk]]', 'sprints/2026-W45.md:4: [[walk]] → [[morning-walk]]',
      'goals/walk.md → goals/morning-walk.md', '',
    ].join('\n'));
    expect(snapshot(root)).toEqual(before);
    const written = await cli(['--dir', root, 'rename', 'walk', 'morning-walk', '--write']);
    expect(written.code).toBe(0);
    const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
    expect(fs.existsSync(path.join(root, 'goals/walk.md'))).toBe(false);
    // The old id becomes an alias (issue 23): links another device writes before it syncs still count.
    expect(read('goals/morning-walk.md')).toBe(GOAL.replace('aliases: [strolling]', 'aliases: [strolling, walk]'));
    expect(read('logs/2026/2026-11-02.md')).toBe('- [x] [[morning-walk]] minimum\r\n- [ ] [[morning-walk|my walk 🚶]] standard\r\n');
    expect(read('logs/2026/2026-11-03.md')).toBe('- [x] [[goals/morning-walk.md#Stages]] standard\n- [x] [[strolling]] minimum\n- [ ] [[walker]] minimum\n');
    expect(read('sprints/2026-W45.md')).toContain('focus: morning-walk\n---\n## Committed\n- [[morning-walk]] First week\n');
    expect(read('reviews/2026-W45.md')).toBe('# Review\nThe [[morning-walk]] went well.\n');
    const statsAfter = JSON.parse((await cli(['--dir', root, 'stats', '--as-of', '2026-11-08', '--json'])).stdout).goals.find((g: { id: string }) => g.id === 'morning-walk');
    expect({ ...statsAfter, id: 'walk' }).toEqual(statsBefore);
  });

  it('refuses an unknown goal, a bad or taken id, or an alias of another goal, changing nothing', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'goals/read.md': '---\ntitle: Read\naliases: [books]\n---\n' });
    const before = snapshot(root);
    expect((await cli(['--dir', root, 'rename', 'swim', 'x'])).stderr).toContain('no goal "swim"');
    expect((await cli(['--dir', root, 'rename', 'walk', '../x', '--write'])).stderr).toContain('nothing was renamed');
    expect((await cli(['--dir', root, 'rename', 'walk', 'read', '--write'])).stderr).toContain('goals/read.md already exists');
    expect((await cli(['--dir', root, 'rename', 'walk', 'books', '--write'])).stderr).toContain('"books" is an alias of read');
    expect(snapshot(root)).toEqual(before);
  });
});

// A goal renamed on one device while the other logs its old id (issue 23): no false conflict, no
// check counted nowhere. The rename records the old id in `aliases:`, the merge follows the rename,
// and `kaizen rename old new --write` later rewrites the links that still use the old id.
import { describe, expect, it, vi } from 'vitest';
import { device, git, kaizen, makeRemote, read } from './devices.js';

vi.setConfig({ testTimeout: 300_000 });

describe('a rename on one device, the old id logged on the other', () => {
  it('syncs without a conflict; the old id still counts, and the links can be rewritten after', () => {
    const { dir, remote } = makeRemote();
    const laptop = device(dir, remote, 'rename-laptop');
    const other = device(dir, remote, 'rename-other');
    kaizen(laptop, ['rename', 'walk', 'stroll', '--write']);
    expect(read(laptop, 'goals/stroll.md')).toContain('aliases: [walk]\n---\n');
    kaizen(laptop, ['sync']);
    kaizen(other, ['log', 'walk', 'minimum', '--date', '2026-11-23']);
    kaizen(other, ['log', 'walk', 'standard', '--date', '2026-11-28']);
    const sync = kaizen(other, ['sync']);
    expect(sync.err).toContain('in sync with origin/main');
    expect(read(other, 'logs/2026/2026-11-23.md')).toContain('- [x] [[stroll]] minimum');
    expect(read(other, 'logs/2026/2026-11-23.md')).not.toContain('[[walk]]');
    expect(read(other, 'logs/2026/2026-11-28.md')).toContain('- [x] [[walk]] standard');
    const check = kaizen(other, ['check'], null).out;
    expect(check).not.toContain('unknown-goal');
    expect(check).not.toContain('conflict-markers');
    expect(check).toContain('logs/2026/2026-11-28.md:7:7 info old-goal-name [[walk]] names stroll by an alias');
    const stats = JSON.parse(kaizen(other, ['stats', '--json', '--as-of', '2026-11-29']).out) as { goals: Array<{ id: string; week?: unknown }> };
    expect(JSON.stringify(stats)).toContain('stroll');
    // The links still naming the old id, rewritten; the file stays where it is.
    kaizen(other, ['rename', 'walk', 'stroll', '--write']);
    expect(read(other, 'logs/2026/2026-11-28.md')).toContain('- [x] [[stroll]] standard');
    expect(git(other, 'status', '--porcelain', 'goals')).toBe('');
  });
});

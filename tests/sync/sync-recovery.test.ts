// `kaizen sync` after what a person really meets (issue 23): a genuine conflict and its own advice
// followed, markers it must never commit, files that are not the journal, its counts and words.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commitAll, device, edit, git, head, kaizen, makeRemote, read, remoteHead, run, write } from './devices.js';

// Each test runs a dozen real git and kaizen processes; a busy machine needs more than the default.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let remote: string;
const DAY = 'logs/2026/2026-11-23.md';

beforeAll(() => {
  ({ dir, remote } = makeRemote());
});

describe('kaizen sync after a genuine conflict', () => {
  it('following its own advice (make the line the same on this device) syncs, and the other device follows', () => {
    const laptop = device(dir, remote, 'advice-laptop');
    const phone = device(dir, remote, 'advice-phone');
    kaizen(phone, ['log', 'walk', 'standard', '--value', '30', '--date', '2026-11-23']);
    kaizen(phone, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '35', '--date', '2026-11-23']);
    const stopped = kaizen(laptop, ['sync'], 1);
    expect(stopped.err).toContain('[value:: 35] on one device, [value:: 30] on the other');
    expect(stopped.err).toContain('Make the line the same on one device');
    // The advice, on this device: the other device's value.
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '30', '--date', '2026-11-23']);
    const again = kaizen(laptop, ['sync']);
    expect(again.err).toContain('in sync with origin/main');
    expect(read(laptop, DAY)).toContain('[[walk]] standard: Walk 20 minutes [value:: 30]');
    expect(read(laptop, DAY)).not.toContain('<<<<<<<');
    kaizen(phone, ['sync']);
    expect(read(phone, DAY)).toBe(read(laptop, DAY));
    expect(git(laptop, 'status', '--porcelain')).toBe('');
    // And again, with nothing left to do.
    expect(kaizen(laptop, ['sync']).err).toContain('0 commits from origin, 0 commits pushed');
  });

  it('counts only the commits that came from the other device, not its own rebased ones', () => {
    const laptop = device(dir, remote, 'count-laptop');
    const phone = device(dir, remote, 'count-phone');
    kaizen(phone, ['log', 'walk', 'minimum', '--date', '2026-11-24']);
    kaizen(phone, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--date', '2026-11-25']);
    commitAll(laptop, 'one');
    kaizen(laptop, ['log', 'walk', 'standard', '--date', '2026-11-26']);
    commitAll(laptop, 'two');
    expect(kaizen(laptop, ['sync']).err).toContain('1 commit from origin, 2 commits pushed');
  });
});

describe('kaizen sync never commits conflict markers', () => {
  it('refuses after a conflicted git stash pop, naming the file; nothing committed or pushed', () => {
    const laptop = device(dir, remote, 'stash-laptop');
    const phone = device(dir, remote, 'stash-phone');
    const day = 'logs/2026/2026-11-19.md';
    kaizen(laptop, ['today', '--date', '2026-11-19']);
    kaizen(laptop, ['sync']);
    kaizen(phone, ['sync']);
    kaizen(phone, ['log', 'walk', 'standard', '--value', '30', '--date', '2026-11-19']);
    kaizen(phone, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '35', '--date', '2026-11-19']);
    git(laptop, 'stash');
    git(laptop, 'pull', '-q');
    expect(run(laptop, 'git', ['stash', 'pop'], null).code).not.toBe(0);
    expect(read(laptop, day)).toContain('<<<<<<<');
    const [before, remoteBefore] = [head(laptop), remoteHead(remote)];
    const refused = kaizen(laptop, ['sync'], 1);
    expect(refused.err).toContain(day);
    expect(refused.err).toMatch(/conflict/);
    expect(head(laptop)).toBe(before);
    expect(remoteHead(remote)).toBe(remoteBefore);
    // Staged by hand (no longer "unmerged"), the markers are still refused.
    git(laptop, 'add', day);
    expect(kaizen(laptop, ['sync'], 1).err).toContain(`${day}:`);
    expect(head(laptop)).toBe(before);
    expect(remoteHead(remote)).toBe(remoteBefore);
  });

  it('refuses in the middle of a cherry-pick', () => {
    const laptop = device(dir, remote, 'pick-laptop');
    git(laptop, 'checkout', '-q', '-b', 'side');
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '10', '--date', '2026-11-23']);
    commitAll(laptop, 'side');
    git(laptop, 'checkout', '-q', 'main');
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '12', '--date', '2026-11-23']);
    commitAll(laptop, 'main');
    expect(run(laptop, 'git', ['cherry-pick', 'side'], null).code).not.toBe(0);
    const before = head(laptop);
    const refused = kaizen(laptop, ['sync'], 1);
    expect(refused.err).toContain('cherry-pick');
    expect(head(laptop)).toBe(before);
    git(laptop, 'cherry-pick', '--abort');
  });
});

describe('kaizen sync commits only the journal', () => {
  it('leaves staged and unstaged files outside the journal out, and says so', () => {
    const laptop = device(dir, remote, 'only-laptop');
    write(laptop, '.obsidian/workspace.json', '{"active": "a"}\n');
    commitAll(laptop, 'workspace');
    git(laptop, 'push', '-q');
    write(laptop, '.obsidian/workspace.json', '{"active": "b"}\n');
    write(laptop, '.env', 'TOKEN=secret\n');
    write(laptop, 'scratch.txt', 'draft\n');
    git(laptop, 'add', 'scratch.txt');
    kaizen(laptop, ['log', 'walk', 'minimum', '--date', '2026-11-27']);
    const sync = kaizen(laptop, ['sync']);
    expect(git(laptop, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('logs/2026/2026-11-27.md');
    expect(sync.err).toContain('left out 3 files that are not journal notes');
    expect(sync.err).toContain('.obsidian/workspace.json');
    expect(sync.err).toContain('.env');
    expect(sync.err).toContain('scratch.txt');
    // What was left out is as it was: scratch.txt still staged, the rest untouched.
    expect(git(laptop, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([' M .obsidian/workspace.json', '?? .env', 'A  scratch.txt']);
    expect(fs.readFileSync(path.join(laptop, '.env'), 'utf8')).toBe('TOKEN=secret\n');
  });

  it('another device changing the same left-out workspace file does not stop the sync', () => {
    const laptop = device(dir, remote, 'ws-laptop');
    const other = device(dir, remote, 'ws-other');
    write(other, '.obsidian/workspace.json', '{"active": "other"}\n');
    commitAll(other, 'workspace from an old sync');
    git(other, 'push', '-q');
    write(laptop, '.obsidian/workspace.json', '{"active": "laptop"}\n');
    kaizen(laptop, ['log', 'walk', 'minimum', '--date', '2026-11-28']);
    const sync = kaizen(laptop, ['sync'], null);
    // The journal went through; the workspace file is named with what to do about it.
    expect(git(remote, 'show', '--name-only', '--format=', 'main').trim()).toBe('logs/2026/2026-11-28.md');
    expect(sync.err).toContain('.obsidian/workspace.json');
    expect(sync.err).not.toContain('Make the line the same');
  });
});

describe('kaizen sync and a note that is not valid UTF-8', () => {
  it('says which file and how to fix it, not "make the line the same"', () => {
    const laptop = device(dir, remote, 'utf-laptop');
    const phone = device(dir, remote, 'utf-phone');
    edit(phone, DAY, '## Notes\n', '## Notes\nCaf\u00e9 walk.\n');
    kaizen(phone, ['sync']);
    const text = read(laptop, DAY).replace('## Notes\n', '## Notes\nCaf\u00e9 run.\n');
    write(laptop, DAY, Buffer.from(text, 'latin1'));
    const stopped = kaizen(laptop, ['sync'], 1);
    expect(stopped.err).toContain(`${DAY} is not valid UTF-8`);
    expect(stopped.err).toContain('save it as UTF-8');
    expect(stopped.err).not.toContain('Make the line the same');
  });
});

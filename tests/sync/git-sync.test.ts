// Two devices, one journal, real git (FORMAT §10): a bare remote and clones in a temp folder, the
// built `kaizen` as git's merge driver. Each row of the table is merged by `git pull` (or
// `kaizen sync`), and `kaizen stats` must equal what one device making both devices' edits would count.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_BIN, tempDir } from '../helpers.js';

// Each test runs dozens of real git and kaizen processes: a machine busy with other work needs time.
vi.setConfig({ testTimeout: 180_000 });

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', KAIZEN_CACHE: 'off',
  GIT_AUTHOR_DATE: '2026-11-22T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-22T12:00:00Z',
};

function run(cwd: string, cmd: string, args: string[], expectCode: number | null = 0, env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, env: { ...GIT_ENV, ...env }, encoding: 'utf8' });
  const result = { code: r.status ?? 1, out: r.stdout, err: r.stderr };
  if (expectCode !== null && result.code !== expectCode) {
    throw new Error(`${cmd} ${args.join(' ')} in ${cwd} exited ${result.code}:\n${r.stdout}\n${r.stderr}`);
  }
  return result;
}
const git = (cwd: string, ...args: string[]) => run(cwd, 'git', args).out;
const kaizen = (cwd: string, args: string[], expectCode: number | null = 0) => run(cwd, process.execPath, [CLI_BIN, ...args], expectCode);

const GOAL = `---
title: Walk every morning
lead: true
why: Clear head.
start: 2026-11-01
due: 2026-12-31
habit:
  cadence: 4/week
  minimum: Shoes on, 5 minutes
  standard: Walk 20 minutes
metric:
  name: minutes walked
  unit: min
  baseline: 0
  target: 600
---
# Walk every morning

## Stages
### 1. Make it easy
- [ ] Pick a route (1h)
- [ ] Lay out shoes the night before (15m)

## Milestones
- [ ] Ten walks 📅 2026-11-30
`;

const write = (root: string, rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const edit = (root: string, rel: string, from: string, to: string) => {
  const text = read(root, rel);
  if (!text.includes(from)) throw new Error(`${rel} has no "${from}"`);
  write(root, rel, text.replace(from, to));
};
const commit = (root: string, message: string) => {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
};
const stats = (root: string) => JSON.parse(kaizen(root, ['stats', '--json', '--as-of', '2026-11-29']).out) as unknown;

let dir: string;
let remote: string;

/** A device: a clone of the remote with its identity and `kaizen sync setup` done. */
function device(name: string, options: { setup?: boolean; style?: string } = {}): string {
  const root = path.join(dir, name);
  git(dir, 'clone', '-q', remote, root);
  git(root, 'config', 'user.name', name);
  git(root, 'config', 'user.email', `${name}@example.org`);
  if (options.setup !== false) kaizen(root, ['sync', 'setup']);
  if (options.style) git(root, 'config', 'merge.conflictStyle', options.style);
  return root;
}

/** A scratch copy of a device's journal where one device makes both devices' edits: the oracle. */
function oneDevice(from: string): string {
  const root = tempDir('kaizen-oracle-');
  fs.cpSync(from, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
  return root;
}

beforeAll(() => {
  dir = tempDir('kaizen-git-');
  remote = path.join(dir, 'remote.git');
  git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  const first = path.join(dir, 'first');
  git(dir, 'clone', '-q', remote, first);
  git(first, 'config', 'user.name', 'first');
  git(first, 'config', 'user.email', 'first@example.org');
  write(first, 'kaizen.yaml', 'goals: goals\nlogs: logs\n');
  write(first, 'goals/walk.md', GOAL);
  kaizen(first, ['today', '--date', '2026-11-23']);
  const setup = kaizen(first, ['sync', 'setup']);
  expect(setup.out).toContain('added   .gitattributes: /logs/**/*.md merge=kaizen');
  expect(setup.out).toContain('added   git config merge.kaizen.driver');
  // Idempotent: a second run adds nothing.
  expect(kaizen(first, ['sync', 'setup']).out).not.toContain('added');
  commit(first, 'journal');
  git(first, 'push', '-q', '-u', 'origin', 'main');
});

describe('two devices through git', () => {
  it('both levels checked on one day, then the same day created on both with different checks', () => {
    const laptop = device('laptop1');
    const phone = device('phone1');
    const oracle = oneDevice(laptop);
    for (const root of [phone, oracle]) kaizen(root, ['log', 'walk', 'minimum', '--date', '2026-11-23']);
    for (const root of [laptop, oracle]) kaizen(root, ['log', 'walk', 'standard', '--value', '25', '--date', '2026-11-23']);
    // A day neither had: both create it, each with its own check (git's add/add).
    for (const root of [phone, oracle]) kaizen(root, ['log', 'walk', 'minimum', '--date', '2026-11-24']);
    for (const root of [laptop, oracle]) kaizen(root, ['log', 'walk', 'standard', '--value', '20', '--date', '2026-11-24']);
    commit(phone, 'phone');
    git(phone, 'push', '-q');
    commit(laptop, 'laptop');
    git(laptop, 'pull', '-q', '--no-rebase', '--no-edit');
    expect(run(laptop, 'git', ['diff', '--name-only', '--diff-filter=U']).out).toBe('');
    for (const day of ['2026-11-23', '2026-11-24']) {
      const text = read(laptop, `logs/2026/${day}.md`);
      expect(text).toMatch(/- \[x\] \[\[walk\]\] minimum/);
      expect(text).toMatch(/- \[x\] \[\[walk\]\] standard: Walk 20 minutes \[value:: (25|20)\]/);
      expect(text).not.toContain('<<<<<<<');
    }
    expect(stats(laptop)).toEqual(stats(oracle));
    expect(kaizen(laptop, ['check']).code).toBe(0);
  });

  it('kaizen today writes the same bytes for the same day on every device (any time zone or language)', () => {
    const laptop = device('laptop0');
    const phone = device('phone0');
    run(laptop, process.execPath, [CLI_BIN, 'today', '--date', '2026-11-29'], 0, { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8' });
    run(phone, process.execPath, [CLI_BIN, 'today', '--date', '2026-11-29'], 0, { TZ: 'America/Los_Angeles', LANG: 'ja_JP.UTF-8' });
    expect(read(laptop, 'logs/2026/2026-11-29.md')).toBe(read(phone, 'logs/2026/2026-11-29.md'));
    commit(phone, 'phone');
    git(phone, 'push', '-q');
    commit(laptop, 'laptop');
    git(laptop, 'pull', '-q', '--no-rebase', '--no-edit');
    expect(read(laptop, 'logs/2026/2026-11-29.md')).toBe(read(phone, 'logs/2026/2026-11-29.md'));
  });

  it('a value changed differently on both is a conflict with its reason; git stops and keeps the markers', () => {
    const laptop = device('laptop2');
    const phone = device('phone2');
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '20', '--date', '2026-11-25']);
    commit(laptop, 'base');
    git(laptop, 'push', '-q');
    git(phone, 'pull', '-q');
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '22', '--date', '2026-11-25']);
    kaizen(phone, ['log', 'walk', 'standard', '--value', '25', '--date', '2026-11-25']);
    commit(phone, 'phone');
    git(phone, 'push', '-q');
    commit(laptop, 'laptop');
    const pull = run(laptop, 'git', ['pull', '--no-rebase', '--no-edit'], null);
    expect(pull.code).not.toBe(0);
    expect(pull.err).toContain('[[walk]] standard: [value:: 22] on one device, [value:: 25] on the other');
    const text = read(laptop, 'logs/2026/2026-11-25.md');
    expect(text).toContain('<<<<<<< ours\n- [x] [[walk]] standard: Walk 20 minutes [value:: 22]\n||||||| base\n');
    expect(kaizen(laptop, ['check'], 1).out).toContain('logs/2026/2026-11-25.md:8:1 error conflict-markers');
    // `kaizen resolve` cannot choose either: the markers stay, the file is listed.
    const resolve = kaizen(laptop, ['resolve'], 1);
    expect(resolve.out).toContain('logs/2026/2026-11-25.md:8:1 [[walk]] standard: [value:: 22] on one device, [value:: 25] on the other');
    expect(read(laptop, 'logs/2026/2026-11-25.md')).toBe(text);
    git(laptop, 'merge', '--abort');
  });

  it('notes appended on both, a task checked on one and unchecked on the other, a goal task with two ✅ dates', () => {
    const laptop = device('laptop3');
    const phone = device('phone3');
    const log = 'logs/2026/2026-11-23.md';
    edit(laptop, log, '## Tasks\n', '## Tasks\n- [ ] Email the landlord\n- [x] Buy rain gear\n');
    commit(laptop, 'tasks');
    git(laptop, 'push', '-q');
    git(phone, 'pull', '-q');
    const oracle = oneDevice(laptop);
    for (const root of [phone, oracle]) {
      edit(root, log, '## Notes\n', '## Notes\nWalked in the rain.\n');
      kaizen(root, ['toggle', `${log}:11`]); // checks "Email the landlord"
      kaizen(root, ['toggle', 'goals/walk.md:21', '--date', '2026-11-24']);
    }
    for (const root of [laptop, oracle]) {
      if (root === oracle) edit(root, log, 'Walked in the rain.\n', 'Walked in the rain.\nTired, went anyway.\n');
      else edit(root, log, '## Notes\n', '## Notes\nTired, went anyway.\n');
      kaizen(root, ['toggle', `${log}:12`]); // unchecks "Buy rain gear"
      if (root === laptop) kaizen(root, ['toggle', 'goals/walk.md:21', '--date', '2026-11-22']);
    }
    edit(oracle, 'goals/walk.md', '✅ 2026-11-24', '✅ 2026-11-22');
    commit(phone, 'phone');
    git(phone, 'push', '-q');
    commit(laptop, 'laptop');
    git(laptop, 'pull', '-q', '--rebase');
    expect(read(laptop, log)).toContain('## Tasks\n- [x] Email the landlord\n- [ ] Buy rain gear\n');
    // The laptop's commit is replayed onto the phone's: the phone's lines come first.
    expect(read(laptop, log)).toContain('## Notes\nWalked in the rain.\nTired, went anyway.\n');
    expect(read(laptop, 'goals/walk.md')).toContain('- [x] Pick a route (1h) ✅ 2026-11-22\n');
    expect(read(laptop, log)).toBe(read(oracle, log));
    expect(read(laptop, 'goals/walk.md')).toBe(read(oracle, 'goals/walk.md'));
    expect(stats(laptop)).toEqual(stats(oracle));
  });

  it('kaizen sync commits, pulls with rebase, pushes and says what it merged', () => {
    const laptop = device('laptop4');
    const phone = device('phone4');
    kaizen(phone, ['log', 'walk', 'minimum', '--date', '2026-11-26']);
    expect(kaizen(phone, ['sync']).err).toMatch(/committed 1 changed file.*\n.*in sync with origin\/main: 0 commits from origin, 1 commit pushed/);
    kaizen(laptop, ['log', 'walk', 'standard', '--date', '2026-11-26']);
    const sync = kaizen(laptop, ['sync']);
    expect(sync.out).toContain('logs/2026/2026-11-26.md: kept ✅ [[walk]] minimum from the other device (origin)');
    expect(sync.err).toContain('1 commit pushed');
    git(phone, 'pull', '-q');
    expect(read(phone, 'logs/2026/2026-11-26.md')).toBe(read(laptop, 'logs/2026/2026-11-26.md'));
    expect(git(laptop, 'status', '--porcelain')).toBe('');
    // A conflict stops sync with the lines and both versions, and leaves this device as it was.
    kaizen(phone, ['log', 'walk', 'standard', '--value', '30', '--date', '2026-11-26']);
    kaizen(phone, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--value', '35', '--date', '2026-11-26']);
    const head = git(laptop, 'rev-parse', 'HEAD');
    const stopped = kaizen(laptop, ['sync'], 1);
    expect(stopped.err).toContain('could not merge with origin/main; nothing was changed');
    // The two ends were merged at once: this device's value is named first.
    expect(stopped.err).toContain('logs/2026/2026-11-26.md:8: [[walk]] standard: [value:: 35] on one device, [value:: 30] on the other');
    expect(git(laptop, 'status', '--porcelain')).toBe('');
    expect(git(laptop, 'rev-list', '--count', `${head.trim()}..HEAD`).trim()).toBe('1');
    expect(read(laptop, 'logs/2026/2026-11-26.md')).toContain('[value:: 35]');
  });

  it('markers committed by a client without the driver are found by check and resolved by kaizen resolve', () => {
    const laptop = device('laptop5');
    for (const style of ['merge', 'diff3']) {
      const web = device(`web-${style}`, { setup: false, style });
      const day = style === 'merge' ? '2026-11-27' : '2026-11-28';
      kaizen(laptop, ['today', '--date', day]);
      commit(laptop, 'today');
      git(laptop, 'push', '-q');
      git(web, 'pull', '-q');
      const oracle = oneDevice(laptop);
      for (const root of [laptop, oracle]) kaizen(root, ['log', 'walk', 'minimum', '--date', day]);
      for (const root of [web, oracle]) kaizen(root, ['log', 'walk', 'standard', '--date', day]);
      commit(laptop, 'laptop');
      git(laptop, 'push', '-q');
      commit(web, 'web');
      // No driver on this client: git's line merge stops on the adjacent lines; the markers are committed.
      expect(run(web, 'git', ['pull', '--no-rebase', '--no-edit'], null).code).not.toBe(0);
      commit(web, 'merged on the web');
      git(web, 'push', '-q');
      git(laptop, 'pull', '-q');
      const rel = `logs/2026/${day}.md`;
      expect(read(laptop, rel)).toContain(style === 'diff3' ? '||||||| ' : '=======');
      expect(kaizen(laptop, ['check'], 1).out).toContain(`${rel}:7:1 error conflict-markers`);
      const resolved = kaizen(laptop, ['resolve']);
      expect(resolved.out).toContain(`${rel}: resolved 1 conflict`);
      expect(read(laptop, rel)).toBe(read(oracle, rel));
      expect(stats(laptop)).toEqual(stats(oracle));
      commit(laptop, 'resolved');
      git(laptop, 'push', '-q');
    }
  });

  it('check warns when .gitattributes names the driver but this machine lacks it; sync refuses', () => {
    const bare = device('bare-device', { setup: false });
    const check = kaizen(bare, ['check']);
    expect(check.out).toContain('.gitattributes:2:');
    expect(check.out).toContain('warning sync-driver-missing');
    expect(kaizen(bare, ['sync'], 1).err).toContain('run `kaizen sync setup` once');
    kaizen(bare, ['sync', 'setup']);
    expect(kaizen(bare, ['check']).out).not.toContain('sync-driver-missing');
  });

  it('refuses outside a git work tree, and the driver handles an empty base and invalid UTF-8', () => {
    const plain = tempDir();
    write(plain, 'kaizen.yaml', 'goals: goals\n');
    expect(kaizen(plain, ['sync', 'setup'], 1).err).toContain('is not inside a git work tree');
    write(plain, 'o', '');
    write(plain, 'a', '- [x] [[walk]] minimum\n');
    write(plain, 'b', '- [ ] [[walk]] minimum\n- [x] [[walk]] standard\n');
    expect(kaizen(plain, ['merge-driver', 'o', 'a', 'b', '7', 'logs/x.md']).code).toBe(0);
    expect(read(plain, 'a')).toBe('- [x] [[walk]] minimum\n- [x] [[walk]] standard\n');
    fs.writeFileSync(path.join(plain, 'a'), Buffer.from([0xff, 0x0a]));
    const bad = kaizen(plain, ['merge-driver', 'o', 'a', 'b', '7', 'logs/x.md'], 1);
    expect(bad.err).toContain('logs/x.md is not valid UTF-8 (line 1, column 1): merged by git line by line');
  });
});

// Devices sharing one journal through real git, for the sync tests: a bare remote and clones in a
// temp folder, the built `kaizen` (or plain git, for a phone client without our merge driver).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI_BIN, tempDir } from '../helpers.js';

export const GIT_ENV: Record<string, string | undefined> = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', KAIZEN_CACHE: 'off',
  GIT_AUTHOR_DATE: '2026-11-22T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-22T12:00:00Z',
};

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export function run(cwd: string, cmd: string, args: string[], expectCode: number | null = 0, env: Record<string, string> = {}): Ran {
  const r = spawnSync(cmd, args, { cwd, env: { ...GIT_ENV, ...env }, encoding: 'utf8' });
  const result = { code: r.status ?? 1, out: r.stdout, err: r.stderr };
  if (expectCode !== null && result.code !== expectCode) {
    throw new Error(`${cmd} ${args.join(' ')} in ${cwd} exited ${result.code}:\n${r.stdout}\n${r.stderr}`);
  }
  return result;
}

export const git = (cwd: string, ...args: string[]): string => run(cwd, 'git', args).out;
export const kaizen = (cwd: string, args: string[], expectCode: number | null = 0, env: Record<string, string> = {}): Ran =>
  run(cwd, process.execPath, [CLI_BIN, ...args], expectCode, env);

export const GOAL = `---
title: Walk every morning
lead: true
why: Clear head.
start: 2026-11-01
due: 2026-12-31
habit:
  cadence: 4/week
  minimum: Shoes on, 5 minutes
  standard: Walk 20 minutes
---
# Walk every morning

## Stages
### 1. Make it easy
- [ ] Pick a route (1h)
- [ ] Lay out shoes the night before (15m)
- [ ] Buy a rain jacket (30m)

## Milestones
- [ ] Ten walks 📅 2026-11-30
`;

export const write = (root: string, rel: string, text: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
export const read = (root: string, rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
export const edit = (root: string, rel: string, from: string, to: string): void => {
  const text = read(root, rel);
  if (!text.includes(from)) throw new Error(`${rel} has no "${from}"`);
  write(root, rel, text.replace(from, to));
};
export const commitAll = (root: string, message: string): void => {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
};

/** A remote holding a first journal (kaizen.yaml, one goal, .gitattributes from `kaizen sync setup`). */
export function makeRemote(files: Record<string, string> = {}): { dir: string; remote: string } {
  const dir = tempDir('kaizen-sync-');
  const remote = path.join(dir, 'remote.git');
  git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  const first = path.join(dir, 'first');
  git(dir, 'clone', '-q', remote, first);
  identify(first, 'first');
  write(first, 'kaizen.yaml', 'goals: goals\nlogs: logs\n');
  write(first, 'goals/walk.md', GOAL);
  for (const [rel, text] of Object.entries(files)) write(first, rel, text);
  kaizen(first, ['today', '--date', '2026-11-23']);
  kaizen(first, ['sync', 'setup']);
  commitAll(first, 'journal');
  git(first, 'push', '-q', '-u', 'origin', 'main');
  return { dir, remote };
}

function identify(root: string, name: string): void {
  git(root, 'config', 'user.name', name);
  git(root, 'config', 'user.email', `${name}@example.org`);
}

/**
 * A device: a clone with its identity; a laptop runs `kaizen sync setup`, a phone is plain git
 * without the driver writing markers without a base section (as isomorphic-git does).
 */
export function device(dir: string, remote: string, name: string, kind: 'laptop' | 'phone' = 'laptop'): string {
  const root = path.join(dir, name);
  git(dir, 'clone', '-q', remote, root);
  identify(root, name);
  if (kind === 'laptop') kaizen(root, ['sync', 'setup']);
  else git(root, 'config', 'merge.conflictStyle', 'merge');
  return root;
}

/** What a phone client does: commit everything, pull with a merge (committing any markers), push. */
export function phoneSync(root: string, message = 'phone'): void {
  git(root, 'add', '-A');
  if (run(root, 'git', ['diff', '--cached', '--quiet'], null).code !== 0) git(root, 'commit', '-q', '-m', message);
  const pull = run(root, 'git', ['pull', '-q', '--no-rebase', '--no-edit'], null);
  if (pull.code !== 0) {
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '--no-edit', '-m', `${message}: merged with conflicts`);
  }
  git(root, 'push', '-q', 'origin', 'HEAD:main');
}

export const head = (root: string): string => git(root, 'rev-parse', 'HEAD').trim();
export const remoteHead = (remote: string): string => git(remote, 'rev-parse', 'main').trim();

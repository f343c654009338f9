// The completion scripts run in the real shells: bash with the script sourced and `_kaizen` called as
// bash's completion would call it (COMP_WORDS/COMP_CWORD), on a copy of the sample, with the built CLI
// on PATH as `kaizen`, so goal ids come from the journal through the program itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, copySample, tempDir } from '../helpers.js';

let root: string;
let bin: string;
let scripts: Record<string, string>;
const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

beforeAll(() => {
  if (!fs.existsSync(CLI_BIN)) throw new Error('dist/kaizen.cjs is missing: run `npm run build` (npm test does)');
  root = copySample({ pinned: true });
  bin = tempDir('kaizen-bin-');
  fs.symlinkSync(CLI_BIN, path.join(bin, 'kaizen'));
  scripts = {};
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = spawnSync(process.execPath, [CLI_BIN, 'completion', shell], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    scripts[shell] = path.join(bin, `kaizen.${shell}`);
    fs.writeFileSync(scripts[shell] as string, r.stdout);
  }
});

/** What bash offers after the words typed so far (the last word is the one being completed). */
function complete(words: string[], cwd = root): string[] {
  const array = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const program = `source ${JSON.stringify(scripts.bash)}
COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_kaizen
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

const goals = () => fs.readdirSync(path.join(root, 'goals')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();

describe('kaizen completion bash', () => {
  it('completes the commands, including help and completion, but not the hidden helper', () => {
    const all = complete(['kaizen', '']);
    for (const c of ['init', 'today', 'log', 'stats', 'report', 'calendar', 'lsp', 'sync', 'help', 'completion']) expect(all).toContain(c);
    expect(all.some((c) => c.startsWith('__'))).toBe(false);
    expect(complete(['kaizen', 'st'])).toEqual(['standup', 'stats']);
  });

  it('completes goal ids from the journal for log, stats --goal and rename', () => {
    expect(goals().length).toBeGreaterThan(2);
    expect(complete(['kaizen', 'log', ''])).toEqual(goals());
    expect(complete(['kaizen', 'log', 'mo'])).toEqual(goals().filter((g) => g.startsWith('mo')));
    expect(complete(['kaizen', 'stats', '--goal', ''])).toEqual(goals());
    expect(complete(['kaizen', 'stats', '-g', 'r'])).toEqual(goals().filter((g) => g.startsWith('r')));
    expect(complete(['kaizen', 'rename', ''])).toEqual(goals());
    expect(complete(['kaizen', 'rename', goals()[0] as string, ''])).toEqual([]);
  });

  it('reads the goals of the journal named by --dir, from anywhere', () => {
    const elsewhere = tempDir();
    expect(complete(['kaizen', '--dir', root, 'log', ''], elsewhere)).toEqual(goals());
    expect(complete(['kaizen', 'log', ''], elsewhere)).toEqual([]);
  });

  it('completes levels, kinds, steps and shells, and each command\'s options', () => {
    expect(complete(['kaizen', 'log', 'morning-energy', ''])).toEqual(['minimum', 'skip', 'standard']);
    expect(complete(['kaizen', 'report', ''])).toEqual(['month', 'quarter', 'sprint', 'week']);
    expect(complete(['kaizen', 'sprint', 'c'])).toEqual(['close']);
    expect(complete(['kaizen', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    expect(complete(['kaizen', 'help', 're'])).toEqual(['remind', 'rename', 'report', 'resolve', 'review']);
    expect(complete(['kaizen', 'log', '--'])).toEqual(expect.arrayContaining(['--date', '--reason', '--value', '--dir', '--json']));
    expect(complete(['kaizen', 'stats', '--as-of', ''])).toEqual([]);
    expect(complete(['kaizen', '--d'])).toEqual(['--dir']);
  });
});

describe.runIf(hasShell('zsh'))('kaizen completion zsh', () => {
  it('is valid zsh and completes goal ids through _kaizen_goals', () => {
    expect(spawnSync('zsh', ['-n', scripts.zsh as string], { encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync('zsh', ['-f', '-c', `compdef() { :; }; source ${JSON.stringify(scripts.zsh)}; words=(kaizen log ''); CURRENT=3; _kaizen_goals`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(goals());
  });
});

describe.runIf(hasShell('fish'))('kaizen completion fish', () => {
  it('completes goal ids, levels and commands in fish', () => {
    const run = (line: string) => spawnSync('fish', ['--no-config', '-c', `source ${JSON.stringify(scripts.fish)}; complete -C ${JSON.stringify(line)}`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    const words = (line: string) => run(line).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] as string).sort();
    expect(words('kaizen log ')).toEqual(goals());
    expect(words('kaizen log morning-energy ')).toEqual(['minimum', 'skip', 'standard']);
    expect(words('kaizen stats --goal ')).toEqual(goals());
    expect(words('kaizen sta')).toEqual(['standup', 'stats']);
  });
});

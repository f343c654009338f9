// `kaizen help <command>` shows an example for every command (a new command gets one in src/cli/help.ts),
// and `kaizen --version` names the journal format this build reads and writes.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';
import { FORMAT_VERSION } from '../../src/model/version.js';

describe('kaizen help', () => {
  it('has an example for every command, and `help <command>` equals `<command> --help`', async () => {
    const commands = (await cli(['__complete', 'commands'])).stdout.split('\n').filter((c) => c && c !== 'help');
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands) {
      const help = await cli(['help', command]);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/\nExamples?:\n {2}\S/);
      expect((await cli([command, '--help'])).stdout).toBe(help.stdout);
    }
  });

  it('an unknown command in help is a usage error that names the commands', async () => {
    const r = await cli(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: kaizen[\s\S]*Commands:/);
    expect((await cli([])).code).toBe(2);
    expect((await cli(['help'])).code).toBe(0);
  });

  it('--version names the program and the journal format', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^kaizen \\d+\\.\\d+\\.\\d+\\S* \\(journal format ${FORMAT_VERSION.replace('.', '\\.')}\\)\\n$`));
    expect(FORMAT_VERSION).toBe('1.2');
  });
});

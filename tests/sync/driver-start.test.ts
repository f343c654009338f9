// A merge driver that no longer starts (issue 23): the editor's versioned folder after an update, a
// moved Node. `sync setup` writes a shim that kaizen rewrites when it runs from somewhere else;
// `check` warns when the configured driver cannot start; `sync` refuses rather than lose a side.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_BIN } from '../helpers.js';
import { commitAll, device, git, head, kaizen, makeRemote, read, remoteHead, run } from './devices.js';

vi.setConfig({ testTimeout: 300_000 });

let dir: string;
let remote: string;

beforeAll(() => {
  ({ dir, remote } = makeRemote());
});

/** kaizen installed in a versioned folder, as an editor extension is. */
function install(version: string): string {
  const script = path.join(dir, `kaizen-journal-${version}`, 'dist', 'kaizen.mjs');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.cpSync(path.dirname(CLI_BIN), path.dirname(script), { recursive: true });
  return script;
}
const from = (script: string, cwd: string, args: string[], code: number | null = 0) => run(cwd, process.execPath, [script, ...args], code);

describe('the merge driver after an update', () => {
  it('a shim survives the versioned folder going away: check warns, sync points it at itself and merges by meaning', () => {
    const old = install('1.0.0');
    const laptop = device(dir, remote, 'shim-laptop');
    const phone = device(dir, remote, 'shim-phone');
    from(old, laptop, ['sync', 'setup']);
    const driver = git(laptop, 'config', '--get', 'merge.kaizen.driver').trim();
    expect(driver).toMatch(/kaizen-merge-driver merge-driver %O %A %B %L %P$/);
    expect(kaizen(laptop, ['check']).out).not.toContain('sync-driver');
    fs.rmSync(path.dirname(path.dirname(old)), { recursive: true });
    const check = kaizen(laptop, ['check']);
    expect(check.out).toContain('warning sync-driver-broken');
    expect(check.out).toContain('kaizen-journal-1.0.0');
    // The other device checks a box on the same day; the updated kaizen syncs and keeps both.
    kaizen(phone, ['log', 'walk', 'minimum', '--date', '2026-11-23']);
    kaizen(phone, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--date', '2026-11-23']);
    const updated = install('1.0.1');
    const sync = from(updated, laptop, ['sync']);
    expect(sync.err).toContain('the merge driver had moved');
    const text = read(laptop, 'logs/2026/2026-11-23.md');
    expect(text).toContain('- [x] [[walk]] minimum');
    expect(text).toContain('- [x] [[walk]] standard');
    expect(kaizen(laptop, ['check']).out).not.toContain('sync-driver');
  });

  it('a driver command that cannot start: check warns, sync refuses and commits nothing', () => {
    const laptop = device(dir, remote, 'gone-laptop');
    git(laptop, 'config', 'merge.kaizen.driver', `'${path.join(dir, 'old-node', 'bin', 'node')}' '${CLI_BIN}' merge-driver %O %A %B %L %P`);
    expect(kaizen(laptop, ['check']).out).toContain(`warning sync-driver-broken`);
    kaizen(laptop, ['log', 'walk', 'minimum', '--date', '2026-11-27']);
    const [before, remoteBefore] = [head(laptop), remoteHead(remote)];
    const refused = kaizen(laptop, ['sync'], 1);
    expect(refused.err).toContain('cannot start');
    expect(refused.err).toContain('kaizen sync setup');
    expect(head(laptop)).toBe(before);
    expect(remoteHead(remote)).toBe(remoteBefore);
    kaizen(laptop, ['sync', 'setup']);
    expect(kaizen(laptop, ['check']).out).not.toContain('sync-driver');
    commitAll(laptop, 'day');
  });
});

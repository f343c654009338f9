// Eight real public vaults' layouts (tests/fixtures/vault-layouts: every daily note's path and the
// vault's own settings files verbatim; daily-notes.json lists the daily notes a person counted by
// hand). For each: with no kaizen.yaml (where the vault has .obsidian/ or logseq/) and after
// `kaizen init --here`, every daily note is read as its day or named by a diagnostic, no other file
// is read as a day, and init touches no note.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshot, tempDir } from '../helpers.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';

const LAYOUTS = path.resolve(__dirname, '../fixtures/vault-layouts');
const DAILY: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(LAYOUTS, 'daily-notes.json'), 'utf8'));

function copyVault(name: string): string {
  const root = tempDir('kaizen-vault-');
  fs.cpSync(path.join(LAYOUTS, name), root, { recursive: true });
  return root;
}

interface Outcome {
  read: string[];
  named: string[];
  silent: string[];
  /** Files read as a day that no person would call a daily note. */
  wronglyRead: string[];
}

async function outcome(root: string, daily: readonly string[]): Promise<Outcome> {
  const journal = await Journal.open(nodeFileSystem, root.split(path.sep).join('/'), { logs: 'none' });
  const read = new Set([...journal.logFiles.values()].map((f) => f.rel));
  const named = new Set(journal.diagnostics().flatMap((d) => d.files ?? [d.file]));
  const wanted = new Set(daily);
  return {
    read: daily.filter((f) => read.has(f)),
    named: daily.filter((f) => !read.has(f) && named.has(f)),
    silent: daily.filter((f) => !read.has(f) && !named.has(f)),
    wronglyRead: [...read].filter((f) => !wanted.has(f)),
  };
}

const isVault = (root: string) => fs.existsSync(path.join(root, '.obsidian')) || fs.existsSync(path.join(root, 'logseq'));

describe('real vault layouts: every daily note read or named', () => {
  for (const name of Object.keys(DAILY)) {
    it(`${name}: zero-config${isVault(path.join(LAYOUTS, name)) ? '' : ' (not a vault: check says what it found)'} and after init --here`, async () => {
      const daily = DAILY[name] as string[];
      const root = copyVault(name);
      if (isVault(root)) {
        const zero = await outcome(root, daily);
        expect(zero.silent, 'silent with no kaizen.yaml').toEqual([]);
        expect(zero.wronglyRead).toEqual([]);
      } else {
        // Not a vault: nothing to read from, but `check` names the dated notes it sees and how init would read them.
        const check = await cli(['--dir', root, 'check']);
        expect(check.code).not.toBe(0);
        expect(check.stderr).toMatch(/is not a Kaizen journal .*; \d+ dated notes in .* look like .*: `kaizen init --here` there reads them where they are/);
      }
      const before = snapshot(root);
      const init = await cli(['init', '--here'], { cwd: root });
      expect(init.code).toBe(0);
      const after = snapshot(root);
      const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
      expect(changed.filter((k) => k !== 'kaizen.yaml' && !k.startsWith('goals/')), 'init touches no note').toEqual([]);
      const configured = await outcome(root, daily);
      expect(configured.silent, 'silent after init --here').toEqual([]);
      expect(configured.wronglyRead).toEqual([]);
      // Everything `check` reports stays a note or a warning: the vault's files are not errors.
      const check = await cli(['--dir', root, 'check', '--json']);
      const errors = (JSON.parse(check.stdout).diagnostics as { severity: string; file: string; message: string }[]).filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
      console.log(`${name}: ${daily.length} daily notes — read ${configured.read.length}, named ${configured.named.length}, silent ${configured.silent.length}`);
    });
  }
});

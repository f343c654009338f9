// `kaizen watch` on eight real public vaults' layouts (tests/fixtures/vault-layouts), not ours: after `kaizen init
// --here` and one habit goal, a habit line typed into the vault's latest daily note — wherever the vault keeps its
// daily notes and however it names them — is seen, the week's report is written again and the goal's new numbers
// are printed, without a whole read of the journal.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN, cli, tempDir } from '../helpers.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';

const LAYOUTS = path.resolve(__dirname, '../fixtures/vault-layouts');
const VAULTS = Object.keys(JSON.parse(fs.readFileSync(path.join(LAYOUTS, 'daily-notes.json'), 'utf8')) as Record<string, string[]>);

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
});

describe('kaizen watch on real vault layouts', () => {
  for (const name of VAULTS) {
    it(`${name}: a habit line typed into the latest daily note moves the goal's numbers and the week's report`, async () => {
      const root = tempDir('kaizen-vault-');
      fs.cpSync(path.join(LAYOUTS, name), root, { recursive: true });
      expect((await cli(['init', '--here'], { cwd: root })).code).toBe(0);
      const journal = await Journal.open(nodeFileSystem, root, { logs: 'none' });
      const [today, note] = [...journal.logFiles].sort(([a], [b]) => (a < b ? -1 : 1)).at(-1)!;
      const start = new Date(Date.parse(`${today}T12:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      const goalFile = path.join(root, journal.layout.goals, 'kaizen-walk.md');
      fs.mkdirSync(path.dirname(goalFile), { recursive: true });
      fs.writeFileSync(goalFile, `---\ntitle: Walk\nstart: ${start}\nhabit:\n  cadence: 3/week\n  minimum: 5 min\n  standard: 20 min\n---\n`);

      const proc = spawn(process.execPath, [CLI_BIN, '--dir', root, 'watch', '--as-of', today], { stdio: ['ignore', 'pipe', 'pipe'] });
      running.push(proc);
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
      proc.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
      const waitFor = (pattern: RegExp, from = 0) => new Promise<number>((resolve, reject) => {
        const started = Date.now();
        const tick = () => {
          const at = out.slice(from).search(pattern);
          if (at !== -1) return resolve(from + at);
          if (Date.now() - started > 30_000) return reject(new Error(`timed out waiting for ${pattern} in:\n${out}`));
          setTimeout(tick, 25);
        };
        tick();
      });
      await waitFor(/watching /);
      // Let the watcher settle on a busy machine before the edit.
      await new Promise((r) => setTimeout(r, 400));
      const before = out.length;
      const text = fs.readFileSync(note.abs, 'utf8');
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      fs.writeFileSync(note.abs, `${text}${text.endsWith('\n') || text === '' ? '' : eol}- [x] [[kaizen-walk]] standard${eol}`);
      const reportLine = await waitFor(new RegExp(`wrote reports/\\d{4}-W\\d\\d\\.md.*\\(${note.rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`), before);
      await waitFor(/\d\d:\d\d:\d\d Walk: [1-9]\d*\/3 this week · .*progress/, reportLine);
      expect(out.slice(before)).not.toMatch(/could not regenerate/);
      proc.kill('SIGINT');
      await new Promise((r) => proc.once('exit', r));
    }, 60_000);
  }
});

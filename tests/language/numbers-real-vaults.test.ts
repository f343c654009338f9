// The incremental numbers (what a keystroke, a lens click or `kaizen watch` recomputes) on eight real public vaults'
// layouts (tests/fixtures/vault-layouts), not ours: after `kaizen init --here` and one habit goal, habit lines typed
// into each vault's own latest daily notes — wherever the vault keeps them and however it names them — are followed
// one note at a time, without a whole read, and give the numbers a fresh read gives.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { JournalNumbers } from '../../src/language/numbers.js';
import { WatchedJournal } from '../../src/cli/commands/watch-journal.js';

const LAYOUTS = path.resolve(__dirname, '../fixtures/vault-layouts');
const VAULTS = Object.keys(JSON.parse(fs.readFileSync(path.join(LAYOUTS, 'daily-notes.json'), 'utf8')) as Record<string, string[]>);

describe('incremental numbers on real vault layouts', () => {
  for (const name of VAULTS) {
    it(`${name}: habit lines typed into its latest daily notes are followed one note at a time`, async () => {
      const root = tempDir('kaizen-vault-');
      fs.cpSync(path.join(LAYOUTS, name), root, { recursive: true });
      expect((await cli(['init', '--here'], { cwd: root })).code).toBe(0);
      const first = await Journal.open(nodeFileSystem, root, { logs: 'none' });
      const notes = [...first.logFiles].sort(([a], [b]) => (a < b ? -1 : 1)).slice(-6);
      expect(notes.length, 'the vault has daily notes after init --here').toBeGreaterThan(0);
      const today = notes.at(-1)![0];
      // A habit started a month before the vault's latest daily note, so the notes' days count.
      const start = new Date(Date.parse(`${today}T12:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      const goalFile = path.join(root, first.layout.goals, 'kaizen-walk.md');
      fs.mkdirSync(path.dirname(goalFile), { recursive: true });
      fs.writeFileSync(goalFile, `---\ntitle: Walk\nstart: ${start}\nhabit:\n  cadence: 3/week\n  minimum: 5 min\n  standard: 20 min\n---\n`);

      const journal = await Journal.open(nodeFileSystem, root);
      const numbers = new JournalNumbers(journal, today);
      const watched = await WatchedJournal.read(nodeFileSystem, root, today, { cache: new Map() });
      for (const [i, [day, file]] of notes.entries()) {
        const text = fs.readFileSync(file.abs, 'utf8');
        // The vault's own line endings kept, as an editor would.
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const typed = `${text}${text.endsWith('\n') || text === '' ? '' : eol}- [x] [[kaizen-walk]] ${i % 2 ? 'minimum' : 'standard'}${eol}`;
        fs.writeFileSync(file.abs, typed);
        const update = numbers.update(file.rel, typed);
        expect(update, `${file.rel} (${day})`).not.toBe('reread');
        expect(update === 'reread' ? [] : update.goals, file.rel).toEqual(['kaizen-walk']);
        expect(await watched.apply({ files: [file.rel], listing: false, folders: false }, today)).toEqual({ reread: false, goals: ['kaizen-walk'] });
      }
      const fresh = await Journal.open(nodeFileSystem, root);
      const expected = JSON.stringify(fresh.stats(today));
      expect(JSON.stringify(numbers.rows())).toBe(expected);
      expect(fresh.stats(today).find((r) => r.goal.id === 'kaizen-walk')!.stats.weeks.length).toBeGreaterThan(0);
      expect(JSON.stringify(watched.diagnostics())).toBe(JSON.stringify(fresh.diagnostics()));
    });
  }
});

// Parse results are shared between reads (the editors' and `kaizen watch`'s in-memory parses, the background
// process's shards): a read must never change a result another read will be given.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type ParseCache } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { makeJournal } from '../helpers.js';

const GOAL = '---\ntitle: Walk\nwhy: air\nstart: 2026-11-02\n---\n## Tasks\n- [d] delegated the route\n- [x] shoes\n- [ ] map\n';
const TASKS_SETTINGS = '.obsidian/plugins/obsidian-tasks-plugin/data.json';
const delegatedDone = { statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', type: 'DONE' }] } };

const taskStates = (journal: Journal) => journal.goals.flatMap((g) => g.tasks.map((t) => [t.status, t.state, t.checked]));

describe('parse results shared between reads', () => {
  it('the vault\'s task statuses of one read do not stay on the goals of the next', async () => {
    const root = makeJournal({ 'goals/walk.md': GOAL, 'logs/2026/2026-11-16.md': '---\ndate: 2026-11-16\n---\n' });
    fs.mkdirSync(path.join(root, path.dirname(TASKS_SETTINGS)), { recursive: true });
    fs.writeFileSync(path.join(root, TASKS_SETTINGS), JSON.stringify(delegatedDone));
    const cache: ParseCache = new Map();
    const withSettings = await Journal.open(nodeFileSystem, root, { cache });
    expect(taskStates(withSettings)[0]).toEqual(['d', 'done', true]);

    fs.rmSync(path.join(root, '.obsidian'), { recursive: true });
    const again = await Journal.open(nodeFileSystem, root, { cache });
    const fresh = await Journal.open(nodeFileSystem, root);
    expect(taskStates(again)).toEqual(taskStates(fresh));
    expect(taskStates(fresh)[0]?.[1]).not.toBe('done');
    // And the first read's goals keep what they were read with.
    expect(taskStates(withSettings)[0]).toEqual(['d', 'done', true]);
  });
});

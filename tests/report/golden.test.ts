// The sample journal's reports and review are golden files: regenerating them must give the same
// bytes. After an intended change: UPDATE_GOLDEN=1 npx vitest run tests/report/golden.test.ts
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, CLI_BIN, copySample, SAMPLE, snapshot } from '../helpers.js';

const run = promisify(execFile);
const AS_OF = '2026-11-22';
const COMMANDS = [
  ['report', 'week', '2026-W47'], ['report', 'month', '2026-11'], ['report', 'quarter', '2026-Q4'],
  ['report', 'sprint', '2026-W47'], ['report', 'sprint', '2026-W45'], ['review', 'week', '2026-W47'],
];
const generated = (root: string) => new Map([...snapshot(root)].filter(([rel]) => rel.startsWith('reports') || rel.startsWith('reviews/2026-W47') || rel.startsWith('sprints')));

describe('golden reports of the sample journal', () => {
  it('week, month, quarter and sprint reports, the review and the sprints\' summaries match the committed files byte for byte', async () => {
    const root = copySample();
    fs.rmSync(path.join(root, 'reports'), { recursive: true, force: true });
    for (const args of COMMANDS) {
      const r = await cli(['--dir', root, ...args, '--as-of', AS_OF]);
      expect(r.code, r.stderr).toBe(0);
    }
    if (process.env.UPDATE_GOLDEN) {
      fs.rmSync(path.join(SAMPLE, 'reports'), { recursive: true, force: true });
      fs.cpSync(path.join(root, 'reports'), path.join(SAMPLE, 'reports'), { recursive: true });
      fs.copyFileSync(path.join(root, 'reviews/2026-W47.md'), path.join(SAMPLE, 'reviews/2026-W47.md'));
      fs.cpSync(path.join(root, 'sprints'), path.join(SAMPLE, 'sprints'), { recursive: true });
    }
    const got = generated(root);
    const want = generated(SAMPLE);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [rel, bytes] of want) expect(got.get(rel), rel).toBe(bytes);
  });

  it('is the same in every time zone and locale (built binary)', async () => {
    const outputs = new Set<string>();
    for (const [TZ, LANG] of [['UTC', 'C'], ['Pacific/Kiritimati', 'de_DE.UTF-8'], ['America/Santiago', 'ar_EG.UTF-8'], ['Australia/Lord_Howe', 'fr_FR.UTF-8']]) {
      const root = copySample();
      fs.rmSync(path.join(root, 'reports'), { recursive: true, force: true });
      for (const args of COMMANDS.slice(0, 3)) {
        await run(process.execPath, [CLI_BIN, '--dir', root, ...args, '--as-of', AS_OF], { env: { ...process.env, TZ, LANG, LC_ALL: LANG } });
      }
      outputs.add(JSON.stringify([...generated(root)]));
    }
    expect(outputs.size).toBe(1);
  });
});

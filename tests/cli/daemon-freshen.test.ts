// The background process's answers made again after a change (src/cli/daemon-freshen.ts), with the real CLI, answer
// memory and file system, in this process: made soon after a change, and giving way to a command that comes while
// one is made (its read stops, nothing half-made is kept), then made at the next quiet spell.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswersInMemory, answerIdentity, type AnswerContext } from '../../src/cli/answer-memo.js';
import { AnswerFreshener } from '../../src/cli/daemon-freshen.js';
import type { DaemonRequest } from '../../src/cli/daemon-protocol.js';
import { runCli } from '../../src/cli/main.js';
import type { JournalFileSystem } from '../../src/journal/file-system.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { copySample, tempDir, type CliRun } from '../helpers.js';

const ARGS = ['--json', 'stats'];
let freshener: AnswerFreshener | null = null;
afterEach(() => {
  freshener?.close();
  vi.restoreAllMocks();
});

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const since = Date.now();
  while (!probe()) {
    if (Date.now() - since > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The sample journal (or a generated year of notes, more than one batch of reads) with every file two minutes old
 * (none racily new), a request for it and its answer memory.
 */
function setup(journalKind: 'sample' | 'year' = 'sample') {
  const journal = journalKind === 'sample' ? copySample({ pinned: true }) : tempDir();
  if (journalKind === 'year') {
    execFileSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-journal.mjs'), '--out', journal,
      '--years', '1', '--goals', '6', '--seed', '5', '--end', '2026-11-15']);
  }
  const old = new Date(Date.now() - 120_000);
  for (const f of fs.readdirSync(journal, { recursive: true }).map(String)) {
    fs.utimesSync(path.join(journal, f), old, old);
  }
  const env = { KAIZEN_TEST_BUILD: 'build-1', KAIZEN_CACHE_DIR: tempDir() };
  const answers = new AnswersInMemory();
  const request = (): DaemonRequest => {
    const now = new Date();
    return { v: 2, argv: ARGS, cwd: journal, env, isTTY: false, now: now.getTime(), offset: now.getTimezoneOffset() };
  };
  const contextOf = (r: DaemonRequest): AnswerContext => ({ argv: r.argv, cwd: r.cwd, env: r.env, now: new Date(r.now),
    isTTY: r.isTTY, build: 'build-1' });
  type RunOptions = { giveWay?: AbortSignal; fs?: JournalFileSystem; kept?: boolean };
  const run = async (r: DaemonRequest, options: RunOptions = {}) => {
    // As the background process runs it: the notes its watches named of late count as racily new.
    const changedOfLate = freshener?.changedOfLate() ?? new Set<string>();
    let stdout = '';
    let stderr = '';
    const code = await runCli(r.argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: r.cwd,
      env: r.env, now: () => new Date(), isTTY: false, ...(options.giveWay ? { giveWay: options.giveWay } : {}),
      ...(options.fs ? { fs: options.fs } : {}), ...(options.kept === false ? {} : { changedOfLate }) },
    options.kept === false ? {} : { answers });
    return { code, stdout, stderr } satisfies CliRun;
  };
  const fresh = () => run({ ...request(), env: { ...env, KAIZEN_CACHE: 'off' } }, { kept: false });
  /** The freshener over this journal (making answers with `make`), its `stats` asked and answered once. */
  const makeAnswer = async (r: DaemonRequest, giveWay: AbortSignal) => (await run(r, { giveWay })).code;
  const remember = async (make = makeAnswer) => {
    const inTurn = async (work: () => Promise<void>) => {
      await work();
      return true;
    };
    freshener = new AnswerFreshener({ answers, contextOf, inTurn, run: make });
    const asked = request();
    expect((await run(asked)).code).toBe(0);
    freshener.ran(asked, answerIdentity(contextOf(asked)));
  };
  return { journal, answers, request, contextOf, run, fresh, remember };
}

describe('answers made again in the background', () => {
  it('makes the answer asked last soon after a change, kept with the racily new note\'s bytes', async () => {
    const { journal, answers, request, run, fresh, remember } = setup();
    await remember();
    fs.appendFileSync(path.join(journal, 'logs', '2026', fs.readdirSync(path.join(journal, 'logs', '2026')).sort()[0]!),
      '\n- [x] one more line\n');
    const changedAt = Date.now();
    freshener!.changed();
    await until('the answer made again', () => freshener!.refreshed === 1);
    // Well inside the racy window: the soon pass made it, not the quiet one.
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    const replayed = answers.replayed;
    expect(await run(request())).toEqual(await fresh());
    expect(answers.replayed).toBe(replayed + 1);
  });

  it('gives way to a command that comes while it makes an answer: nothing half-made is kept, and it is made when '
    + 'the journal is quiet', async () => {
    const { journal, answers, request, contextOf, run, fresh, remember } = setup('year');
    let interrupt = true;
    let notesAfter: number | null = null;
    // A command comes while the answer is being made: as it looks at its first daily note, of 365.
    const interrupting: JournalFileSystem = {
      ...nodeFileSystem,
      stat: (p) => {
        if (interrupt && /\/logs\/.*\.md$/.test(p)) {
          if (notesAfter === null) freshener!.giveWay({ ...request(), argv: ['today'] });
          notesAfter = (notesAfter ?? -1) + 1;
        }
        return nodeFileSystem.stat(p);
      },
    };
    let runs = 0;
    await remember(async (r, giveWay) => {
      runs++;
      return (await run(r, { giveWay, fs: interrupting })).code;
    });
    const context = contextOf(request());
    const goals = path.join(journal, 'goals');
    fs.appendFileSync(path.join(goals, fs.readdirSync(goals).sort()[0]!), '\nA line more.\n');
    freshener!.changed();
    await until('the answer\'s making to give way', () => freshener!.gaveWay === 1);
    expect(runs).toBe(1);
    // The read stopped within the batch of reads it was in.
    expect(notesAfter).toBeLessThan(40);
    expect(freshener!.refreshed).toBe(0);
    // The answer kept before the change went when the making found it changed; no half-read one took its place.
    expect(answers.changedQuestions(context, 10)).toBeNull();
    interrupt = false;
    await until('the answer made once the journal was quiet', () => freshener!.refreshed === 1);
    expect(runs).toBe(2);
    expect(answers.changedQuestions(context, 10)).toBe(0);
    const replayed = answers.replayed;
    expect(await run(request())).toEqual(await fresh());
    expect(answers.replayed).toBe(replayed + 1);
  });

  it('does not give way to a stats that asks for the answer being made: that one is printed once made', async () => {
    const { journal, answers, request, run, fresh, remember } = setup();
    let stats = 0;
    const interrupting: JournalFileSystem = {
      ...nodeFileSystem,
      stat: (p) => {
        if (++stats === 5) freshener!.giveWay(request());
        return nodeFileSystem.stat(p);
      },
    };
    let giveWayUsed = true;
    await remember(async (r, giveWay) => (await run(r, { giveWay, fs: giveWayUsed ? interrupting : undefined })).code);
    stats = 0;
    const goals = path.join(journal, 'goals');
    fs.appendFileSync(path.join(goals, fs.readdirSync(goals).sort()[0]!), '\nA line more.\n');
    freshener!.changed();
    await until('the answer made again', () => freshener!.refreshed === 1);
    giveWayUsed = false;
    expect(stats).toBeGreaterThan(5);
    expect(freshener!.gaveWay).toBe(0);
    const replayed = answers.replayed;
    expect(await run(request())).toEqual(await fresh());
    expect(answers.replayed).toBe(replayed + 1);
  });

  it('compares a note its watch heard change byte for byte, though its mtime says it is old (a file server\'s clock '
    + 'behind this one)', async () => {
    const { journal, answers, request, run, fresh, remember } = setup();
    await remember();
    const logs = path.join(journal, 'logs', '2026');
    const withBox = (f: string) => /- \[[ x]\]/.test(fs.readFileSync(path.join(logs, f), 'utf8'));
    const note = path.join(logs, fs.readdirSync(logs).sort().find(withBox)!);
    // Saved now, stamped two minutes back by a server whose clock is behind.
    const stamped = new Date(Date.now() - 120_000);
    fs.appendFileSync(note, '\n- [x] one more line\n');
    fs.utimesSync(note, stamped, stamped);
    await until('the answer made again', () => freshener!.refreshed === 1);
    // A second save of the same size in the same tick: the same stat data, other bytes.
    const before = fs.lstatSync(note);
    const realLstat = fs.lstatSync;
    const flipped = fs.readFileSync(note, 'utf8').replace(/- \[[ x]\]/, (m) => (m === '- [ ]' ? '- [x]' : '- [ ]'));
    fs.writeFileSync(note, flipped);
    vi.spyOn(fs, 'lstatSync').mockImplementation(((p: fs.PathLike, options?: fs.StatSyncOptions) =>
      (p === note ? before : realLstat(p, options))) as typeof fs.lstatSync);
    const replayed = answers.replayed;
    expect(await run(request())).toEqual(await fresh());
    expect(answers.replayed).toBe(replayed);
  });
});

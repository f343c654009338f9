// The `kaizen` executable. `--version` answers at once; `log`, `today`, `toggle` and `stats` go to the background
// process when one is listening (daemon-client.ts); `stats` first looks for its kept answer (answer-memo.ts);
// everything else runs the CLI's bundle (chunks/cli.cjs beside this file) through V8's code cache (code-cache.ts).
// Built as one CommonJS file (dist/kaizen.cjs): Node starts a classic script faster than an ES module and its
// chunks (about 10 ms of every command); dist/kaizen.mjs, which editors and merge drivers name, loads it.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { versionLine } from '../model/version.js';
import { commandWord, MEMO_COMMANDS } from './command-word.js';
import { DAEMON_COMMANDS, daemonEnabled, daemonSocketPath } from './daemon-protocol.js';
import { runThroughDaemon, startDaemon } from './daemon-client.js';

declare const KAIZEN_CLI_HASH: string | undefined;
declare const KAIZEN_BUILD: string | undefined;

const argv = process.argv.slice(2);
const command = commandWord(argv);
const hash = typeof KAIZEN_CLI_HASH === 'string' ? KAIZEN_CLI_HASH : undefined;
const script = new URL('./chunks/cli.cjs', import.meta.url);
// The background process of this build, Node and zone, for a command it runs; null when there is none to use.
const socket = hash && command !== undefined && DAEMON_COMMANDS.has(command) && daemonEnabled(process.env)
  ? daemonSocketPath(process.env, hash, process.execPath, process.umask()) : null;
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${versionLine()}\n`);
} else {
  void runCommand();
}

/** The command: by the background process, as the answer kept from an earlier run, or by the CLI's script. */
async function runCommand(): Promise<void> {
  if (socket && await ranInBackground(socket)) return;
  if (command !== undefined && MEMO_COMMANDS.has(command) && await replayed()) return;
  // Evaluated only here: `--version` runs neither it nor the modules it needs (node:vm, node:crypto).
  const { codeCacheFile, runWithCodeCache } = await import('./code-cache.js');
  runWithCodeCache(script, codeCacheFile(process.env, hash, command));
}

/** Whether the background process ran the command; when none was listening, one is started for next time. */
async function ranInBackground(socket: string): Promise<boolean> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const self = process.argv[1] ? { node: process.execPath, script: process.argv[1] } : undefined;
  const outcome = await runThroughDaemon(socket, {
    argv, cwd: process.cwd(), env: process.env, isTTY: process.stdout.isTTY === true, ...(self ? { self } : {}),
    write: (stream, text) => void (stream === 1 ? process.stdout : process.stderr).write(text),
  });
  if (outcome.ran) {
    process.exitCode = outcome.exitCode;
    return true;
  }
  // A process that holds the socket but takes nothing (stuck) is left: its socket goes, so it stops, and a new one
  // starts, as one does when none listens; started as this process ends, so that it does not slow this command down.
  if (outcome.silent) rmSync(socket, { force: true });
  if (!outcome.listening || outcome.silent) {
    process.once('exit', () => startDaemon(fileURLToPath(script), socket, process.env));
  }
  return false;
}

/** Whether the answer kept from an earlier run was printed (nothing it read has changed since). */
async function replayed(): Promise<boolean> {
  const { replayAnswer } = await import('./answer-memo.js');
  const build = typeof KAIZEN_BUILD === 'string' ? KAIZEN_BUILD : undefined;
  const context = { argv, cwd: process.cwd(), env: process.env, now: new Date(), isTTY: process.stdout.isTTY === true, build };
  // As the CLI does (process.ts): `kaizen stats | head` ends quietly when the reader goes.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const exitCode = replayAnswer(context, (stream, text) => {
    (stream === 1 ? process.stdout : process.stderr).write(text);
  });
  if (exitCode === null) return false;
  process.exitCode = exitCode;
  return true;
}

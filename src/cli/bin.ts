// The `kaizen` executable. `--version` answers at once; `stats` first looks for its kept answer
// (answer-memo.ts); everything else runs the CLI's bundle (chunks/cli.cjs beside this file) through
// V8's code cache (code-cache.ts).
import { versionLine } from '../model/version.js';
import { commandWord, MEMO_COMMANDS } from './command-word.js';

declare const KAIZEN_CLI_HASH: string | undefined;
declare const KAIZEN_BUILD: string | undefined;

const argv = process.argv.slice(2);
const command = commandWord(argv);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${versionLine()}\n`);
} else if (command === undefined || !MEMO_COMMANDS.has(command) || !(await replayed())) {
  // A chunk of its own: `--version` loads neither it nor the modules it needs (node:vm, node:crypto).
  const { codeCacheFile, runWithCodeCache } = await import('./code-cache.js');
  const script = new URL('./chunks/cli.cjs', import.meta.url);
  const hash = typeof KAIZEN_CLI_HASH === 'string' ? KAIZEN_CLI_HASH : undefined;
  runWithCodeCache(script, codeCacheFile(process.env, hash, command));
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

// The `kaizen` executable. `--version` answers at once; everything else runs the CLI's bundle
// (chunks/cli.cjs beside this file) through V8's code cache (code-cache.ts).
import { versionLine } from '../model/version.js';

declare const KAIZEN_CLI_HASH: string | undefined;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${versionLine()}\n`);
} else {
  // A chunk of its own: `--version` loads neither it nor the modules it needs (node:vm, node:crypto).
  const { codeCacheFile, runWithCodeCache } = await import('./code-cache.js');
  const script = new URL('./chunks/cli.cjs', import.meta.url);
  const hash = typeof KAIZEN_CLI_HASH === 'string' ? KAIZEN_CLI_HASH : undefined;
  runWithCodeCache(script, codeCacheFile(process.env, hash, commandWord(argv)));
}

/** The command's name: the first word that is neither an option nor the value of the global `--dir`. */
function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-d' || a === '--dir') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

// The `kaizen` executable: the process around runCli. `--version` answers before the rest of the
// CLI is even loaded (it lives in a separate chunk), so it costs about as much as starting Node.
import { versionLine } from '../model/version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${versionLine()}\n`);
} else {
  void main();
}

async function main(): Promise<void> {
  const { runCli } = await import('./main.js');
  const stop = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      // A second Ctrl-C while stopping means "now".
      if (stop.signal.aborted) process.exit(130);
      stop.abort();
    });
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await runCli(argv, {
    signal: stop.signal,
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    isTTY: process.stdout.isTTY === true,
    ...(process.argv[1] ? { self: { node: process.execPath, script: process.argv[1] } } : {}),
  });
}

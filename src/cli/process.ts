// The `kaizen` process around runCli: signals, a closed stdout, the exit code.
import { runCli } from './main.js';

export async function runProcess(argv: string[]): Promise<void> {
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

// The `kaizen` executable: the process around runCli.
import { runCli } from './main.js';

const stop = new AbortController();
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    // A second Ctrl-C while stopping means "now".
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}

const io = {
  signal: stop.signal,
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  isTTY: process.stdout.isTTY === true,
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});

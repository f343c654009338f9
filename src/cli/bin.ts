// The `kaizen` executable: the process around runCli.
import { runCli } from './main.js';

const io = {
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

// `npm run bench`: whole commands timed side by side in one run (rounds interleaved, so a noisy
// shared machine slows every column alike), medians printed as a table with ratios.
//   node bench/run.mjs [--years 10] [--goals 200] [--runs 3]
// Benchmarks never fail the build: they print what the code costs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const YEARS = opt('years', '10');
const GOALS = opt('goals', '200');
const RUNS = Number(opt('runs', '3'));
const END = '2026-11-15';
const CLI = path.join(here, '..', 'dist', 'kaizen.mjs');

const dataDir = path.join(here, '.data', `journal-${YEARS}y-${GOALS}g`);
if (!fs.existsSync(path.join(dataDir, 'kaizen.yaml'))) {
  console.error(`generating a ${YEARS}-year journal with ${GOALS} goals in ${path.relative(process.cwd(), dataDir)} …`);
  const gen = spawnSync(process.execPath, [path.join(here, 'gen-journal.mjs'), '--out', dataDir, '--years', YEARS, '--goals', GOALS, '--end', END], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}
const read = JSON.parse(spawnSync(process.execPath, [path.join(here, 'read-all.mjs'), dataDir], { encoding: 'utf8' }).stdout);

const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'kaizen --version', argv: [CLI, '--version'] },
  { name: 'read every file (node)', argv: [path.join(here, 'read-all.mjs'), dataDir] },
  { name: 'naive remark+gfm parse of every file', argv: [path.join(here, 'naive-parse.mjs'), dataDir] },
  { name: 'kaizen stats --json', argv: [CLI, '--dir', dataDir, 'stats', '--json', '--as-of', END] },
  { name: 'kaizen check --json', argv: [CLI, '--dir', dataDir, 'check', '--json'] },
  { name: 'kaizen report week --json', argv: [CLI, '--dir', dataDir, 'report', 'week', '--as-of', END, '--json'] },
];

function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = new Map(commands.map((c) => [c.name, []]));
for (let round = 1; round <= RUNS; round++) {
  for (const c of commands) {
    process.stderr.write(`\rround ${round}/${RUNS}: ${c.name.padEnd(40)}`);
    samples.get(c.name).push(time(c.argv));
  }
}
process.stderr.write('\r'.padEnd(60) + '\r');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = Object.fromEntries(commands.map((c) => [c.name, median(samples.get(c.name))]));
const ratio = (a, b) => `${(med[a] / med[b]).toFixed(2)} ×`;
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

console.log(`\nKaizen bench · ${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''}`);
console.log(`journal: ${YEARS} years, ${GOALS} goals, ${read.files} files, ${(read.bytes / 1048576).toFixed(1)} MB · ${RUNS} runs each, interleaved\n`);
console.log('| command | median | min | max |');
console.log('|---|---:|---:|---:|');
for (const c of commands) {
  const xs = samples.get(c.name);
  console.log(`| ${c.name} | ${fmt(med[c.name])} | ${fmt(Math.min(...xs))} | ${fmt(Math.max(...xs))} |`);
}
console.log('\n| ratio | value |');
console.log('|---|---:|');
console.log(`| kaizen stats ÷ naive parse | ${ratio('kaizen stats --json', 'naive remark+gfm parse of every file')} |`);
console.log(`| kaizen stats ÷ read every file | ${ratio('kaizen stats --json', 'read every file (node)')} |`);
console.log(`| kaizen check ÷ naive parse | ${ratio('kaizen check --json', 'naive remark+gfm parse of every file')} |`);
console.log(`| kaizen report week ÷ naive parse | ${ratio('kaizen report week --json', 'naive remark+gfm parse of every file')} |`);
console.log(`| kaizen --version ÷ node -e 0 | ${ratio('kaizen --version', 'node -e 0')} |`);

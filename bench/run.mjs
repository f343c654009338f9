// `npm run bench`: whole commands timed side by side in one run (rounds interleaved, so a noisy
// shared machine slows every column alike), medians printed as a table with the targets of the
// performance issue. Benchmarks never fail the build: they print what the code costs.
//   node bench/run.mjs [--years 10] [--goals 200] [--runs 3]
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
const CLI = path.join(here, '..', 'dist', 'kaizen.cjs');

function generate(dir, extra) {
  if (fs.existsSync(path.join(dir, extra.length ? 'goals' : 'kaizen.yaml'))) return;
  console.error(`generating ${path.relative(process.cwd(), dir)} …`);
  const gen = spawnSync(process.execPath, [path.join(here, 'gen-journal.mjs'), '--out', dir, ...extra], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}
const dataDir = path.join(here, '.data', `journal-${YEARS}y-${GOALS}g`);
generate(dataDir, ['--years', YEARS, '--goals', GOALS, '--end', END]);
const hugeDir = path.join(here, '.data', 'huge-50000');
generate(hugeDir, ['--huge', '50000']);
const hugeFile = path.join(hugeDir, 'goals', 'huge.md');
const hugeLast = fs.readFileSync(hugeFile, 'utf8').split('\n').map((l, i) => (/^- \[[ x]\] /.test(l) ? i + 1 : 0)).filter(Boolean).at(-1);
const read = JSON.parse(spawnSync(process.execPath, [path.join(here, 'read-all.mjs'), dataDir], { encoding: 'utf8' }).stdout);

// A scratch copy of the journal for the edit-one-log measurement, and cache folders per column.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-bench-'));
const work = path.join(scratch, 'journal');
fs.cpSync(dataDir, work, { recursive: true });
const editable = path.join(work, 'logs', END.slice(0, 4), `${END}.md`);
// The same journal as a vault lays it out: logs/YYYY/YYYY-MM/YYYY-MM-DD.md, named by a format (FORMAT §9).
const nested = path.join(scratch, 'nested');
fs.cpSync(dataDir, nested, { recursive: true });
for (const year of fs.readdirSync(path.join(nested, 'logs'))) {
  for (const name of fs.readdirSync(path.join(nested, 'logs', year))) {
    const month = path.join(nested, 'logs', year, name.slice(0, 7));
    fs.mkdirSync(month, { recursive: true });
    fs.renameSync(path.join(nested, 'logs', year, name), path.join(month, name));
  }
}
fs.appendFileSync(path.join(nested, 'kaizen.yaml'), '\nlogs: { folder: logs, format: "YYYY/YYYY-MM/YYYY-MM-DD" }\n');
fs.writeFileSync(path.join(nested, 'kaizen.yaml'), fs.readFileSync(path.join(nested, 'kaizen.yaml'), 'utf8').replace(/^logs: logs\n/m, ''));
const cache = (name) => path.join(scratch, `cache-${name}`);
const fresh = (name) => () => fs.rmSync(cache(name), { recursive: true, force: true });
let flip = false;
const editOneLog = () => {
  const text = fs.readFileSync(editable, 'utf8');
  flip = !flip;
  fs.writeFileSync(editable, flip ? `${text}\nEdited.\n` : text.replace(/\nEdited\.\n$/, ''));
};

const STATS = ['stats', '--json', '--as-of', END];
// The quick commands with 200 goals: a habit logged (then "already logged"), the day's note, a task toggled.
const leadGoal = fs.readdirSync(path.join(work, 'goals')).map((f) => f.slice(0, -3)).sort()[0];
const taskLine = fs.readFileSync(editable, 'utf8').split('\n').findIndex((l) => /^- \[[ x]\] /.test(l)) + 1;
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { pair: 'node -e 0', name: 'kaizen --version', argv: [CLI, '--version'] },
  { name: 'read every file (node)', argv: [path.join(here, 'read-all.mjs'), work] },
  { name: 'naive remark+gfm parse of every file', argv: [path.join(here, 'naive-parse.mjs'), work] },
  // Cold: a first run ever, so no background process either.
  { name: 'stats, cold (empty cache)', argv: [CLI, '--dir', work, ...STATS], cache: 'cold', before: fresh('cold'), env: { KAIZEN_DAEMON: 'off' } },
  // The round before toggled a task in a note seconds earlier: the background process heard of it and, once the
  // journal was quiet, made its kept answer again. The row after the next times a stats asked right after an edit.
  { pair: 'read every file (node)', name: 'stats, warm, a note changed seconds before (the background process made it again)', argv: [CLI, '--dir', work, ...STATS], cache: 'warm' },
  // The generated journal itself, which nothing edits: the stats asked before are answered from what was kept.
  { pair: 'read every file (node)', name: 'stats, warm, nothing changed since the last stats', argv: [CLI, '--dir', dataDir, ...STATS], cache: 'answer' },
  { pair: 'read every file (node)', name: 'stats, warm right after editing one log', argv: [CLI, '--dir', work, ...STATS], cache: 'warm', before: editOneLog },
  { pair: 'read every file (node)', name: 'stats, warm right after editing one log, in its own process', argv: [CLI, '--dir', work, ...STATS], cache: 'alone', before: editOneLog, env: { KAIZEN_DAEMON: 'off' } },
  { pair: 'node -e 0', name: 'log a habit, warm (200 goals)', argv: [CLI, '--dir', work, 'log', leadGoal, 'standard', '--date', END], cache: 'warm' },
  { pair: 'node -e 0', name: 'today, warm (200 goals)', argv: [CLI, '--dir', work, 'today', '--date', END], cache: 'warm' },
  { pair: 'node -e 0', name: 'toggle a task, warm (200 goals)', argv: [CLI, '--dir', work, 'toggle', `logs/${END.slice(0, 4)}/${END}.md:${taskLine}`, '--date', END], cache: 'warm' },
  // The same three without the background process (`kaizen daemon`): Node started and the CLI loaded each time.
  { pair: 'node -e 0', name: 'log a habit, warm, in its own process', argv: [CLI, '--dir', work, 'log', leadGoal, 'standard', '--date', END], cache: 'alone', env: { KAIZEN_DAEMON: 'off' } },
  { pair: 'node -e 0', name: 'today, warm, in its own process', argv: [CLI, '--dir', work, 'today', '--date', END], cache: 'alone', env: { KAIZEN_DAEMON: 'off' } },
  { pair: 'node -e 0', name: 'toggle a task, warm, in its own process', argv: [CLI, '--dir', work, 'toggle', `logs/${END.slice(0, 4)}/${END}.md:${taskLine}`, '--date', END], cache: 'alone', env: { KAIZEN_DAEMON: 'off' } },
  { name: 'check, cold', argv: [CLI, '--dir', work, 'check', '--json'], cache: 'check', before: fresh('check') },
  { name: 'report week, cold', argv: [CLI, '--dir', work, 'report', 'week', '--as-of', END, '--json'], cache: 'report', before: fresh('report') },
  { pair: 'stats, cold (empty cache)', name: 'stats, cold, YYYY/YYYY-MM/ layout', argv: [CLI, '--dir', nested, ...STATS], cache: 'nested', before: fresh('nested'), env: { KAIZEN_DAEMON: 'off' } },
  { pair: 'report week, cold', name: 'report week, cold, YYYY/YYYY-MM/ layout', argv: [CLI, '--dir', nested, 'report', 'week', '--as-of', END, '--json'], cache: 'nested-report', before: fresh('nested-report') },
  { name: 'huge file: check', argv: [CLI, '--dir', hugeDir, 'check', '--json'], env: { KAIZEN_CACHE: 'off' } },
  { name: 'huge file: toggle the last task', argv: [CLI, '--dir', hugeDir, 'toggle', `goals/huge.md:${hugeLast}`, '--date', END], env: { KAIZEN_CACHE: 'off' } },
];

function time(c) {
  c.before?.();
  const env = { ...process.env, KAIZEN_CACHE_DIR: cache(c.cache ?? 'none'), ...(c.env ?? {}) };
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...c.argv], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${c.argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, mb: kb / 1024 };
}

// Warm the warm caches once before measuring, and start the background process the quick commands go to.
const warmEnv = { ...process.env, KAIZEN_CACHE_DIR: cache('warm') };
delete warmEnv.KAIZEN_DAEMON;
spawnSync(process.execPath, [CLI, '--dir', work, ...STATS], { env: warmEnv });
spawnSync(process.execPath, [CLI, 'daemon', 'start'], { env: warmEnv });
// The rows without it keep a cache of their own: a process that writes the shards the background process keeps
// would make it read them again, which a journal used from one side does not do.
spawnSync(process.execPath, [CLI, '--dir', work, ...STATS], { env: { ...process.env, KAIZEN_CACHE_DIR: cache('alone'), KAIZEN_DAEMON: 'off' } });
spawnSync(process.execPath, [CLI, '--dir', dataDir, ...STATS], { env: { ...process.env, KAIZEN_CACHE_DIR: cache('answer') } });
const samples = new Map(commands.map((c) => [c.name, []]));
// A command with a yardstick (`pair`) is timed right after it, and their ratio taken pair by pair: a shared
// machine's speed drifts over a round (tens of seconds), not between two runs in a row.
const byName = new Map(commands.map((c) => [c.name, c]));
const paired = new Map(commands.map((c) => [c.name, []]));
for (let round = 1; round <= RUNS; round++) {
  for (const c of commands) {
    process.stderr.write(`\rround ${round}/${RUNS}: ${c.name.padEnd(44)}`);
    const yardstick = c.pair ? time(byName.get(c.pair)).ms : null;
    const sample = time(c);
    samples.get(c.name).push(sample);
    if (yardstick !== null) paired.get(c.name).push(sample.ms / yardstick);
  }
}
process.stderr.write(`\r${' '.repeat(70)}\r`);
spawnSync(process.execPath, [CLI, 'daemon', 'stop'], { env: warmEnv });
fs.rmSync(scratch, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = (name) => median(samples.get(name).map((s) => s.ms));
const peak = (name) => Math.max(...samples.get(name).map((s) => s.mb));
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

console.log(`\nKaizen bench · ${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''}`);
console.log(`journal: ${YEARS} years, ${GOALS} goals, ${read.files} files, ${(read.bytes / 1048576).toFixed(1)} MB; huge file: ${(fs.statSync(hugeFile).size / 1048576).toFixed(1)} MB, 50,000 tasks · ${RUNS} runs each, interleaved\n`);
console.log('| command | median | min | max | peak memory |');
console.log('|---|---:|---:|---:|---:|');
for (const c of commands) {
  const xs = samples.get(c.name).map((s) => s.ms);
  console.log(`| ${c.name} | ${fmt(med(c.name))} | ${fmt(Math.min(...xs))} | ${fmt(Math.max(...xs))} | ${peak(c.name).toFixed(0)} MB |`);
}
const naive = med('naive remark+gfm parse of every file');
const READ = 'read every file (node)';
const NODE = 'node -e 0';
/** [what, command, yardstick, target]: the ratio of their medians, and for a paired command its median pair ratio. */
const rows = [
  ['cold stats ÷ naive parse', 'stats, cold (empty cache)', 'naive remark+gfm parse of every file', '≤ 0.40'],
  ['warm stats, nothing changed ÷ reading every file', 'stats, warm, nothing changed since the last stats', READ, '≤ 1.0'],
  ['warm stats, a note changed seconds before ÷ reading every file', 'stats, warm, a note changed seconds before (the background process made it again)', READ, '≤ 1.0'],
  ['warm stats right after editing one log ÷ reading every file', 'stats, warm right after editing one log', READ, '≤ 1.0'],
  ['log ÷ node -e 0', 'log a habit, warm (200 goals)', NODE, '≤ 1.5'],
  ['today ÷ node -e 0', 'today, warm (200 goals)', NODE, '≤ 1.5'],
  ['toggle ÷ node -e 0', 'toggle a task, warm (200 goals)', NODE, '≤ 1.5'],
  ['warm stats after one edit, in its own process ÷ reading every file', 'stats, warm right after editing one log, in its own process', READ, '—'],
  ['log in its own process ÷ node -e 0', 'log a habit, warm, in its own process', NODE, '—'],
  ['today in its own process ÷ node -e 0', 'today, warm, in its own process', NODE, '—'],
  ['toggle in its own process ÷ node -e 0', 'toggle a task, warm, in its own process', NODE, '—'],
  ['cold report week ÷ naive parse', 'report week, cold', 'naive remark+gfm parse of every file', '≤ 0.15'],
  ['kaizen --version ÷ node -e 0', 'kaizen --version', NODE, '≤ 1.5'],
  ['cold stats, vault layout ÷ own layout', 'stats, cold, YYYY/YYYY-MM/ layout', 'stats, cold (empty cache)', '≤ 1.2'],
  ['cold report week, vault layout ÷ own layout', 'report week, cold, YYYY/YYYY-MM/ layout', 'report week, cold', '≤ 1.2'],
];
console.log('\n| ratio | of the medians | paired: each run ÷ its yardstick run just before, median | target |');
console.log('|---|---:|---:|---:|');
for (const [name, command, yardstick, target] of rows) {
  const pairs = byName.get(command).pair === yardstick ? paired.get(command) : [];
  const pairedText = pairs.length ? `${median(pairs).toFixed(2)} ×` : '—';
  console.log(`| ${name} | ${(med(command) / med(yardstick)).toFixed(2)} × | ${pairedText} | ${target} |`);
}
console.log(`| huge file: check | ${fmt(med('huge file: check'))}, ${peak('huge file: check').toFixed(0)} MB | ≤ 10 s, ≤ 600 MB |`);
console.log(`| huge file: toggle the last task | ${fmt(med('huge file: toggle the last task'))} | ≤ 10 s |`);

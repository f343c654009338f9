// `npm run demo`: the built CLI on the bundled sample journal, as of a fixed day inside it so the
// output never changes. Reads only: it leaves every tracked file as it was.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = fileURLToPath(new URL('../dist/kaizen.cjs', import.meta.url));
const journal = fileURLToPath(new URL('../samples/journal', import.meta.url));
const AS_OF = '2026-11-22';

function run(title, args, dir = journal) {
  process.stdout.write(`\n\x1b[1m$ kaizen ${args.join(' ')}\x1b[0m${title ? `   # ${title}` : ''}\n`);
  // No background process (`kaizen daemon`) left running after a demo.
  const result = spawnSync(process.execPath, [cli, '--dir', dir, ...args], { stdio: 'inherit',
    env: { ...process.env, KAIZEN_DAEMON: 'off' } });
  if (result.status !== 0) {
    console.error(`kaizen ${args.join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

run('every diagnostic, like a compiler', ['check']);
run('the numbers per goal', ['stats', '--as-of', AS_OF]);
run('one goal as JSON, for scripts', ['stats', '--as-of', AS_OF, '--goal', 'morning-energy', '--json']);
// The sample keeps its generated reports and review in git, as a person would: regenerating them
// must give the same bytes (CI checks that the demo leaves tracked files unchanged).
run('the weekly report file with its SVG charts', ['report', 'week', '2026-W47', '--as-of', AS_OF]);
run('the monthly and quarterly reports', ['report', 'month', '2026-11', '--as-of', AS_OF]);
run('', ['report', 'quarter', '2026-Q4', '--as-of', AS_OF]);
run('refresh the summary block of the weekly review, keeping every word the person wrote', ['review', 'week', '2026-W47', '--as-of', AS_OF]);
run('the current sprint: day n of m, burnup, habit weeks', ['sprint', '--as-of', AS_OF]);
run('the daily check-in', ['standup', '--date', AS_OF]);
run('the sprint reports with burnup and habit grid (and the sprint files\' summary blocks)', ['report', 'sprint', '2026-W47', '--as-of', AS_OF]);
run('', ['report', 'sprint', '2026-W45', '--as-of', AS_OF]);
run('closing a finished sprint again changes nothing: its unfinished item is already carried over', ['sprint', 'close', '2026-W45', '--as-of', AS_OF]);
// A write that crosses a progress mark is celebrated, with its reward: shown on a scratch copy, so the
// sample stays as it is.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kaizen-demo-'));
try {
  cpSync(journal, path.join(scratch, 'journal'), { recursive: true });
  run('a long walk crosses 75 % of the lead goal: celebrated once, with its reward', ['log', 'morning-energy', 'standard', '--value', '300', '--date', AS_OF], path.join(scratch, 'journal'));
  run('the same again: already logged, nothing to celebrate', ['log', 'morning-energy', 'standard', '--value', '300', '--date', AS_OF], path.join(scratch, 'journal'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`\n\x1b[1m${'samples/journal/reports/2026-W47.md'}\x1b[0m\n\n`);
process.stdout.write(readFileSync(new URL('../samples/journal/reports/2026-W47.md', import.meta.url), 'utf8'));

// `kaizen`: runCli(argv, io) -> exit code. 0 ok, 1 failure or errors found, 2 usage error.
// Data goes to stdout, messages to stderr; no stack trace ever reaches a person.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { JournalError } from '../model/errors.js';
import { cliBuild, makeContext, UsageError, type GlobalOptions } from './context.js';
import { AnswerRecorder, memoizable, type AnswersInMemory } from './answer-memo.js';
import { localDay } from '../model/dates.js';
import type { CliIo } from './io.js';
import { completionSpec, examplesText } from './help.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import { listGoalIds } from '../journal/journal.js';
import { nodeFileSystem } from '../journal/node-file-system.js';
import { loadLayout } from '../journal/layout.js';

import { versionLine } from '../model/version.js';

// Each command's code loads only when that command runs: `kaizen log` does not compile the report writer.
const commands = {
  calendar: () => import('./commands/calendar.js'),
  check: () => import('./commands/check.js'),
  daemon: () => import('./commands/daemon.js'),
  export: () => import('./commands/export.js'),
  import_: () => import('./commands/import.js'),
  init: () => import('./commands/init.js'),
  remind: () => import('./commands/remind.js'),
  rename: () => import('./commands/rename.js'),
  report: () => import('./commands/report.js'),
  sprint: () => import('./commands/sprint.js'),
  stats: () => import('./commands/stats.js'),
  sync: () => import('./commands/sync.js'),
  watch: () => import('./commands/watch.js'),
  write: () => import('./commands/write.js'),
};

const EXAMPLES = `
Examples:
  kaizen init my-journal                    start a journal with one example goal
  kaizen today                              create (or complete) today's log and print its path
  kaizen log morning-walk minimum           the 5-minute version counts: check it in today's log
  kaizen log morning-walk standard --value 22
  kaizen toggle goals/morning-walk.md:27    check or uncheck the task on line 27
  kaizen check                              every problem, like a compiler (exit 1 on errors)
  kaizen stats --as-of 2026-11-22 --json    the numbers, for scripts
  kaizen report week                        reports/2026-W47.md with charts, for this week
  kaizen review month 2026-11               start (or refresh) the monthly reset
  kaizen watch                              keep this week's report fresh while you write
  kaizen sprint start --weeks 2 --goal "Walk through the first cold snap"
  kaizen sprint                             the current sprint: day n of m, burnup, habit weeks
  kaizen standup                            yesterday, today and blockers in a few lines
  kaizen sprint close                       refresh the summary, carry unfinished items over
  kaizen calendar                           reports/kaizen.ics: subscribe to your habits in any calendar app
  kaizen import loop "Loop Habits CSV.zip"  bring Loop Habit Tracker's history in (a dry run; --write to write)
  kaizen export csv > days.csv              one row per goal and day: status, value, strength, period, met
  kaizen export loop habits.db              the habits and their days as a backup Loop Habit Tracker imports
  kaizen remind                             (cron) what still needs today; silent when nothing does
  kaizen sync setup                         once per device: git merges journal notes by meaning
  kaizen sync                               commit, pull (rebase) and push; says what it merged
  kaizen resolve                            finish files that hold git's conflict markers
  kaizen daemon status                      runs log, today, toggle and stats in the background

The journal root is --dir, else the nearest folder above holding kaizen.yaml, else this folder.`;

/**
 * Runs one command. A `stats` records what it asks the file system and prints, and keeps that answer for the next
 * run to replay when nothing changed: on disk for the launcher, or in `answers` for the background process that
 * runs it (which the launcher asks instead of replaying one from disk).
 */
export async function runCli(argv: readonly string[], io: CliIo, options: { answers?: AnswersInMemory } = {}): Promise<number> {
  const answer = { argv, cwd: io.cwd, env: io.env, now: io.now(), isTTY: io.isTTY, build: cliBuild(io.env) };
  if (!memoizable(answer)) return runCommand(argv, io);
  const replayed = options.answers?.replay(answer, (stream, text) => (stream === 1 ? io.stdout(text) : io.stderr(text)));
  if (replayed !== undefined && replayed !== null) return replayed;
  const recorder = new AnswerRecorder(answer, io.changedOfLate);
  const exitCode = await runCommand(argv, {
    ...io,
    fs: recorder.fileSystem(io.fs ?? nodeFileSystem),
    stdout: (text) => {
      recorder.write(1, text);
      io.stdout(text);
    },
    stderr: (text) => {
      recorder.write(2, text);
      io.stderr(text);
    },
  });
  // An answer made across midnight belongs to neither day.
  if (exitCode === 0 && localDay(io.now()) === localDay(answer.now)) {
    if (options.answers) options.answers.keep(recorder, exitCode);
    else recorder.save(exitCode);
  }
  return exitCode;
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('kaizen');
  program
    .description('Kaizen Journal: small steps toward one lead goal, kept in Markdown files.')
    .version(versionLine(), '-V, --version', 'print the program\'s version and the journal format it reads and writes')
    .helpOption('-h, --help', 'show help')
    .option('-d, --dir <root>', 'the journal root folder')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s),
    });

  const run = (action: (ctx: ReturnType<typeof makeContext>, ...args: never[]) => Promise<number>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const ctx = makeContext(io, command.optsWithGlobals() as GlobalOptions);
      exitCode = await action(ctx, ...(args.slice(0, -1) as never[]));
    };
  const dateOption = () => new Option('--date <YYYY-MM-DD>', 'the day (default: today, local time)');

  program.command('init').argument('[dir]', 'folder for the new journal', '.')
    .description('create a journal: kaizen.yaml, an example SMART goal and today\'s log (never overwrites); '
      + 'in an Obsidian vault (or with --here) only kaizen.yaml stating the daily-note layout found, and a first goal if there is none')
    .option('--here', 'an existing folder of notes: touch no note')
    .action(run(async (ctx, dir: string, opts: { here?: boolean }) => (await commands.init()).runInit(ctx, dir, opts)));

  program.command('today').description('create the day\'s log from the template, or add its missing habit lines; print its path')
    .addOption(dateOption())
    .action(run(async (ctx, opts: { date?: string }) => (await commands.write()).runToday(ctx, opts)));

  program.command('log').description('check a goal\'s habit line in the day\'s log (creating the log or line when missing)')
    .argument('<goal>', 'the goal id (its file name in goals/, without .md)')
    .argument('<level>', 'minimum, standard or skip')
    .addOption(dateOption())
    .option('--value <N>', 'a number for the goal\'s metric, written as [value:: N]')
    .option('--reason <text>', 'why a skip (travel, sick, rest day), written as "skip: <text>"')
    .action(run(async (ctx, goal: string, level: string, opts: { date?: string; value?: string; reason?: string }) => (await commands.write()).runLog(ctx, goal, level, opts)));

  program.command('toggle').description('check or uncheck the task item on a line; goal files get or lose a ✅ done date')
    .argument('<file:line>', 'the file and 1-based line, like goals/walk.md:12')
    .addOption(new Option('--date <YYYY-MM-DD>', 'the done date to write (default: today)'))
    .action(run(async (ctx, target: string, opts: { date?: string }) => (await commands.write()).runToggle(ctx, target, opts)));

  program.command('check').description('report every problem in the journal as path:line:col severity code message; exit 1 on errors')
    .action(run(async (ctx) => (await commands.check()).runCheck(ctx)));

  program.command('stats').description('streaks, habit strength, progress and suggestions per goal')
    .option('-g, --goal <id>', 'only this goal')
    .option('--as-of <YYYY-MM-DD>', 'compute as of this day (default: today)')
    .action(run(async (ctx, opts: { goal?: string; asOf?: string }) => (await commands.stats()).runStats(ctx, opts)));

  program.command('report').description('write reports/<PERIOD>.md with SVG charts (never over a file it did not generate)')
    .argument('<kind>', 'week, month, quarter or sprint')
    .argument('[period]', 'GGGG-Www, YYYY-MM or YYYY-Qn (default: the one holding today); for a sprint its id GGGG-Www')
    .option('--as-of <YYYY-MM-DD>', 'compute as of this day (default: today, or the period\'s last day)')
    .option('--force', 'overwrite a file at the report path that kaizen did not generate')
    .action(run(async (ctx, kind: string, period: string | undefined, opts: { asOf?: string; force?: boolean }) =>
      (kind.toLowerCase() === 'sprint' ? (await commands.sprint()).runSprintReport(ctx, period, opts) : (await commands.report()).runReport(ctx, kind, period, opts))));

  program.command('review').description('create reviews/<PERIOD>.md with a summary and the review prompts, or refresh its summary')
    .argument('<kind>', 'week, month or quarter')
    .argument('[period]', 'GGGG-Www, YYYY-MM or YYYY-Qn (default: the one holding today)')
    .option('--as-of <YYYY-MM-DD>', 'compute as of this day (default: today)')
    .action(run(async (ctx, kind: string, period: string | undefined, opts: { asOf?: string }) => (await commands.report()).runReview(ctx, kind, period, opts)));

  program.command('watch').description('keep the current week\'s report (and existing month/quarter reports, review summaries, the running '
    + 'sprint\'s report and the calendar) fresh as files change, and print the goal numbers each change moves')
    .option('--as-of <YYYY-MM-DD>', 'use this day instead of today (to look back at a past week)')
    .action(run(async (ctx, opts: { asOf?: string }) => (await commands.watch()).runWatch(ctx, opts)));

  program.command('sprint').description('1–4 week sprints over the goals: `sprint start`, `sprint` (status), `sprint close`')
    .argument('[step]', 'start, close or status (default: status)')
    .argument('[id]', 'the sprint, GGGG-Www (default: the one holding today, else the latest)')
    .option('--weeks <N>', 'start: the sprint\'s length, 1 to 4 weeks (default 2)')
    .addOption(new Option('--date <YYYY-MM-DD>', 'start: a day in the sprint\'s first week (default: today)'))
    .option('--goal <text>', 'start: the sprint goal, one sentence')
    .option('--task <GOAL:LINE>', 'start: commit this micro-task (repeatable); without it, a checklist on a terminal, else the suggested ones',
      (value: string, all: string[] = []) => [...all, value])
    .option('--as-of <YYYY-MM-DD>', 'status and close: as of this day (default: today)')
    .action(run(async (ctx, step: string | undefined, id: string | undefined, opts: { weeks?: string; date?: string; goal?: string; task?: string[]; asOf?: string }) => {
      if (step === 'start') {
        if (id !== undefined) throw new UsageError('`sprint start` takes no id: it starts in the week of --date (default: this week)');
        return (await commands.sprint()).runSprintStart(ctx, opts);
      }
      if (step === 'close') return (await commands.sprint()).runSprintClose(ctx, id, opts);
      if (step === undefined || step === 'status') return (await commands.sprint()).runSprintStatus(ctx, id, opts);
      if (/^\d{4}-W\d{2}$/.test(step) && id === undefined) return (await commands.sprint()).runSprintStatus(ctx, step, opts);
      throw new UsageError(`unknown sprint step "${step}": use start, close or status`);
    }));

  program.command('calendar').description('write reports/kaizen.ics: habits on their planned days, milestones, due dates, sprints and review slots, for any calendar app')
    .option('--out <file>', 'write here instead of reports/kaizen.ics')
    .option('--with-purpose', 'put each goal\'s purpose (why) in the events: calendars get shared, so it is left out by default')
    .option('--force', 'overwrite a file at that path that kaizen did not write')
    .action(run(async (ctx, opts: { out?: string; withPurpose?: boolean; force?: boolean }) => (await commands.calendar()).runCalendar(ctx, opts)));

  program.command('export').description('export the days as CSV (one row per goal and day: status, value, strength, period, met), '
    + 'or the habits and their days as a Loop Habit Tracker backup')
    .argument('<kind>', 'csv or loop')
    .argument('[file]', 'loop: the backup to write, such as "Loop Habits Backup.db"')
    .option('-g, --goal <id>', 'csv: only this goal')
    .option('--as-of <YYYY-MM-DD>', 'csv: up to this day (default: today)')
    .option('--force', 'loop: overwrite the file if it exists')
    .action(run(async (ctx, kind: string, file: string | undefined, opts: { goal?: string; asOf?: string; force?: boolean }) => (await commands.export()).runExport(ctx, kind, file, opts)));

  program.command('import').description('import Loop Habit Tracker\'s CSV export (its zip or unzipped folder) or backup (.db) as goals and daily-note lines (a dry run unless --write)')
    .argument('<kind>', 'loop')
    .argument('<file>', 'Loop Habits CSV ….zip, its unzipped folder, or Loop Habits Backup ….db')
    .option('--write', 'write the goals and the days (merged: never unchecks, never duplicates)')
    .action(run(async (ctx, kind: string, file: string, opts: { write?: boolean }) => (await commands.import_()).runImport(ctx, kind, file, opts)));

  program.command('rename').description('rename a goal: its file and every [[link]] to it in logs, goals, sprints and reviews (a dry run unless --write)')
    .argument('<old-id>', 'the goal id now')
    .argument('<new-id>', 'the new id (lower-case words joined by dashes)')
    .option('--write', 'apply the changes (without it, only list them)')
    .action(run(async (ctx, oldId: string, newId: string, opts: { write?: boolean }) => (await commands.rename()).runRename(ctx, oldId, newId, opts)));

  program.command('lsp').description('a language server over stdin/stdout for Neovim, Helix, Zed, Emacs and other LSP editors: '
    + 'goal completion, hover, go to goal, references, rename, symbols, diagnostics, code actions, lenses and inlay hints')
    .option('--stdio', 'talk over stdin and stdout (the default; accepted because many editors pass it)')
    .action(async (_opts: unknown, command: Command) => {
      const dir = (command.optsWithGlobals() as GlobalOptions).dir;
      // Loaded only here: the protocol library is the largest part of the server and no other command needs it.
      const { startLanguageServer } = await import('../lsp/server.js');
      startLanguageServer({ root: dir ? path.resolve(io.cwd, dir).split(path.sep).join('/') : undefined });
    });

  program.command('daemon').description('the background process that runs `log`, `today`, `toggle` and `stats` without starting Node '
    + 'and loading the CLI each time: started by the first of them, stopped after 15 minutes without one; KAIZEN_DAEMON=off keeps it off')
    .argument('[step]', '"status" (the default), "start", "stop", or "run" (in the foreground: what "start" starts)')
    .addOption(new Option('--socket <path>', 'the socket to listen on (the launcher names it)').hideHelp())
    .action(run(async (ctx, step: string | undefined, opts: { socket?: string }) => (await commands.daemon()).runDaemon(ctx, step, opts)));

  program.command('remind').description('for cron or a systemd timer: the goals that still need today, with the minimum step; prints nothing when nothing is due')
    .addOption(dateOption())
    .action(run(async (ctx, opts: { date?: string }) => (await commands.remind()).runRemind(ctx, opts)));

  program.command('standup').description('the daily check-in: yesterday (what was done), today (what needs doing), blockers')
    .addOption(dateOption())
    .action(run(async (ctx, opts: { date?: string }) => (await commands.sprint()).runStandup(ctx, opts)));

  program.command('sync').description('commit the journal\'s changes, pull (rebase) and push, reporting each merge in plain words; '
    + '`kaizen sync setup` once per device first')
    .argument('[step]', '"setup": write .gitattributes and this repository\'s git config for the kaizen merge driver')
    .option('--all', 'commit every changed file under the journal folder, not only journal notes')
    .action(run(async (ctx, step: string | undefined, opts: { all?: boolean }) => {
      if (step === undefined) return (await commands.sync()).runSync(ctx, opts);
      if (step === 'setup') return (await commands.sync()).runSyncSetup(ctx);
      throw new UsageError(`unknown sync step "${step}": use \`kaizen sync\` or \`kaizen sync setup\``);
    }));

  program.command('resolve').description('resolve git conflict markers in journal files by meaning (all such files when none are named); '
    + 'what stays ambiguous keeps its markers and is listed')
    .argument('[files...]', 'files to resolve')
    .action(run(async (ctx, files: string[]) => (await commands.sync()).runResolve(ctx, files)));

  program.command('merge-driver').description('git\'s merge driver for journal notes (set up by `kaizen sync setup`; git runs it)')
    .argument('<files...>', '%O %A %B %L %P')
    .action(run(async (ctx, files: string[]) => (await commands.sync()).runMergeDriver(ctx, files)));

  program.command('completion').description('print a shell completion script: commands, options, and goal ids from the journal')
    .argument('<shell>', SHELLS.join(', '))
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`no completion for "${shell}": use ${SHELLS.join(', ')}`);
      io.stdout(completionScript(shell as Shell, completionSpec(program)));
    });

  // For the completion scripts: the journal's goal ids, one a line; silent outside a journal.
  program.command('__complete', { hidden: true }).argument('<what>')
    .action(async (what: string, _opts: unknown, command: Command) => {
      if (what === 'commands') {
        for (const c of completionSpec(program).commands) io.stdout(`${c.name}\n`);
        return;
      }
      if (what !== 'goals') return;
      const ctx = makeContext(io, command.optsWithGlobals() as GlobalOptions);
      try {
        const { layout } = await loadLayout(nodeFileSystem, await ctx.root());
        for (const id of await listGoalIds(nodeFileSystem, layout)) io.stdout(`${id}\n`);
      } catch {
        // Completion never prints an error into the person's command line.
      }
    });

  program.helpCommand('help [command]', 'show the help of a command, with examples');
  for (const command of program.commands) command.addHelpText('after', examplesText(command.name()));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // Help shown instead of running something (`kaizen` alone, `kaizen help frobnicate`) is a usage error.
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`kaizen: ${e.message}\n(see kaizen --help)\n`);
      return 2;
    }
    if (e instanceof JournalError) {
      io.stderr(`kaizen: ${e.message}\n`);
      return 1;
    }
    io.stderr(`kaizen: unexpected failure: ${e instanceof Error ? e.message : String(e)}\nPlease report this with the command you ran.\n`);
    if (io.env.KAIZEN_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

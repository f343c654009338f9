// What `kaizen help <command>` adds under the options: an example a person can copy, and how completion
// completes each command's arguments. Kept beside each other so a new command gets both.
import type { Command, Option } from 'commander';
import { SHELLS, type CompletionOption, type CompletionSpec, type ValueKind } from './completion.js';

/** One or more examples per command: the command line, then what it does. */
export const COMMAND_EXAMPLES: Record<string, Array<[string, string]>> = {
  init: [['kaizen init my-journal', 'a new journal with one example goal and today\'s log'],
    ['kaizen init --here', 'in an Obsidian vault: only kaizen.yaml, stating the daily-note layout found']],
  today: [['kaizen today', 'create (or complete) today\'s log and print its path'],
    ['code "$(kaizen today)"', 'open it in your editor']],
  log: [['kaizen log morning-walk minimum', 'the 5-minute version counts: check it in today\'s log'],
    ['kaizen log morning-walk standard --value 22', 'the full version, and 22 for the goal\'s metric'],
    ['kaizen log morning-walk skip --reason "travel day"', 'a skip is not a miss']],
  toggle: [['kaizen toggle goals/morning-walk.md:27', 'check or uncheck the task on line 27']],
  check: [['kaizen check', 'every problem, like a compiler (exit 1 on errors)']],
  stats: [['kaizen stats', 'each goal: this week, streak, strength, progress'],
    ['kaizen stats --goal morning-walk --as-of 2026-11-22 --json', 'one goal\'s numbers on a past day, for scripts']],
  report: [['kaizen report week', 'reports/2026-W47.md with charts, for this week'],
    ['kaizen report month 2026-11', 'November\'s report']],
  review: [['kaizen review month 2026-11', 'start (or refresh) the monthly reset']],
  watch: [['kaizen watch', 'keep this week\'s report fresh while you write (Ctrl-C stops)']],
  sprint: [['kaizen sprint start --weeks 2 --goal "Walk through the first cold snap"', 'a two-week sprint from this week'],
    ['kaizen sprint', 'the current sprint: day n of m, burnup, habit weeks'],
    ['kaizen sprint close', 'refresh the summary, carry unfinished items over']],
  calendar: [['kaizen calendar', 'reports/kaizen.ics: your habits, milestones and reviews for any calendar app']],
  import: [['kaizen import loop "Loop Habits CSV 2026-11-22.zip"', 'what an import of your Loop history would write (a dry run)'],
    ['kaizen import loop "Loop Habits CSV 2026-11-22.zip" --write', 'write the goals and the days; importing again writes nothing'],
    ['kaizen import loop "Loop Habits Backup 2026-11-22 081500.db" --write', 'the same from Loop\'s full backup']],
  export: [['kaizen export csv > days.csv', 'one row per goal and day: status, value, strength, period, met'],
    ['kaizen export csv --goal morning-walk --as-of 2026-11-22', 'one goal, up to a day'],
    ['kaizen export loop "Kaizen habits.db"', 'a backup for Loop\'s Settings → Import data: log on the phone, import its next backup']],
  rename: [['kaizen rename morning-walk morning-energy', 'list every change a rename makes'],
    ['kaizen rename morning-walk morning-energy --write', 'and make them']],
  lsp: [['kaizen lsp --stdio', 'what an editor runs (see the editor configurations in docs/other-editors.md)']],
  remind: [['0 19 * * *  cd ~/journal && kaizen remind', '(a crontab line) a mail only on days that need one']],
  standup: [['kaizen standup', 'yesterday, today and blockers in a few lines']],
  sync: [['kaizen sync setup', 'once per device: git merges journal notes by meaning'],
    ['kaizen sync', 'commit, pull (rebase) and push; says what it merged']],
  resolve: [['kaizen resolve', 'finish every journal file that holds git\'s conflict markers']],
  daemon: [['kaizen daemon', 'is the background process running, and how many commands has it run'],
    ['kaizen daemon stop', 'stop it now (the next log, today, toggle or stats starts it again)'],
    ['export KAIZEN_DAEMON=off', '(in your shell\'s profile) every command in a process of its own']],
  'merge-driver': [['git config merge.kaizen.driver "kaizen merge-driver %O %A %B %L %P"', 'what `kaizen sync setup` writes for git']],
  completion: [['source <(kaizen completion bash)', 'in ~/.bashrc: complete commands, options and goal ids'],
    ['kaizen completion fish > ~/.config/fish/completions/kaizen.fish', 'for fish']],
  help: [['kaizen help log', 'one command\'s options and examples']],
};

export function examplesText(name: string): string {
  const examples = COMMAND_EXAMPLES[name];
  if (!examples?.length) return '';
  const width = Math.min(60, Math.max(...examples.map(([line]) => line.length)) + 2);
  const lines = examples.map(([line, what]) => (line.length + 2 > width
    ? `  ${line}\n  ${' '.repeat(width)}${what}` : `  ${line.padEnd(width)}${what}`));
  return `\n${examples.length === 1 ? 'Example' : 'Examples'}:\n${lines.join('\n')}\n`;
}

const LEVELS = { words: ['minimum', 'standard', 'skip'] } as const;
/** What each command's positional arguments complete to, in order. */
const ARGUMENT_KINDS: Record<string, ValueKind[]> = {
  init: ['dir'], log: ['goal', LEVELS], toggle: ['file'], rename: ['goal', 'none'],
  report: [{ words: ['week', 'month', 'quarter', 'sprint'] }, 'none'], review: [{ words: ['week', 'month', 'quarter'] }, 'none'],
  sprint: [{ words: ['start', 'close', 'status'] }, 'none'], sync: [{ words: ['setup'] }], resolve: ['file'],
  daemon: [{ words: ['status', 'start', 'stop', 'run'] }],
  'merge-driver': ['file'], completion: [{ words: SHELLS }], help: ['command'],
  import: [{ words: ['loop'] }, 'file'], export: [{ words: ['csv', 'loop'] }, 'file'],
};
/** What an option's value completes to, by its long name; options not listed take free text. */
const OPTION_KINDS: Record<string, ValueKind> = { '--goal': 'goal', '--dir': 'dir', '--out': 'file' };

function optionSpec(o: Option): CompletionOption {
  const flags = [o.short, o.long].filter((f): f is string => typeof f === 'string');
  const takesValue = o.required || o.optional;
  return { flags, description: o.description, ...(takesValue ? { value: OPTION_KINDS[o.long ?? ''] ?? 'none' } : {}) };
}

/** The completion spec, read from the commander program itself. */
export function completionSpec(program: Command): CompletionSpec {
  const visible = program.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  return {
    program: program.name(),
    globalOptions: program.options.map(optionSpec),
    commands: [...visible.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: c.options.map(optionSpec),
      args: ARGUMENT_KINDS[c.name()] ?? c.registeredArguments.map(() => 'none' as const),
      variadic: c.registeredArguments.at(-1)?.variadic === true,
    })), { name: 'help', description: 'show the help of a command, with examples', options: [], args: ['command'], variadic: false }],
  };
}

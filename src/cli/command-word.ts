// Which command a `kaizen` argument list runs, known before the CLI is loaded (the launcher picks the code
// cache and looks for a kept answer by it).

/** The command's name: the first word that is neither an option nor the value of the global `--dir`. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-d' || a === '--dir') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** The commands whose answer is a function of the journal's files, the arguments and the day only (answer-memo.ts). */
export const MEMO_COMMANDS: ReadonlySet<string> = new Set(['stats']);

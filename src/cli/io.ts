// Everything the CLI touches outside itself, so it runs in-process in tests exactly as in a shell.
import type { JournalFileSystem } from '../journal/file-system.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The clock, for "today". */
  now(): Date;
  /** Whether stdout is a terminal (colours, progress). */
  isTTY: boolean;
  /** This program as started (node and script), for commands that tell git how to run it. */
  self?: { node: string; script: string };
  /** Aborted on Ctrl-C / SIGTERM: long-running commands (watch) stop cleanly. */
  signal?: AbortSignal;
  /** How the journal's files are read (node:fs when absent; a recording one while an answer is kept). */
  fs?: JournalFileSystem;
  /**
   * Takes the parse cache's writes when they may wait until the command has answered (the background process
   * makes them after its reply, before its next command); absent, they are made before the command goes on.
   */
  deferCacheWrite?: (write: () => Promise<void>) => void;
  /**
   * Aborted when this command should give way to another (an answer the background process makes on its own, when
   * a person's command comes): the journal's read stops there, and the command fails.
   */
  giveWay?: AbortSignal;
  /**
   * Files (absolute paths) a watch heard change in the last moments ('many': more than are kept track of): racily
   * new whatever their mtime says, for the parse cache and a kept answer alike. The background process's.
   */
  changedOfLate?: ReadonlySet<string> | 'many';
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function makeStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

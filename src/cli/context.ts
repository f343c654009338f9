// Shared by every command: global options, the journal root, "today", and usage errors.
import path from 'node:path';
import { isValidDay, localDay, type Day } from '../model/dates.js';
import { findRoot } from '../journal/layout.js';
import { nodeFileSystem } from '../journal/node-file-system.js';
import { makeStyle, type CliIo, type Style } from './io.js';

export interface GlobalOptions {
  dir?: string;
  json?: boolean;
  color?: boolean;
}

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommandContext {
  io: CliIo;
  json: boolean;
  style: Style;
  root(): Promise<string>;
  today(): Day;
  out(text: string): void;
  err(text: string): void;
}

export function makeContext(io: CliIo, options: GlobalOptions): CommandContext {
  const color = io.isTTY && options.color !== false && !io.env.NO_COLOR && !options.json;
  return {
    io,
    json: options.json === true,
    style: makeStyle(color),
    root: () => findRoot(nodeFileSystem, toPosix(io.cwd), options.dir ? toPosix(path.resolve(io.cwd, options.dir)) : undefined),
    today: () => localDay(io.now()),
    out: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => io.stderr(text.endsWith('\n') ? text : `${text}\n`),
  };
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function parseDayOption(value: string | undefined, flag: string, fallback: () => Day): Day {
  if (value === undefined) return fallback();
  if (!isValidDay(value)) throw new UsageError(`${flag} must be a real date in YYYY-MM-DD form, got "${value}"`);
  return value;
}

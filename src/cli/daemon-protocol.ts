// What the `kaizen` launcher and its background process (`kaizen daemon`) say to each other over a Unix socket:
// one JSON object a line. Starting Node and loading the CLI costs more than a quick command's own work on a big
// journal, so `log`, `today`, `toggle` and `stats` are handed to a process that has already loaded it (daemon-client.ts,
// commands/daemon.ts). Kept small: the launcher loads it before it knows whether it needs the CLI at all.
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { cacheDirectory } from '../journal/cache-directory.js';

/** The commands the background process runs: they read no standard input, ask nothing and end by themselves. */
export const DAEMON_COMMANDS: ReadonlySet<string> = new Set(['log', 'today', 'toggle', 'stats']);

/** Longest socket path a Unix socket takes everywhere (108 bytes on Linux, 104 on macOS, with the NUL). */
const MAX_SOCKET_PATH = 100;

export const PROTOCOL_VERSION = 1;

/** A command to run, with everything of the launcher's process that the command may read. */
export interface DaemonRequest {
  v: number;
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  /** The launcher's clock and its zone's offset then: a process started in another zone must not say "today". */
  now: number;
  offset: number;
  self?: { node: string; script: string };
}

export type DaemonQuery = { v: number; status: true } | { v: number; stop: true };

/**
 * The launcher's go-ahead after the process took its command. Until it is sent the command is not run, so a launcher
 * that gave up waiting (and runs the command itself) can never have it run twice.
 */
export interface DaemonGo {
  go: true;
}

export interface DaemonStatus {
  pid: number;
  startedAt: number;
  served: number;
  /** Of those, the `stats` answered as before because nothing they read had changed. */
  replayed: number;
  idleSeconds: number;
  socket: string;
}

/** What the background process answers, a line each: taken or refused, then output, then the exit code. */
export type DaemonReply =
  | { accepted: true }
  | { refused: string }
  | { out: string }
  | { err: string }
  | { exit: number }
  | { status: DaemonStatus }
  | { stopping: true };

/** Whether the launcher may hand commands to a background process, and start one. */
export function daemonEnabled(env: Record<string, string | undefined>, platform: string = process.platform): boolean {
  return platform !== 'win32' && env.KAIZEN_DAEMON !== 'off' && env.KAIZEN_CACHE !== 'off';
}

/**
 * The socket of the process for this build of the CLI, this Node, this time zone, locale and umask: another build,
 * another Node, another TZ, LANG or umask never reaches it. Null when the path would be too long for a socket.
 */
export function daemonSocketPath(env: Record<string, string | undefined>, cliHash: string, node: string,
  umask: number): string | null {
  // What a process takes from its start and keeps: the zone, the locale, the mask of the files it creates.
  const key = fnv1a([node, process.version, process.arch, env.TZ, env.LC_ALL, env.LC_COLLATE, env.LC_MESSAGES, env.LANG,
    umask].join('\0'));
  // Absolute: the process runs from `/`, not from where the launcher was started.
  const socket = path.resolve(cacheDirectory(env), 'daemon', `${cliHash.slice(0, 12)}-${key}.sock`);
  return Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? socket : null;
}

/** A short hash without node:crypto (the launcher does not load it). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Splits a stream of lines into JSON objects as they arrive. Bytes are decoded across chunks (a chunk may end inside
 * a character); a line that is not JSON goes to `onBadLine`.
 */
export function lineReader<T>(onMessage: (message: T) => void, onBadLine: () => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return (chunk) => {
    pending += decoder.write(chunk);
    let end: number;
    while ((end = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (line.trim() === '') continue;
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        onBadLine();
        return;
      }
      onMessage(message);
    }
  };
}

export const frame = (message: DaemonReply | DaemonRequest | DaemonQuery | DaemonGo) => `${JSON.stringify(message)}\n`;

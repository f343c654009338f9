// What the `kaizen` launcher and its background process (`kaizen daemon`) say to each other over a Unix socket:
// one JSON object a line; a command's output as the bytes it printed, after a line saying how many. Starting Node and loading the CLI costs more than a quick command's own work on a big
// journal, so `log`, `today`, `toggle` and `stats` are handed to a process that has already loaded it (daemon-client.ts,
// commands/daemon.ts). Kept small: the launcher loads it before it knows whether it needs the CLI at all.
import path from 'node:path';
import { cacheDirectory } from '../journal/cache-directory.js';

/** The commands the background process runs: they read no standard input, ask nothing and end by themselves. */
export const DAEMON_COMMANDS: ReadonlySet<string> = new Set(['log', 'today', 'toggle', 'stats']);

/** Longest socket path a Unix socket takes everywhere (108 bytes on Linux, 104 on macOS, with the NUL). */
const MAX_SOCKET_PATH = 100;

export const PROTOCOL_VERSION = 2;

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
  /** `stats` answers made again in the background after their journal changed. */
  refreshed: number;
  /** Whether a change was heard of whose answers are not made again yet. */
  freshening: boolean;
  idleSeconds: number;
  socket: string;
}

/** What the background process answers, a line each: taken or refused, then output, then the exit code. */
export type DaemonReply =
  | { accepted: true }
  | { refused: string }
  /** That many bytes of the command's standard output (1) or error (2) follow the line, as printed. */
  | { stream: 1 | 2; bytes: number }
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
 * Splits what arrives into messages: a JSON object a line, and after one with `bytes` that many bytes as they are
 * (a command's output: no JSON around its text, nothing decoded on the way). A line is decoded whole, so a chunk
 * may end inside a character; a line that is not JSON goes to `onBadLine`.
 */
export function messageReader<T extends object>(onMessage: (message: T, data: Buffer | null) => void,
  onBadLine: () => void): (chunk: Buffer) => void {
  let partLine: Buffer | null = null;
  let raw: { message: T; bytes: number; chunks: Buffer[]; have: number } | null = null;
  return (chunk) => {
    let rest = chunk;
    for (;;) {
      if (raw) {
        const need = raw.bytes - raw.have;
        if (rest.length < need) {
          raw.chunks.push(rest);
          raw.have += rest.length;
          return;
        }
        raw.chunks.push(rest.subarray(0, need));
        rest = rest.subarray(need);
        const { message, chunks } = raw;
        raw = null;
        onMessage(message, chunks.length === 1 ? chunks[0] as Buffer : Buffer.concat(chunks));
        continue;
      }
      const end = rest.indexOf(10);
      if (end === -1) {
        if (rest.length > 0) partLine = partLine ? Buffer.concat([partLine, rest]) : rest;
        return;
      }
      const lineBytes = partLine ? Buffer.concat([partLine, rest.subarray(0, end)]) : rest.subarray(0, end);
      partLine = null;
      rest = rest.subarray(end + 1);
      const line = lineBytes.toString('utf8');
      if (line.trim() === '') continue;
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        onBadLine();
        return;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        onBadLine();
        return;
      }
      const bytes = (message as { bytes?: unknown }).bytes;
      if (bytes === undefined) onMessage(message, null);
      else if (typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0) {
        raw = { message, bytes, chunks: [], have: 0 };
      } else {
        onBadLine();
        return;
      }
    }
  };
}

export const frame = (message: DaemonReply | DaemonRequest | DaemonQuery | DaemonGo) => `${JSON.stringify(message)}\n`;

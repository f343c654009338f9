// The launcher's side of `kaizen daemon`: hand a quick command to the background process when one is listening,
// and start one for next time when none is. Anything short of the process taking the command (no socket, a stale
// one, a refusal, no answer) leaves the command to run here as before, so the background process is only ever a
// speed-up: a command is run once, either there or here, never both.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { frame, messageReader, PROTOCOL_VERSION, type DaemonReply, type DaemonRequest } from './daemon-protocol.js';

/** How long a request may travel: the background process refuses one that reaches it later (commands/daemon.ts). */
export const ACCEPT_WINDOW_MS = 2000;
const GIVE_UP_MS = ACCEPT_WINDOW_MS + 1000;

/** Not run there: `listening` when a process holds the socket; `silent` when it did not even take the command. */
export type DaemonOutcome = { ran: true; exitCode: number } | { ran: false; listening: boolean; silent?: boolean };

export interface LauncherProcess {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  self?: { node: string; script: string };
  write(stream: 1 | 2, text: string | Uint8Array): void;
}

/** Runs the command in the process listening on `socket`; `ran: false` when it was not taken (then run it here). */
export function runThroughDaemon(socket: string, launcher: LauncherProcess): Promise<DaemonOutcome> {
  return new Promise((resolve) => {
    let accepted = false;
    let settled = false;
    const settle = (outcome: DaemonOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      connection.destroy();
      resolve(outcome);
    };
    const connection = net.connect(socket);
    // A process that cannot take the command (busy or hung) within this time never runs it: it waits for a go-ahead.
    const giveUp = setTimeout(() => {
      if (!accepted) settle({ ran: false, listening: true, silent: true });
    }, GIVE_UP_MS);
    // After the go-ahead the command may have been carried out: said, never run again here.
    const lost = (what: string) => {
      launcher.write(2, `kaizen: ${what}; look at the file before running it again `
        + '(`KAIZEN_DAEMON=off` runs commands without it)\n');
      settle({ ran: true, exitCode: 1 });
    };
    connection.on('error', () => {
      if (!accepted) return settle({ ran: false, listening: false });
      lost('lost the background process while it ran the command');
    });
    connection.on('close', () => {
      if (settled) return;
      if (!accepted) return settle({ ran: false, listening: false });
      lost('the background process stopped before the command finished');
    });
    connection.on('data', messageReader<DaemonReply>((reply, data) => {
      if (settled) return;
      if ('accepted' in reply) {
        // From here the command is the process's: the go-ahead commits it, and it is never run here as well.
        accepted = true;
        clearTimeout(giveUp);
        connection.write(frame({ go: true }));
      }
      else if ('refused' in reply) settle({ ran: false, listening: true });
      else if ('stream' in reply && data) launcher.write(reply.stream === 2 ? 2 : 1, data);
      else if ('exit' in reply) settle({ ran: true, exitCode: reply.exit });
    }, () => {
      if (!accepted) return settle({ ran: false, listening: true });
      lost('the background process answered what kaizen cannot read');
    }));
    const now = new Date();
    const request: DaemonRequest = {
      v: PROTOCOL_VERSION, argv: launcher.argv, cwd: launcher.cwd, env: launcher.env, isTTY: launcher.isTTY,
      now: now.getTime(), offset: now.getTimezoneOffset(), ...(launcher.self ? { self: launcher.self } : {}),
    };
    connection.write(frame(request));
  });
}

/**
 * Starts the background process for next time, detached: it outlives this one and stops itself when idle. Not when
 * its folder cannot hold a socket (each command would start a process that cannot listen).
 */
export function startDaemon(cliScript: string, socket: string, env: Record<string, string | undefined>): void {
  try {
    fs.mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
    fs.accessSync(path.dirname(socket), fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return;
  }
  try {
    // Loaded only here, and synchronously: this runs as the process exits.
    const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    // V8's memory reducer shrinks an idle process's heap, and the next command pays to grow it again: measured on
    // ten years of notes, a `stats` after 10 s of quiet took a third longer with it (about 30 MB more resident
    // without it, for a process that stops itself after 15 idle minutes).
    spawn(process.execPath, ['--no-memory-reducer', cliScript, 'daemon', 'run', '--socket', socket], {
      detached: true, stdio: 'ignore', cwd: '/', env: env as NodeJS.ProcessEnv,
    }).unref();
  } catch {
    // Only a speed-up: the next command runs here again.
  }
}

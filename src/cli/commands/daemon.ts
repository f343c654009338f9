// `kaizen daemon`: the background process that runs `log`, `today`, `toggle` and `stats` for the launcher with the CLI
// already loaded (daemon-client.ts has the launcher's side, daemon-protocol.ts what they say). It runs a command
// exactly as a process of its own would: the launcher's arguments, folder, environment and terminal; one command
// at a time. It stops after a quiet spell, when its socket is taken away, or when the zone it was started in is no
// longer the launcher's.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { runCli } from '../main.js';
import { keepCacheReadsInMemory } from '../../journal/result-cache.js';
import { answerIdentity, AnswersInMemory, memoizable, type AnswerContext } from '../answer-memo.js';
import { AnswerFreshener } from '../daemon-freshen.js';
import type { CliIo } from '../io.js';
import type { CommandContext } from '../context.js';
import { cliBuild, UsageError } from '../context.js';
import { ACCEPT_WINDOW_MS, startDaemon } from '../daemon-client.js';
import { commandWord } from '../command-word.js';
import {
  DAEMON_COMMANDS, daemonEnabled, daemonSocketPath, frame, messageReader, PROTOCOL_VERSION,
  type DaemonGo, type DaemonQuery, type DaemonReply, type DaemonRequest, type DaemonStatus,
} from '../daemon-protocol.js';

const DEFAULT_IDLE_SECONDS = 15 * 60;
const MAX_IDLE_SECONDS = 24 * 3600;
/** How often it checks that its socket is still its own (a removed cache folder, another process in its place). */
const SOCKET_CHECK_MS = 2000;
/** How long a command may hold a process whose socket is gone before the process stops anyway. */
const STUCK_MS = 60_000;

export async function runDaemon(ctx: CommandContext, action: string | undefined, options: { socket?: string }): Promise<number> {
  const socket = options.socket ?? ownSocket(ctx);
  switch (action ?? 'status') {
    case 'run':
      if (!socket) throw new UsageError('no socket for the background process: its path would be too long (set KAIZEN_CACHE_DIR)');
      return serve(socket, idleSeconds(ctx.io.env), ctx.io.signal);
    case 'status':
      return sayStatus(ctx, socket);
    case 'stop':
      return stop(ctx, socket);
    case 'start':
      return start(ctx, socket);
    default:
      throw new UsageError(`unknown daemon step "${action}": use status, start, stop or run`);
  }
}

/** The CLI's bundle beside the `kaizen` launcher that started this command (dist/chunks/cli.cjs). */
function cliScriptBeside(launcher: string): string {
  return path.join(path.dirname(fs.realpathSync(launcher)), 'chunks', 'cli.cjs');
}

function idleSeconds(env: Record<string, string | undefined>): number {
  const asked = Number(env.KAIZEN_DAEMON_IDLE);
  // At most a day: longer overflows the timer (and a process nobody used for a day has no use).
  return env.KAIZEN_DAEMON_IDLE !== undefined && Number.isFinite(asked) && asked > 0
    ? Math.min(asked, MAX_IDLE_SECONDS) : DEFAULT_IDLE_SECONDS;
}

/** The socket the launcher of this build uses in this environment (its name holds the hash of the CLI's bytes). */
function ownSocket(ctx: CommandContext): string | null {
  const cli = ctx.io.self ? cliScriptBeside(ctx.io.self.script) : null;
  if (!cli || !fs.existsSync(cli)) return null;
  const hash = createHash('sha1').update(fs.readFileSync(cli)).digest('hex').slice(0, 16);
  return daemonSocketPath(ctx.io.env, hash, process.execPath, process.umask());
}

function ask(socket: string, query: DaemonQuery): Promise<DaemonReply | null> {
  return new Promise((resolve) => {
    const connection = net.connect(socket);
    const done = (reply: DaemonReply | null) => {
      connection.destroy();
      resolve(reply);
    };
    connection.setTimeout(ACCEPT_WINDOW_MS, () => done(null));
    connection.on('error', () => done(null));
    connection.on('close', () => done(null));
    connection.on('data', messageReader<DaemonReply>(done, () => done(null)));
    connection.write(frame(query));
  });
}

async function sayStatus(ctx: CommandContext, socket: string | null): Promise<number> {
  const reply = socket ? await ask(socket, { v: PROTOCOL_VERSION, status: true }) : null;
  const status = reply && 'status' in reply ? reply.status : null;
  if (ctx.json) {
    ctx.out(JSON.stringify({ running: status !== null, enabled: daemonEnabled(ctx.io.env), socket, ...(status ?? {}) }));
    return 0;
  }
  if (!daemonEnabled(ctx.io.env)) ctx.out('off: KAIZEN_DAEMON=off or KAIZEN_CACHE=off (or Windows): every command runs in its own process');
  else if (status) {
    const since = new Date(status.startedAt).toTimeString().slice(0, 8);
    const unchanged = status.replayed > 0
      ? ` (${status.replayed} answered as before: nothing they read had changed)` : '';
    const remade = status.refreshed > 0
      ? `, ${status.refreshed} \`stats\` ${status.refreshed === 1 ? 'answer' : 'answers'} made again after a change` : '';
    const commands = `${status.served} ${status.served === 1 ? 'command' : 'commands'} run${unchanged}${remade}`;
    ctx.out(`running: pid ${status.pid} since ${since}, ${commands}, `
      + `stops after ${formatSeconds(status.idleSeconds)} without one`);
    ctx.err(ctx.style.dim(`socket ${status.socket}`));
  } else {
    ctx.out('not running: the next `kaizen log`, `today`, `toggle` or `stats` starts it (KAIZEN_DAEMON=off keeps it off)');
  }
  return 0;
}

async function stop(ctx: CommandContext, socket: string | null): Promise<number> {
  const reply = socket ? await ask(socket, { v: PROTOCOL_VERSION, stop: true }) : null;
  ctx.out(reply && 'stopping' in reply ? 'stopped' : 'not running');
  return 0;
}

async function start(ctx: CommandContext, socket: string | null): Promise<number> {
  if (!daemonEnabled(ctx.io.env)) throw new UsageError('the background process is off here (KAIZEN_DAEMON=off, KAIZEN_CACHE=off or Windows)');
  if (!ctx.io.self) throw new UsageError('the background process is started by the `kaizen` command itself');
  if (!socket) throw new UsageError('no socket for the background process: its path would be too long (set KAIZEN_CACHE_DIR)');
  const before = await ask(socket, { v: PROTOCOL_VERSION, status: true });
  if (before && 'status' in before) {
    ctx.out(`already running: pid ${before.status.pid}`);
    return 0;
  }
  startDaemon(cliScriptBeside(ctx.io.self.script), socket, ctx.io.env);
  for (let waited = 0; waited < 10_000; waited += 50) {
    const reply = await ask(socket, { v: PROTOCOL_VERSION, status: true });
    if (reply && 'status' in reply) {
      ctx.out(`started: pid ${reply.status.pid}`);
      return 0;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  ctx.err('kaizen: the background process did not start within 10 s; commands run in their own process meanwhile');
  return 1;
}

function formatSeconds(seconds: number): string {
  return seconds % 60 === 0 && seconds >= 60 ? `${seconds / 60} min` : `${seconds} s`;
}

/** Whether something answers on the socket (a live process, not a file left by one that died). */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socket);
    probe.on('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
}

/** Listens until idle; resolves with the exit code when it stops. */
async function serve(socket: string, idle: number, signal: AbortSignal | undefined): Promise<number> {
  // Its own folder only, never the cache folder above it: a cache folder removed while this process started stays
  // removed (the launcher made the folder before starting it).
  try {
    fs.mkdirSync(path.dirname(socket), { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return 1;
  }
  if (fs.existsSync(socket)) {
    if (await answers(socket)) return 0;
    fs.rmSync(socket, { force: true });
  }
  keepCacheReadsInMemory();
  const keptAnswers = new AnswersInMemory();
  const startedAt = Date.now();
  let served = 0;
  let queue: Promise<void> = Promise.resolve();
  /** The parse cache's writes of the last command, made after its answer. */
  let cacheWrites: Promise<void> = Promise.resolve();
  let pending = 0;
  let stopWith: (code: number) => void = () => {};
  let stopping = false;
  const stopped = new Promise<number>((resolve) => {
    stopWith = (code) => {
      stopping = true;
      resolve(code);
    };
  });
  let idleTimer: NodeJS.Timeout | null = null;
  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending === 0) stopWith(0);
      else armIdle();
    }, idle * 1000);
  };
  /**
   * Runs a request (in its turn: one at a time); `answered` is called once its output is all out, and only then are
   * the parse cache's writes started, so that no one waits on them.
   */
  const runAndAnswer = async (request: DaemonRequest, print: (stream: 1 | 2, text: string) => void,
    answered: (code: number) => void, giveWay?: AbortSignal): Promise<void> => {
    // The command before may still be writing the parse cache: it reads what they write.
    await cacheWrites;
    const writes: (() => Promise<void>)[] = [];
    try {
      answered(await runRequest(request, print, keptAnswers, freshener.changedOfLate(), (write) => writes.push(write),
        giveWay));
    } finally {
      cacheWrites = (async () => {
        for (const write of writes) await write().catch(() => {});
      })();
    }
  };
  const freshener = new AnswerFreshener({
    answers: keptAnswers,
    contextOf: answerContextOf,
    // Never before a command that waits, nor once stopping (its cache writes could make a removed folder again).
    inTurn: (work) => {
      const turn = queue.then(async () => {
        if (stopping || pending > 0) return false;
        await work();
        return true;
      });
      queue = turn.then(() => {}, () => {});
      return turn.catch(() => false);
    },
    run: async (request, giveWay) => {
      if (!enterFolder(request.cwd)) return 1;
      let exit = 1;
      try {
        await runAndAnswer(request, () => {}, (code) => {
          exit = code;
        }, giveWay);
      } finally {
        enterFolder('/');
      }
      return exit;
    },
  });
  const status = (): DaemonStatus => ({
    pid: process.pid, startedAt, served, replayed: keptAnswers.replayed, refreshed: freshener.refreshed,
    freshening: freshener.pending, idleSeconds: idle, socket,
  });

  const server = net.createServer((connection) => {
    const reply = (message: DaemonReply) => {
      if (!connection.destroyed) connection.write(frame(message));
    };
    const print = (stream: 1 | 2, text: string) => {
      if (connection.destroyed) return;
      const data = Buffer.from(text, 'utf8');
      connection.write(frame({ stream, bytes: data.length }));
      connection.write(data);
    };
    connection.on('error', () => connection.destroy());
    let goAhead: ((go: boolean) => void) | null = null;
    let answered = false;
    connection.on('close', () => goAhead?.(false));
    connection.on('data', messageReader<DaemonRequest | DaemonQuery | DaemonGo>((message) => {
      if ('go' in message) return void goAhead?.(true);
      if (answered) return;
      answered = true;
      if ('status' in message) return void connection.end(frame({ status: status() }));
      if ('stop' in message) {
        connection.end(frame({ stopping: true }));
        return stopWith(0);
      }
      const refusal = refusalOf(message);
      if (refusal) {
        connection.end(frame({ refused: refusal }));
        // Its zone is not the launchers' any more (the machine's zone changed): a new process takes over.
        if (refusal.startsWith('zone')) stopWith(0);
        return;
      }
      pending++;
      freshener.giveWay(message);
      armIdle();
      // Taken only when its turn comes, so that a launcher waits for a free process, not behind a queue; run only
      // on the launcher's go-ahead (DaemonGo): nothing runs for one that gave up meanwhile and ran it itself.
      queue = queue.then(async () => {
        if (connection.destroyed) return;
        if (!enterFolder(message.cwd)) return void connection.end(frame({ refused: 'cwd: its folder is gone' }));
        try {
          const go = new Promise<boolean>((resolve) => {
            goAhead = resolve;
          });
          reply({ accepted: true });
          if (!await go) return;
          await runAndAnswer(message, print, (code) => {
            served++;
            reply({ exit: code });
            connection.end();
            const context = answerContextOf(message);
            if (memoizable(context)) {
              if (code === 0) freshener.ran(message, answerIdentity(context));
            } else if (code === 0 && WRITING_COMMANDS.has(commandWord(message.argv) ?? '')) {
              // A note it wrote: a kept `stats` is made again (the folder's watch tells too, where there is one).
              freshener.changed();
            }
          });
        } finally {
          goAhead = null;
          enterFolder('/');
        }
      }).finally(() => {
        pending--;
        armIdle();
      });
    }, () => {
      if (!answered) connection.end(frame({ refused: 'malformed: not a request' }));
      else connection.destroy();
      answered = true;
    }));
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(socket, () => resolve(true));
  });
  // Another process took the socket first: it serves.
  if (!listening) return 0;
  fs.chmodSync(socket, 0o600);
  const own = fs.statSync(socket).ino;
  armIdle();
  let lostSince: number | null = null;
  const socketCheck = setInterval(() => {
    let ino: number | null = null;
    try {
      ino = fs.statSync(socket).ino;
    } catch {
      // Gone with its folder.
    }
    // Its socket gone or another's: stop once the commands under way are done, or after a while if one never ends
    // (a launcher that found this process stuck removed the socket to start another).
    if (ino === own) lostSince = null;
    else {
      lostSince ??= Date.now();
      if (pending === 0 || Date.now() - lostSince > STUCK_MS) stopWith(0);
    }
  }, SOCKET_CHECK_MS);
  signal?.addEventListener('abort', () => stopWith(0), { once: true });

  const code = await stopped;
  freshener.close();
  clearInterval(socketCheck);
  if (idleTimer) clearTimeout(idleTimer);
  server.close();
  try {
    if (fs.statSync(socket).ino === own) fs.rmSync(socket, { force: true });
  } catch {
    // Already gone.
  }
  const finished = await Promise.race([queue.then(() => cacheWrites).then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STUCK_MS).unref())]);
  // A command that never ends would keep the process alive for ever.
  if (!finished) process.exit(code);
  return code;
}

/** The daemon's commands that may write a note. */
const WRITING_COMMANDS: ReadonlySet<string> = new Set(['log', 'toggle']);

/** A request's answer context, as `runCli` makes it for the same request. */
function answerContextOf(request: DaemonRequest): AnswerContext {
  return { argv: request.argv, cwd: request.cwd, env: request.env, now: new Date(request.now), isTTY: request.isTTY,
    build: cliBuild(request.env) };
}

/** Works from the launcher's folder, as a process of its own would (a relative path in its environment, say). */
function enterFolder(folder: string): boolean {
  try {
    process.chdir(folder);
    return true;
  } catch {
    return false;
  }
}

/** Why a command is not taken; null when it is run. */
function refusalOf(request: DaemonRequest): string | null {
  if (request.v !== PROTOCOL_VERSION) return `version: protocol ${request.v}, this process speaks ${PROTOCOL_VERSION}`;
  const command = commandWord(request.argv);
  if (command === undefined || !DAEMON_COMMANDS.has(command)) return `command: ${command ?? 'none'} is run in its own process`;
  // Help is laid out for the launcher's terminal width, which this process does not have.
  if (request.argv.some((a) => a === '-h' || a === '--help')) return 'help: is laid out for the launcher\'s terminal';
  // The launcher gave up on an answer after the window: it runs the command itself.
  if (Date.now() - request.now > ACCEPT_WINDOW_MS) return 'late: the command reached this process after the launcher gave up';
  if (new Date(request.now).getTimezoneOffset() !== request.offset) return 'zone: this process was started in another time zone';
  return null;
}

async function runRequest(request: DaemonRequest, print: (stream: 1 | 2, text: string) => void, answers: AnswersInMemory,
  changedOfLate: ReadonlySet<string> | 'many', deferCacheWrite: (write: () => Promise<void>) => void,
  giveWay?: AbortSignal): Promise<number> {
  const lag = Math.max(0, Date.now() - request.now);
  const io: CliIo = {
    stdout: (text) => print(1, text),
    stderr: (text) => print(2, text),
    cwd: request.cwd,
    env: request.env,
    // The launcher's clock: a command that waited its turn across midnight is still of the day it was typed.
    now: () => new Date(Date.now() - lag),
    isTTY: request.isTTY,
    ...(request.self ? { self: request.self } : {}),
    deferCacheWrite,
    changedOfLate,
    ...(giveWay ? { giveWay } : {}),
  };
  try {
    return await runCli(request.argv, io, { answers });
  } catch (e) {
    print(2, `kaizen: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

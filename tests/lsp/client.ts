// A minimal LSP client over stdio for the tests: Content-Length framing written here (so malformed
// frames can be sent too), requests with ids, notifications collected, server requests answered.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CLI_BIN } from '../helpers.js';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  readonly notifications: Message[] = [];
  private readonly waiters: Array<{ test: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  /** Answers to server → client requests (workspace/applyEdit …); default: an empty success. */
  onRequest: (m: Message) => unknown = () => null;
  readonly serverRequests: Message[] = [];
  stderr = '';
  exitCode: Promise<number | null>;

  constructor(cwd: string, args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [CLI_BIN, 'lsp', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.exitCode = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  static uri(abs: string): string {
    return pathToFileURL(abs).href;
  }

  writeRaw(data: string | Buffer): void {
    this.process.stdin.write(data);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 20_000): Promise<Message & { result?: T }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        resolve(m as Message & { result?: T });
      });
      this.send({ id, method, params });
    });
  }

  async call<T = unknown>(method: string, params: unknown): Promise<T> {
    const answer = await this.request<T>(method, params);
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as T;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next notification (or server request) matching, including one already received. */
  waitFor(test: (m: Message) => boolean, timeoutMs = 20_000, what = 'a notification'): Promise<Message> {
    const seen = [...this.notifications, ...this.serverRequests].find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`waiting for ${what}: nothing in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  clearNotifications(): void {
    this.notifications.length = 0;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method && message.id !== undefined && message.id !== null) {
      this.serverRequests.push(message);
      Promise.resolve(this.onRequest(message)).then((result) => this.send({ id: message.id, result: result ?? null }));
    } else if (message.method) {
      this.notifications.push(message);
    } else if (typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    for (const w of [...this.waiters]) {
      if (w.test(message)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }

  async initialize(rootAbs: string, capabilities: object = FULL_CAPABILITIES): Promise<unknown> {
    const result = await this.call('initialize', { processId: process.pid, rootUri: LspClient.uri(rootAbs), capabilities, workspaceFolders: [{ uri: LspClient.uri(rootAbs), name: 'journal' }] });
    this.notify('initialized', {});
    return result;
  }

  async shutdown(): Promise<number | null> {
    await this.call('shutdown', null);
    this.notify('exit', null);
    return this.exitCode;
  }
}

export const FULL_CAPABILITIES = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, codeLens: { refreshSupport: false } },
  textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: { versionSupport: true } },
  window: { showDocument: { support: true } },
};

export interface Pos { line: number; character: number }
export interface Range { start: Pos; end: Pos }
export interface TextEdit { range: Range; newText: string }

/** Applies LSP text edits (UTF-16 positions) to a text, as a client does. */
export function applyLspEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Pos) => (starts[p.line] ?? text.length) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

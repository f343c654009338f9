// A test-only web extension: an in-memory FileSystemProvider under the `kaizenmem` scheme (not `file`, as
// github.dev's `vscode-vfs` is not), filled with the journal the launcher put beside it (journal.json). The
// workbench opens `kaizenmem:/journal` as its folder, so Kaizen's browser entry meets a virtual file system.
import * as vscode from 'vscode';

type Entry = { type: vscode.FileType.File; data: Uint8Array; ctime: number; mtime: number } | { type: vscode.FileType.Directory; ctime: number; mtime: number };

export const SCHEME = 'kaizenmem';

class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>([['/', { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() }]]);
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly ready: Promise<unknown>) {}

  private parentOf(path: string): string {
    return path.slice(0, path.lastIndexOf('/')) || '/';
  }

  /** Fills the file system before the workbench reads it: no events, parents made as needed. */
  seed(path: string, data: Uint8Array): void {
    this.mkdirs(this.parentOf(path));
    this.entries.set(path, { type: vscode.FileType.File, data, ctime: Date.now(), mtime: Date.now() });
  }

  private mkdirs(path: string): void {
    if (this.entries.has(path)) return;
    this.mkdirs(this.parentOf(path));
    this.entries.set(path, { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() });
  }

  private entry(uri: vscode.Uri): Entry {
    const entry = this.entries.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    await this.ready;
    const e = this.entry(uri);
    return { type: e.type, ctime: e.ctime, mtime: e.mtime, size: e.type === vscode.FileType.File ? e.data.byteLength : 0 };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    await this.ready;
    if (this.entry(uri).type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotADirectory(uri);
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    return [...this.entries].filter(([p]) => p !== prefix && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map(([p, e]) => [p.slice(prefix.length), e.type]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    await this.ready;
    const e = this.entry(uri);
    if (e.type !== vscode.FileType.File) throw vscode.FileSystemError.FileIsADirectory(uri);
    return e.data;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    await this.ready;
    const existing = this.entries.get(uri.path);
    if (existing?.type === vscode.FileType.Directory) throw vscode.FileSystemError.FileIsADirectory(uri);
    if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    if (this.entries.get(this.parentOf(uri.path))?.type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotFound(uri.with({ path: this.parentOf(uri.path) }));
    this.entries.set(uri.path, { type: vscode.FileType.File, data: content.slice(), ctime: existing?.ctime ?? Date.now(), mtime: Date.now() });
    this.changed.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await this.ready;
    if (this.entries.has(uri.path)) throw vscode.FileSystemError.FileExists(uri);
    if (this.entries.get(this.parentOf(uri.path))?.type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotFound(uri);
    this.entries.set(uri.path, { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    await this.ready;
    const e = this.entry(uri);
    const inside = [...this.entries.keys()].filter((p) => p.startsWith(`${uri.path}/`));
    if (e.type === vscode.FileType.Directory && inside.length && !options.recursive) throw vscode.FileSystemError.NoPermissions(`${uri.path} is not empty`);
    for (const p of [uri.path, ...inside]) this.entries.delete(p);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    await this.ready;
    const e = this.entry(from);
    if (this.entries.has(to.path) && !options.overwrite) throw vscode.FileSystemError.FileExists(to);
    if (this.entries.get(this.parentOf(to.path))?.type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotFound(to);
    for (const [p, inner] of [...this.entries].filter(([p]) => p === from.path || p.startsWith(`${from.path}/`))) {
      this.entries.delete(p);
      this.entries.set(to.path + p.slice(from.path.length), inner);
    }
    this.entries.set(to.path, e);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
  }
}

export function activate(context: vscode.ExtensionContext): void {
  let fill: (value: unknown) => void = () => {};
  const ready = new Promise((resolve) => (fill = resolve));
  const memfs = new MemoryFileSystem(ready);
  // Registered at once: the workbench waits for a provider of the folder's scheme, then reads through it.
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, memfs, { isCaseSensitive: true }));
  void (async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'journal.json'));
    const files = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>;
    for (const [rel, text] of Object.entries(files)) memfs.seed(`/journal/${rel}`, new TextEncoder().encode(text));
  })().catch((e: unknown) => console.error(`kaizen memfs: the journal could not be loaded: ${String(e)}`)).finally(() => fill(undefined));
  // Where the suite writes its results (the launcher waits for the file beside this extension's folder), and
  // where this extension runs: it is the suite's witness that the worker, not the Node host, runs them.
  context.subscriptions.push(vscode.commands.registerCommand('kaizenTest.host', () => ({
    results: vscode.Uri.joinPath(context.extensionUri, '..', 'vscode-results.json').toString(),
    worker: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined',
    uiKind: vscode.env.uiKind,
  })));
}

// node:fs behind the journal's file-system interface, plus the only way the CLI writes a file:
// under a lock, re-reading the current text, atomically (temp file + fsync + rename).
import fs from 'node:fs';
import path from 'node:path';
import type { EntryKind, FileSignature, FileStat, JournalFileSystem } from './file-system.js';
import { JournalError } from '../model/errors.js';

// Synchronous reads under an async interface: for thousands of small files they cost a third of
// fs.promises (no file handle objects, no thread-pool round trips), and the CLI has nothing else to do.
export const nodeFileSystem: JournalFileSystem = {
  async readFile(p) {
    return fs.readFileSync(p);
  },
  async readDirectory(p) {
    const entries = await fs.promises.readdir(p, { withFileTypes: true });
    return entries.map((e): [string, EntryKind] => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
  },
  async stat(p) {
    return statPath(p);
  },
};

/** lstat with the signature git's index keeps; null when nothing is there. */
export function statPath(p: string): FileStat | null {
  let s: fs.Stats | undefined;
  try {
    // Synchronous for the reason above: a journal's files are stat'ed by the thousand.
    s = fs.lstatSync(p, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
  return s ? fileStatOf(s) : null;
}

function fileStatOf(s: fs.Stats): FileStat {
  const kind: EntryKind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
  const stat: FileStat = { kind, size: s.size, mtimeMs: s.mtimeMs };
  if (kind === 'file') stat.signature = signatureOf(s);
  return stat;
}

/**
 * `base` with node's stat data added to what it says of a file, for the persistent parse cache, except
 * for the paths `unsaved` names (an editor's buffers, whose text is not what the disk's stat describes).
 * Asynchronous stats: an editor's host must not stall while thousands of files are looked at.
 */
export function withStatSignatures(base: JournalFileSystem, unsaved: (path: string) => boolean): JournalFileSystem {
  return {
    readFile: (p) => base.readFile(p),
    readDirectory: (p) => base.readDirectory(p),
    async stat(p) {
      if (unsaved(p)) return base.stat(p);
      try {
        return fileStatOf(await fs.promises.lstat(p));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return code === 'ENOENT' || code === 'ENOTDIR' ? null : base.stat(p);
      }
    },
  };
}

/**
 * Times as node's plain stats give them: milliseconds as doubles, a quarter of a microsecond apart at
 * today's dates, finer than the clock tick a file system stamps (and an edit after the entry was recorded
 * is at least RACY_WINDOW_NS later). Bigint stats would say nanoseconds at twice the cost per file.
 */
export function signatureOf(s: fs.Stats): FileSignature {
  const parts = [s.size, s.mtimeMs, s.ctimeMs, s.ino, s.dev];
  return { key: parts.join(':'), mtimeNs: BigInt(Math.round(s.mtimeMs * 1e6)), parts };
}


const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 15_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` while holding `<file>.kaizen-lock`, so concurrent kaizen processes never lose an update. */
export async function withFileLock<T>(file: string, work: () => Promise<T>, label = file): Promise<T> {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.kaizen-lock`);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.promises.open(lock, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } catch (e) {
        await handle.close().catch(() => {});
        await fs.promises.rm(lock, { force: true });
        throw describeWriteError(e, label);
      }
      await handle.close();
      break;
    } catch (e) {
      if (e instanceof JournalError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw describeWriteError(e, label);
      const age = await fs.promises.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      // A lock whose process is gone (killed mid-write) is stale at once; an empty one after a second.
      const holder = Number(await fs.promises.readFile(lock, 'utf8').catch(() => ''));
      const orphaned = holder > 0 ? !isAlive(holder) : age > 1000;
      if (age > LOCK_STALE_MS || orphaned) {
        await fs.promises.rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new JournalError(`${label} is locked by another kaizen process (${lock}); try again, or delete the lock file if no kaizen is running`);
      await sleep(Math.min(100, 5 + attempt * 5) + Math.random() * 10);
    }
  }
  try {
    return await work();
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
}

const STRAY_AGE_MS = 60_000;

/**
 * Removes temporary files that a killed kaizen left beside `file` (`.<name>.<pid>.<rand>.kaizen-tmp`):
 * those of processes that are gone, or older than a minute.
 */
export function removeStrayTempFiles(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.kaizen-tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    const full = path.join(dir, name);
    let stale = true;
    try {
      const age = Date.now() - fs.statSync(full).mtimeMs;
      stale = age > STRAY_AGE_MS || !isAlive(pid);
    } catch {
      continue;
    }
    if (stale) {
      fs.rmSync(full, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces a file's bytes atomically: readers see the old file or the new one, never a part. `exclusive`: only
 * when nothing is at that path (the whole file appears at once by a hard link, which fails on an existing one).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, label = file, options: { exclusive?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.kaizen-tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.promises.stat(file)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    const handle = await fs.promises.open(temp, 'wx', mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) await linkOrRenameExclusive(temp, file);
    else await fs.promises.rename(temp, file);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    if (options.exclusive && (e as NodeJS.ErrnoException).code === 'EEXIST') throw new JournalError(`${label} exists: not overwriting it; nothing was written`);
    throw describeWriteError(e, label);
  }
}

async function linkOrRenameExclusive(temp: string, file: string): Promise<void> {
  try {
    await fs.promises.link(temp, file);
    await fs.promises.rm(temp, { force: true });
  } catch (e) {
    // File systems without hard links (FAT, some network shares): look, then rename.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    if (fs.existsSync(file)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await fs.promises.rename(temp, file);
  }
}

/** Creates a file only when nothing is there; false when it already exists. */
export async function createFileExclusive(file: string, data: string): Promise<boolean> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.promises.writeFile(file, data, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw describeWriteError(e, file);
  }
}

export function describeWriteError(e: unknown, file: string): Error {
  if (e instanceof JournalError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is exceeded', EISDIR: 'it is a folder',
  };
  const reason = (code && reasons[code]) ?? (e instanceof Error ? e.message : String(e));
  return new JournalError(`cannot write ${file}: ${reason}; nothing was changed`);
}

/** Every Markdown file of a journal on disk, read at once (as `listJournalMarkdown` walks any file system). */
export function journalMarkdownFiles(root: string, reportsFolder: string): string[] {
  const out: string[] = [];
  const walk = (relDir: string) => {
    for (const entry of fs.readdirSync(path.join(root, relDir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== reportsFolder) walk(rel);
      } else if (entry.isFile() && entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

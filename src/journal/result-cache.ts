// A persistent cache of per-file parse results, kept between runs of the CLI, `kaizen lsp` and the
// extension. An entry is trusted without reading its file when the file's stat data (size, mtime and
// ctime in ns, inode, device) is the one recorded, as git trusts its index; otherwise the file is read
// and the entry is used only when the bytes hash the same. A "racily clean" file, one that changed so
// shortly before it was read that a later same-size edit could keep its stat data, gets no stat data in
// its entry (git "smudges" such entries): it is re-hashed on the next read, which records it then.
// Stored outside the journal (KAIZEN_CACHE_DIR, else $XDG_CACHE_HOME/kaizen, else ~/.cache/kaizen),
// versioned by the build, and ignored (never trusted) when unreadable, foreign or malformed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DailyLog, Diagnostic, Goal } from '../model/types.js';
import { lintLogContent } from '../model/lint.js';
import { JournalError } from '../model/errors.js';
import type { ParseResult } from '../parser/index.js';
import type { FileSignature } from './file-system.js';
import { writeFileAtomic } from './node-file-system.js';
import { HOT_LOG_KEYS, lazyLog } from './lazy-log.js';
import { cacheDirectory } from './cache-directory.js';
import type { KeptPlacement, PlacementMemory } from './unplaced-notes.js';


const SCHEMA = 3;
export type CachedResult = ParseResult<Goal> | ParseResult<DailyLog>;

/**
 * A file changed less than this before it was read may change again with the same stat data: file
 * times lag the clock by a tick (a few ms on Linux, a second or two on FAT, HFS+ and some network disks).
 */
export const RACY_WINDOW_NS = 2_000_000_000n;

/**
 * A daily log as stored: what a warm read builds (date, file, habit lines as rows of a shape, the parse
 * diagnostics, the log's own lint) and where the text of its other fields starts in the shard's tail.
 */
interface HotLog {
  /** The log's keys, in the parser's order (an index into the shard's shapes). */
  k: number;
  d: string;
  f: string;
  /** Habit lines: [shape, ...values]. */
  h: unknown[][];
  x: Diagnostic[];
  l: Diagnostic[];
}

type StoredEntry = [hash: string, signature: string | null, result: CachedResult]
  | [hash: string, signature: string | null, hot: HotLog, coldStart: number, coldLength: number];

/**
 * One shard per journal folder (goals, logs/2026, …): an edit rewrites only its folder's shard. On disk: this
 * header as one line of ASCII JSON, then the logs' cold texts back to back (`tail` bytes).
 */
interface CacheShard {
  schema: number;
  build: string;
  root: string;
  folder: string;
  shapes: string[][];
  entries: Record<string, StoredEntry>;
  tail: number;
}

interface Entry {
  hash: string;
  signature: string | null;
  /** Built from `stored` when first asked for, or the result just parsed. */
  result?: CachedResult;
  /** As read from the shard, written back as it is while `result` is still what it describes. */
  stored?: { hot: HotLog; cold: Uint8Array } | { whole: CachedResult };
}

interface Shard {
  entries: Map<string, Entry>;
  shapes: string[][];
  shapeIndex: Map<string, number>;
  dirty: boolean;
  file: string;
}

/** What the journal asks of a parse cache; a memory-only one can stand in where there is no disk. */
export interface ResultCache extends PlacementMemory {
  /** The stored result when the file's stat data says it is unchanged: the file need not be read. */
  fresh(rel: string, signature: FileSignature): CachedResult | undefined;
  /** The stored result when the bytes are those it was parsed from. */
  get(rel: string, bytes: Uint8Array): CachedResult | undefined;
  /**
   * Records a file's result; `signature` is its stat data taken before `readAtNs` (the wall clock, ns),
   * when the bytes were read. Also called after a hit by content, to record new stat data.
   */
  set(rel: string, bytes: Uint8Array, result: CachedResult, signature?: FileSignature, readAtNs?: bigint): void;
}


// A miss hashes the bytes in `get` and again in `set`: the last one is remembered.
let lastHashed: { bytes: Uint8Array; hash: string } | null = null;
function hashOf(bytes: Uint8Array): string {
  if (lastHashed?.bytes === bytes) return lastHashed.hash;
  const hash = createHash('sha1').update(bytes).digest('base64');
  lastHashed = { bytes, hash };
  return hash;
}

const shortHash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

/** The stat data to trust next time, or null when the file changed too close to its read (racily clean). */
export function trustedSignature(signature: FileSignature | undefined, readAtNs: bigint | undefined): string | null {
  if (!signature || readAtNs === undefined) return null;
  return signature.mtimeNs < readAtNs - RACY_WINDOW_NS ? signature.key : null;
}

// Shards are written as ASCII (other characters as \u escapes) and read as Latin-1: decoding UTF-8 is
// several times slower than the JSON parse itself on machines without a vectorised decoder.
const NON_ASCII = /[\u0080-\uffff]/g;
const asciiJson = (value: unknown) => JSON.stringify(value).replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const NOT_ASCII = /[^\x00-\x7f]/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDiagnostics = (v: unknown): v is Diagnostic[] => Array.isArray(v);

/** The keys JSON keeps, in order: what a result read back from the cache has. */
const storedKeys = (o: Record<string, unknown>) =>
  Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');

function isLog(value: unknown): value is DailyLog {
  return isRecord(value) && typeof value.date === 'string' && typeof value.file === 'string'
    && Array.isArray(value.habits);
}

function wellFormedHot(hot: unknown, shapes: number): hot is HotLog {
  return isRecord(hot) && typeof hot.k === 'number' && hot.k >= 0 && hot.k < shapes && typeof hot.d === 'string'
    && typeof hot.f === 'string' && Array.isArray(hot.h) && isDiagnostics(hot.x) && isDiagnostics(hot.l);
}

/** The shard's entries, or null when the bytes are not a shard of this build, root and folder. */
function readShard(bytes: Buffer, build: string, root: string, folder: string):
  { shapes: string[][]; entries: Map<string, Entry> } | null {
  const newline = bytes.indexOf(10);
  if (newline < 0) return null;
  const header = bytes.toString('latin1', 0, newline);
  // Anything but ASCII was not written here: Latin-1 would misread it.
  if (NOT_ASCII.test(header)) return null;
  const data = JSON.parse(header) as Partial<CacheShard>;
  const tailStart = newline + 1;
  const ours = isRecord(data) && data.schema === SCHEMA && data.build === build && data.root === root
    && data.folder === folder && data.tail === bytes.length - tailStart && isRecord(data.entries) && Array.isArray(data.shapes)
    && data.shapes.every((keys) => Array.isArray(keys) && keys.every((k) => typeof k === 'string'));
  if (!ours) return null;
  const shapes = data.shapes as string[][];
  const entries = new Map<string, Entry>();
  const stored = data.entries as Record<string, unknown>;
  for (const rel in stored) {
    const v = stored[rel];
    if (!Array.isArray(v) || typeof v[0] !== 'string' || (v[1] !== null && typeof v[1] !== 'string')) continue;
    if (v.length === 3 && isRecord(v[2])) {
      const whole = v[2] as unknown as CachedResult;
      entries.set(rel, { hash: v[0], signature: v[1], result: whole, stored: { whole } });
    } else if (v.length === 5 && wellFormedHot(v[2], shapes.length) && Number.isInteger(v[3]) && Number.isInteger(v[4])) {
      const [start, end] = [tailStart + (v[3] as number), tailStart + (v[3] as number) + (v[4] as number)];
      if (start < tailStart || end < start + 2 || end > bytes.length) continue;
      entries.set(rel, { hash: v[0], signature: v[1], stored: { hot: v[2], cold: bytes.subarray(start, end) } });
    }
  }
  return { shapes, entries };
}

interface PlacementFile {
  schema: number;
  build: string;
  root: string;
  key: string;
  placement: KeptPlacement;
}

function wellFormedPlacement(p: unknown): p is KeptPlacement {
  const v = p as KeptPlacement;
  return isRecord(v) && Array.isArray(v.logFiles) && Array.isArray(v.unplaced) && Array.isArray(v.copies)
    && isDiagnostics(v.diagnostics) && v.logFiles.every((e) => Array.isArray(e) && typeof e[0] === 'string'
      && Number.isInteger(e[1]) && e[1] >= 0);
}

/**
 * What this process last read of each cache file (or wrote to it), with the file's stat data then: a long-lived
 * process (`kaizen daemon`) reads a shard again only when another process has written it. A result in it is shared
 * by every later read, as the editors share their in-memory parses; nothing changes one once made.
 */
const keptReads = new Map<string, { stat: string; value: unknown }>();
let keepingReads = false;

/** For a process that reads the same journals again and again: one-shot commands and editors keep nothing. */
export function keepCacheReadsInMemory(): void {
  keepingReads = true;
}

const statKey = (s: fs.BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

/** The file read through `parse`, or what was kept of it when its stat data is the same; throws when unreadable. */
function readKept<T>(file: string, parse: (bytes: Buffer) => T): T {
  if (!keepingReads) return parse(fs.readFileSync(file));
  const fd = fs.openSync(file, 'r');
  try {
    const stat = statKey(fs.fstatSync(fd, { bigint: true }));
    const kept = keptReads.get(file);
    if (kept?.stat === stat) return kept.value as T;
    const value = parse(fs.readFileSync(fd));
    keptReads.set(file, { stat, value });
    return value;
  } finally {
    fs.closeSync(fd);
  }
}

/** What was just written to `file` is what the next read would parse from it. */
function keep(file: string, value: unknown): void {
  if (!keepingReads) return;
  try {
    keptReads.set(file, { stat: statKey(fs.statSync(file, { bigint: true })), value });
  } catch {
    keptReads.delete(file);
  }
}

export class FileResultCache implements ResultCache {
  private readonly shards = new Map<string, Shard>();
  /** The daily notes' placement for one listing (the last one read): undefined until looked for. */
  private kept: { key: string; placement: KeptPlacement } | null | undefined;
  private placementDirty = false;

  /** The files heard of late, relative to the root as entries are keyed ('many': all). */
  private readonly changedOfLate: ReadonlySet<string> | 'many';

  private constructor(readonly directory: string, private readonly build: string, private readonly root: string,
    changedOfLate: ReadonlySet<string> | 'many') {
    const prefix = root.endsWith('/') ? root : `${root}/`;
    this.changedOfLate = changedOfLate === 'many' ? 'many'
      : new Set([...changedOfLate].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
  }

  /**
   * The cache of a journal root; shards load when first needed and are dropped when untrustworthy. `changedOfLate`:
   * files (absolute paths) a watch heard change in the last moments, whose stat data is not trusted whatever their
   * mtime says ('many': none is) — a file server's clock behind this one's makes a note saved now look old.
   */
  static load(root: string, build: string, env: Record<string, string | undefined>,
    changedOfLate: ReadonlySet<string> | 'many' = new Set()): FileResultCache {
    // Absolute from the start: a background process writes it after its answer, from another folder.
    return new FileResultCache(path.resolve(cacheDirectory(env), shortHash(root)), build, root, changedOfLate);
  }

  private heardOfLate(rel: string): boolean {
    return this.changedOfLate === 'many' || this.changedOfLate.has(rel);
  }

  private shard(folder: string): Shard {
    let shard = this.shards.get(folder);
    if (shard) return shard;
    const file = path.join(this.directory, `${shortHash(folder)}.json`);
    let read: ReturnType<typeof readShard> = null;
    try {
      read = readKept(file, (bytes) => readShard(bytes, this.build, this.root, folder));
    } catch {
      // Missing, unreadable or corrupted: start empty; the next save replaces it.
    }
    // Copies: this cache adds and drops entries and shapes; the kept read stays as the file holds it.
    const shapes = read ? read.shapes.slice() : [];
    const shapeIndex = new Map(shapes.map((keys, i) => [keys.join('\n'), i]));
    shard = { entries: new Map(read?.entries), shapes, shapeIndex, dirty: false, file };
    this.shards.set(folder, shard);
    return shard;
  }

  /** The entry's result, built from the shard when first asked for; undefined (a miss) when it cannot be. */
  private resultOf(shard: Shard, rel: string, entry: Entry): CachedResult | undefined {
    if (entry.result) return entry.result;
    const stored = entry.stored;
    if (!stored || !('hot' in stored)) return undefined;
    const { hot, cold } = stored;
    const habits: Record<string, unknown>[] = [];
    for (const row of hot.h) {
      const keys = Array.isArray(row) && typeof row[0] === 'number' ? shard.shapes[row[0]] : undefined;
      if (!keys || row.length !== keys.length + 1) {
        shard.entries.delete(rel);
        return undefined;
      }
      const habit: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) habit[keys[i] as string] = row[i + 1];
      habits.push(habit);
    }
    const keys = shard.shapes[hot.k] as string[];
    const value = lazyLog(keys, { date: hot.d, file: hot.f, habits }, () => coldFields(cold, shard.file), hot.l);
    entry.result = { value, diagnostics: hot.x };
    return entry.result;
  }

  private get placementFile(): string {
    return path.join(this.directory, 'placement.json');
  }

  placement(key: string): KeptPlacement | undefined {
    if (this.kept === undefined) {
      this.kept = null;
      try {
        this.kept = readKept(this.placementFile, (bytes) => {
          const data = JSON.parse(bytes.toString('latin1')) as Partial<PlacementFile>;
          return isRecord(data) && data.schema === SCHEMA && data.build === this.build && data.root === this.root
            && typeof data.key === 'string' && wellFormedPlacement(data.placement)
            ? { key: data.key, placement: data.placement } : null;
        });
      } catch {
        // Missing or damaged: placed again, and written at the next save.
      }
    }
    return this.kept?.key === key ? this.kept.placement : undefined;
  }

  setPlacement(key: string, placement: KeptPlacement): void {
    this.kept = { key, placement };
    this.placementDirty = true;
  }

  fresh(rel: string, signature: FileSignature): CachedResult | undefined {
    const shard = this.shard(path.posix.dirname(rel));
    const entry = shard.entries.get(rel);
    const trusted = entry && entry.signature !== null && entry.signature === signature.key && !this.heardOfLate(rel);
    return trusted ? this.resultOf(shard, rel, entry) : undefined;
  }

  get(rel: string, bytes: Uint8Array): CachedResult | undefined {
    const shard = this.shard(path.posix.dirname(rel));
    const entry = shard.entries.get(rel);
    if (!entry || entry.hash !== hashOf(bytes)) return undefined;
    return this.resultOf(shard, rel, entry);
  }

  set(rel: string, bytes: Uint8Array, result: CachedResult, signature?: FileSignature, readAtNs?: bigint): void {
    const shard = this.shard(path.posix.dirname(rel));
    const hash = hashOf(bytes);
    const trusted = this.heardOfLate(rel) ? null : trustedSignature(signature, readAtNs);
    const old = shard.entries.get(rel);
    if (old && old.hash === hash && old.result === result && old.signature === trusted) return;
    // The same result with new stat data (a touched or checked-out file) keeps its stored form.
    const stored = old && old.hash === hash && old.result === result ? old.stored : undefined;
    shard.entries.set(rel, { hash, signature: trusted, result, ...(stored ? { stored } : {}) });
    shard.dirty = true;
  }

  private shapeOf(shard: Shard, keys: string[]): number {
    const id = keys.join('\n');
    let index = shard.shapeIndex.get(id);
    if (index === undefined) {
      index = shard.shapes.push(keys) - 1;
      shard.shapeIndex.set(id, index);
    }
    return index;
  }

  /** The entry as written: a stored form when it still describes the result, else the result encoded. */
  private encode(shard: Shard, entry: Entry): { hot: HotLog; cold: Uint8Array } | { whole: CachedResult } {
    if (entry.stored) return entry.stored;
    const result = entry.result as CachedResult;
    const value = result.value;
    if (!isLog(value)) return { whole: result };
    const log = value as unknown as Record<string, unknown>;
    const keys = storedKeys(log);
    const cold: Record<string, unknown> = {};
    for (const key of keys) if (!HOT_LOG_KEYS.has(key)) cold[key] = log[key];
    const habits = value.habits.map((habit) => {
      const record = habit as unknown as Record<string, unknown>;
      const habitKeys = storedKeys(record);
      return [this.shapeOf(shard, habitKeys), ...habitKeys.map((k) => record[k])];
    });
    const hot: HotLog = {
      k: this.shapeOf(shard, keys), d: value.date, f: value.file, h: habits, x: result.diagnostics, l: lintLogContent(value),
    };
    return { hot, cold: Buffer.from(asciiJson(cold), 'latin1') };
  }

  /** Writes the shards that changed; a failure to write only costs speed next time. */
  async save(): Promise<void> {
    if (this.placementDirty && this.kept) {
      const data: PlacementFile = { schema: SCHEMA, build: this.build, root: this.root, ...this.kept };
      try {
        fs.mkdirSync(this.directory, { recursive: true });
        await writeFileAtomic(this.placementFile, Buffer.from(asciiJson(data), 'latin1'));
        this.placementDirty = false;
        keep(this.placementFile, this.kept);
      } catch {
        // As for a shard: only speed is lost.
      }
    }
    for (const [folder, shard] of this.shards) {
      if (!shard.dirty) continue;
      const entries: Record<string, StoredEntry> = {};
      const tail: Uint8Array[] = [];
      let offset = 0;
      for (const [rel, entry] of shard.entries) {
        const form = this.encode(shard, entry);
        if ('whole' in form) entries[rel] = [entry.hash, entry.signature, form.whole];
        else {
          entries[rel] = [entry.hash, entry.signature, form.hot, offset, form.cold.length];
          tail.push(form.cold);
          offset += form.cold.length;
        }
      }
      const data: CacheShard = {
        schema: SCHEMA, build: this.build, root: this.root, folder, shapes: shard.shapes, entries, tail: offset,
      };
      try {
        fs.mkdirSync(this.directory, { recursive: true });
        await writeFileAtomic(shard.file, Buffer.concat([Buffer.from(`${asciiJson(data)}\n`, 'latin1'), ...tail]));
        shard.dirty = false;
        keep(shard.file, { shapes: shard.shapes.slice(), entries: new Map(shard.entries) });
      } catch {
        // A read-only or full cache folder must never make a command fail.
      }
    }
  }
}

/** A log's cold fields from its stored text; a shard damaged after it was read is said plainly, not guessed. */
function coldFields(cold: Uint8Array, file: string): Record<string, unknown> {
  const text = Buffer.from(cold.buffer, cold.byteOffset, cold.byteLength).toString('latin1');
  try {
    if (NOT_ASCII.test(text)) throw new Error('not ASCII');
    const fields = JSON.parse(text) as unknown;
    if (isRecord(fields)) return fields;
  } catch {
    // Reported below.
  }
  throw new JournalError(`the parse cache ${file} is damaged: delete it (it is rebuilt on the next run)`);
}

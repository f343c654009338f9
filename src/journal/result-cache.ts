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
import os from 'node:os';
import path from 'node:path';
import type { DailyLog, Goal } from '../model/types.js';
import type { ParseResult } from '../parser/index.js';
import type { FileSignature } from './file-system.js';
import { writeFileAtomic } from './node-file-system.js';

const SCHEMA = 2;
export type CachedResult = ParseResult<Goal> | ParseResult<DailyLog>;

/**
 * A file changed less than this before it was read may change again with the same stat data: file
 * times lag the clock by a tick (a few ms on Linux, a second or two on FAT, HFS+ and some network disks).
 */
export const RACY_WINDOW_NS = 2_000_000_000n;

type Entry = [hash: string, result: CachedResult, signature: string | null];

/** One shard per journal folder (goals, logs/2026, …): an edit rewrites only its folder's shard. */
interface CacheShard {
  schema: number;
  build: string;
  root: string;
  folder: string;
  entries: Record<string, Entry>;
}

/** What the journal asks of a parse cache; a memory-only one can stand in where there is no disk. */
export interface ResultCache {
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

export function cacheDirectory(env: Record<string, string | undefined>): string {
  if (env.KAIZEN_CACHE_DIR) return env.KAIZEN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'kaizen');
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

export class FileResultCache implements ResultCache {
  private readonly shards = new Map<string, { entries: Map<string, Entry>; dirty: boolean }>();

  private constructor(readonly directory: string, private readonly build: string, private readonly root: string) {}

  /** The cache of a journal root; shards load when first needed and are dropped when untrustworthy. */
  static load(root: string, build: string, env: Record<string, string | undefined>): FileResultCache {
    return new FileResultCache(path.join(cacheDirectory(env), shortHash(root)), build, root);
  }

  private shard(folder: string) {
    let shard = this.shards.get(folder);
    if (shard) return shard;
    let entries = new Map<string, Entry>();
    try {
      const text = fs.readFileSync(path.join(this.directory, `${shortHash(folder)}.json`), 'latin1');
      // Anything but ASCII was not written here: Latin-1 would misread it.
      if (/[^\x00-\x7f]/.test(text)) throw new Error('not a cache shard');
      const data = JSON.parse(text) as Partial<CacheShard>;
      const ours = data && data.schema === SCHEMA && data.build === this.build && data.root === this.root && data.folder === folder;
      if (ours && data.entries && typeof data.entries === 'object') {
        for (const rel in data.entries) {
          const v = data.entries[rel];
          const wellFormed = Array.isArray(v) && typeof v[0] === 'string' && v[1] && typeof v[1] === 'object';
          if (wellFormed && (v[2] === null || typeof v[2] === 'string')) entries.set(rel, v);
        }
      }
    } catch {
      // Missing, unreadable or corrupted: start empty; the next save replaces it.
      entries = new Map();
    }
    shard = { entries, dirty: false };
    this.shards.set(folder, shard);
    return shard;
  }

  fresh(rel: string, signature: FileSignature): CachedResult | undefined {
    const entry = this.shard(path.posix.dirname(rel)).entries.get(rel);
    return entry && entry[2] !== null && entry[2] === signature.key ? entry[1] : undefined;
  }

  get(rel: string, bytes: Uint8Array): CachedResult | undefined {
    const entry = this.shard(path.posix.dirname(rel)).entries.get(rel);
    if (!entry || entry[0] !== hashOf(bytes)) return undefined;
    return entry[1];
  }

  set(rel: string, bytes: Uint8Array, result: CachedResult, signature?: FileSignature, readAtNs?: bigint): void {
    const shard = this.shard(path.posix.dirname(rel));
    const hash = hashOf(bytes);
    const trusted = trustedSignature(signature, readAtNs);
    const old = shard.entries.get(rel);
    if (old && old[0] === hash && old[1] === result && old[2] === trusted) return;
    shard.entries.set(rel, [hash, result, trusted]);
    shard.dirty = true;
  }

  /** Writes the shards that changed; a failure to write only costs speed next time. */
  async save(): Promise<void> {
    for (const [folder, shard] of this.shards) {
      if (!shard.dirty) continue;
      const data: CacheShard = { schema: SCHEMA, build: this.build, root: this.root, folder, entries: Object.fromEntries(shard.entries) };
      try {
        fs.mkdirSync(this.directory, { recursive: true });
        await writeFileAtomic(path.join(this.directory, `${shortHash(folder)}.json`), asciiJson(data));
        shard.dirty = false;
      } catch {
        // A read-only or full cache folder must never make a command fail.
      }
    }
  }
}

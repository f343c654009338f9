// A persistent cache of per-file parse results for the CLI, keyed by the file's path and a hash of
// its bytes: any change, even a same-size edit in the same second, misses. Stored outside the
// journal (KAIZEN_CACHE_DIR, else $XDG_CACHE_HOME/kaizen, else ~/.cache/kaizen), versioned by the
// build, and ignored (never trusted) when unreadable, foreign or malformed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DailyLog, Goal } from '../model/types.js';
import type { ParseResult } from '../parser/index.js';
import { writeFileAtomic } from './node-file-system.js';

const SCHEMA = 1;
type Result = ParseResult<Goal> | ParseResult<DailyLog>;

/** One shard per journal folder (goals, logs/2026, …): an edit rewrites only its folder's shard. */
interface CacheShard {
  schema: number;
  build: string;
  root: string;
  folder: string;
  entries: Record<string, [hash: string, result: Result]>;
}

export interface ResultCache {
  get(rel: string, bytes: Uint8Array): Result | undefined;
  set(rel: string, bytes: Uint8Array, result: Result): void;
}

export function cacheDirectory(env: Record<string, string | undefined>): string {
  if (env.KAIZEN_CACHE_DIR) return env.KAIZEN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'kaizen');
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

const shortHash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

export class FileResultCache implements ResultCache {
  private readonly shards = new Map<string, { entries: Map<string, [string, Result]>; dirty: boolean }>();

  private constructor(readonly directory: string, private readonly build: string, private readonly root: string) {}

  /** The cache of a journal root; shards load when first needed and are dropped when untrustworthy. */
  static load(root: string, build: string, env: Record<string, string | undefined>): FileResultCache {
    return new FileResultCache(path.join(cacheDirectory(env), shortHash(root)), build, root);
  }

  private shard(folder: string) {
    let shard = this.shards.get(folder);
    if (shard) return shard;
    let entries = new Map<string, [string, Result]>();
    try {
      const data = JSON.parse(fs.readFileSync(path.join(this.directory, `${shortHash(folder)}.json`), 'utf8')) as Partial<CacheShard>;
      if (data && data.schema === SCHEMA && data.build === this.build && data.root === this.root && data.folder === folder && data.entries && typeof data.entries === 'object') {
        entries = new Map(Object.entries(data.entries).filter(([, v]) => Array.isArray(v) && typeof v[0] === 'string' && v[1] && typeof v[1] === 'object'));
      }
    } catch {
      // Missing, unreadable or corrupted: start empty; the next save replaces it.
    }
    shard = { entries, dirty: false };
    this.shards.set(folder, shard);
    return shard;
  }

  get(rel: string, bytes: Uint8Array): Result | undefined {
    const entry = this.shard(path.posix.dirname(rel)).entries.get(rel);
    if (!entry || entry[0] !== hashOf(bytes)) return undefined;
    return entry[1];
  }

  set(rel: string, bytes: Uint8Array, result: Result): void {
    const shard = this.shard(path.posix.dirname(rel));
    shard.entries.set(rel, [hashOf(bytes), result]);
    shard.dirty = true;
  }

  /** Writes the shards that changed; a failure to write only costs speed next time. */
  async save(): Promise<void> {
    for (const [folder, shard] of this.shards) {
      if (!shard.dirty) continue;
      const data: CacheShard = { schema: SCHEMA, build: this.build, root: this.root, folder, entries: Object.fromEntries(shard.entries) };
      try {
        fs.mkdirSync(this.directory, { recursive: true });
        await writeFileAtomic(path.join(this.directory, `${shortHash(folder)}.json`), JSON.stringify(data));
        shard.dirty = false;
      } catch {
        // A read-only or full cache folder must never make a command fail.
      }
    }
  }
}

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

interface CacheFile {
  schema: number;
  build: string;
  root: string;
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

export class FileResultCache implements ResultCache {
  private readonly entries: Map<string, [string, Result]>;
  private readonly used = new Set<string>();
  private dirty = false;

  private constructor(readonly file: string, private readonly build: string, private readonly root: string, entries: Map<string, [string, Result]>) {
    this.entries = entries;
  }

  /** The cache for a journal root, empty when there is none yet or the stored one cannot be trusted. */
  static load(root: string, build: string, env: Record<string, string | undefined>): FileResultCache {
    const file = path.join(cacheDirectory(env), `${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    let entries = new Map<string, [string, Result]>();
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data && data.schema === SCHEMA && data.build === build && data.root === root && data.entries && typeof data.entries === 'object') {
        entries = new Map(Object.entries(data.entries).filter(([, v]) => Array.isArray(v) && typeof v[0] === 'string' && v[1] && typeof v[1] === 'object'));
      }
    } catch {
      // Missing, unreadable or corrupted: start empty; the next save replaces it.
    }
    return new FileResultCache(file, build, root, entries);
  }

  get(rel: string, bytes: Uint8Array): Result | undefined {
    const entry = this.entries.get(rel);
    if (!entry || entry[0] !== hashOf(bytes)) return undefined;
    this.used.add(rel);
    return entry[1];
  }

  set(rel: string, bytes: Uint8Array, result: Result): void {
    this.entries.set(rel, [hashOf(bytes), result]);
    this.used.add(rel);
    this.dirty = true;
  }

  /** Writes the cache when it changed; a failure to write only costs speed next time. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const data: CacheFile = { schema: SCHEMA, build: this.build, root: this.root, entries: Object.fromEntries(this.entries) };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(data));
      this.dirty = false;
    } catch {
      // A read-only or full cache folder must never make a command fail.
    }
  }
}

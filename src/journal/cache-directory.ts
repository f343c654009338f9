// Where Kaizen keeps what it can always rebuild (parse results, compiled code): outside the journal.
import os from 'node:os';
import path from 'node:path';

/** KAIZEN_CACHE_DIR, else $XDG_CACHE_HOME/kaizen, else ~/.cache/kaizen. */
export function cacheDirectory(env: Record<string, string | undefined>): string {
  if (env.KAIZEN_CACHE_DIR) return env.KAIZEN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'kaizen');
}

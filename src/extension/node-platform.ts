// The Node entry's platform: the persistent parse cache the CLI shares (trusted by node's stat data of
// files on this computer's disk) and git sync setup.
import { withStatSignatures } from '../journal/node-file-system.js';
import { FileResultCache } from '../journal/result-cache.js';
import { registerGitSync } from './git-sync.js';
import type { Platform } from './platform.js';
import { diskPath } from './disk-path.js';

declare const KAIZEN_BUILD: string | undefined;

export const nodePlatform: Platform = {
  kind: 'node',
  readingFileSystem(base, unsaved, root) {
    return diskPath(root) === root ? withStatSignatures(base, unsaved) : base;
  },
  persistentCache(root, options) {
    // None in a test build, with KAIZEN_CACHE=off, or for a journal that is not on this disk.
    if (typeof KAIZEN_BUILD !== 'string' || process.env.KAIZEN_CACHE === 'off' || diskPath(root) !== root) return undefined;
    return FileResultCache.load(root, KAIZEN_BUILD, options.cacheDirectory ? { ...process.env, KAIZEN_CACHE_DIR: options.cacheDirectory } : process.env);
  },
  register: registerGitSync,
};

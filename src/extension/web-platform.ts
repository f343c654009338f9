// The browser entry's platform: no disk, no git; parse results live in memory for the session.
import type { Platform } from './platform.js';

export const webPlatform: Platform = {
  kind: 'web',
  readingFileSystem: (base) => base,
  persistentCache: () => undefined,
  register: () => {},
};

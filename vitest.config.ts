import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export const CACHE_DIR = path.join(os.tmpdir(), `kaizen-test-cache-${process.pid}`);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The built CLI's parse cache goes to a throwaway folder, never the tester's ~/.cache.
    // No background process for `log`, `today` and `toggle` but in the tests of it (tests/cli/daemon.test.ts).
    env: { KAIZEN_CACHE_DIR: CACHE_DIR, KAIZEN_DAEMON: 'off' },
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
  },
});

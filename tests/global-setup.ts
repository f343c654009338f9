// The built CLI's parse cache of one run lives in one temp folder: removed when the run ends.
import fs from 'node:fs';
import { CACHE_DIR } from '../vitest.config.js';

export default function setup(): () => void {
  return () => fs.rmSync(CACHE_DIR, { recursive: true, force: true });
}

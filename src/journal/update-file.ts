// Read-modify-write of one journal file for the CLI: under a lock, on the file's current text,
// atomically, and only when the text really changes.
import fs from 'node:fs';
import { decodeUtf8 } from '../parser/text.js';
import { JournalError } from '../model/errors.js';
import { removeStrayTempFiles, withFileLock, writeFileAtomic } from './node-file-system.js';
import type { Plan } from './plans.js';

export async function updateFile<P extends Plan>(abs: string, rel: string, plan: (current: string | null) => P): Promise<P & { created: boolean }> {
  return withFileLock(abs, async () => {
    removeStrayTempFiles(abs);
    let current: string | null = null;
    try {
      const bytes = await fs.promises.readFile(abs);
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) throw new JournalError(`${rel}:${decoded.line}:${decoded.column}: the file is not valid UTF-8; nothing was changed`);
      current = decoded.text;
    } catch (e) {
      if (e instanceof JournalError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new JournalError(`cannot read ${rel}: ${code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
    }
    const result = plan(current);
    if (result.changed) await writeFileAtomic(abs, result.text, rel);
    return { ...result, created: current === null };
  }, rel);
}

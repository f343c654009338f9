// Every Markdown file of a journal, for the commands that look through all of them (`kaizen resolve`,
// `kaizen rename`): hidden folders, node_modules and the generated reports are not the person's notes.
import { joinPath, type EntryKind, type JournalFileSystem } from './file-system.js';

/** Every Markdown file through a journal's file system (an editor's: open buffers are read from memory later). */
export async function listJournalMarkdown(files: JournalFileSystem, root: string, reportsFolder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relDir: string): Promise<void> => {
    let entries: [string, EntryKind][];
    try {
      entries = await files.readDirectory(relDir === '' ? root : joinPath(root, relDir));
    } catch {
      return;
    }
    const folders: string[] = [];
    for (const [name, kind] of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      if (kind === 'directory') {
        if (rel !== reportsFolder) folders.push(rel);
      } else if (kind === 'file' && name.endsWith('.md')) out.push(rel);
    }
    await Promise.all(folders.map(walk));
  };
  await walk('');
  return out.sort();
}

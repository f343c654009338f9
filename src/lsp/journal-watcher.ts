// The journal watched folder by folder, for a language server whose editor cannot watch files for it (Neovim
// 0.7, Helix). One native watch per folder, hidden folders (.git, .obsidian) left out. Node 20's
// `fs.watch(root, { recursive: true })` on Linux walks every file and polls each with a stat watcher instead:
// on ten years of notes a quarter of a second at start-up and a stat per note every few seconds after.
import fs from 'node:fs';
import path from 'node:path';

const NOTE = /\.(md|yaml)$/;

/**
 * Calls `changed` with the journal-relative path of a note or kaizen.yaml that changed, and of a folder that
 * appeared or went (a new year's notes, a `git checkout`): a new folder is watched from then on, and the notes it
 * already holds are reported. Null when the platform cannot watch the root.
 */
export function watchJournalFolders(root: string, changed: (rel: string) => void): { close(): void } | null {
  const watchers = new Map<string, fs.FSWatcher>();
  let closed = false;

  const unwatch = (rel: string) => {
    for (const [folder, watcher] of watchers) {
      if (folder === rel || folder.startsWith(`${rel}/`)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
  };

  const event = (folder: string, name: string | Buffer | null) => {
    const base = name?.toString();
    if (closed || !base || base.startsWith('.')) return;
    const rel = folder ? `${folder}/${base}` : base;
    if (NOTE.test(base)) {
      changed(rel);
      return;
    }
    fs.stat(path.join(root, rel), (error, stat) => {
      if (closed) return;
      if (!error && stat.isDirectory()) {
        if (watchers.has(rel)) return;
        watch(rel, true);
        changed(rel);
      } else if (watchers.has(rel)) {
        unwatch(rel);
        changed(rel);
      }
    });
  };

  const watch = (folder: string, announce: boolean) => {
    if (closed || watchers.has(folder)) return;
    const abs = folder ? path.join(root, folder) : root;
    let entries: fs.Dirent[];
    try {
      const watcher = fs.watch(abs, (_type, name) => event(folder, name));
      watcher.on('error', () => {
        // The folder went: its parent's watch reports it.
        watcher.close();
        if (watchers.get(folder) === watcher) watchers.delete(folder);
      });
      watchers.set(folder, watcher);
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) watch(rel, announce);
      else if (announce && NOTE.test(entry.name)) changed(rel);
    }
  };

  watch('', false);
  if (!watchers.has('')) return null;
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

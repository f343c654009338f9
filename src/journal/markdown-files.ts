// Every Markdown file of a journal, for the commands that look through all of them (`kaizen resolve`,
// `kaizen rename`): hidden folders, node_modules and the generated reports are not the person's notes.
import fs from 'node:fs';
import path from 'node:path';

export function journalMarkdownFiles(root: string, reportsFolder: string): string[] {
  const out: string[] = [];
  const walk = (relDir: string) => {
    for (const entry of fs.readdirSync(path.join(root, relDir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== reportsFolder) walk(rel);
      } else if (entry.isFile() && entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

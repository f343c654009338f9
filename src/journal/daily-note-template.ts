// The text a new daily note starts from: the vault's own daily template filled in for the day (FORMAT
// §9), or null for Kaizen's template. Read through the journal's file system, so every face (CLI,
// editor, language server) starts a note the same way.
import type { Day } from '../model/dates.js';
import { fillDailyTemplate } from '../model/note-template.js';
import { decodeUtf8 } from '../parser/text.js';
import { JournalError } from '../model/errors.js';
import { joinPath, type JournalFileSystem } from './file-system.js';
import type { Layout } from './layout.js';
import { readTemplateFormats } from './obsidian-settings.js';

export async function newDailyNoteText(fs: JournalFileSystem, layout: Layout, day: Day, rel: string, now: Date = new Date()):
  Promise<string | null> {
  if (!layout.dailyTemplate) return null;
  const candidates = layout.dailyTemplate.endsWith('.md') ? [layout.dailyTemplate] : [`${layout.dailyTemplate}.md`, layout.dailyTemplate];
  for (const candidate of candidates) {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(joinPath(layout.root, candidate));
    } catch {
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) throw new JournalError(`${candidate}:${decoded.line}:${decoded.column}: the daily template is not valid UTF-8; nothing was written`);
    const title = rel.slice(rel.lastIndexOf('/') + 1).replace(/\.md$/, '');
    const formats = await readTemplateFormats(fs, layout.root);
    const time = { hours: now.getHours(), minutes: now.getMinutes(), seconds: now.getSeconds() };
    return fillDailyTemplate(decoded.text, { day, title, time, ...formats });
  }
  // A template the settings name but the vault does not have: Kaizen's own, as Obsidian would start an empty note.
  return null;
}

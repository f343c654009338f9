// `reports/kaizen.ics` on disk: written only over a calendar kaizen wrote, only when its bytes change;
// an existing one is kept fresh by `kaizen report` and `kaizen watch` with the options it was written with.
import fs from 'node:fs';
import path from 'node:path';
import { JournalError } from '../model/errors.js';
import { isGeneratedCalendar, renderCalendar } from '../report/calendar.js';
import type { Journal } from './journal.js';
import { writeFileAtomic } from './node-file-system.js';

export function calendarPath(reports: string): string {
  return `${reports}/kaizen.ics`;
}

export async function writeCalendar(journal: Journal, options: { out?: string; withPurpose: boolean; force?: boolean }): Promise<{ file: string; changed: boolean; events: number }> {
  const rel = options.out ?? calendarPath(journal.layout.reports);
  const abs = path.isAbsolute(rel) ? rel : path.join(journal.root, rel);
  const text = renderCalendar({ goals: journal.goals, sprints: journal.sprints, withPurpose: options.withPurpose });
  let current: string | null = null;
  try {
    current = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new JournalError(`cannot read ${rel}: ${(e as Error).message}`);
  }
  if (current !== null && !isGeneratedCalendar(current) && !options.force) {
    throw new JournalError(`${rel} exists and was not written by kaizen calendar: not overwriting it; move it away or use --force`);
  }
  const events = text.split('\r\nBEGIN:VEVENT').length - 1;
  if (current === text) return { file: rel, changed: false, events };
  await writeFileAtomic(abs, text, rel);
  return { file: rel, changed: true, events };
}

/** Refreshes the journal's calendar file when one exists (with the purpose in it when it had it). */
export async function refreshCalendarIfPresent(journal: Journal): Promise<{ file: string; changed: boolean } | null> {
  const rel = calendarPath(journal.layout.reports);
  let current: string;
  try {
    current = fs.readFileSync(path.join(journal.root, rel), 'utf8');
  } catch {
    return null;
  }
  if (!isGeneratedCalendar(current)) return null;
  const r = await writeCalendar(journal, { withPurpose: current.includes('X-KAIZEN-WITH-PURPOSE:TRUE') });
  return { file: r.file, changed: r.changed };
}

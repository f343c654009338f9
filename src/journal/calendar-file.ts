// `reports/kaizen.ics` on disk: written only over a calendar kaizen wrote, only when its bytes change;
// an existing one is kept fresh by `kaizen report` and `kaizen watch` with the options it was written with.
import fs from 'node:fs';
import path from 'node:path';
import type { Day } from '../model/dates.js';
import { JournalError } from '../model/errors.js';
import { firstLinkedDay } from '../model/habit-days.js';
import type { HabitDays } from '../model/habit-days.js';
import type { Sprint } from '../model/sprint.js';
import type { Goal } from '../model/types.js';
import { isGeneratedCalendar, renderCalendar } from '../report/calendar.js';
import { Journal, type LogSelection } from './journal.js';
import type { Layout } from './layout.js';
import { writeFileAtomic } from './node-file-system.js';

export function calendarPath(reports: string): string {
  return `${reports}/kaizen.ics`;
}

/**
 * The logs the calendar needs: none, unless an active habit has no `start` (it starts on the first day a
 * log links it, FORMAT §4), then all of them, so the file never depends on the day it was written.
 */
export function calendarLogs(goals: readonly Goal[]): LogSelection {
  return goals.some((g) => g.status === 'active' && g.cadence !== null && g.start === null) ? 'all' : 'none';
}

/** What a calendar is made of: a journal opened with `calendarLogs` (or all logs), or watch's numbers. */
export interface CalendarSource {
  readonly layout: Layout;
  readonly root: string;
  readonly goals: readonly Goal[];
  readonly sprints: readonly Sprint[];
  habitDays(): HabitDays;
}

export async function writeCalendar(journal: CalendarSource, options: { out?: string; withPurpose: boolean; force?: boolean }): Promise<{ file: string; changed: boolean; events: number }> {
  const rel = options.out ?? calendarPath(journal.layout.reports);
  const abs = path.isAbsolute(rel) ? rel : path.join(journal.root, rel);
  const firstLinked = new Map<string, Day>();
  for (const [id, days] of journal.habitDays()) {
    const first = firstLinkedDay(days);
    if (first !== null) firstLinked.set(id, first);
  }
  const text = renderCalendar({ goals: journal.goals, sprints: journal.sprints, withPurpose: options.withPurpose, firstLinked });
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
  const current = readCalendar(journal.layout, journal.root);
  if (current === null || !isGeneratedCalendar(current)) return null;
  // The caller read the logs it needed (a period, or none): a goal without start needs them all.
  const complete = calendarLogs(journal.goals) === 'none' ? journal : await Journal.open(journal.fs, journal.root, { logs: calendarLogs });
  return refreshCalendarText(complete, current);
}

/** The calendar of a source that holds every log (watch's), when the person made one. */
export async function refreshCalendarFrom(source: CalendarSource): Promise<{ file: string; changed: boolean } | null> {
  const current = readCalendar(source.layout, source.root);
  return current === null || !isGeneratedCalendar(current) ? null : refreshCalendarText(source, current);
}

function readCalendar(layout: Layout, root: string): string | null {
  try {
    return fs.readFileSync(path.join(root, calendarPath(layout.reports)), 'utf8');
  } catch {
    return null;
  }
}

async function refreshCalendarText(source: CalendarSource, current: string): Promise<{ file: string; changed: boolean }> {
  const r = await writeCalendar(source, { withPurpose: current.includes('X-KAIZEN-WITH-PURPOSE:TRUE') });
  return { file: r.file, changed: r.changed };
}

// The calendar file (FORMAT §8): RFC 5545 iCalendar, so any calendar app shows the habits where a person
// plans their time. Byte-identical for the same journal: no clock in it, stable UIDs, CRLF lines folded at
// 75 octets. Habit times are floating local times (the habit is at 07:00 wherever the person is).
import { addDays, eachDay, weekdayIndex, type Day } from '../model/dates.js';
import type { Sprint } from '../model/sprint.js';
import { milestoneTitle, parseDueDate } from '../model/syntax.js';
import type { Goal } from '../model/types.js';

export const CALENDAR_PRODID = '-//Kaizen Journal//kaizen calendar//EN';
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const HABIT_MINUTES = 30;

export interface CalendarInput {
  goals: readonly Goal[];
  sprints: readonly Sprint[];
  /** The purpose (`why`) goes into descriptions only when asked: calendars get shared. */
  withPurpose: boolean;
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Content lines folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character, with CRLF. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const date = (day: Day) => day.replace(/-/g, '');
const dateTime = (day: Day, time: string) => `${date(day)}T${time.replace(':', '')}00`;

function event(lines: string[], uid: string, stamp: Day, body: string[]): void {
  lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${date(stamp)}T000000Z`, ...body, 'END:VEVENT');
}

function cadenceWords(goal: Goal): string {
  const perWeek = goal.cadence?.perWeek ?? 0;
  return perWeek === 7 ? 'daily' : `${perWeek}/week`;
}

/** The days a goal's habit is planned on (habit.days, else the start's weekday once a week), pauses left out. */
export function plannedHabitDays(goal: Goal, from: Day, to: Day): Day[] {
  if (!goal.cadence || !goal.start) return [];
  const start = goal.start > from ? goal.start : from;
  const end = goal.due !== null && goal.due < to ? goal.due : to;
  const days = goal.days?.length ? goal.days : [weekdayIndex(goal.start)];
  const out: Day[] = [];
  if (start > end) return out;
  for (const day of eachDay(start, end)) {
    if (days.includes(weekdayIndex(day)) && !goal.pauses.some((p) => day >= p.from && day <= p.to)) out.push(day);
  }
  return out;
}

export function renderCalendar(input: CalendarInput): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${CALENDAR_PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Kaizen Journal'];
  if (input.withPurpose) lines.push('X-KAIZEN-WITH-PURPOSE:TRUE');
  const goals = [...input.goals].filter((g) => g.status === 'active').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const goal of goals) {
    const title = goal.title ?? goal.id;
    if (goal.cadence && goal.start) {
      // A wish (no cadence) never goes on the calendar.
      const days = goal.days?.length ? goal.days : [weekdayIndex(goal.start)];
      let first = goal.start;
      while (!days.includes(weekdayIndex(first))) first = addDays(first, 1);
      if (goal.due === null || first <= goal.due) {
        const timed = goal.time ?? null;
        const steps = [goal.standard, goal.minimum ? `minimum: ${goal.minimum}` : null].filter(Boolean).join(' · ');
        const description = [`${cadenceWords(goal)}${steps ? `: ${steps}` : ''}`, input.withPurpose && goal.why ? `Why: ${goal.why}` : null,
          'Any days of the week count; these are the planned ones.'].filter(Boolean).join('\n');
        const rule = `RRULE:FREQ=WEEKLY;BYDAY=${days.map((d) => BYDAY[d]).join(',')}${goal.due ? `;UNTIL=${timed ? dateTime(goal.due, '23:59').replace(/00$/, '59') : date(goal.due)}` : ''}`;
        const body = timed
          ? [`DTSTART:${dateTime(first, timed)}`, `DURATION:PT${HABIT_MINUTES}M`]
          : [`DTSTART;VALUE=DATE:${date(first)}`, `DTEND;VALUE=DATE:${date(addDays(first, 1))}`];
        body.push(rule, `SUMMARY:${escapeText(`${title} (${goal.minimum ? `minimum: ${goal.minimum}` : cadenceWords(goal)})`)}`, `DESCRIPTION:${escapeText(description)}`,
          'CATEGORIES:Kaizen,habit', 'TRANSP:TRANSPARENT');
        const paused = goal.pauses.flatMap((p) => plannedDaysIn(days, p.from, goal.due !== null && p.to > goal.due ? goal.due : p.to).filter((d) => d >= first));
        for (const day of paused) body.push(timed ? `EXDATE:${dateTime(day, timed)}` : `EXDATE;VALUE=DATE:${date(day)}`);
        event(lines, `habit-${goal.id}@kaizen-journal`, goal.start, body);
      }
    }
    for (const m of goal.milestones) {
      const due = m.dueDate ?? parseDueDate(m.text);
      if (!due) continue;
      const name = milestoneTitle(m.text);
      event(lines, `milestone-${goal.id}-${due}-${slug(name)}@kaizen-journal`, due, [
        `DTSTART;VALUE=DATE:${date(due)}`, `DTEND;VALUE=DATE:${date(addDays(due, 1))}`,
        `SUMMARY:${escapeText(`${m.checked ? '✓ ' : ''}Milestone: ${name}`)}`,
        `DESCRIPTION:${escapeText(`${title}${m.reward ? `\nReward: ${m.reward}` : ''}`)}`, 'CATEGORIES:Kaizen,milestone', 'TRANSP:TRANSPARENT',
      ]);
    }
    if (goal.due) {
      event(lines, `due-${goal.id}@kaizen-journal`, goal.due, [
        `DTSTART;VALUE=DATE:${date(goal.due)}`, `DTEND;VALUE=DATE:${date(addDays(goal.due, 1))}`,
        `SUMMARY:${escapeText(`Due: ${title}`)}`, 'CATEGORIES:Kaizen,due', 'TRANSP:TRANSPARENT',
      ]);
    }
  }
  for (const sprint of [...input.sprints].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    event(lines, `sprint-${sprint.id}@kaizen-journal`, sprint.start, [
      `DTSTART;VALUE=DATE:${date(sprint.start)}`, `DTEND;VALUE=DATE:${date(addDays(sprint.end, 1))}`,
      `SUMMARY:${escapeText(`Sprint ${sprint.id}${sprint.goal ? `: ${sprint.goal}` : ''}`)}`, 'CATEGORIES:Kaizen,sprint', 'TRANSP:TRANSPARENT',
    ]);
  }
  // The review slots: Sunday's weekly review, the month's last day, the quarter's last day, over the goals' dates.
  const habits = goals.filter((g) => g.cadence !== null);
  const starts = habits.map((g) => g.start).filter((d): d is Day => d !== null).sort();
  const dues = habits.map((g) => g.due).filter((d): d is Day => d !== null).sort();
  if (starts.length) {
    const from = starts[0] as Day;
    const until = dues.length === habits.length ? `;UNTIL=${date(dues.at(-1) as Day)}` : '';
    let sunday = from;
    while (weekdayIndex(sunday) !== 6) sunday = addDays(sunday, 1);
    const monthEnd = lastDayOfMonth(from);
    let quarterEnd = monthEnd;
    while (![3, 6, 9, 12].includes(Number(quarterEnd.slice(5, 7)))) quarterEnd = lastDayOfMonth(addDays(quarterEnd, 1));
    const slots: Array<[string, Day, string, string]> = [
      ['weekly', sunday, 'FREQ=WEEKLY;BYDAY=SU', 'Weekly review: what went well, one 1 % tweak (kaizen review week)'],
      ['monthly', monthEnd, 'FREQ=MONTHLY;BYMONTHDAY=-1', 'Monthly reset: does the purpose still hold? (kaizen review month)'],
      ['quarterly', quarterEnd, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', 'Quarterly review: continue, change or drop; the next lead goal (kaizen review quarter)'],
    ];
    for (const [kind, day, freq, summary] of slots) {
      event(lines, `review-${kind}@kaizen-journal`, from, [
        `DTSTART;VALUE=DATE:${date(day)}`, `DTEND;VALUE=DATE:${date(addDays(day, 1))}`, `RRULE:${freq}${until}`,
        `SUMMARY:${escapeText(summary)}`, 'CATEGORIES:Kaizen,review', 'TRANSP:TRANSPARENT',
      ]);
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

function plannedDaysIn(days: readonly number[], from: Day, to: Day): Day[] {
  if (from > to) return [];
  return [...eachDay(from, to)].filter((d) => days.includes(weekdayIndex(d)));
}

function lastDayOfMonth(day: Day): Day {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

function slug(text: string): string {
  return text.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40) || 'milestone';
}

export function isGeneratedCalendar(text: string): boolean {
  return text.includes(`PRODID:${CALENDAR_PRODID}`);
}

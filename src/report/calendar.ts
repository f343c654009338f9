// The calendar file (FORMAT §8): RFC 5545 iCalendar, so any calendar app shows the habits where a person
// plans their time. Byte-identical for the same journal: no clock in it, stable UIDs, CRLF lines folded at
// 75 octets. Habit times are floating local times (the habit is at 07:00 wherever the person is).
import { addDays, daysBetween, eachDay, maxDay, minDay, weekdayIndex, weekStart, type Day } from '../model/dates.js';
import { periodContaining, type PeriodKind } from '../model/periods.js';
import { cadenceLabel, cadencePeriod } from '../model/cadence.js';
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
  /** A goal without `start` starts on the first day a log links it (FORMAT §4): goal id → that day. */
  firstLinked?: ReadonlyMap<string, Day>;
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
  return goal.cadence ? cadenceLabel(goal.cadence) : '';
}

/**
 * Where a habit sits on the calendar (FORMAT §8, §11): its recurrence rule (weekly on its days, every other
 * week for `N/2weeks`, monthly on the start's day, every K days), its first occurrence, the paused
 * occurrences (EXDATE) and, with one event per period, the day each paused period's event moves to (RDATE).
 */
interface HabitPlacement {
  /** Null for a single event. */
  rule: string | null;
  first: Day;
  end: Day | null;
  occurs: (day: Day) => boolean;
  excluded: Day[];
  added: Day[];
}

function placeHabit(goal: Goal, start: Day): HabitPlacement | null {
  const cadence = goal.cadence;
  if (!cadence) return null;
  const unit = cadence.span?.unit ?? 'week';
  // Planned weekdays mean something for weekly and fortnightly cadences; a month or a block of days has one event.
  const planned = Boolean(goal.days?.length) && (unit === 'week' || unit === '2weeks');
  const weekdays = planned ? (goal.days as number[]) : [weekdayIndex(start)];
  let rule: string | null;
  let occurs: (day: Day) => boolean;
  if (unit === 'week' || unit === '2weeks') {
    const fortnightly = unit === '2weeks';
    const origin = weekStart(start);
    rule = `FREQ=WEEKLY;${fortnightly ? 'INTERVAL=2;WKST=MO;' : ''}BYDAY=${weekdays.map((d) => BYDAY[d]).join(',')}`;
    occurs = (day) => weekdays.includes(weekdayIndex(day)) && (!fortnightly || (daysBetween(origin, weekStart(day)) / 7) % 2 === 0);
  } else if (unit === 'month') {
    // The start's day of the month; from the 29th on, the month's last day, so no month goes without (BYSETPOS,
    // which could say "the 30th or the last day", is expanded differently by clients and by ical.js).
    const dom = Number(start.slice(8, 10));
    rule = `FREQ=MONTHLY;BYMONTHDAY=${dom <= 28 ? dom : -1}`;
    occurs = (day) => (dom <= 28 ? Number(day.slice(8, 10)) === dom : periodContaining('month', day).end === day);
  } else {
    const k = cadence.span?.den ?? 1;
    rule = `FREQ=DAILY;INTERVAL=${k}`;
    occurs = (day) => daysBetween(start, day) % k === 0;
  }
  let first = start;
  while (!occurs(first)) first = addDays(first, 1);
  const end = goal.due;
  if (end !== null && first > end) {
    if (planned) return null;
    // A goal due before its first period's event day (a month started on the 30th): one event, on its start.
    return { rule: null, first: start, end, occurs: (day) => day === start, excluded: [], added: [] };
  }
  const paused = (day: Day) => goal.pauses.some((p) => day >= p.from && day <= p.to);
  const excluded = new Set<Day>();
  for (const p of goal.pauses) {
    const from = maxDay(p.from, first);
    const to = end !== null ? minDay(p.to, end) : p.to;
    if (from <= to) for (const day of eachDay(from, to)) if (occurs(day)) excluded.add(day);
  }
  // One event per period whose day is paused moves inside its period, so a period with open days is never empty.
  const added = new Set<Day>();
  if (!planned) {
    for (const day of excluded) {
      const period = cadencePeriod(cadence, start, day);
      for (const other of eachDay(maxDay(period.start, start), end !== null ? minDay(period.end, end) : period.end)) {
        if (!paused(other)) {
          added.add(other);
          break;
        }
      }
    }
  }
  return { rule, first, end, occurs, excluded: [...excluded].sort(), added: [...added].sort() };
}

/**
 * The days a goal's habit is planned on (its rule's days, one event per period moved inside its period when
 * paused), pauses left out. `start` is the goal's, or its first linked day (FORMAT §4).
 */
export function plannedHabitDays(goal: Goal, from: Day, to: Day, start: Day | null = goal.start): Day[] {
  if (start === null) return [];
  const placement = placeHabit(goal, start);
  if (!placement) return [];
  const last = placement.end !== null ? minDay(placement.end, to) : to;
  const out = new Set<Day>(placement.added.filter((d) => d >= from && d <= last));
  const excluded = new Set(placement.excluded);
  const begin = maxDay(placement.first, from);
  if (begin <= last) {
    for (const day of eachDay(begin, last)) if (placement.occurs(day) && !excluded.has(day)) out.add(day);
  }
  return [...out].sort();
}

export function renderCalendar(input: CalendarInput): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${CALENDAR_PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Kaizen Journal'];
  if (input.withPurpose) lines.push('X-KAIZEN-WITH-PURPOSE:TRUE');
  const uids = new UidMaker();
  // Only active goals, and a wish (no cadence) gets nothing at all: not its due date, not its milestones.
  const goals = [...input.goals].filter((g) => g.status === 'active' && g.cadence !== null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: Array<{ start: Day; due: Day | null }> = [];
  for (const goal of goals) {
    const title = goal.title ?? goal.id;
    const start = goal.start ?? input.firstLinked?.get(goal.id) ?? null;
    const placement = start === null ? null : placeHabit(goal, start);
    if (start !== null && placement) {
      placed.push({ start, due: goal.due });
      const { first } = placement;
      const timed = goal.time ?? null;
      const steps = [goal.standard, goal.minimum ? `minimum: ${goal.minimum}` : null].filter(Boolean).join(' · ');
      const description = [`${cadenceWords(goal)}${steps ? `: ${steps}` : ''}`, input.withPurpose && goal.why ? `Why: ${goal.why}` : null,
        `Any days of the ${goal.cadence?.span ? 'period' : 'week'} count; these are the planned ones.`].filter(Boolean).join('\n');
      const rule = placement.rule === null ? null : `RRULE:${placement.rule}${goal.due ? `;UNTIL=${timed ? dateTime(goal.due, '23:59').replace(/00$/, '59') : date(goal.due)}` : ''}`;
      const at = (day: Day) => (timed ? `:${dateTime(day, timed)}` : `;VALUE=DATE:${date(day)}`);
      const body = timed
        ? [`DTSTART:${dateTime(first, timed)}`, `DURATION:PT${HABIT_MINUTES}M`]
        : [`DTSTART;VALUE=DATE:${date(first)}`, `DTEND;VALUE=DATE:${date(addDays(first, 1))}`];
      if (rule) body.push(rule);
      body.push(`SUMMARY:${escapeText(`${title} (${goal.minimum ? `minimum: ${goal.minimum}` : cadenceWords(goal)})`)}`, `DESCRIPTION:${escapeText(description)}`,
        'CATEGORIES:Kaizen,habit', 'TRANSP:TRANSPARENT');
      for (const day of placement.excluded) body.push(`EXDATE${at(day)}`);
      for (const day of placement.added) body.push(`RDATE${at(day)}`);
      event(lines, uids.make('habit', [goal.id], ['habit', goal.id]), start, body);
    }
    for (const m of goal.milestones) {
      const due = m.dueDate ?? parseDueDate(m.text);
      if (!due) continue;
      const name = milestoneTitle(m.text);
      event(lines, uids.make('milestone', [goal.id, due, name], ['milestone', goal.id, due, name]), due, [
        `DTSTART;VALUE=DATE:${date(due)}`, `DTEND;VALUE=DATE:${date(addDays(due, 1))}`,
        `SUMMARY:${escapeText(`${m.checked ? '✓ ' : ''}Milestone: ${name}`)}`,
        `DESCRIPTION:${escapeText(`${title}${m.reward ? `\nReward: ${m.reward}` : ''}`)}`, 'CATEGORIES:Kaizen,milestone', 'TRANSP:TRANSPARENT',
      ]);
    }
    if (goal.due) {
      event(lines, uids.make('due', [goal.id], ['due', goal.id]), goal.due, [
        `DTSTART;VALUE=DATE:${date(goal.due)}`, `DTEND;VALUE=DATE:${date(addDays(goal.due, 1))}`,
        `SUMMARY:${escapeText(`Due: ${title}`)}`, 'CATEGORIES:Kaizen,due', 'TRANSP:TRANSPARENT',
      ]);
    }
  }
  for (const sprint of [...input.sprints].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    event(lines, uids.make('sprint', [sprint.id], ['sprint', sprint.id]), sprint.start, [
      `DTSTART;VALUE=DATE:${date(sprint.start)}`, `DTEND;VALUE=DATE:${date(addDays(sprint.end, 1))}`,
      `SUMMARY:${escapeText(`Sprint ${sprint.id}${sprint.goal ? `: ${sprint.goal}` : ''}`)}`, 'CATEGORIES:Kaizen,sprint', 'TRANSP:TRANSPARENT',
    ]);
  }
  // The review slots: Sunday's weekly review, the month's last day, the quarter's last day, from the first
  // habit's start to the end of the week, month and quarter holding the last due date (open-ended if one has none).
  if (placed.length) {
    const from = placed.map((p) => p.start).sort()[0] as Day;
    const dues = placed.map((p) => p.due).filter((d): d is Day => d !== null).sort();
    const lastDue = dues.length === placed.length ? (dues.at(-1) as Day) : null;
    const slots: Array<[PeriodKind, string, string, string]> = [
      ['week', 'weekly', 'FREQ=WEEKLY;BYDAY=SU', 'Weekly review: what went well, one 1 % tweak (kaizen review week)'],
      ['month', 'monthly', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'Monthly reset: does the purpose still hold? (kaizen review month)'],
      ['quarter', 'quarterly', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', 'Quarterly review: continue, change or drop; the next lead goal (kaizen review quarter)'],
    ];
    for (const [kind, name, freq, summary] of slots) {
      const day = periodContaining(kind, from).end;
      const until = lastDue === null ? '' : `;UNTIL=${date(periodContaining(kind, lastDue).end)}`;
      event(lines, uids.make('review', [name], ['review', name]), from, [
        `DTSTART;VALUE=DATE:${date(day)}`, `DTEND;VALUE=DATE:${date(addDays(day, 1))}`, `RRULE:${freq}${until}`,
        `SUMMARY:${escapeText(summary)}`, 'CATEGORIES:Kaizen,review', 'TRANSP:TRANSPARENT',
      ]);
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * UIDs made of [A-Za-z0-9._-] only (no escaping for any client to get wrong): a readable stem plus a short
 * hash of the full key, so names that share no Latin letters still differ; a repeated key gets a counter.
 */
class UidMaker {
  private readonly used = new Set<string>();

  make(kind: string, readable: readonly string[], key: readonly string[]): string {
    const stem = [kind, ...readable.map(slug).filter(Boolean)].join('-').slice(0, 60).replace(/-+$/, '');
    for (let n = 1; ; n++) {
      const uid = `${stem}-${shortHash([...key, n === 1 ? '' : String(n)].join('\u0000'))}`;
      if (!this.used.has(uid)) {
        this.used.add(uid);
        return uid;
      }
    }
  }
}

/** 53 bits of a two-lane 32-bit multiplicative hash (cyrb53), base 36: stable across runs and platforms. */
function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40).replace(/-+$/, '');
}

export function isGeneratedCalendar(text: string): boolean {
  return text.includes(`PRODID:${CALENDAR_PRODID}`);
}

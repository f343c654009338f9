// Obsidian Tasks' recurring tasks (`🔁 every week`, `[repeat:: every month when done]`): which rules it
// accepts and the next occurrence's dates. Its `src/Task/Recurrence.ts` and `Occurrence.ts`, ported to
// calendar days: the rule is read by the same library (rrule's `parseText`, so a rule Obsidian Tasks refuses
// is refused here), and every date is a UTC midnight, so no time zone can move a day.
import * as rruleModule from 'rrule';
import type { Options, RRule as RRuleType } from 'rrule';
import { addDays, dayNumber, isValidDay, type Day } from './dates.js';

// rrule ships an ES module (bundles) and a UMD main (Node's own import): take its class from either.
const RRule: typeof RRuleType = (rruleModule as { RRule?: typeof RRuleType }).RRule
  ?? (rruleModule as unknown as { default: { RRule: typeof RRuleType } }).default.RRule;

/** A rule as Obsidian Tasks reads it. */
export interface RecurrenceRule {
  /** The rule as written, trimmed. */
  text: string;
  /** `when done`: the next dates count from the completion day, not from the task's own date. */
  whenDone: boolean;
  options: Partial<Options>;
}

/** The dates that move together (Obsidian Tasks' `Occurrence`), as written (possibly not real days). */
export interface OccurrenceDates {
  start?: string | null;
  scheduled?: string | null;
  due?: string | null;
}

const RULE = /^([a-zA-Z0-9, !]+?)( when done)?$/i;

/** The rule, or null when Obsidian Tasks could not read it either (it drops such a rule on completion). */
export function parseRecurrenceRule(text: string): RecurrenceRule | null {
  const trimmed = text.trim();
  const m = RULE.exec(trimmed);
  if (!m) return null;
  try {
    const options = RRule.parseText((m[1] as string).trim());
    if (!options) return null;
    // rrule refuses some parsed options only when built (an interval of 0).
    new RRule({ ...options, dtstart: toDate('2000-01-01') }).after(toDate('2000-01-01'));
    return { text: trimmed, whenDone: m[2] !== undefined, options };
  } catch {
    return null;
  }
}

function toDate(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function endOfDay(day: Day): Date {
  return new Date(`${day}T23:59:59.999Z`);
}

function toDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** Due first, then scheduled, then start (start before scheduled when the scheduled date is dropped). */
function referenceOf(dates: OccurrenceDates, removeScheduled: boolean): string | null {
  const order = removeScheduled ? [dates.due, dates.start, dates.scheduled] : [dates.due, dates.scheduled, dates.start];
  return order.find((d): d is string => typeof d === 'string') ?? null;
}

/**
 * The next occurrence's dates, completing on `today`; null when there is none (the rule ends, or the
 * reference date is not a real day, which Obsidian Tasks cannot recur either). A task with no dates
 * recurs as a task with no dates.
 */
export function nextOccurrence(rule: RecurrenceRule, dates: OccurrenceDates, today: Day,
  options: { removeScheduledDateOnRecurrence?: boolean } = {}): OccurrenceDates | null {
  const removeScheduled = options.removeScheduledDateOnRecurrence === true;
  const reference = referenceOf(dates, removeScheduled);
  if (reference !== null && !isValidDay(reference)) return null;
  const base = rule.whenDone || reference === null ? today : reference;
  const next = nextAfter(rule, base);
  if (next === null) return null;
  if (reference === null) return { start: null, scheduled: null, due: null };
  const canRemoveScheduled = dates.start != null || dates.due != null;
  const move = (d: string | null | undefined): string | null => {
    if (d == null) return null;
    // A date that is not a real day keeps its distance of 0: it lands on the reference date, as in the plugin.
    return isValidDay(d) ? addDays(next, dayNumber(d) - dayNumber(reference)) : next;
  };
  return {
    start: move(dates.start),
    scheduled: removeScheduled && canRemoveScheduled ? null : move(dates.scheduled),
    due: move(dates.due),
  };
}

/** The first day of the rule after `base`, with the plugin's month-end and leap-day corrections. */
function nextAfter(rule: RecurrenceRule, base: Day): Day | null {
  const build = (start: Day) => new RRule({ ...rule.options, dtstart: toDate(start) });
  let after = base;
  const first = build(after).after(endOfDay(after));
  if (!first) return null;
  let next = toDay(first);
  const asText = build(base).toText();
  // `every month` from the 31st would land on the 31st two months on: step back a day at a time until
  // it lands within the interval (Feb 28th), unless the rule fixes the day (`every month on the 31st`).
  const month = /every( \d+)? month(s)?(.*)?/.exec(asText);
  const year = /every( \d+)? year(s)?(.*)?/.exec(asText);
  const skipping = (m: RegExpExecArray) => (m[1] !== undefined ? Number.parseInt(m[1].trim(), 10) : 1);
  const monthsBetween = (a: Day, b: Day) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  const stepBack = (): boolean => {
    after = addDays(after, -1);
    const again = build(after).after(endOfDay(after));
    if (!again) return false;
    next = toDay(again);
    return true;
  };
  if (month && !asText.includes(' on ')) {
    const months = skipping(month);
    while (monthsBetween(after, next) > months) if (!stepBack()) return null;
  }
  if (year) {
    const years = skipping(year);
    while (Number(next.slice(0, 4)) - Number(after.slice(0, 4)) > years) if (!stepBack()) return null;
  }
  return next;
}

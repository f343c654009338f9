// The SMART goal wizard's rules, editor-neutral: what each answer must be and what the goal's id
// will be. The VS Code wizard asks; these decide, so the method cannot slip through a blank answer.
import { addDays, daysBetween, isValidDay, type Day } from '../model/dates.js';
import { goalIdFromTitle } from './templates.js';
import { parseTimeOfDay, weekdayIndexOf } from '../model/habit-plan.js';

const WORD_NUMBERS: Record<string, number> = { once: 1, twice: 2, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/** `4/week`, `4`, `4x`, `4 times a week`, `four times a week`, `twice a week`, `daily`, `every day` → a cadence. */
export function parseCadence(typed: string): string | null {
  const text = typed.trim().toLowerCase();
  if (/^(daily|every ?day|7\/week|7 ?(x|times)?( a| per)? ?week)$/.test(text)) return 'daily';
  const m = /^(\d|once|twice|one|two|three|four|five|six|seven)\s*(?:\/\s*week|x|times?)?(?:\s*(?:a|per|\/)\s*week)?$/.exec(text);
  if (!m) return null;
  const n = /^\d$/.test(m[1] as string) ? Number(m[1]) : WORD_NUMBERS[m[1] as string] ?? 0;
  if (n < 1 || n > 7) return null;
  return n === 7 ? 'daily' : `${n}/week`;
}

export interface CadencePlan {
  cadence: string;
  /** `on mon, wed, fri` (FORMAT §8): weekday indexes, 0 = Monday. */
  days: number[] | null;
  /** `at 07:00`. */
  time: string | null;
}

/** A cadence with the plan a person may add: `4 times a week on mon, wed, fri, sat at 7:00`. */
export function parseCadencePlan(typed: string): CadencePlan | null {
  const m = /^(.*?)(?:\s+on\s+([a-z][a-z ,]*?))?(?:\s+at\s+(\S+))?\s*$/i.exec(typed.trim());
  if (!m) return null;
  const cadence = parseCadence(m[1] as string);
  if (!cadence) return null;
  let days: number[] | null = null;
  if (m[2]) {
    const found = (m[2] as string).split(/[\s,]+|\band\b/).filter(Boolean).map(weekdayIndexOf);
    if (found.some((d) => d === null)) return null;
    days = [...new Set(found as number[])].sort((a, b) => a - b);
  }
  const time = m[3] ? parseTimeOfDay(m[3]) : null;
  if (m[3] && time === null) return null;
  return { cadence, days, time };
}

export function cadenceProblem(typed: string): string | null {
  const plan = parseCadencePlan(typed);
  if (!plan) return 'how many days a week, 1–7: like "4", "4/week", "4 times a week" or "daily", optionally "on mon, wed, fri, sat at 07:00"';
  const perWeek = plan.cadence === 'daily' ? 7 : Number(plan.cadence.split('/')[0]);
  if (plan.days && plan.days.length < perWeek) return `${plan.days.length} planned days for ${plan.cadence}: name at least ${perWeek} (or leave the days out)`;
  return null;
}

/** The file name a title gets, numbered when taken: shown to the person before the file is written. */
export function goalIdFor(title: string, exists: (id: string) => boolean): string {
  const base = goalIdFromTitle(title);
  let id = base;
  for (let n = 2; exists(id); n++) id = `${base}-${n}`;
  return id;
}

export function requiredProblem(what: string, typed: string): string | null {
  return typed.trim() ? null : `${what} cannot be empty`;
}

export function purposeProblem(typed: string): string | null {
  return typed.trim()
    ? null
    : 'the why is what you will read on a hard day: one sentence on what this goal gives you (like "More patience and focus for my family")';
}

export function minimumProblem(typed: string): string | null {
  return typed.trim()
    ? null
    : 'the minimum is what keeps the habit alive on a bad day: write the 2–5 minute version (like "Put on shoes and walk 5 minutes")';
}

export function metricProblem(typed: string): string | null {
  return typed.trim() === '' || /^[^,]+,[^,]+,\s*\d+(\.\d+)?\s*$/.test(typed) ? null : 'name, unit, target (like "minutes walked, min, 1200") — or leave it empty';
}

export function startProblem(typed: string, today: Day): string | null {
  return isValidDay(typed.trim()) ? null : `a date like ${today}`;
}

/** The due date 30–90 days after the start, saying plainly what is wrong otherwise. */
export function dueProblem(start: string, typed: string): string | null {
  const due = typed.trim();
  if (!isValidDay(due)) return `a date like ${isValidDay(start) ? addDays(start, 60) : 'YYYY-MM-DD'}`;
  if (!isValidDay(start)) return null;
  const days = daysBetween(start, due);
  if (days < 0) return `that is ${-days} days before the start (${start}): the due date comes after it, 30–90 days later`;
  if (days < 30) return `that is only ${days} days after the start: choose 30–90 days (${addDays(start, 30)} at the earliest)`;
  if (days > 90) return `that is ${days} days after the start: choose 30–90 days (${addDays(start, 90)} at the latest), or split it into two goals`;
  return null;
}

/** At most `max` characters of a person's words, cut between words. */
function clipWords(text: string, max = 48): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // The cut falls between two words already when the next character is a space.
  const space = flat[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The first stages of a goal made with the wizard, in the goal's own words (its minimum, standard,
 * planned days and metric), so no two goals start with the same placeholder tasks.
 */
export function stagesFromAnswers(answers: {
  minimum: string; standard: string; planWords: string | null; metric: { name: string; unit: string; target: number } | null;
}): string {
  const minimum = clipWords(answers.minimum);
  const standard = clipWords(answers.standard);
  const when = answers.planWords ? `on ${answers.planWords}` : 'at a fixed time in the week';
  const lines = [
    '### 1. Make it easy',
    `- [ ] Prepare everything “${minimum}” needs, so a bad day takes two minutes (30m)`,
    `- [ ] Do “${minimum}” once, today or tomorrow (15m)`,
    '### 2. Make it stick',
    `- [ ] Put “${standard}” in the calendar ${when} (15m)`,
    '- [ ] Write down what got in the way in the first week, and one change for the next (15m)',
    '### 3. Raise the bar',
  ];
  if (answers.metric) {
    const quarter = Math.round(answers.metric.target / 4);
    lines.push(`- [ ] Reach ${quarter} ${answers.metric.unit} of ${answers.metric.name} (a quarter of ${answers.metric.target}) (1h)`);
  }
  lines.push(`- [ ] Add one small step to “${standard}” (30m)`);
  return lines.join('\n');
}


// Messages from the review webview are untrusted input: each is checked for its type and fields,
// and any path it implies is built by the extension inside the journal root, never taken from it.
import { isValidDay, type Day } from '../../model/dates.js';
import { PERIOD_KINDS, parsePeriod, type PeriodKind } from '../../model/periods.js';
import type { SuggestionId } from '../../model/suggestions.js';
import { GOAL_ID } from '../../model/syntax.js';
import { reviewPrompts } from '../../report/review.js';
import { RETRO_PROMPTS, SPRINT_ID } from '../../model/sprint.js';

/** What the panel shows: a week, month or quarter, or a sprint (label = its id). */
export type PanelKind = PeriodKind | 'sprint';

export type ReviewMessage =
  | { type: 'navigate'; kind: PanelKind; label: string }
  | { type: 'switch'; kind: PanelKind }
  | { type: 'suggestion'; goal: string; suggestion: SuggestionId }
  | { type: 'openGoal'; goal: string }
  | { type: 'openLog'; date: Day }
  | { type: 'draft' | 'save'; kind: PanelKind; label: string; answers: Record<string, string> };

const SUGGESTIONS: readonly SuggestionId[] = ['shrink-to-minimum', 'add-metric', 'rewrite-purpose', 'extend-or-reduce', 'raise-the-bar'];
const MAX_ANSWER = 100_000;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Goal ids are file names in goals/: no separators, no dots, nothing that leaves the folder. */
export const isGoalId = (v: unknown): v is string => typeof v === 'string' && v.length <= 120 && (GOAL_ID.test(v) || /^[\p{L}\p{N}_][\p{L}\p{N}_ -]*$/u.test(v));

function period(m: Record<string, unknown>): { kind: PanelKind; label: string } | null {
  if (m.kind === 'sprint') return typeof m.label === 'string' && SPRINT_ID.test(m.label) ? { kind: 'sprint', label: m.label } : null;
  if (!PERIOD_KINDS.includes(m.kind as PeriodKind) || typeof m.label !== 'string') return null;
  return parsePeriod(m.kind as PeriodKind, m.label) ? { kind: m.kind as PeriodKind, label: m.label } : null;
}

export function parseReviewMessage(raw: unknown): ReviewMessage | null {
  if (!isObject(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'navigate': {
      const p = period(raw);
      return p ? { type: 'navigate', ...p } : null;
    }
    case 'switch':
      return PERIOD_KINDS.includes(raw.kind as PeriodKind) || raw.kind === 'sprint' ? { type: 'switch', kind: raw.kind as PanelKind } : null;
    case 'suggestion':
      return isGoalId(raw.goal) && SUGGESTIONS.includes(raw.suggestion as SuggestionId) ? { type: 'suggestion', goal: raw.goal, suggestion: raw.suggestion as SuggestionId } : null;
    case 'openGoal':
      return isGoalId(raw.goal) ? { type: 'openGoal', goal: raw.goal } : null;
    case 'openLog':
      return isValidDay(raw.date) ? { type: 'openLog', date: raw.date } : null;
    case 'draft':
    case 'save': {
      const p = period(raw);
      if (!p || !isObject(raw.answers)) return null;
      const headings = new Set<string>(p.kind === 'sprint' ? RETRO_PROMPTS : reviewPrompts(p.kind).map((x) => x.heading));
      const answers: Record<string, string> = {};
      for (const [heading, value] of Object.entries(raw.answers)) {
        if (!headings.has(heading) || typeof value !== 'string' || value.length > MAX_ANSWER) return null;
        answers[heading] = value;
      }
      return { type: raw.type, ...p, answers };
    }
    default:
      return null;
  }
}

// Goal ids as people type them and as journal text names them. An id is one file name: text from a
// cloned journal (a `[[../../notes]]` link) must never become a path out of the goals folder.

/** Why a string cannot be a goal id, or null when it can. */
export function goalIdProblem(id: string): string | null {
  if (id.trim() === '') return 'it is empty';
  if (/[/\\]/.test(id)) return 'it holds a "/" or "\\": a goal id is a file name, not a path';
  if (id.startsWith('.')) return 'it starts with "."';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'it holds a control character';
  if (id.length > 120) return 'it is longer than 120 characters';
  return null;
}

export type GoalIdMatch = { id: string } | { id: null; suggestions: string[] };

/**
 * The goal a typed id names: the exact id, else the one id equal to it ignoring case. Anything else is
 * never guessed (a write to the wrong goal is worse than a question): it returns the closest ids.
 */
export function matchGoalId(ids: readonly string[], typed: string): GoalIdMatch {
  if (ids.includes(typed)) return { id: typed };
  const folded = typed.toLowerCase();
  const sameCase = ids.filter((id) => id.toLowerCase() === folded);
  if (sameCase.length === 1) return { id: sameCase[0] as string };
  const scored = ids.map((id) => ({ id, score: closeness(id.toLowerCase(), folded) })).filter((s) => s.score < Infinity);
  scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return { id: null, suggestions: scored.slice(0, 3).map((s) => s.id) };
}

/** Lower is closer: a prefix or part of the id first, then small edit distances; Infinity when unrelated. */
function closeness(id: string, typed: string): number {
  if (typed.length >= 3 && (id.startsWith(typed) || id.includes(typed))) return id.length - typed.length;
  const distance = editDistance(id, typed);
  return distance <= Math.max(2, Math.floor(Math.max(id.length, typed.length) / 3)) ? 100 + distance : Infinity;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** "did you mean morning-walk?" or the list of goals, for a message about an unknown id. */
export function unknownGoalHint(ids: readonly string[], suggestions: readonly string[]): string {
  if (suggestions.length === 1) return `did you mean ${suggestions[0]}?`;
  if (suggestions.length > 1) return `did you mean one of ${suggestions.join(', ')}?`;
  return `goals: ${ids.join(', ') || 'none yet'}`;
}

// What a `[[link]]` in a daily note names, resolved as Obsidian resolves it (FORMAT §9): the goal
// whose file name is the link's note name exactly, else the one equal to it ignoring case, else the
// goal that lists it among its `aliases:`. Paths, `.md`, headings and labels are gone already
// (`parseHabitText`); an unresolved name stays as written, for `unknown-goal` to report.
import type { DailyLog } from './types.js';

export interface LinkableGoal {
  id: string;
  aliases: readonly string[];
}

export type GoalLinkResolver = (name: string) => string | null;

export function goalLinkResolver(goals: readonly LinkableGoal[], otherIds: Iterable<string> = []): GoalLinkResolver {
  const ids = new Set([...goals.map((g) => g.id), ...otherIds]);
  const folded = new Map<string, string>();
  for (const id of [...ids].sort()) if (!folded.has(id.toLowerCase())) folded.set(id.toLowerCase(), id);
  const aliases = new Map<string, string>();
  for (const goal of goals) for (const alias of goal.aliases) if (!aliases.has(alias.toLowerCase())) aliases.set(alias.toLowerCase(), goal.id);
  return (name) => (ids.has(name) ? name : folded.get(name.toLowerCase()) ?? aliases.get(name.toLowerCase()) ?? null);
}

/** The log with each habit line's goal resolved (the same object when every link already names its goal). */
export function resolveHabitLinks(log: DailyLog, resolve: GoalLinkResolver): DailyLog {
  let changed = false;
  const habits = log.habits.map((habit) => {
    const id = resolve(habit.goalId);
    if (id === null || id === habit.goalId) return habit;
    changed = true;
    return { ...habit, goalId: id, linkedAs: habit.goalId };
  });
  return changed ? { ...log, habits } : log;
}

// The daily stand-up (issue: sprints): yesterday, today and blockers in a few lines, from the files.
import { addDays, daysBetween, type Day } from '../model/dates.js';
import { cadencePeriod, periodWord } from '../model/cadence.js';
import { GoalTimeline, periodSummary } from '../model/analytics.js';
import { goalsForDay } from '../model/daily-template.js';
import { firstLinkedDay } from '../model/habit-days.js';
import { sprintProgress } from '../model/sprint-progress.js';
import { formatNumber, milestoneTitle } from '../model/syntax.js';
import type { Journal } from './journal.js';

export interface Standup {
  day: Day;
  yesterday: { day: Day; done: string[] };
  today: string[];
  blockers: string[];
  sprint: { id: string; itemsLeft: number; daysLeft: number } | null;
}

export function computeStandup(journal: Journal, day: Day): Standup {
  const yesterday = addDays(day, -1);
  const done: string[] = [];
  const log = journal.logs.find((l) => l.date === yesterday);
  if (log) {
    for (const h of log.habits) {
      if (!h.checked) continue;
      done.push(h.level === 'skip' ? `skipped [[${h.goalId}]]` : `[[${h.goalId}]] ${h.level}${h.value !== null ? ` (${formatNumber(h.value)})` : ''}`);
    }
    const habitTasks = new Set(log.habits.map((h) => h.taskIndex));
    log.tasks.forEach((t, i) => {
      if (t.checked && !habitTasks.has(i)) done.push(milestoneTitle(t.text));
    });
  }
  for (const goal of journal.orderedGoals()) {
    for (const t of goal.tasks) if (t.checked && t.doneDate === yesterday) done.push(`[[${goal.id}]] ${milestoneTitle(t.text)}`);
  }
  const sprint = journal.sprintOn(day);
  const habitDays = journal.habitDays();
  const progress = sprint ? sprintProgress(sprint, journal.goals, journal.linkResolver(), habitDays, day) : null;
  for (const item of progress?.items ?? []) {
    if (item.goalId === null && item.task?.checked && item.task.doneDate === yesterday) done.push(milestoneTitle(item.task.text));
  }

  const today: string[] = [];
  const todayLog = journal.logs.find((l) => l.date === day);
  for (const goal of goalsForDay(journal.orderedGoals(), day)) {
    if (!goal.cadence) continue;
    const goalDays = habitDays.get(goal.id) ?? new Map();
    const timeline = new GoalTimeline(goal, goalDays, day, firstLinkedDay(goalDays));
    if (timeline.isPaused(day)) continue;
    const week = periodSummary(timeline, goal.cadence, day);
    const loggedToday = todayLog?.habits.some((h) => h.goalId === goal.id && h.checked) ?? false;
    if (loggedToday || week.done >= week.target) continue;
    const left = week.target - week.done;
    const daysLeft = daysBetween(day, cadencePeriod(goal.cadence, timeline.start ?? day, day).end) + 1;
    const urgent = left >= daysLeft ? ' — needs today' : '';
    today.push(`[[${goal.id}]] minimum: ${goal.minimum ?? 'the smallest version'} (${week.done} of ${week.target} this ${periodWord(goal.cadence)}, ${left} to go in ${daysLeft} days${urgent})`);
  }
  if (progress) {
    for (const s of progress.carryOver) today.push(`sprint: ${s.item.goalName !== null ? `[[${s.goalId ?? s.item.goalName}]] ` : ''}${s.item.key}`);
  }

  const blockers: string[] = [];
  for (const { goal, stats } of journal.stats(day)) for (const s of stats.suggestions) blockers.push(`${goal.id}: ${s.message}`);
  let sprintInfo: Standup['sprint'] = null;
  if (progress && sprint) {
    const daysLeft = Math.max(0, progress.days - progress.day + 1);
    const itemsLeft = progress.carryOver.length;
    sprintInfo = { id: sprint.id, itemsLeft, daysLeft };
    if (itemsLeft > 0 && progress.suggestion !== null && progress.pace !== null) {
      blockers.push(`sprint ${sprint.id}: ${itemsLeft} items left and ${daysLeft} days, pace ${Math.round(progress.pace * 100)} % of the ideal line: move one item to the next sprint, or ask for help`);
    } else if (itemsLeft > 0) {
      today.push(`sprint ${sprint.id}: ${itemsLeft} items left in ${daysLeft} days (on pace)`);
    }
  }
  return { day, yesterday: { day: yesterday, done }, today, blockers, sprint: sprintInfo };
}

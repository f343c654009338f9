// The text form of `kaizen stats`: one compact block per goal a person enjoys reading.
import { formatTaskCounts, taskCounts } from '../model/task-status.js';
import { planWords } from '../model/habit-plan.js';
import { cadenceLabel, isWeeklyCadence, periodWord } from '../model/cadence.js';
import type { GoalStats } from '../model/goal-stats.js';
import type { Goal } from '../model/types.js';
import { formatNumber, milestoneTitle } from '../model/syntax.js';
import type { Style } from './io.js';


export function bar(percent: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const LABEL = (s: string) => s.padEnd(11);

export function formatGoalStats(goal: Goal, stats: GoalStats, s: Style): string {
  const lines: string[] = [];
  const lead = goal.lead && goal.status === 'active';
  const marker = lead ? s.yellow('★') : goal.status === 'active' ? '•' : s.dim('·');
  const tags = [goal.id, lead ? 'lead goal' : null, goal.status].filter(Boolean).join(' · ');
  lines.push(`${marker} ${s.bold(goal.title ?? goal.id)}  ${s.dim(tags)}`);
  if (goal.why) lines.push(`  ${LABEL('Why')}${lead ? s.cyan(goal.why) : goal.why}`);
  if (stats.start || stats.due) lines.push(`  ${LABEL('Dates')}${stats.start ?? '?'} → ${stats.due ?? 'open'}`);
  const plan = planWords(goal.days, goal.time);
  if (plan) lines.push(`  ${LABEL('Planned')}${plan}`);
  const ended = stats.due !== null && stats.due < stats.asOf;
  const weekly = goal.cadence !== null && isWeeklyCadence(goal.cadence);
  const unit = !goal.cadence || weekly ? 'wk' : goal.cadence.span?.unit === 'month' ? 'mo' : `× ${periodWord(goal.cadence)}`;
  if (ended && goal.cadence) {
    const met = stats.weeks.filter((w) => w.target > 0 && w.done >= w.target).length;
    const counted = stats.weeks.filter((w) => w.target > 0).length;
    lines.push(`  ${LABEL(weekly ? 'Weeks met' : 'Periods met')}${met}/${counted}  ${s.dim(`best streak ${stats.bestStreakWeeks} ${unit} · ended ${stats.due}`)}`);
  } else if (stats.week && goal.cadence) {
    const w = stats.week;
    const dots = '●'.repeat(Math.min(w.done, 14)) + '○'.repeat(Math.max(0, w.target - w.done));
    const met = w.target > 0 && w.done >= w.target;
    const split = `${w.minimum} minimum, ${w.standard} standard${w.skipped ? `, ${w.skipped} skipped` : ''}`;
    const cadence = cadenceLabel(goal.cadence);
    const label = weekly ? 'This week' : goal.cadence.span?.unit === 'month' ? 'This month' : 'This period';
    lines.push(`  ${LABEL(label)}${met ? s.green(dots) : dots}  ${w.done}/${w.target}  ${s.dim(`${w.period} · ${cadence} · ${split}`)}`);
    lines.push(`  ${LABEL('Streak')}${stats.streakWeeks} ${unit} ${s.dim(`(best ${stats.bestStreakWeeks})`)}`);
    const strength = Math.round((stats.strength ?? 0) * 100);
    const n = stats.numeric;
    if (n) {
      const per = n.per === 'day' ? 'today' : `this ${n.per}`;
      const words = `${n.kind === 'at-least' ? 'at least' : 'at most'} ${formatNumber(n.target)}${n.unit ? ` ${n.unit}` : ''} a ${n.per}`;
      const note = n.kind === 'at-most' ? ' · an unlogged day counts as 0' : '';
      lines.push(`  ${LABEL('Target')}${n.met ? s.green(formatNumber(n.sum)) : formatNumber(n.sum)}/${formatNumber(n.target)}${n.unit ? ` ${n.unit}` : ''} ${per}  ${s.dim(`${words}${note}`)}`);
    }
    lines.push(`  ${LABEL('Strength')}${bar(strength)} ${String(strength).padStart(3)} %  ${s.dim(`half-life ${Math.round(stats.halfLifeDays ?? 0)} days: a missed day costs little, a missed month a lot`)}`);
  } else {
    lines.push(`  ${LABEL('Habit')}${s.yellow('no cadence yet: a wish until it is a weekly habit')}`);
  }
  const metric = goal.metric;
  const detail = metric
    ? `${formatNumber(stats.metricCurrent ?? metric.baseline)}/${formatNumber(metric.target)}${metric.unit ? ` ${metric.unit}` : ''}`
    : formatTaskCounts(taskCounts(goal.tasks));
  lines.push(`  ${LABEL('Progress')}${bar(stats.progress)} ${String(Math.round(stats.progress)).padStart(3)} %  ${s.dim(detail)}`);
  const reached = stats.milestones.map((m) => `${m.percent} %${m.date ? ` ${m.date}` : ''}`);
  const items = goal.milestones.filter((m) => m.checked).map((m) => milestoneTitle(m.text));
  if (reached.length || items.length) lines.push(`  ${LABEL('Milestones')}${[...reached, ...items.map((t) => `✓ ${t}`)].join(' · ')}`);
  for (const suggestion of stats.suggestions) lines.push(`  ${s.yellow('→')} ${suggestion.message} ${s.dim(`[${suggestion.id}]`)}`);
  return lines.join('\n');
}

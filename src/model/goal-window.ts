// A day outside a goal's [start, due] counts for nothing (FORMAT §4): every face says so instead
// of offering to log it.
import type { Day } from './dates.js';

export interface OutsideWindow {
  /** For a lens or a label. */
  short: string;
  /** A sentence for a message. */
  message: string;
}

export function outsideGoalWindow(goal: { id: string; title: string | null; start: Day | null; due: Day | null }, day: Day): OutsideWindow | null {
  const name = goal.title ?? goal.id;
  if (goal.start !== null && day < goal.start) {
    return {
      short: `Starts ${goal.start}: nothing to log before then`,
      message: `"${name}" starts on ${goal.start}; a day before its start counts for nothing, so nothing was written (change start: in the goal to begin earlier)`,
    };
  }
  if (goal.due !== null && day > goal.due) {
    return {
      short: `Ended ${goal.due}: set a later due date to keep logging`,
      message: `"${name}" ended on ${goal.due}; a day after its due date counts for nothing, so nothing was written (set a later due: to keep going)`,
    };
  }
  return null;
}

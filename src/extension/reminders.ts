// The daily reminder (FORMAT §8): off until turned on (`kaizen.reminder.time`), at most once a day per
// journal across windows (global state), only in a focused window, only when a goal still needs today.
// The decision is the core's; this file only asks the clock and shows the one notification.
import * as vscode from 'vscode';
import { localDay, type Day } from '../model/dates.js';
import { parseTimeOfDay } from '../model/habit-plan.js';
import { goalsNeedingToday, reminderDue, reminderLine, type ReminderItem, type ReminderSettings } from '../model/reminders.js';
import type { JournalIndex } from './journal-index.js';

const CHECK_EVERY_MS = 60_000;

export function reminderSettings(): ReminderSettings {
  const config = vscode.workspace.getConfiguration('kaizen.reminder');
  const time = parseTimeOfDay(config.get<string>('time', '') ?? '');
  return { time, goals: config.get<string>('goals', 'lead') === 'all' ? 'all' : 'lead' };
}

export interface ReminderShown {
  items: ReminderItem[];
  choice: string | undefined;
}

export class Reminders implements vscode.Disposable {
  private readonly timer: NodeJS.Timeout;
  private readonly disposables: vscode.Disposable[] = [];
  private showing = false;

  constructor(private readonly context: vscode.ExtensionContext, private readonly index: JournalIndex) {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.disposables.push(vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) void this.check();
    }));
  }

  private key(): string {
    return `kaizen.reminder.lastShown:${this.index.root ?? ''}`;
  }

  /** Shows today's reminder if it is due now (or at `now`, for tests and the command); what it showed. */
  async check(now: Date = new Date(), options: { ignoreFocus?: boolean; now?: boolean } = {}): Promise<ReminderShown | null> {
    if (this.showing || (!options.ignoreFocus && !options.now && !vscode.window.state.focused)) return null;
    const journal = this.index.hasJournal ? await this.index.current() : null;
    if (!journal) return null;
    // "Remind me now": whatever the time setting, and again if it was shown today.
    const settings = options.now ? { ...reminderSettings(), time: '00:00' } : reminderSettings();
    // A pinned journal (a demo) lives on its pinned day; anything else on the local date.
    const day: Day = this.index.pinnedDay ?? localDay(now);
    const minutes = now.getHours() * 60 + now.getMinutes();
    const last = options.now ? null : this.context.globalState.get<string>(this.key()) ?? null;
    const items = reminderDue(settings, { day, minutes }, last, goalsNeedingToday(journal.orderedGoals(), journal.habitDays(), day));
    if (!items) {
      if (options.now) void vscode.window.showInformationMessage(`Kaizen: nothing needs today${settings.goals === 'lead' ? ' for the lead goal' : ''}: done, skipped, paused or the week already met.`);
      return null;
    }
    // Claimed before showing: another window on the same journal sees it taken.
    await this.context.globalState.update(this.key(), day);
    this.showing = true;
    try {
      const first = items[0] as ReminderItem;
      const more = items.length > 1 ? ` (and ${items.length - 1} more goal${items.length === 2 ? '' : 's'} today)` : '';
      const why = first.why ? ` — ${first.why}` : '';
      const buttons = ['Log minimum', 'Log standard', 'Skip today', "Open today's log"];
      const choice = await vscode.window.showInformationMessage(`Kaizen: ${reminderLine(first)}${why}${more}`, ...buttons);
      if (choice === 'Log minimum') await vscode.commands.executeCommand('kaizen.logHabit', first.goalId, 'minimum');
      else if (choice === 'Log standard') await vscode.commands.executeCommand('kaizen.logHabit', first.goalId, 'standard');
      else if (choice === 'Skip today') await vscode.commands.executeCommand('kaizen.logHabit', first.goalId, 'skip');
      else if (choice === "Open today's log") await vscode.commands.executeCommand('kaizen.openToday');
      return { items, choice };
    } finally {
      this.showing = false;
    }
  }

  /** Forgets today's reminder for this journal (settings changed, or a test). */
  async reset(): Promise<void> {
    await this.context.globalState.update(this.key(), undefined);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** After "Create a journal": one offer to turn the reminder on (it is off until the person says so). */
/**
 * One offer of the daily reminder, after `lead` (what just happened) in the same notification: a second
 * one would hide behind it. Short buttons, so none is cut off; the choice is confirmed.
 */
export async function offerReminder(lead = 'Kaizen:'): Promise<string | null> {
  if (reminderSettings().time !== null) return null;
  const choice = await vscode.window.showInformationMessage(
    `${lead} A daily reminder? Only on days a goal still needs, at most once, with one-click minimum, standard or skip.`,
    'At 08:00', 'At 19:00', 'Not now');
  const time = choice === 'At 08:00' ? '08:00' : choice === 'At 19:00' ? '19:00' : null;
  if (!time) return null;
  await vscode.workspace.getConfiguration('kaizen.reminder').update('time', time, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Kaizen: the daily reminder is set for ${time}. Change or turn it off in Settings › Kaizen › Reminder.`);
  return time;
}

// "Kaizen: New goal": the SMART goal wizard, eight questions (nine when there is a lead goal already),
// each refusing what would let the method slip, in one input box that stays open between them.
import * as vscode from 'vscode';
import { addDays, type Day } from '../model/dates.js';
import type { Goal } from '../model/types.js';
import { JournalError } from '../model/errors.js';
import { goalPath } from '../journal/layout.js';
import { goalText } from '../journal/templates.js';
import {
  cadenceProblem, dueProblem, goalIdFor, metricProblem, minimumProblem, parseCadence, parseCadencePlan, purposeProblem,
  requiredProblem, stagesFromAnswers, startProblem,
} from '../journal/goal-wizard.js';
import { planWords } from '../model/habit-plan.js';
import { leadOffEdit } from '../journal/frontmatter-edits.js';
import type { Journal } from '../journal/journal.js';
import type { JournalIndex } from './journal-index.js';
import { applyTextEdits, openOrCreate } from './edits.js';
import { journalUri } from './workspace-fs.js';
import { askSteps, type Step, type StepState } from './step-input.js';
import { offerReminder, reminderSettings } from './reminders.js';

/** Questions left half answered, per journal: a re-run goes on from there (in this window, not across restarts). */
const unfinished = new Map<string, StepState & { offerReminder: boolean }>();

const info = (message: string): vscode.InputBoxValidationMessage => ({ message, severity: vscode.InputBoxValidationSeverity.Info });

/** The goal the answers describe, written into goals/; false when the person left the questions. */
export async function newGoalWizard(index: JournalIndex, journal: Journal, options: { offerReminder?: boolean } = {}): Promise<boolean> {
  const today = index.today();
  const currentLead = journal.goals.find((g) => g.lead && g.status === 'active');
  const idOf = (title: string) => goalIdFor(title, (id) => journal.goalExists(id));
  const answer = (answers: Record<string, string>, key: string) => (answers[key] ?? '').trim();
  let answers: Record<string, string> = {};
  const startDay = () => (answer(answers, 'start') || today) as Day;
  const steps: Step[] = [
    { kind: 'text', key: 'title', prompt: 'What do you want to achieve in the next 30–90 days?', placeHolder: 'Rebuild my morning energy',
      validate: (t) => requiredProblem('the title', t) ?? info(`It will be goals/${idOf(t)}.md; link it in logs as [[${idOf(t)}]]`) },
    { kind: 'text', key: 'why', prompt: 'Why does it matter to you? (the purpose anchor you will read on hard days)',
      placeHolder: 'More patience and focus for work and family.', validate: purposeProblem },
    { kind: 'text', key: 'cadence',
      prompt: 'How many days a week? (1–7, like "4", "4/week", "4 times a week" or "daily"; optionally the plan: "on mon, wed, fri, sat at 07:00")',
      placeHolder: '4/week on mon, wed, fri, sat at 07:00', validate: (t) => cadenceProblem(t) ?? info(`= ${planMessage(t)}`) },
    { kind: 'text', key: 'minimum', prompt: 'The minimum: the 2–5 minute version for bad days (it still counts)',
      placeHolder: 'Put on shoes and walk 5 minutes', validate: minimumProblem },
    { kind: 'text', key: 'standard', prompt: 'The standard: the normal-day version', placeHolder: 'Walk 20 minutes',
      validate: (t) => requiredProblem('the standard', t) },
    { kind: 'text', key: 'metric',
      prompt: 'A metric: "name, unit, target". Optional: without one, progress counts micro-tasks and the goal keeps a Measurable warning',
      placeHolder: 'minutes walked, min, 1200', validate: metricProblem },
    { kind: 'text', key: 'start', prompt: `Start date (today is ${today})`, placeHolder: today, initial: () => today,
      validate: (t) => startProblem(t, today) },
    { kind: 'text', key: 'due', prompt: 'Due date: 30–90 days after the start; 60 days is the default',
      initial: () => addDays(startDay(), 60), validate: (t) => dueProblem(startDay(), t) },
  ];
  if (currentLead) {
    const keep = `Keep "${currentLead.title ?? currentLead.id}" as the lead goal`;
    steps.push({ kind: 'pick', key: 'lead', placeHolder: 'One lead goal for these 30–90 days',
      choices: [{ label: keep, value: 'keep' }, { label: 'Make the new goal the lead goal', value: 'lead' }] });
  }
  const title = (step: number) => `New goal (${step + 1}/${steps.length})`;
  const resumed = unfinished.get(journal.root);
  // The first goal's run offers the reminder, also when it is finished in a later run.
  const offer = options.offerReminder === true || resumed?.offerReminder === true;
  const outcome = await askSteps(title, steps, resumed);
  if (!outcome.done) {
    const { state } = outcome;
    const anything = state.typing.trim() !== '' || Object.values(state.answers).some((a) => a.trim() !== '');
    if (anything) offerToGoOn(journal.root, { ...state, offerReminder: offer }, steps.length);
    else unfinished.delete(journal.root);
    return false;
  }
  unfinished.delete(journal.root);
  answers = outcome.answers;
  const [name, unit, target] = answer(answers, 'metric').split(',').map((x) => x.trim());
  const id = idOf(answer(answers, 'title'));
  const makeLead = !currentLead || answers.lead === 'lead';
  const cadence = answer(answers, 'cadence');
  const plan = parseCadencePlan(cadence);
  const metric = answer(answers, 'metric') ? { name: name as string, unit: unit as string, target: Number(target) } : null;
  const stages = stagesFromAnswers({
    minimum: answer(answers, 'minimum'), standard: answer(answers, 'standard'), metric,
    planWords: plan?.days?.length ? planWords(plan.days, plan.time) || null : null,
  });
  const text = goalText({
    title: answer(answers, 'title'), why: answer(answers, 'why'), cadence: plan?.cadence ?? parseCadence(cadence),
    days: plan?.days ?? null, time: plan?.time ?? null, minimum: answer(answers, 'minimum'), standard: answer(answers, 'standard'),
    metric, start: startDay(), due: answer(answers, 'due') as Day, lead: makeLead, stages,
  });
  if (currentLead && makeLead) await unsetLead(journal, currentLead);
  const { document } = await openOrCreate(journalUri(journal.root, goalPath(journal.layout, id)), () => text);
  await vscode.window.showTextDocument(document);
  const where = goalPath(journal.layout, id);
  const created = `Kaizen: created ${where}${makeLead ? ', your lead goal' : ''}.`;
  if (offer && reminderSettings().time === null) void offerReminder(created);
  else void vscode.window.showInformationMessage(`${created} Link it in a daily log as [[${id}]], or log today from the status bar.`);
  return true;
}

/** The answers are kept, and said so: Escape, Ctrl+P or the palette never throws them away. */
function offerToGoOn(root: string, state: StepState & { offerReminder: boolean }, total: number): void {
  unfinished.set(root, state);
  const goOn = 'Go on';
  const startOver = 'Start over';
  void vscode.window.showInformationMessage(
    `Kaizen: the new goal waits at question ${state.step + 1} of ${total}, with your answers. "Kaizen: New goal" goes on from there.`,
    goOn, startOver,
  ).then((choice) => {
    if (choice === startOver) unfinished.delete(root);
    if (choice === goOn) void vscode.commands.executeCommand('kaizen.newGoal');
  });
}

/** `4/week, planned Mon, Wed, Fri, Sat at 07:00`: what the cadence step understood. */
function planMessage(typed: string): string {
  const plan = parseCadencePlan(typed);
  if (!plan) return '';
  const words = planWords(plan.days, plan.time);
  return `${plan.cadence}${words ? `, planned ${words} (for reminders and the calendar)` : ''}`;
}

/** `lead: true` → `lead: false` in the old lead goal, by offsets, so one lead goal remains. */
async function unsetLead(journal: Journal, goal: Goal): Promise<void> {
  const uri = journalUri(journal.root, goal.file);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = leadOffEdit(document.getText());
  if (edit && !(await applyTextEdits(document, [edit], { saveIfClean: true }))) throw new JournalError(`VS Code refused the edit to ${goal.file}`);
}

// Several questions asked in one input box that stays open from the first to the last. A new box per
// question (showInputBox in a loop) closes between two questions: keys typed right after Enter went to
// the editor behind it, and anything that hid the box (Ctrl+P, the palette) counted as Escape.
import * as vscode from 'vscode';

export interface TextStep {
  kind: 'text';
  key: string;
  prompt: string;
  placeHolder?: string;
  /** The answer when there is none yet (a date's default). */
  initial?: () => string;
  /** A string or an error blocks Enter; an info or warning message is shown and lets it through. */
  validate?: (typed: string) => string | vscode.InputBoxValidationMessage | null | undefined;
}

export interface PickStep {
  kind: 'pick';
  key: string;
  placeHolder: string;
  choices: { label: string; value: string }[];
}

export type Step = TextStep | PickStep;

/** Where a person left the questions: their answers, and the step and text they were on. */
export interface StepState {
  answers: Record<string, string>;
  step: number;
  typing: string;
}

export type StepOutcome = { done: true; answers: Record<string, string> } | { done: false; state: StepState };

/**
 * Asks the steps in order, from `resume` when given. Enter answers, the Back button goes back
 * with the answers kept; Escape or anything else that hides the box ends it, and the outcome says where,
 * so the caller can offer to go on later.
 */
export async function askSteps(title: (step: number) => string, steps: Step[], resume?: StepState): Promise<StepOutcome> {
  const answers: Record<string, string> = { ...(resume?.answers ?? {}) };
  let step = resume?.step ?? 0;
  let typing = resume?.typing ?? null;
  const box = vscode.window.createInputBox();
  box.ignoreFocusOut = true;
  let pick: vscode.QuickPick<vscode.QuickPickItem & { value: string }> | null = null;
  const disposables: vscode.Disposable[] = [box];
  /** The answer just given and the next question's text, until the keys typed in between have arrived. */
  let late: { accepted: string; next: string } | null = null;
  const finished = new Promise<StepOutcome>((resolve) => {
    let ended = false;
    const end = (outcome: StepOutcome) => {
      if (ended) return;
      ended = true;
      resolve(outcome);
      for (const d of disposables) d.dispose();
      pick?.dispose();
    };
    const stopped = () => end({ done: false, state: { answers: { ...answers }, step, typing: currentTyping() } });
    const currentTyping = () => (steps[step]?.kind === 'text' ? box.value : '');

    const show = () => {
      const current = steps[step];
      if (!current) {
        end({ done: true, answers });
        return;
      }
      if (current.kind === 'pick') {
        showPick(current);
        return;
      }
      if (pick) {
        pick.dispose();
        pick = null;
      }
      box.title = title(step);
      box.prompt = current.prompt;
      box.placeholder = current.placeHolder ?? '';
      box.buttons = step > 0 ? [vscode.QuickInputButtons.Back] : [];
      const value = typing ?? answers[current.key] ?? current.initial?.() ?? '';
      typing = null;
      box.value = value;
      box.validationMessage = current.validate?.(value) ?? undefined;
      box.show();
    };

    const showPick = (current: PickStep) => {
      pick?.dispose();
      const p = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
      pick = p;
      p.title = title(step);
      p.placeholder = current.placeHolder;
      p.ignoreFocusOut = true;
      p.buttons = [vscode.QuickInputButtons.Back];
      p.items = current.choices.map((c) => ({ label: c.label, value: c.value }));
      const chosen = p.items.find((i) => i.value === answers[current.key]);
      if (chosen) p.activeItems = [chosen];
      let moving = false;
      p.onDidAccept(() => {
        const item = p.selectedItems[0] ?? p.activeItems[0];
        if (!item) return;
        answers[current.key] = item.value;
        moving = true;
        step++;
        show();
      });
      p.onDidTriggerButton(() => {
        moving = true;
        step--;
        show();
      });
      p.onDidHide(() => {
        if (!moving) stopped();
      });
      p.show();
    };

    let moving = false;
    box.onDidChangeValue((typed) => {
      const current = steps[step];
      if (current?.kind !== 'text') return;
      // Keys typed after Enter reach here late, after the previous answer: they belong to this question.
      if (late && typed.startsWith(late.accepted) && typed.length > late.accepted.length) {
        box.value = late.next + typed.slice(late.accepted.length);
        typed = box.value;
      } else if (late && typed.startsWith(late.next)) late = null;
      box.validationMessage = current.validate?.(typed) ?? undefined;
    });
    box.onDidAccept(() => {
      const current = steps[step];
      if (current?.kind !== 'text') return;
      const accepted = box.value;
      const problem = current.validate?.(accepted);
      if (typeof problem === 'string' || problem?.severity === vscode.InputBoxValidationSeverity.Error) {
        box.validationMessage = problem;
        return;
      }
      answers[current.key] = accepted;
      step++;
      if (steps[step]?.kind === 'pick') {
        moving = true;
        box.hide();
        moving = false;
      }
      show();
      late = accepted !== '' && steps[step]?.kind === 'text' ? { accepted, next: box.value } : null;
    });
    box.onDidTriggerButton((button) => {
      if (button !== vscode.QuickInputButtons.Back) return;
      late = null;
      const current = steps[step];
      if (current?.kind === 'text') answers[current.key] = box.value;
      step--;
      show();
    });
    box.onDidHide(() => {
      if (!moving && !pick) stopped();
    });
    show();
  });
  return finished;
}

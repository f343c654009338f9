// Answers the extension's input boxes and quick picks (window.createInputBox / createQuickPick) from a
// script, inside the extension host, the way the real widget reports a person's actions: each time a
// question is shown, `respond` says what the person does. The real widget, with real keys, is driven in
// code-server by ui-first-run.mjs; this covers the answers and the order of the questions.
import * as vscode from 'vscode';

export type Response =
  | { type: string; then?: 'hide' } // typed (replacing what the box holds), then Enter (or Escape)
  | { enter: true } // Enter on what the box holds
  | { back: true } // the ← button
  | { hide: true } // Escape, or anything that hides the box (Ctrl+P)
  | { pick: RegExp }; // the quick pick's item with this label

export interface Shown {
  title: string;
  prompt: string;
  value: string;
  /** What the box says under the text now (a problem, or information). */
  message: string;
  ignoreFocusOut: boolean;
  choices: string[];
  /** Validation as the box would show it for this text. */
  validate: (typed: string) => string;
}

type Listener<T> = (e: T) => unknown;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): vscode.Disposable => {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

const messageText = (m: unknown): string => (typeof m === 'string' ? m : (m as { message?: string } | undefined)?.message ?? '');

/** Replaces the two factories until `restore`; `respond` answers each question shown. */
export function scriptInputs(respond: (shown: Shown) => Response): { restore: () => void; shown: Shown[] } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = { box: window.createInputBox, pick: window.createQuickPick };
  const shown: Shown[] = [];

  const makeBox = () => {
    const accept = new Emitter<void>();
    const change = new Emitter<string>();
    const hide = new Emitter<void>();
    const button = new Emitter<vscode.QuickInputButton>();
    let visible = false;
    let shows = 0;
    const present = () => {
      if (!visible) return;
      const before = shows;
      const snapshot: Shown = {
        title: box.title, prompt: box.prompt, value: box.value, message: messageText(box.validationMessage),
        ignoreFocusOut: box.ignoreFocusOut, choices: [],
        validate: (typed) => {
          const before = box.value;
          box.value = typed;
          change.fire(typed);
          const said = messageText(box.validationMessage);
          box.value = before;
          change.fire(before);
          return said;
        },
      };
      shown.push(snapshot);
      const r = respond(snapshot);
      if ('type' in r) {
        box.value = r.type;
        change.fire(r.type);
        if (r.then === 'hide') box.hide();
        else accept.fire();
      } else if ('enter' in r) accept.fire();
      else if ('back' in r) button.fire(vscode.QuickInputButtons.Back);
      else if ('hide' in r) box.hide();
      // A refused answer leaves the same question up: the person reads the message and answers again.
      setTimeout(() => {
        if (visible && shows === before) present();
      }, 0);
    };
    const box = {
      title: '', prompt: '', placeholder: '', value: '', validationMessage: undefined as unknown, ignoreFocusOut: false,
      buttons: [] as vscode.QuickInputButton[], busy: false, enabled: true, step: undefined, totalSteps: undefined, password: false,
      onDidAccept: accept.event, onDidChangeValue: change.event, onDidHide: hide.event, onDidTriggerButton: button.event,
      show() {
        visible = true;
        shows++;
        // The widget reacts after the extension's call returns, as the real one does.
        setTimeout(present, 0);
      },
      hide() {
        if (!visible) return;
        visible = false;
        hide.fire();
      },
      dispose() {
        box.hide();
      },
    };
    return box;
  };

  const makePick = () => {
    const accept = new Emitter<void>();
    const hide = new Emitter<void>();
    const button = new Emitter<vscode.QuickInputButton>();
    let visible = false;
    const pick = {
      title: '', placeholder: '', ignoreFocusOut: false, buttons: [] as vscode.QuickInputButton[],
      items: [] as vscode.QuickPickItem[], activeItems: [] as vscode.QuickPickItem[], selectedItems: [] as vscode.QuickPickItem[],
      onDidAccept: accept.event, onDidHide: hide.event, onDidTriggerButton: button.event,
      onDidChangeValue: new Emitter<string>().event, onDidChangeActive: new Emitter<unknown>().event,
      onDidChangeSelection: new Emitter<unknown>().event,
      show() {
        visible = true;
        setTimeout(() => {
          if (!visible) return;
          const snapshot: Shown = {
            title: pick.title, prompt: pick.placeholder, value: '', message: '', ignoreFocusOut: pick.ignoreFocusOut,
            choices: pick.items.map((i) => i.label), validate: () => '',
          };
          shown.push(snapshot);
          const r = respond(snapshot);
          if ('pick' in r) {
            const item = pick.items.find((i) => r.pick.test(i.label));
            if (!item) throw new Error(`no item ${r.pick} in ${snapshot.choices.join(', ')}`);
            pick.selectedItems = [item];
            accept.fire();
          } else if ('back' in r) button.fire(vscode.QuickInputButtons.Back);
          else pick.hide();
        }, 0);
      },
      hide() {
        if (!visible) return;
        visible = false;
        hide.fire();
      },
      dispose() {
        pick.hide();
      },
    };
    return pick;
  };

  window.createInputBox = makeBox;
  window.createQuickPick = makePick;
  return {
    shown,
    restore: () => {
      window.createInputBox = original.box;
      window.createQuickPick = original.pick;
    },
  };
}

/** The information messages shown until `restore` (their text), answered with no button. */
export function recordInformation(): string[] & { restore: () => void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window.showInformationMessage;
  const said = [] as unknown as string[] & { restore: () => void };
  window.showInformationMessage = async (message: string) => {
    said.push(message);
    return undefined;
  };
  said.restore = () => {
    window.showInformationMessage = original;
  };
  return said;
}

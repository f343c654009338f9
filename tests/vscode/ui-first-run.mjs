// The first ten minutes, clicked in a real code-server + Chromium: an ordinary folder where the
// palette offers only "Create a journal", the walkthrough, the SMART wizard (a blank minimum refused,
// a click elsewhere survived, Esc going back with the answer kept), then a logged day and a saved
// review — everything a new user needs, with nothing written before they ask.
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait.mjs';


function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function firstRunChecks({ page, check, server, dir, showKaizen, results }) {
  const shot = (name) => page.screenshot({ path: path.join(results, name) });
  const empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
  const input = page.locator('.quick-input-widget input');
  const title = () => page.locator('.quick-input-widget .quick-input-title').innerText();
  const palette = async (text) => {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 15_000 });
    await page.keyboard.type(text);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  };

  await check('a folder without a journal: the Kaizen side bar offers "Create a journal" and a walkthrough; the palette nothing else', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(empty)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await showKaizen();
    const welcome = page.locator('.welcome-view-content').first();
    await welcome.locator('a, .monaco-button', { hasText: 'Create a journal' }).first().waitFor({ timeout: 20_000 });
    const text = await welcome.innerText();
    if (text.includes('`')) throw new Error(`the welcome text shows literal backticks: ${text}`);
    await shot('ui-welcome.png');
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 15_000 });
    await page.keyboard.type('Kaizen:');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kaizen:' }).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    // VS Code's own "Focus on … View" for the side bar is not a Kaizen command.
    const offered = (await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim())
      .filter((t) => t.startsWith('Kaizen:') && !/^Kaizen: Focus on .* View$/.test(t) && !/^Kaizen: About/.test(t));
    await shot('ui-palette-no-journal.png');
    await page.keyboard.press('Escape');
    if (offered.join('|') !== 'Kaizen: Create a journal') throw new Error(`the palette offers ${JSON.stringify(offered)} in a folder without a journal`);
    if (fs.readdirSync(empty).filter((n) => n !== '.vscode').length) throw new Error(`written before asked: ${fs.readdirSync(empty)}`);
  });

  await check('Ctrl+Alt+K chords outside a journal say why instead of typing letters into the file', async () => {
    await palette('File: New Untitled Text File');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ timeout: 10_000 });
    await editor.click();
    await page.keyboard.type('notes ');
    await page.keyboard.press('Control+Alt+K');
    await page.keyboard.press('t');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'not a journal yet' }).first();
    await toast.waitFor({ timeout: 10_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ').trim();
    if (text !== 'notes') throw new Error(`the chord typed into the file: "${text}"`);
    await palette('View: Revert and Close Editor');
    await page.keyboard.press('Escape');
  });

  await check('the walkthrough opens from the welcome view and lists the four steps', async () => {
    await page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Show me how it works' }).first().click();
    const page1 = page.locator('.gettingStartedContainer', { hasText: 'Start a Kaizen journal' }).first();
    await page1.waitFor({ timeout: 20_000 });
    for (const step of ['Create a journal', 'Make one SMART goal', "Log today's step", 'Review the week']) {
      await page1.locator('.getting-started-step', { hasText: step }).first().waitFor({ timeout: 10_000 });
    }
    await page.waitForTimeout(800);
    await shot('ui-walkthrough.png');
    await palette('View: Close Editor');
  });

  await check('"Create a journal", then the SMART wizard: a blank minimum refused, a click elsewhere and Ctrl+P survived, '
    + '← goes back, keys typed right after Enter land in the next question', async () => {
    await showKaizen();
    await page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Create a journal' }).first().click();
    await waitFor('the wizard', async () => (await title().catch(() => '')).startsWith('New goal (1/8)'), 20_000);
    if (fs.readdirSync(path.join(empty, 'goals')).length) throw new Error('a placeholder goal was written');
    const answer = async (step, text) => {
      await waitFor(`step ${step}`, async () => (await title().catch(() => '')).startsWith(`New goal (${step}/8)`));
      if (text !== null) {
        await input.fill(text);
        await page.waitForTimeout(150);
      }
      await page.keyboard.press('Enter');
    };
    await answer(1, 'Walk every morning');
    await answer(2, 'Energy for the kids in the evening');
    await answer(3, '4 times a week');
    await waitFor('step 4', async () => (await title()).startsWith('New goal (4/8)'));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    const message = await page.locator('.quick-input-widget .quick-input-message').innerText();
    if (!(await title()).startsWith('New goal (4/8)') || !/minimum/i.test(message)) throw new Error(`a blank minimum went through (${await title()}: "${message}")`);
    await shot('ui-wizard-minimum-refused.png');
    // A click elsewhere (the editor area) does not throw the answers away.
    await page.mouse.click(700, 600);
    await page.waitForTimeout(500);
    if (!(await page.locator('.quick-input-widget').isVisible())) throw new Error('the wizard closed on a click elsewhere');
    // Ctrl+P opens Quick Open over the wizard: the answers and the typing wait, and "Go on" brings them back.
    await input.focus();
    await input.fill('Shoes on');
    await page.keyboard.press('Control+P');
    await page.waitForTimeout(600);
    await page.keyboard.press('Escape');
    const waiting = page.locator('.notifications-toasts .notification-list-item', { hasText: 'waits at question 4 of 8' }).first();
    await waiting.waitFor({ timeout: 10_000 });
    await shot('ui-wizard-waits.png');
    await waiting.locator('.monaco-button', { hasText: 'Go on' }).click();
    await waitFor('step 4 again', async () => (await title().catch(() => '')).startsWith('New goal (4/8)'));
    if ((await input.inputValue()) !== 'Shoes on') throw new Error(`Ctrl+P lost the typing: "${await input.inputValue()}"`);
    await page.locator('.quick-input-widget .codicon-quick-input-back').first().click();
    await waitFor('step 3 again', async () => (await title()).startsWith('New goal (3/8)'));
    if ((await input.inputValue()) !== '4 times a week') throw new Error(`← lost the answer: "${await input.inputValue()}"`);
    // Typed at once after Enter, with no pause: every key goes into the next question, none into the editor.
    await input.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(', walk 5 minutes', { delay: 10 });
    await waitFor('step 4', async () => (await title()).startsWith('New goal (4/8)'));
    await page.waitForTimeout(300);
    const typed = await input.inputValue();
    // A key still on its way while the box changes question can be lost; the rest are there. The change takes a
    // few ms here, tens on a loaded machine: a fresh-clone CI run on two cores once lost three (" wa").
    const lost = 'Shoes on, walk 5 minutes'.length - typed.length;
    if (!typed.startsWith('Shoes on') || !typed.endsWith('5 minutes') || lost > 5) throw new Error(`fast typing lost keys: "${typed}"`);
    if (lost) console.log(`    (a key typed while the question changed was lost: "${typed}")`);
    await input.fill('Shoes on, walk 5 minutes');
    if (await page.locator('.monaco-editor .view-line', { hasText: 'walk 5' }).count()) throw new Error('keys went into an editor');
    await page.keyboard.press('Enter');
    await answer(5, 'Walk 20 minutes');
    await answer(6, 'minutes walked, min, 1200');
    await answer(7, null);
    await answer(8, null);
    const goal = path.join(empty, 'goals/walk-every-morning.md');
    // Written in one go, but a read can land between the file's creation and its bytes.
    await waitFor('goals/walk-every-morning.md', () => fs.existsSync(goal) && fs.readFileSync(goal, 'utf8').includes('## Milestones'), 20_000);
    const text = fs.readFileSync(goal, 'utf8');
    for (const line of [/^lead: true$/m, /^ {2}cadence: 4\/week$/m, /^ {2}minimum: "?Shoes on, walk 5 minutes"?$/m, /^why: Energy for the kids/m]) {
      if (!line.test(text)) throw new Error(`the goal lacks ${line}: ${text}`);
    }
    if (fs.readdirSync(path.join(empty, 'goals')).length !== 1) throw new Error(`goals: ${fs.readdirSync(path.join(empty, 'goals'))}`);
    // The first goal's toast carries the reminder offer (a second toast would hide behind it), its buttons whole.
    const created = page.locator('.notifications-toasts .notification-list-item', { hasText: 'created goals/walk-every-morning.md, your lead goal' }).first();
    await created.waitFor({ timeout: 10_000 });
    await shot('ui-wizard-done.png');
    if (!(await created.innerText()).includes('A daily reminder?')) throw new Error(`no reminder offer: ${await created.innerText()}`);
    for (const label of ['At 08:00', 'At 19:00', 'Not now']) {
      const button = created.locator('.monaco-button', { hasText: label }).first();
      const cut = await button.evaluate((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > window.innerWidth);
      if (cut) throw new Error(`the button "${label}" is cut off`);
    }
    await created.locator('.monaco-button', { hasText: 'Not now' }).first().click();
  });

  await check('the new journal: a day logged from the status bar and a review saved, each confirmed', async () => {
    const item = page.locator('.statusbar-item', { hasText: /this week · streak \d+ weeks?$/ }).first();
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const minimum = page.locator('.quick-input-list .monaco-list-row', { hasText: 'minimum' }).first();
    // As in the tree check: once in CI the first click met "command not found" for a moment; a second click
    // tells a moment from a command that is really gone.
    if (!(await minimum.waitFor({ timeout: 7_000 }).then(() => true, () => false))) {
      console.log('    (the first click on the status bar opened nothing; clicking again)');
      await item.click();
    }
    await minimum.waitFor({ timeout: 15_000 });
    await minimum.click();
    await waitFor('the metric question', async () => /minutes walked/.test(await title().catch(() => '')));
    await input.fill('6');
    await page.keyboard.press('Enter');
    const today = localToday();
    const log = path.join(empty, 'logs', today.slice(0, 4), `${today}.md`);
    await waitFor("today's log", () => fs.existsSync(log) && /^- \[x\] \[\[walk-every-morning\]\] minimum: .*\[value:: 6\]$/m.test(fs.readFileSync(log, 'utf8')), 15_000);
    await page.locator('.notifications-toasts .notification-list-item', { hasText: 'logged minimum for Walk every morning today' }).first().waitFor({ timeout: 10_000 });
    await palette('Kaizen: Open the review');
    const frame = await waitFor('the review panel', async () => {
      for (const f of page.frames()) if (await f.$('body[data-label] textarea').catch(() => null)) return f;
      return null;
    }, 30_000);
    const label = await frame.locator('body').getAttribute('data-label');
    await frame.locator('textarea').first().fill('I walked even on the day I did not want to.');
    await frame.click('#save');
    const review = path.join(empty, 'reviews', `${label}.md`);
    await waitFor('the saved review', () => fs.existsSync(review) && fs.readFileSync(review, 'utf8').includes('I walked even on the day'), 15_000);
    await page.locator('.notifications-toasts .notification-list-item', { hasText: `reviews/${label}.md` }).first().waitFor({ timeout: 10_000 });
    // Typed and saved at once: the panel says saved, also after the re-render the save causes.
    await page.waitForTimeout(1500);
    const again = await waitFor('the review panel', async () => {
      for (const f of page.frames()) if (await f.$('body[data-label] #status').catch(() => null)) return f;
      return null;
    });
    const status = await again.locator('#status').innerText();
    if (status !== `Saved to reviews/${label}.md`) throw new Error(`after saving, the panel says "${status}"`);
    await shot('ui-first-review-saved.png');
  });
}

// UI checks of writing in a daily note as a person does, with the keyboard, in a real code-server +
// Chromium: a [[ completion then typing on, the did-you-mean fix offered first, and a second value for
// the same day (add or replace, never a silent overwrite); a goal's lens rows in a split.
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait.mjs';

export async function editingChecks({ page, check, quickOpen, runCommand, workspace, results }) {
  const shot = (name) => page.screenshot({ path: path.join(results, name) });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  /** The editor's text as shown (Monaco draws spaces as no-break spaces). */
  const shownLines = async () => (await editor.locator('.view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
  const noteRel = 'logs/2026/2026-11-20.md';
  const note = path.join(workspace, noteRel);

  /** The end of a line of the note, by Go to Line (Ctrl+G), as a person gets there with the keyboard. */
  const endOfLine = async (line) => {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
  };
  const habitsEnd = () => fs.readFileSync(note, 'utf8').split('\n').findLastIndex((l) => /^- \[.\] \[\[/.test(l)) + 1;

  await check('a [[ completion, then typing on: the cursor is after ]], so the link stays whole', async () => {
    const before = fs.readFileSync(note, 'utf8');
    try {
      await runCommand('View: Close All Editors');
      await quickOpen('2026-11-20.md');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('- [ ] [[morn', { delay: 40 });
      const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'morning-energy' }).first();
      await row.waitFor({ timeout: 15_000 });
      await shot('ui-completion.png');
      await page.keyboard.press('Enter');
      await page.keyboard.type(' minimum', { delay: 20 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+S');
      const line = '- [ ] [[morning-energy]] minimum';
      await waitFor(`"${line}" on disk`, () => fs.readFileSync(note, 'utf8').split('\n').includes(line), 10_000)
        .catch(async () => {
          throw new Error(`the line reads: ${JSON.stringify((await shownLines()).filter((l) => l.includes('[[')).at(-1))}`);
        });
    } finally {
      fs.writeFileSync(note, before);
    }
  });

  await check('a misspelt link: the did-you-mean fix is offered first (Ctrl+.) and changes only the link', async () => {
    const before = fs.readFileSync(note, 'utf8');
    try {
      await quickOpen('2026-11-20.md');
      await page.waitForTimeout(500);
      await editor.click();
      // A habit line belongs under the note's habits: that is where a link must name a goal.
      const line = habitsEnd();
      await endOfLine(line);
      await page.keyboard.press('Enter');
      await page.keyboard.type('- [ ] [[morning-enrgy', { delay: 30 });
      await page.keyboard.press('Escape');
      await page.keyboard.type(']] minimum', { delay: 30 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+S');
      await waitFor('the typo on disk', () => fs.readFileSync(note, 'utf8').includes('[[morning-enrgy'), 10_000);
      await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: 15_000 });
      for (let i = 0; i < ' minimum]]'.length + 2; i++) await page.keyboard.press('ArrowLeft');
      // Another squiggle may be drawn before the typo's own diagnostic arrives (a loaded machine): ask again
      // until the menu holds the link's fixes, as a person would who opened it too early.
      const menu = page.locator('.action-widget .monaco-list-row.action');
      let first = '';
      await waitFor('the typo\'s fixes in the Ctrl+. menu', async () => {
        await page.keyboard.press('Control+.');
        await menu.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
        first = (await menu.first().innerText().catch(() => '')).trim();
        if (/^(Change to|Create goals\/)/.test(first)) return true;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(500);
        return false;
      }, 20_000).catch(() => undefined);
      await shot('ui-did-you-mean.png');
      if (first !== 'Change to [[morning-energy]]') throw new Error(`the first fix is "${first}" (all: ${(await menu.allInnerTexts()).join(' | ')})`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+S');
      const lines = before.split('\n');
      lines.splice(line, 0, '- [ ] [[morning-energy]] minimum');
      const fixed = lines.join('\n');
      await waitFor('the fixed link on disk', () => fs.readFileSync(note, 'utf8') === fixed, 10_000)
        .catch(() => {
          throw new Error(`on disk: ${JSON.stringify(fs.readFileSync(note, 'utf8').slice(-80))}`);
        });
    } finally {
      fs.writeFileSync(note, before);
    }
  });

  await check('a second value for the same day: what is logged is shown, and add or replace is asked', async () => {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const todayLog = path.join(workspace, 'logs', today.slice(0, 4), `${today}.md`);
    const existed = fs.existsSync(todayLog) ? fs.readFileSync(todayLog, 'utf8') : null;
    const input = page.locator('.quick-input-widget input');
    const title = () => page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
    const choose = async (text) => {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
    };
    // Nothing left open by the checks before (a menu, a quick pick).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const logPages = async (pages) => {
      await runCommand("Kaizen: Log today's step");
      await waitFor('which goal', async () => /which goal/.test(await title()), 15_000);
      await choose('Read before bed');
      await waitFor('the level', async () => /Log today for Read before bed/.test(await title()), 15_000);
      await choose('standard');
      await waitFor('the value', async () => /pages/i.test(await title()), 15_000);
      await input.fill(String(pages));
      await page.keyboard.press('Enter');
    };
    try {
      await logPages(25);
      await waitFor('[value:: 25] on disk', () => fs.existsSync(todayLog) && /\[\[read-daily\]\] standard.*\[value:: 25\]/.test(fs.readFileSync(todayLog, 'utf8')), 15_000);
      await logPages(10);
      await waitFor('the add-or-replace question', async () => /Already logged today: 25/.test(await title()), 15_000);
      const offered = (await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
      await shot('ui-second-value.png');
      if (!/^Add: 25 \+ 10 = 35/.test(offered[0] ?? '') || !offered.some((o) => /^Replace 25 with 10/.test(o))) {
        throw new Error(`offered: ${offered.join(' | ')}`);
      }
      await choose('Add: 25 + 10 = 35');
      await waitFor('[value:: 35] on disk', () => /\[\[read-daily\]\] standard.*\[value:: 35\]/.test(fs.readFileSync(todayLog, 'utf8')), 15_000);
    } finally {
      if (existed === null) fs.rmSync(todayLog, { force: true });
      else fs.writeFileSync(todayLog, existed);
    }
  });
  await check('a goal in a split: the title\'s two lens rows are not cut off; only the next tasks have a row', async () => {
    await page.keyboard.press('Escape');
    await runCommand('View: Close All Editors');
    await quickOpen('morning-energy.md');
    await runCommand('View: Split Editor Right');
    const group = page.locator('.editor-group-container.active .monaco-editor').first();
    const lensRows = () => group.locator('.codelens-decoration');
    await waitFor('the lenses in the split', async () => (await lensRows().allInnerTexts()).some((t) => /Log today/.test(t)), 20_000);
    await waitFor('the numbers row', async () => (await lensRows().allInnerTexts()).some((t) => /this week/.test(t)), 20_000);
    await page.waitForTimeout(500);
    const measured = await lensRows().evaluateAll((els) => els.map((el) => ({
      text: el.textContent ?? '', cut: el.scrollWidth > el.clientWidth + 1, width: el.clientWidth,
    })));
    const editorWidth = await group.evaluate((el) => el.clientWidth);
    await shot('ui-goal-split.png');
    const cut = measured.filter((m) => m.cut);
    if (cut.length) throw new Error(`cut off in a ${editorWidth}px editor: ${cut.map((m) => JSON.stringify(m.text)).join(' | ')}`);
    const texts = measured.map((m) => m.text);
    if (!texts.some((t) => /^Log today: minimum/.test(t))) throw new Error(`no "Log today" row: ${texts.join(' | ')}`);
    if (!texts.some((t) => /^\d+\/\d+ this week/.test(t))) throw new Error(`no numbers row of its own: ${texts.join(' | ')}`);
    // The sample goal has nine open or done micro-tasks in four stages: two stages have an open one.
    const taskRows = texts.filter((t) => /check task|task done/.test(t));
    if (taskRows.length !== 2) throw new Error(`task rows: ${JSON.stringify(taskRows)} (expected the next of stages 3 and 4)`);
    console.log(`      (a ${editorWidth}px editor: ${measured.length} lens rows, widest ${Math.max(...measured.map((m) => m.width))}px)`);
    await runCommand('View: Close All Editors');
  });
}

// What a person sees on ten years of notes, timed in the browser itself (npm run bench:vscode): a lens click until
// the checkbox changes on screen, and a typed key until a status bar entry changes. The extension-host bench
// (tests/vscode/perf.ts) times the same work from inside the extension host, where each edit makes a round trip
// to the workbench that a person's own click or keystroke does not; here both start at the browser's event, as
// the person's do, and end at the page's change (a MutationObserver), in the page's own clock.
import { waitFor } from './wait.mjs';

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * `clicks`: the lenses clicked in turn, each `{ name, line, title, follows }` — `line` a text that identifies the
 * checkbox line under it, `title` the lens's labels (a RegExp source), `follows` whether the time until the lens's
 * label changes is taken too. `statuses`: the status bar entries a typed key is timed to, `{ name, text }`.
 * `typed`: the line typed into (a text in it, and its number), its box unchecked when the run starts.
 */
export async function peoplesView(page, { note, typed, clicks, statuses, rounds = 42, keystrokes = 62 }) {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  for (const status of statuses) await page.locator('.statusbar-item', { hasText: status.text }).first().waitFor({ timeout: 120_000 });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.focus();
  await page.keyboard.type(note);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: note }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator('.tab.active', { hasText: note }).waitFor({ timeout: 15_000 });
  // Lenses are drawn a moment after the note opens.
  await page.locator('.codelens-decoration a').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);

  // Marks in the page: when a mouse button or key went down, when a watched line, lens or status entry changed.
  await page.evaluate(({ clicks, statuses }) => {
    const marks = { down: 0, lines: {}, lenses: {}, statuses: {} };
    window.__kaizenPerf = marks;
    // The event's own time stamp: the time it waited in a busy page's queue counts too.
    addEventListener('mousedown', (e) => { marks.down = e.timeStamp; }, true);
    addEventListener('keydown', (e) => { marks.down = e.timeStamp; }, true);
    // The editor draws spaces as no-break spaces.
    const lineOf = (text) => [...document.querySelectorAll('.view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(text));
    // The lens over a line: the lowest matching link above it.
    window.__kaizenLensOver = (text, title) => {
      const line = lineOf(text);
      if (!line) return null;
      const top = line.getBoundingClientRect().top;
      let best = null;
      for (const a of document.querySelectorAll('.codelens-decoration a')) {
        const label = a.textContent.trim();
        const box = a.getBoundingClientRect();
        if (!new RegExp(title).test(label) || box.bottom > top + 2) continue;
        if (!best || box.top > best.y) best = { x: box.left + box.width / 2, y: box.top, cy: box.top + box.height / 2, label };
      }
      return best;
    };
    const watch = (target, read, into) => {
      let last = read();
      new MutationObserver(() => {
        // Taken before reading: a read may force a layout, which would count against the observers after it.
        const at = performance.now();
        const now = read();
        if (now && now !== last) into.list.push({ at, text: now });
        if (now) last = now;
      }).observe(target, { subtree: true, childList: true, characterData: true });
    };
    const editor = document.querySelector('.monaco-editor .overflow-guard');
    for (const click of clicks) {
      marks.lines[click.name] = [];
      watch(editor, () => lineOf(click.line)?.textContent.replace(/\u00a0/g, ' ') ?? '', { list: marks.lines[click.name] });
      marks.lenses[click.name] = [];
      watch(editor, () => window.__kaizenLensOver(click.line, click.title)?.label ?? '', { list: marks.lenses[click.name] });
    }
    for (const status of statuses) {
      const item = [...document.querySelectorAll('.statusbar-item')].find((e) => e.textContent.includes(status.text));
      marks.statuses[status.name] = [];
      watch(item, () => item.textContent, { list: marks.statuses[status.name] });
    }
  }, { clicks, statuses });
  const marks = () => page.evaluate(() => window.__kaizenPerf);
  const reset = () => page.evaluate(() => {
    for (const group of ['lines', 'lenses', 'statuses']) for (const list of Object.values(window.__kaizenPerf[group])) list.length = 0;
  });

  const times = {};
  const add = (name, ms) => (times[name] ??= []).push(ms);
  for (let i = 0; i < rounds * clicks.length; i++) {
    const click = clicks[i % clicks.length];
    const lens = await waitFor(`the lens over "${click.line}"`, () => page.evaluate(({ line, title }) => window.__kaizenLensOver(line, title), click), 30_000);
    await reset();
    await page.mouse.click(lens.x + 4, lens.cy);
    const seen = await waitFor(`"${click.line}" to change on screen`, async () => {
      const m = await marks();
      return m.lines[click.name].length > 0 && m;
    }, 10_000);
    if (i >= 2 * clicks.length) add(click.name, seen.lines[click.name][0].at - seen.down);
    if (click.follows) {
      // VS Code asks for lenses again a moment after an edit (its own delay): the label follows then.
      const relabelled = await waitFor('the lens label to follow', async () => {
        const m = await marks();
        return m.lenses[click.name].length > 0 && m;
      }, 10_000);
      if (i >= 2 * clicks.length) add(`${click.name}Lens`, relabelled.lenses[click.name][0].at - relabelled.down);
    } else {
      await page.waitForTimeout(600);
    }
    await page.waitForTimeout(400);
  }

  // Typing over the typed line's box: Ctrl+G to its line, the box selected, then the key that is timed.
  for (let i = 0; i < keystrokes; i++) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(`${typed.number}:4`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+ArrowRight');
    await reset();
    await page.keyboard.press(i % 2 === 0 ? 'x' : ' ');
    const seen = await waitFor(`the status bar to change (typed in line ${typed.number})`, async () => {
      const m = await marks();
      return statuses.every((s) => m.statuses[s.name].length > 0) && m;
    }, 10_000);
    if (i >= 2) for (const s of statuses) add(`key:${s.name}`, seen.statuses[s.name][0].at - seen.down);
    // A pause every ten keys lets the whole read that follows typing run, as it does when a person stops.
    await page.waitForTimeout(i % 10 === 9 ? 2000 : 150);
  }
  await page.keyboard.press('Control+Z');
  return Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, { median: percentile(xs, 0.5), p95: percentile(xs, 0.95), n: xs.length }]));
}

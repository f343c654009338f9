// UI checks of the review panel and the reports in a real code-server + Chromium: keyboard use, focus
// kept across re-renders, the sticky header, month and quarter wording, axe-core in every theme, the
// non-text contrast of the charts, and a report opened as a Markdown preview in a dark theme.
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG relative luminance contrast of two CSS rgb()/rgba() colours (alpha blended over `under`). */
function contrast(fg, bg) {
  const parse = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const [br, bgG, bb] = parse(bg);
  const [r, g, b, a = 1] = parse(fg);
  const mix = [r * a + br * (1 - a), g * a + bgG * (1 - a), b * a + bb * (1 - a)];
  const lum = (rgb) => {
    const [R, G, B] = rgb.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [hi, lo] = [lum(mix), lum([br, bgG, bb])].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function axeViolations(frame) {
  // Evaluated through the DevTools protocol, so the panel's CSP (scripts by nonce only) stays as it is.
  if (!(await frame.evaluate(() => typeof window.axe !== 'undefined'))) await frame.evaluate(AXE_SOURCE);
  const result = await frame.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Colours of the shapes that carry meaning without text, against the panel background (SC 1.4.11). */
async function shapeContrasts(frame) {
  const colours = await frame.evaluate(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    const pick = (selector, property) => {
      const el = document.querySelector(selector);
      return el ? getComputedStyle(el)[property] : null;
    };
    return {
      bg,
      'skip glyph': pick('.s-skip .glyph', 'color'),
      'missed glyph': pick('.s-missed .glyph', 'color'),
      'missed box': pick('.kaizen-chart .cell', 'stroke'),
      'skip slash': pick('.kaizen-chart .skip', 'stroke'),
      'progress track': pick('.kaizen-chart .track', 'fill'),
    };
  });
  const out = {};
  for (const [name, colour] of Object.entries(colours)) if (name !== 'bg' && colour) out[name] = contrast(colour, colours.bg);
  return out;
}

export async function reviewChecks({
  page, check, runCommand, reviewFrame, frameWithLabel, currentWeek, theme, workspace, results,
}) {
  const shot = (name) => page.screenshot({ path: path.join(results, name) });
  const focusedId = (frame) => frame.evaluate(() => document.activeElement?.id ?? '');

  await check('the review panel: Save by keyboard keeps focus and the "Saved" status across the re-render, and links the file', async () => {
    let frame = await reviewFrame('Week 2026-W47');
    const reviewFile = path.join(workspace, 'reviews/2026-W47.md');
    const box = frame.locator('textarea').nth(1);
    await box.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' Saved with the keyboard.');
    await frame.focus('#save');
    await page.keyboard.press('Enter');
    await waitFor('the answer on disk', () => fs.readFileSync(reviewFile, 'utf8').includes('Saved with the keyboard.'));
    // The save changes the journal, which re-renders the panel: the status and focus must survive it.
    await page.waitForTimeout(1500);
    frame = await reviewFrame('Week 2026-W47');
    const status = await frame.locator('#status').innerText();
    if (status !== 'Saved to reviews/2026-W47.md') throw new Error(`status after the re-render: "${status}"`);
    const focused = await focusedId(frame);
    if (focused !== 'save') throw new Error(`focus after the re-render is on "${focused}", not the Save button`);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'saved your weekly review to reviews/2026-W47.md' }).first();
    await toast.waitFor({ timeout: 10_000 });
    await shot('review-saved.png');
    await toast.locator('.monaco-button', { hasText: 'Open the review file' }).click();
    await page.locator('.tab', { hasText: '2026-W47.md' }).first().waitFor({ timeout: 10_000 });
    await runCommand('Kaizen: Open the review');
  });

  /**
   * The panel on the sample's week 2026-W47, whatever it showed before. "Open the review" renders the clock's week,
   * and a step made before that render arrives is undone by it (in the web worker it can come seconds later): so
   * the panel is stepped back with its own buttons only once it shows the clock's week. `opened`: the check before
   * ended by running that command (when its render does not come, that check failed first: it is run here).
   */
  const onWeek47 = async ({ opened }) => {
    const weeks = new Set([currentWeek()]);
    const onClockWeek = (timeoutMs) => waitFor('the review panel on the clock\'s week', async () => {
      weeks.add(currentWeek());
      for (const f of page.frames()) {
        const l = await f.locator('body[data-label]').getAttribute('data-label', { timeout: 200 }).catch(() => null);
        if (l && weeks.has(l)) return f;
      }
      return null;
    }, timeoutMs);
    let frame = opened ? await onClockWeek(10_000).catch(() => null) : null;
    if (!frame && !opened) {
      // Nothing pending: the panel may already be there.
      const now = await reviewFrame(null).catch(() => null);
      if (await now?.locator('body').getAttribute('data-label', { timeout: 2_000 }).catch(() => null) === '2026-W47') {
        return reviewFrame('Week 2026-W47');
      }
    }
    if (!frame) {
      await runCommand('Kaizen: Open the review');
      frame = await onClockWeek(30_000);
    }
    for (let i = 0; i < 200; i++) {
      const label = await frame.locator('body').getAttribute('data-label', { timeout: 2_000 }).catch(() => null);
      if (label === '2026-W47') return reviewFrame('Week 2026-W47');
      if (label) await frame.click(`button.nav >> nth=${label > '2026-W47' ? 0 : 1}`);
      frame = await waitFor('the next step of the review panel', async () => {
        for (const f of page.frames()) {
          const l = await f.locator('body[data-label]').getAttribute('data-label', { timeout: 200 }).catch(() => null);
          if (l && l !== label) return f;
        }
        return null;
      }, 15_000);
    }
    throw new Error('the review panel never reached 2026-W47');
  };

  /** The panel's frame once it shows `label`; null after `timeoutMs`. */
  const labelled = (label, timeoutMs) => waitFor(`the review panel on ${label}`, async () => {
    for (const f of page.frames()) {
      const l = await f.locator('body[data-label]').getAttribute('data-label', { timeout: 200 }).catch(() => null);
      if (l === label) return f;
    }
    return null;
  }, timeoutMs).catch(() => null);

  /**
   * Enter on a panel control steps it from `from` to `to`. A key that reached a panel being rendered again is
   * pressed again, only while the panel is still on `from`.
   */
  const stepByKey = async (id, from, to) => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const frame = await labelled(from, 5_000);
      if (!frame) break;
      await frame.focus(`#${id}`);
      await page.keyboard.press('Enter');
      const reached = await labelled(to, 5_000);
      if (reached) return reached;
    }
    const now = await (await reviewFrame(null)).locator('body').getAttribute('data-label');
    if (now === to) return frameWithLabel(to);
    throw new Error(`Enter on #${id} did not step the panel from ${from} to ${to}: it shows ${now}`);
  };

  await check('the review panel: stepping periods by keyboard keeps focus on the control and announces the period', async () => {
    let frame = await onWeek47({ opened: true });
    frame = await stepByKey('nav-previous', '2026-W47', '2026-W46');
    const stepped = frame;
    await waitFor('focus back on the control', async () => (await focusedId(stepped)) === 'nav-previous', 2_000)
      .catch(async () => {
        throw new Error(`focus after the step: "${await focusedId(stepped)}"`);
      });
    const announced = await frame.locator('#announce').innerText();
    if (!/^Showing Week 2026-W46, Monday 9 November 2026 – Sunday 15 November 2026$/.test(announced)) throw new Error(`announced "${announced}"`);
    if ((await frame.evaluate(() => window.scrollY)) !== 0) throw new Error('a new period does not start at the top');
    await stepByKey('nav-next', '2026-W46', '2026-W47');
  });

  await check('the review panel: month and quarter in their own words, days on a weekday grid (light and dark)', async () => {
    let frame = await onWeek47({ opened: false });
    await frame.focus('#kind-month');
    await page.keyboard.press('Enter');
    frame = await frameWithLabel('2026-11');
    const month = await frame.locator('body').innerText();
    if (!month.includes('Monthly reset') || /this week|next week/i.test(month.slice(month.indexOf('Monthly reset')))) throw new Error('the month review uses weekly words');
    if ((await frame.locator('#kind-month').innerText()).trim() !== '✓ Month') throw new Error('the chosen kind is not marked by more than colour');
    const firstDay = await frame.locator('.goal.lead .days .day').first().getAttribute('class');
    if (!/start-7/.test(firstDay)) throw new Error(`1 November 2026 (a Sunday) is not in the Sunday column: ${firstDay}`);
    await shot('review-month-light.png');
    await frame.focus('#kind-quarter');
    await page.keyboard.press('Enter');
    frame = await frameWithLabel('2026-Q4');
    const quarter = await frame.locator('body').innerText();
    if (!quarter.includes('Quarterly review') || /next month|this week/i.test(quarter.slice(quarter.indexOf('Quarterly review')))) throw new Error('the quarter review uses the words of another period');
    await theme('Dark Modern', 'vs-dark');
    frame = await frameWithLabel('2026-Q4');
    await shot('review-quarter-dark.png');
    await theme('Light Modern', 'vs');
    frame = await frameWithLabel('2026-Q4');
    await frame.focus('#kind-week');
    await page.keyboard.press('Enter');
    await frameWithLabel(/^\d{4}-W\d{2}$/);
  });

  await check('the review panel: Shift+Tab never hides the focused control under the sticky header; a short panel unsticks it', async () => {
    await runCommand('Kaizen: Open the review');
    await page.waitForTimeout(1500);
    let frame = await frameWithLabel(/^\d{4}-W\d{2}$/);
    await frame.focus('#save');
    const hidden = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Shift+Tab');
      const where = await frame.evaluate(() => {
        const el = document.activeElement;
        const header = document.querySelector('.top');
        if (!el || el === document.body || header.contains(el)) return null;
        return { id: el.id || el.tagName, top: el.getBoundingClientRect().top, headerBottom: header.getBoundingClientRect().bottom };
      });
      if (where && where.top < where.headerBottom - 1) hidden.push(`${where.id} at ${Math.round(where.top)} under ${Math.round(where.headerBottom)}`);
    }
    if (hidden.length) throw new Error(`focused controls under the header: ${hidden.join('; ')}`);
    await page.setViewportSize({ width: 1400, height: 420 });
    await page.waitForTimeout(800);
    frame = await reviewFrame(null);
    const position = await frame.evaluate(() => getComputedStyle(document.querySelector('.top')).position);
    await page.setViewportSize({ width: 1400, height: 900 });
    if (position !== 'static') throw new Error(`in a short panel the header is ${position}`);
  });

  for (const [name, cls] of [['Light Modern', 'vs'], ['Dark Modern', 'vs-dark'], ['Dark High Contrast', 'hc-black'], ['Light High Contrast', 'hc-light']]) {
    await check(`the review panel: axe-core finds no violation and shapes keep 3:1 in ${name}`, async () => {
      await theme(name, cls);
      const frame = await reviewFrame(null);
      const violations = await axeViolations(frame);
      if (violations.length) throw new Error(`axe-core: ${violations.join('\n')}`);
      const contrasts = await shapeContrasts(frame);
      const low = Object.entries(contrasts).filter(([, ratio]) => ratio < 3).map(([what, ratio]) => `${what} ${ratio.toFixed(2)}:1`);
      if (low.length) throw new Error(`under 3:1 in ${name}: ${low.join(', ')}`);
      await shot(`review-${cls}.png`);
    });
  }
  // Back to the light theme for the checks below (a filtered run may not have left it).
  await theme('Light Modern', 'vs').catch(() => {});

  await check('"Write a report" asks for the period and opens the preview, whose charts follow a dark theme', async () => {
    await theme('Dark Modern', 'vs-dark');
    await runCommand('Kaizen: Write a report');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last week' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /Kaizen: (wrote|.* is up to date)/ }).first();
    await toast.waitFor({ timeout: 20_000 });
    await toast.locator('.monaco-button', { hasText: 'Open the preview' }).click();
    const chart = await waitFor('the preview with its charts', async () => {
      for (const f of page.frames()) {
        const img = await f.$('img[src*="heatmap"]').catch(() => null);
        if (img && (await img.evaluate((el) => el.complete && el.naturalWidth > 0).catch(() => false))) return img;
      }
      return null;
    }, 30_000);
    const scheme = await chart.evaluate((el) => getComputedStyle(el).colorScheme);
    if (scheme !== 'dark') throw new Error(`the charts are drawn with color-scheme "${scheme}" in a dark preview`);
    await page.waitForTimeout(500);
    await shot('report-preview-dark.png');
    await theme('Light Modern', 'vs');
  });

  await check('a sprint started from the palette, and the Sprint view: burnup, habit grid, retrospective (light and dark, axe-core)', async () => {
    const sprints = path.join(workspace, 'sprints');
    const before = new Set(fs.readdirSync(sprints));
    await runCommand('Kaizen: Start a sprint');
    const title = page.locator('.quick-input-widget .quick-input-title');
    // Started late in a week (Thursday to Sunday), the command asks this week or next first.
    await waitFor('the micro-task checklist or the week question', async () => /Start a sprint .*commit micro-tasks|Start the sprint when\?/
      .test(await title.innerText().catch(() => '')), 15_000);
    if (/Start the sprint when\?/.test(await title.innerText().catch(() => ''))) {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'This week' }).first().click();
    }
    await waitFor('the micro-task checklist', async () => /Start a sprint .*commit micro-tasks/.test(await title.innerText().catch(() => '')), 15_000);
    await page.screenshot({ path: path.join(results, 'sprint-start-pick.png') });
    // The suggested items are already picked: OK, as a person clicks it (a key press can land before the list takes focus).
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
    await waitFor('the length step', async () => /How long/.test(await title.innerText().catch(() => '')), 15_000);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '1 week' }).first().click();
    await waitFor('the sprint goal step', async () => /sprint goal/.test(await title.innerText().catch(() => '')), 15_000);
    await page.locator('.quick-input-widget input').click();
    await page.keyboard.type('Rain gear ready before December');
    await page.keyboard.press('Enter');
    // A sprint and a week share labels (2026-W49): the Sprint view is the frame whose body says kind "sprint".
    const sprintFrame = (label, ms = 15_000) => waitFor(`the Sprint view on ${label}`, async () => {
      for (const f of page.frames()) {
        const body = await f.$(`body[data-kind="sprint"][data-label="${label}"]`).catch(() => null);
        if (body) return f;
      }
      return null;
    }, ms);
    const created = await waitFor('the new sprint file', () => fs.readdirSync(sprints).find((f) => !before.has(f)) ?? null, 15_000);
    const file = path.join(sprints, created);
    try {
      if (!/^---\nweeks: 1\ngoal: Rain gear ready before December\n/.test(fs.readFileSync(file, 'utf8'))) throw new Error(`the new sprint: ${fs.readFileSync(file, 'utf8')}`);
      await page.locator('.tab.active', { hasText: created }).waitFor({ timeout: 15_000 });

      await runCommand('Kaizen: Open the review');
      // The panel re-renders when the journal changes (the new sprint file): a press on a page being
      // replaced is lost, so each press is retried on the page that stays until the view shows.
      const pressUntil = async (current, selector, label) => {
        for (let attempt = 0; attempt < 6; attempt++) {
          try {
            const frame = await current();
            await frame.focus(selector, { timeout: 3_000 });
            await page.keyboard.press('Enter');
            return await sprintFrame(label, 4_000);
          } catch {
            await page.waitForTimeout(500);
          }
        }
        throw new Error(`${selector} never showed the sprint ${label}`);
      };
      const id = created.replace(/\.md$/, '');
      await pressUntil(() => reviewFrame(null), '#kind-sprint', id);
      // One sprint back: the sample's sprint with its burnup and habit weeks.
      let frame = await pressUntil(() => sprintFrame(id), '#nav-previous', '2026-W47');
      await page.waitForTimeout(800);
      frame = await sprintFrame('2026-W47');
      const h1 = await frame.locator('h1').innerText();
      if (h1 !== 'Sprint 2026-W47 – 2026-W48') throw new Error(`the Sprint view shows "${h1}"`);
      const text = await frame.locator('body').innerText();
      // Goals by their titles, not their file names.
      for (const words of ['Burnup', 'planned items done', 'Habits inside the sprint', 'Retrospective', 'Buy a head torch',
        'Serves Rebuild my morning energy', 'Rebuild my morning energy Buy a head torch']) {
        if (!text.includes(words)) throw new Error(`the Sprint view lacks "${words}"`);
      }
      if ((await frame.locator('.kaizen-chart').count()) !== 2) throw new Error('the burnup and the habit grid are not both drawn');
      const violations = await axeViolations(frame);
      if (violations.length) throw new Error(`axe-core in the Sprint view: ${violations.join('; ')}`);
      await shot('review-sprint-light.png');
      await theme('Dark Modern', 'vs-dark');
      frame = await sprintFrame('2026-W47');
      await shot('review-sprint-dark.png');
      await theme('Light Modern', 'vs');
      frame = await sprintFrame('2026-W47');
      await frame.focus('#kind-week');
      await page.keyboard.press('Enter');
      await frameWithLabel(/^\d{4}-W\d{2}$/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
}

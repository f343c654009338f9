// The rest of the language layer, editor-neutral: frontmatter completion, references, links, outline,
// workspace symbols, lenses = inlay hints, line actions, quick fixes, and the incremental workspace's
// one-file diagnostics equal to a whole re-read. Positions in UTF-16 with emoji, CRLF, unsaved text.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completionsAt, hoverAt, loggedOn } from '../../src/language/features.js';
import { inlayHintsFor, lensesFor, lineActions, quickFixesFor, quickFixFor, statusWords, type Lens } from '../../src/language/actions.js';
import { parseGoalText } from '../../src/parser/index.js';
import { tasksSettingsFromPlugin } from '../../src/model/task-status.js';
import { documentLinks, documentSymbols, goalAtCursor, referencesTo, workspaceSymbols } from '../../src/language/navigation.js';
import { LanguageWorkspace } from '../../src/language/workspace.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { copySample, removeTempDirs, SAMPLE } from '../helpers.js';

afterAll(() => removeTempDirs());

async function sample() {
  const journal = await Journal.open(nodeFileSystem, SAMPLE);
  const stats = new Map(journal.stats('2026-11-22').map((r) => [r.goal.id, r.stats]));
  return { journal, j: { goals: journal.goals, stats, resolve: journal.linkResolver(), today: '2026-11-22' as const } };
}

describe('frontmatter completion in a goal file (FORMAT §2)', () => {
  const goal = { kind: 'goal' as const, id: 'x' };
  it('offers the keys not yet written, nested keys under habit: and metric:, and the values with a fixed set (CRLF)', async () => {
    const { j } = await sample();
    const text = '---\r\ntitle: Walk\r\nst\r\n---\r\n# Walk\r\n';
    const keys = completionsAt(j, text, text.indexOf('st\r') + 2, goal);
    // Every key not yet written (the editor filters by what was typed); `title` is there already.
    expect(keys.map((k) => k.label)).toEqual(['status', 'lead', 'why', 'start', 'due', 'habit', 'metric', 'pauses', 'rewards', 'aliases', 'tags']);
    expect(keys[0]).toMatchObject({ insertText: 'status: ', replaceStart: text.indexOf('st\r'), kind: 'key' });
    const nested = '---\ntitle: Walk\nhabit:\n  cadence: 3/week\n  \n---\n';
    expect(completionsAt(j, nested, nested.indexOf('  \n---') + 2, goal).map((k) => k.label)).toEqual(['minimum', 'standard', 'days', 'time', 'track', 'target']);
    const status = '---\ntitle: Walk\nstatus: pa\n---\n';
    expect(completionsAt(j, status, status.indexOf('pa\n') + 2, goal).map((v) => v.label)).toEqual(['active', 'paused', 'done', 'dropped']);
    const aggregate = '---\nmetric:\n  aggregate: \n---\n';
    expect(completionsAt(j, aggregate, aggregate.indexOf('aggregate: ') + 11, goal).map((v) => v.label)).toEqual(['sum', 'last', 'max']);
    const cadence = '---\nhabit:\n  cadence:';
    expect(completionsAt(j, cadence, cadence.length, goal)[0]).toMatchObject({ label: '3/week', insertText: ' 3/week' });
    // Outside the frontmatter, and in a daily log, no keys.
    expect(completionsAt(j, `${text}st`, text.length + 2, goal)).toEqual([]);
    expect(completionsAt(j, text, text.indexOf('st\r') + 2, { kind: 'log', date: '2026-11-22' })).toEqual([]);
  });
});

describe('hover: what checking in today adds', () => {
  it('names the week after a check-in, or what today already says', async () => {
    const { journal, j } = await sample();
    const text = '[[read-daily]] [[morning-energy]]';
    const withToday = { ...j, loggedToday: loggedOn(journal.habitDays(), '2026-11-22') };
    expect(withToday.loggedToday.get('read-daily')).toBe('standard');
    expect(hoverAt(withToday, text, 3)!.markdown).toContain('Today: done (standard)');
    const me = j.stats.get('morning-energy')!.week!;
    expect(hoverAt(withToday, text, 20)!.markdown).toContain(me.done >= me.target
      ? `The week is met (${me.done}/${me.target}); checking in today still adds to the habit's strength`
      : `Checking in today (even the minimum) makes it ${me.done + 1}/${me.target} this week`);
    const notYet = { ...j, loggedToday: new Map(), stats: new Map([...j.stats].map(([id, st]) => [id, { ...st, week: st.week && { ...st.week, done: 2, target: 3 } }])) };
    expect(hoverAt(notYet, text, 20)!.markdown).toContain('Checking in today (even the minimum) makes it 3/3 this week: the week is met');
  });
});

describe('navigation', () => {
  it('the goal at the cursor: a link (by alias or path, after an emoji) or anywhere in the goal\'s own file', async () => {
    const { journal } = await sample();
    const text = '🚶 see [[goals/morning-energy|walks]]';
    const at = goalAtCursor(journal.goals, journal.linkResolver(), null, text, text.indexOf('morning') + 3)!;
    expect(at.goal.id).toBe('morning-energy');
    expect(text.slice(at.start, at.end)).toBe('morning-energy');
    expect(goalAtCursor(journal.goals, journal.linkResolver(), null, text, 1)).toBeNull();
    expect(goalAtCursor(journal.goals, journal.linkResolver(), { kind: 'goal', id: 'read-daily' }, 'no link here', 3)?.goal.id).toBe('read-daily');
  });

  it('references: every [[link]] to the goal in the journal, read through the file system (open buffers first)', async () => {
    const root = copySample({ pinned: true });
    const ws = new LanguageWorkspace(root, nodeFileSystem);
    await ws.refresh();
    const goal = ws.journal!.goal('read-daily')!;
    const onDisk = await referencesTo(ws.journal!, goal, false);
    const all = fs.readdirSync(path.join(root, 'logs/2026')).map((f) => fs.readFileSync(path.join(root, 'logs/2026', f), 'utf8'));
    expect(onDisk.filter((r) => r.file.startsWith('logs/')).length).toBe(all.reduce((n, t) => n + (t.match(/\[\[read-daily\]\]/g)?.length ?? 0), 0));
    // An unsaved buffer with one more link (after an emoji, on a CRLF line) counts, at its UTF-16 column.
    ws.setOpen('logs/2026/2026-11-22.md', `${fs.readFileSync(path.join(root, 'logs/2026/2026-11-22.md'), 'utf8')}\r\n📚 [[read-daily]] again\r\n`, 2);
    const withBuffer = await referencesTo(ws.journal!, goal, true);
    expect(withBuffer.length).toBe(onDisk.length + 2);
    expect(withBuffer[0]).toMatchObject({ file: 'goals/read-daily.md' });
    const added = withBuffer.find((r) => r.lineText.includes('again'))!;
    expect(added.span.start.character).toBe(3);
  });

  it('document links to goal files only; an outline of stages, tasks and milestones; goals as workspace symbols', async () => {
    const { journal } = await sample();
    const links = documentLinks(journal.goals, journal.linkResolver(), 'a [[read-daily]] b [[nowhere]]\r\n[[morning-energy|m]]');
    expect(links.map((l) => [l.file, l.span.start])).toEqual([['goals/read-daily.md', { line: 0, character: 2 }], ['goals/morning-energy.md', { line: 1, character: 0 }]]);
    const goalText = fs.readFileSync(path.join(SAMPLE, 'goals/morning-energy.md'), 'utf8');
    const [root] = documentSymbols({ kind: 'goal', id: 'morning-energy' }, goalText, 'goals/morning-energy.md');
    const goal = journal.goal('morning-energy')!;
    expect(root!.children.filter((c) => c.kind === 'stage').map((c) => c.name)).toEqual(goal.stages.map((s) => s.title));
    expect(root!.children.filter((c) => c.kind === 'stage').flatMap((c) => c.children).length).toBe(goal.tasks.filter((t) => t.stage !== null).length);
    expect(root!.children.filter((c) => c.kind === 'milestone').length).toBe(goal.milestones.length);
    const log = documentSymbols({ kind: 'log', date: '2026-11-22' }, fs.readFileSync(path.join(SAMPLE, 'logs/2026/2026-11-22.md'), 'utf8'), 'x');
    expect(log.map((s) => s.name)).toEqual(['morning-energy · minimum', 'morning-energy · standard', 'read-daily · minimum', 'read-daily · standard']);
    expect(workspaceSymbols(journal.goals, 'rme').map((s) => s.file)).toEqual(['goals/morning-energy.md']);
  });
});

describe('lenses, inlay hints, line actions and quick fixes', () => {
  it('inlay hints carry the lenses\' numbers; a log\'s habit lines get their goal\'s week', async () => {
    const { j } = await sample();
    const goalText = fs.readFileSync(path.join(SAMPLE, 'goals/morning-energy.md'), 'utf8');
    const kind = { kind: 'goal' as const, id: 'morning-energy' };
    const lenses = lensesFor(j, kind, goalText, 'goals/morning-energy.md');
    const numbers = lenses.find((l) => l.command?.kind === 'review')!.title;
    expect(numbers).toBe(statusWords(j.goals.find((g) => g.id === 'morning-energy')!, j.stats.get('morning-energy')!));
    expect(inlayHintsFor(j, kind, goalText, 'goals/morning-energy.md')[0]!.label).toBe(` ${numbers} · planned Mon, Wed, Fri, Sat at 07:00`);
    const logText = fs.readFileSync(path.join(SAMPLE, 'logs/2026/2026-11-22.md'), 'utf8');
    const week = (id: string) => { const w = j.stats.get(id)!.week!; return ` ${w.done}/${w.target} this week`; };
    expect(inlayHintsFor(j, { kind: 'log', date: '2026-11-22' }, logText, 'x').map((h) => [h.line, h.label])).toEqual([[8, week('morning-energy')], [10, week('read-daily')]]);
  });

  it('on a habit line: toggle it and log today for its goal; a plain task line only toggles; other lines nothing', async () => {
    const { j } = await sample();
    const text = '## Habits\r\n- [ ] [[read-daily]] minimum: Read one page\r\n- [x] buy 🍞\r\nplain words\r\n';
    const kind = { kind: 'log' as const, date: '2026-11-22' as const };
    expect(lineActions(j, kind, text, 'x', 2).map((a) => a.title)).toEqual(['Kaizen: check this task', 'Kaizen: log minimum today for read-daily',
      'Kaizen: log standard today for read-daily', 'Kaizen: log skip today for read-daily']);
    expect(lineActions(j, kind, text, 'x', 2)[0]!.command).toEqual({ kind: 'toggle', line: 2, expected: '- [ ] [[read-daily]] minimum: Read one page' });
    expect(lineActions(j, kind, text, 'x', 3).map((a) => a.title)).toEqual(['Kaizen: uncheck this task']);
    expect(lineActions(j, kind, text, 'x', 4)).toEqual([]);
    expect(lineActions(j, kind, text, 'x', 99)).toEqual([]);
  });

  it("Obsidian Tasks' statuses: in progress and cancelled are said, with check and reopen; a recurring task's tooltip says it renews", async () => {
    const { j } = await sample();
    const text = '---\ntitle: Chores\n---\n# Chores\n## Stages\n### Home\n- [ ] Water 🔁 every week 📅 2026-11-20\n- [/] Half done\n- [-] Dropped ❌ 2026-11-10\n'
      + '- [x] Done ✅ 2026-11-03\n## Milestones\n- [-] Skipped milestone\n';
    const kind = { kind: 'goal' as const, id: 'chores' };
    const byLine = (line: number) => lensesFor(j, kind, text, 'goals/chores.md', 'all').filter((l) => l.line === line)
      .map((l) => [l.title, l.icon, l.command?.kind ?? null]);
    expect(byLine(7)).toEqual([['check task', 'open', 'toggle']]);
    expect(lensesFor(j, kind, text, 'goals/chores.md').find((l) => l.line === 7)!.tooltip).toBe('Check this item; its next occurrence (every week) is written on a new line');
    expect(byLine(8)).toEqual([['task in progress', 'in-progress', null], ['check', 'open', 'toggle']]);
    expect(byLine(9)).toEqual([['task cancelled', 'cancelled', null], ['reopen', null, 'toggle']]);
    expect(byLine(10)).toEqual([['task done', 'done', null], ['uncheck', null, 'toggle']]);
    expect(byLine(12)).toEqual([['milestone cancelled', 'cancelled', null], ['reopen', null, 'toggle']]);
    expect([7, 8, 9, 10].map((line) => lineActions(j, kind, text, 'goals/chores.md', line)[0]!.title))
      .toEqual(['Kaizen: check this task', 'Kaizen: check this task', 'Kaizen: reopen this task', 'Kaizen: uncheck this task']);
    // The vault's own statuses (its Obsidian Tasks data.json), as the journal reads them.
    const { settings } = tasksSettingsFromPlugin({ statusSettings: { customStatuses: [{ symbol: 'd', name: 'Delegated', nextStatusSymbol: ' ', type: 'DONE' }] } });
    const delegated = text.replace('- [/] Half done', '- [d] Delegated');
    expect(lensesFor({ ...j, tasks: settings }, kind, delegated, 'goals/chores.md', 'all').filter((l) => l.line === 8)
      .map((l) => l.title)).toEqual(['task done', 'uncheck']);
    expect(lineActions({ ...j, tasks: settings }, kind, delegated, 'goals/chores.md', 8)[0]!.title).toBe('Kaizen: uncheck this task');
    // Any other Markdown file: the same words from the status symbol alone.
    expect(lineActions(j, null, '- [-] gone\n- [/] going\n', 'notes/x.md', 1).map((a) => a.title)).toEqual(['Kaizen: reopen this task']);
    expect(lineActions(j, null, '- [-] gone\n- [/] going\n', 'notes/x.md', 2).map((a) => a.title)).toEqual(['Kaizen: check this task']);
  });

  it("a goal's title: what to do today above it, the numbers under it, the plan over habit.days; task rows only for what comes next", async () => {
    const { j } = await sample();
    const goalText = fs.readFileSync(path.join(SAMPLE, 'goals/morning-energy.md'), 'utf8');
    const kind = { kind: 'goal' as const, id: 'morning-energy' };
    const goal = parseGoalText(goalText, 'morning-energy', 'goals/morning-energy.md').value!;
    const title = goal.titleLine!;
    const rows = (lenses: Lens[]) => [...new Set(lenses.map((l) => l.line))].map((line) => lenses.filter((l) => l.line === line).map((l) => l.title));
    const all = lensesFor(j, kind, goalText, 'goals/morning-energy.md', 'all');
    const next = lensesFor(j, kind, goalText, 'goals/morning-energy.md');
    expect(next.filter((l) => l.line === title).map((l) => l.title)).toEqual(['Log today: minimum', 'standard', 'skip']);
    const numbers = next.filter((l) => l.line === title + 1).map((l) => l.title);
    expect(numbers).toEqual([statusWords(goal, j.stats.get('morning-energy')!)]);
    const daysLine = goalText.split('\n').findIndex((l) => /^\s+days:/.test(l)) + 1;
    expect(next.filter((l) => l.line === daysLine).map((l) => l.title)).toEqual(['planned Mon, Wed, Fri, Sat at 07:00']);
    // No row is longer than a split shows (about 64 columns of lens text in half of a 1400-pixel window).
    for (const row of rows(next)) expect(row.join(' | ').length).toBeLessThanOrEqual(64);
    // 'all': a row per item; 'next': per stage the first open item, in progress, or checked today.
    const taskRows = (lenses: Lens[]) => new Set(lenses.filter((l) => l.command?.kind === 'toggle').map((l) => l.line));
    expect(taskRows(all).size).toBe(goal.tasks.length + goal.milestones.length);
    const expected = new Set<number>();
    for (const items of [goal.tasks, goal.milestones]) {
      const stages = new Set<string | null>();
      for (const t of items) {
        const first = t.state === 'open' && !stages.has(t.stage);
        if (t.state === 'open') stages.add(t.stage);
        if (first || t.state === 'in-progress' || (t.checked && t.doneDate === j.today)) expected.add(t.line);
      }
    }
    expect(taskRows(next)).toEqual(expected);
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.size).toBeLessThan(goal.tasks.length + goal.milestones.length);
    // A task checked today keeps "uncheck" in reach; the next open one of its stage gets the check.
    const firstOpen = goal.tasks.find((t) => t.state === 'open')!;
    const lines = goalText.split('\n');
    lines[firstOpen.line - 1] = lines[firstOpen.line - 1]!.replace('- [ ]', '- [x]') + ` ✅ ${j.today}`;
    const checked = lensesFor(j, kind, lines.join('\n'), 'goals/morning-energy.md');
    expect(checked.filter((l) => l.line === firstOpen.line).map((l) => l.title)).toEqual(['task done', 'uncheck']);
    const after = goal.tasks.find((t) => t.state === 'open' && t.stage === firstOpen.stage && t.line > firstOpen.line);
    if (after) expect(checked.filter((l) => l.line === after.line).map((l) => l.title)).toEqual(['check task']);
  });

  it('quick fixes as plain edits: date-mismatch, a missing metric, conflict markers; none for unknown codes', async () => {
    const log = '---\r\ndate: 2026-11-12\r\n---\r\n';
    const fix = quickFixFor({ kind: 'log', date: '2026-11-21' }, log, 'x', 'date-mismatch', '', '2026-11-22')!;
    expect(fix.title).toBe('Set date: 2026-11-21 (the file name\'s date)');
    expect(log.slice(0, fix.edit!.start) + fix.edit!.text + log.slice(fix.edit!.end)).toBe('---\r\ndate: 2026-11-21\r\n---\r\n');
    const goal = '---\ntitle: Walk\nhabit:\n  cadence: 3/week\n---\n# Walk\n';
    expect(quickFixFor({ kind: 'goal', id: 'walk' }, goal, 'x', 'smart-measurable', '', '2026-11-22')?.edit?.text).toMatch(/^metric:/);
    expect(quickFixFor(null, 'x', 'x', 'unknown-goal', '[[guitar-practice]] is not a goal', '2026-11-22')?.createGoal).toBe('guitar-practice');
    expect(quickFixFor(null, 'x', 'x', 'unknown-goal', '[[../../etc]] is not a goal', '2026-11-22')).toBeNull();
    const conflict = 'a\n<<<<<<< ours\n- [x] [[walk]] minimum\n=======\n- [ ] [[walk]] minimum\n>>>>>>> theirs\n';
    expect(quickFixFor(null, conflict, 'x', 'conflict-markers', '', '2026-11-22')?.title).toMatch(/^Resolve with Kaizen/);
    expect(quickFixFor(null, 'x', 'x', 'stage-count', '', '2026-11-22')).toBeNull();
  });
});

describe('unknown-goal: a typo is changed to the goal it was meant to be, first', () => {
  it('offers "Change to [[id]]" (preferred) before "Create goals/typo.md", on the diagnostic the journal really reports', async () => {
    const root = copySample({ pinned: true });
    const rel = 'logs/2026/2026-11-22.md';
    const typed = fs.readFileSync(path.join(root, rel), 'utf8')
      .replace('[[morning-energy]] minimum', '[[morning-enrgy]] minimum').replace('[[read-daily]] minimum', '[[goals/Read-Dialy|reading]] minimum');
    fs.writeFileSync(path.join(root, rel), typed);
    const found = (await Journal.open(nodeFileSystem, root)).diagnostics().filter((d) => d.file === rel && d.code === 'unknown-goal');
    expect(found).toHaveLength(2);
    const lines = typed.split('\n');
    const offsetOf = (d: { line: number; column: number }) => lines.slice(0, d.line - 1).reduce((n, l) => n + l.length + 1, 0) + d.column - 1;
    let text = typed;
    const offered: string[][] = [];
    for (const d of [...found].reverse()) {
      const fixes = quickFixesFor({ kind: 'log', date: '2026-11-22' }, text, rel, d.code, d.message, '2026-11-22', offsetOf(d));
      expect(fixes.map((f) => f.preferred)).toEqual(fixes.map((_, i) => i === 0));
      offered.unshift(fixes.map((f) => f.title));
      const edit = fixes[0]!.edit!;
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    }
    expect(offered[0]).toEqual(['Change to [[morning-energy]]', 'Create goals/morning-enrgy.md']);
    expect(offered[1]![0]).toBe('Change to [[read-daily]]');
    expect(text).toBe(typed.replace('[[morning-enrgy]]', '[[morning-energy]]').replace('[[goals/Read-Dialy|reading]]', '[[goals/read-daily|reading]]'));
    fs.writeFileSync(path.join(root, rel), text);
    expect((await Journal.open(nodeFileSystem, root)).diagnostics().filter((d) => d.file === rel && d.code === 'unknown-goal')).toEqual([]);
    // Without a suggestion (nothing close), only the fix that creates the goal.
    expect(quickFixesFor(null, '- [ ] [[guitar-practice]]', 'x', 'unknown-goal', '[[guitar-practice]] is not a goal: create goals/guitar-practice.md or fix the link', '2026-11-22', 6)
      .map((f) => f.title)).toEqual(['Create goals/guitar-practice.md']);
  });
});

describe('the incremental workspace', () => {
  it('one file\'s diagnostics after an edit equal a whole re-read of the journal with that edit', async () => {
    const root = copySample({ pinned: true });
    const ws = new LanguageWorkspace(root, nodeFileSystem);
    await ws.refresh();
    const cases: Array<[string, (t: string) => string]> = [
      ['logs/2026/2026-11-22.md', (t) => `${t}- [ ] [[no-such-goal]] minimum\r\n`],
      ['logs/2026/2026-11-21.md', (t) => t.replace('date: 2026-11-21', 'date: 2026-11-12')],
      ['goals/read-daily.md', (t) => t.replace(/^lead: .*\n/m, '').replace(/^title:/m, 'lead: true\ntitle:')],
      ['goals/learn-spanish.md', (t) => t.replace(/^title: .*\n/m, '')],
      ['sprints/2026-W47.md', (t) => t.replace('## Committed\n', '## Committed\n- [[read-daily]] A task that is not in the goal\n')],
    ];
    for (const [rel, edit] of cases) {
      const text = edit(fs.readFileSync(path.join(root, rel), 'utf8'));
      ws.setOpen(rel, text, 2);
      const fast = ws.fileDiagnostics(rel, text);
      await ws.refresh();
      expect(fast, rel).toEqual(ws.allDiagnostics().get(rel) ?? []);
      expect(fast.length, rel).toBeGreaterThan(0);
      ws.close(rel);
      await ws.refresh();
    }
  });
});

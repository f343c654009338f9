// The editor-neutral language layer: completion, hover and definition at UTF-16 offsets, with emoji
// before the cursor, CRLF line breaks and unsaved text (the functions take the text, not the file).
import { describe, expect, it } from 'vitest';
import { completionsAt, definitionAt, hoverAt, type LanguageJournal } from '../../src/language/features.js';
import { linksIn } from '../../src/model/wiki-links.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';
import { SAMPLE } from '../helpers.js';

async function sample(): Promise<LanguageJournal> {
  const journal = await Journal.open(nodeFileSystem, SAMPLE);
  return { goals: journal.goals, stats: new Map(journal.stats('2026-11-22').map((r) => [r.goal.id, r.stats])), resolve: journal.linkResolver() };
}

describe('language features', () => {
  it('after [[ : every goal, the lead preselected, ]] added only when missing; an emoji before counts as two UTF-16 units', async () => {
    const j = await sample();
    const text = '## Habits\n- [ ] 🚶 [[mor';
    const items = completionsAt(j, text, text.length);
    expect(items.map((i) => i.label)).toEqual(['learn-spanish', 'morning-energy', 'read-daily', 'strength-training']);
    const lead = items.find((i) => i.preselect)!;
    expect(lead).toMatchObject({ label: 'morning-energy', insertText: 'morning-energy]]', replaceStart: text.length - 3, replaceEnd: text.length });
    expect(lead.detail).toBe('Rebuild my morning energy · 4/4 this week');
    // A link already closed (the editor typed `]]` with `[[`): its `]]` is replaced too, so the cursor ends after it.
    const closed = '- [ ] [[mor]] minimum';
    expect(completionsAt(j, closed, 11).find((i) => i.preselect)).toMatchObject({ insertText: 'morning-energy]]', replaceStart: 8, replaceEnd: 13 });
    const apply = (t: string, at: number) => {
      const item = completionsAt(j, t, at).find((i) => i.preselect)!;
      return { text: t.slice(0, item.replaceStart) + item.insertText + t.slice(item.replaceEnd), cursor: item.replaceStart + item.insertText.length };
    };
    for (const [t, at] of [['- [ ] [[]]', 8], ['- [ ] [[mo]]', 10], ['- [ ] [[m]] minimum', 9], ['- [ ] [[', 8]] as const) {
      const done = apply(t, at);
      expect(done.text.slice(0, done.cursor), t).toBe('- [ ] [[morning-energy]]');
      expect(done.text.slice(done.cursor), t).toBe(t.slice(t.indexOf(']]') < 0 ? t.length : t.indexOf(']]') + 2));
    }
    // Before a label or heading, the id alone: the label stays.
    expect(apply('- [ ] [[mo|walk]]', 10).text).toBe('- [ ] [[morning-energy|walk]]');
    expect(apply('- [ ] [[mo#Stage 1]]', 10).text).toBe('- [ ] [[morning-energy#Stage 1]]');
  });

  it('after a habit link: the level words with the goal\'s own steps; after [value:: the unit (CRLF text)', async () => {
    const j = await sample();
    const text = '---\r\ndate: 2026-11-23\r\n---\r\n- [ ] [[Morning-Energy]] mi';
    expect(completionsAt(j, text, text.length).map((i) => [i.label, i.insertText, i.replaceStart])).toEqual([
      ['minimum', 'minimum: Put on shoes and walk 5 minutes', text.length - 2], ['standard', 'standard: Walk 20 minutes', text.length - 2], ['skip', 'skip: ', text.length - 2],
    ]);
    const value = '- [x] [[morning-energy]] standard: Walk 20 minutes [value:: ';
    expect(completionsAt(j, value, value.length)[0]).toMatchObject({ label: 'min', detail: 'a number: minutes walked in min (target 1200)' });
  });

  it('hover and definition on a link (an alias or case, a path, a label); an unknown link says so', async () => {
    const j = await sample();
    const text = 'x 😀 [[goals/Morning-Energy|my walks]] y [[guitar]]';
    const hover = hoverAt(j, text, text.indexOf('Morning') + 2)!;
    expect(hover.start).toBe(text.indexOf('[['));
    expect(hover.markdown.split('\n\n')).toEqual([
      '**Rebuild my morning energy** ★ lead goal · active',
      '_I want to be the patient one at breakfast again, and arrive at work with a clear head instead of running on coffee and irritation._',
      '4/4 this week · streak 1 wk · strength 81 % · progress 52 %',
      'minimum: Put on shoes and walk 5 minutes · standard: Walk 20 minutes',
      'planned Mon, Wed, Fri, Sat at 07:00',
      'Next milestone: 600 minutes walked (📅 2026-11-08)',
    ]);
    expect(definitionAt(j, text, text.indexOf('Morning'))).toEqual({ file: 'goals/morning-energy.md', line: 24 });
    expect(hoverAt(j, text, text.indexOf('guitar'))?.markdown).toMatch(/is not a goal/);
    expect(definitionAt(j, text, 0)).toBeNull();
    expect(linksIn(text).map((l) => [l.name, text.slice(l.targetStart, l.targetEnd)])).toEqual([['Morning-Energy', 'goals/Morning-Energy'], ['guitar', 'guitar']]);
  });
});

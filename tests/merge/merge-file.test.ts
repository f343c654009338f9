// The journal merge (FORMAT §10) on the cases two devices produce, each checked byte for byte.
import { describe, expect, it } from 'vitest';
import { mergeJournalFile } from '../../src/model/merge/merge-file.js';
import { resolveConflictMarkers, splitConflictMarkers } from '../../src/model/merge/conflict-blocks.js';

const LOG = [
  '---', 'date: 2026-11-22', '---', '# Sunday 22 November 2026', '', '## Habits',
  '- [ ] [[walk]] minimum: Shoes on', '- [ ] [[walk]] standard: Walk 20 minutes',
  '- [ ] [[read]] minimum: One page', '- [ ] [[read]] standard: Read 20 pages', '', '## Tasks', '', '## Notes', '',
].join('\n');
const set = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture: ${from} not found`);
  return text.replace(from, to);
};
const check = (text: string, what: string) => set(text, `- [ ] ${what}`, `- [x] ${what}`);

describe('mergeJournalFile', () => {
  it('both levels checked on one day (adjacent lines) merge cleanly, each side reported', () => {
    const phone = check(LOG, '[[walk]] minimum');
    const laptop = check(LOG, '[[walk]] standard');
    const r = mergeJournalFile(LOG, laptop, phone);
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(check(check(LOG, '[[walk]] minimum'), '[[walk]] standard'));
    expect(r.decisions).toEqual([{ side: 'theirs', what: '✅ [[walk]] minimum' }, { side: 'ours', what: '✅ [[walk]] standard' }]);
  });

  it('the same day created on both devices (no base) keeps every check', () => {
    const r = mergeJournalFile(null, check(LOG, '[[read]] standard'), check(check(LOG, '[[walk]] minimum'), '[[read]] minimum'));
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(check(check(check(LOG, '[[walk]] minimum'), '[[read]] minimum'), '[[read]] standard'));
  });

  it('an uncheck against an unchanged checked line is kept; against a check on the other side too', () => {
    const checked = check(LOG, '[[walk]] minimum');
    expect(mergeJournalFile(checked, LOG, checked).text).toBe(LOG);
    expect(mergeJournalFile(checked, checked, LOG).text).toBe(LOG);
    // Base checked, one side unchecked, the other added a value: unchecked with the value.
    const valued = set(checked, 'Shoes on', 'Shoes on [value:: 5]');
    const r = mergeJournalFile(checked, LOG, valued);
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(set(LOG, 'Shoes on', 'Shoes on [value:: 5]'));
  });

  it('a value changed differently on both sides is a conflict with git\'s diff3 markers and a reason', () => {
    const base = set(check(LOG, '[[walk]] standard'), 'Walk 20 minutes', 'Walk 20 minutes [value:: 20]');
    const r = mergeJournalFile(base, set(base, '20]', '22]'), set(base, '20]', '25]'), { labels: { ours: 'HEAD', theirs: 'phone' } });
    expect(r.conflicts).toEqual([{ line: 8, reason: '[[walk]] standard: [value:: 22] on one device, [value:: 25] on the other' }]);
    expect(r.text.split('\n').slice(7, 14)).toEqual([
      '<<<<<<< HEAD', '- [x] [[walk]] standard: Walk 20 minutes [value:: 22]', '||||||| base',
      '- [x] [[walk]] standard: Walk 20 minutes [value:: 20]', '=======', '- [x] [[walk]] standard: Walk 20 minutes [value:: 25]', '>>>>>>> phone',
    ]);
    // A value only one side changed is taken, with the check from the other.
    const one = mergeJournalFile(LOG, check(LOG, '[[walk]] standard'), set(LOG, 'Walk 20 minutes', 'Walk 20 minutes [value:: 22]'));
    expect(one.text).toContain('- [x] [[walk]] standard: Walk 20 minutes [value:: 22]\n');
  });

  it('notes appended on both sides are both kept, ours first; a task checked on one and added on the other', () => {
    const ours = set(check(LOG, '[[read]] minimum'), '## Notes\n', '## Notes\nRain all morning.\n');
    const theirs = set(set(LOG, '## Tasks\n', '## Tasks\n- [ ] Call the dentist\n'), '## Notes\n', '## Notes\nSlept badly.\nStill walked.\n');
    const r = mergeJournalFile(LOG, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.keptBoth).toBe(1);
    expect(r.text.endsWith('## Tasks\n- [ ] Call the dentist\n\n## Notes\nRain all morning.\nSlept badly.\nStill walked.\n')).toBe(true);
    expect(r.text).toContain('- [x] [[read]] minimum');
  });

  it('a note edited differently on both sides is a conflict; an edit next to an insertion is not', () => {
    const base = set(LOG, '## Notes\n', '## Notes\nA quiet day.\nMore later.\n');
    const r = mergeJournalFile(base, set(base, 'A quiet day.', 'A very quiet day.'), set(base, 'A quiet day.', 'A loud day.'));
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]?.reason).toBe('both devices changed these lines differently');
    const adjacent = mergeJournalFile(base, set(base, 'A quiet day.\n', 'A quiet day.\nInserted.\n'), set(base, 'More later.', 'Done.'));
    expect(adjacent.conflicts).toEqual([]);
    expect(adjacent.text).toContain('A quiet day.\nInserted.\nDone.\n');
  });

  it('goal tasks: checked on one side and unchecked on the other from an unchecked base is checked; ✅ earliest wins', () => {
    const goal = '---\ntitle: Walk\n---\n## Stages\n- [ ] Pick a route (1h)\n- [ ] Lay out shoes (15m)\n';
    const a = set(goal, '- [ ] Pick a route (1h)', '- [x] Pick a route (1h) ✅ 2026-10-05');
    const b = set(goal, '- [ ] Pick a route (1h)', '- [x] Pick a route (1h) ✅ 2026-10-02');
    const r = mergeJournalFile(goal, a, b);
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(b);
    expect(r.decisions).toEqual([{ side: 'theirs', what: '✅ 2026-10-02 for Pick a route (1h)' }]);
    expect(mergeJournalFile(goal, b, a).text).toBe(b);
  });

  it('frontmatter merges per key: different keys both kept, one key changed on both is a conflict', () => {
    const r = mergeJournalFile(LOG, set(LOG, 'date: 2026-11-22\n', 'date: 2026-11-22\nenergy: 2\n'), set(LOG, 'date: 2026-11-22\n', 'date: 2026-11-22\nmood: calm\n'));
    expect(r.conflicts).toEqual([]);
    expect(r.text.startsWith('---\ndate: 2026-11-22\nenergy: 2\nmood: calm\n---\n')).toBe(true);
    const clash = mergeJournalFile(set(LOG, 'date: 2026-11-22\n', 'date: 2026-11-22\nenergy: 3\n'),
      set(LOG, 'date: 2026-11-22\n', 'date: 2026-11-22\nenergy: 2\n'), set(LOG, 'date: 2026-11-22\n', 'date: 2026-11-22\nenergy: 4\n'));
    expect(clash.conflicts).toEqual([{ line: 3, reason: 'frontmatter "energy" changed differently on both devices' }]);
  });

  it('keeps CRLF, a BOM and a missing final newline; theirs\' lines take ours\' line break', () => {
    const crlf = '\uFEFF' + LOG.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const r = mergeJournalFile(crlf, check(crlf, '[[walk]] minimum'), check(crlf, '[[read]] minimum').replace('## Notes', '## Notes\r\nfrom the phone'));
    expect(r.text).toBe(check(check(crlf, '[[walk]] minimum'), '[[read]] minimum').replace('## Notes', '## Notes\r\nfrom the phone'));
    const lfTheirs = mergeJournalFile(crlf, check(crlf, '[[walk]] minimum'), check(crlf, '[[read]] minimum').replace(/\r\n/g, '\n'));
    expect(lfTheirs.conflicts).toEqual([]);
    expect(lfTheirs.text).toBe(check(check(crlf, '[[walk]] minimum'), '[[read]] minimum'));
  });

  it('a habit line removed on one side and checked on the other keeps the markers', () => {
    const r = mergeJournalFile(LOG, set(LOG, '- [ ] [[read]] standard: Read 20 pages\n', ''), check(LOG, '[[read]] standard'));
    expect(r.conflicts).toHaveLength(1);
    expect(r.text).toContain('- [x] [[read]] standard: Read 20 pages');
  });
});

describe('resolveConflictMarkers', () => {
  const block = (ours: string[], base: string[] | null, theirs: string[]) =>
    ['<<<<<<< HEAD', ...ours, ...(base ? ['||||||| base', ...base] : []), '=======', ...theirs, '>>>>>>> 1a2b3c (phone)'];
  const head = ['---', 'date: 2026-11-22', '---', '## Habits'];

  it('diff3 markers (they carry the base) resolve fully', () => {
    const text = [...head, ...block(['- [x] [[walk]] minimum', '- [ ] [[walk]] standard'], ['- [ ] [[walk]] minimum', '- [ ] [[walk]] standard'],
      ['- [ ] [[walk]] minimum', '- [x] [[walk]] standard']), '', '## Notes', ''].join('\n');
    const r = resolveConflictMarkers(text);
    expect(r?.conflicts).toEqual([]);
    expect(r?.text).toBe([...head, '- [x] [[walk]] minimum', '- [x] [[walk]] standard', '', '## Notes', ''].join('\n'));
  });

  it('without the base: identical lines and checkboxes (either side checked) only; the rest keeps its markers and labels', () => {
    const text = [...head, ...block(['- [x] [[walk]] minimum', 'Rain.'], null, ['- [ ] [[walk]] minimum', 'Sun.']), ''].join('\n');
    const r = resolveConflictMarkers(text);
    expect(r?.text).toBe([...head, '- [x] [[walk]] minimum', '<<<<<<< HEAD', 'Rain.', '=======', 'Sun.', '>>>>>>> 1a2b3c (phone)', ''].join('\n'));
    expect(r?.conflicts).toEqual([{ line: 6, reason: 'both devices changed these lines differently' }]);
    // Resolving again changes nothing more.
    expect(resolveConflictMarkers(r!.text)?.text).toBe(r!.text);
  });

  it('reads longer markers and CRLF; a lone or unclosed marker is not a conflict block', () => {
    const text = ['a', '<<<<<<<<< ours', '- [x] t', '|||||||||', '- [ ] t', '=========', '- [ ] t', '>>>>>>>>> theirs', ''].join('\r\n');
    expect(splitConflictMarkers(text)).toMatchObject({ ours: 'a\r\n- [x] t\r\n', base: 'a\r\n- [ ] t\r\n', theirs: 'a\r\n- [ ] t\r\n', markerSize: 9 });
    expect(resolveConflictMarkers(text)?.text).toBe('a\r\n- [x] t\r\n');
    expect(splitConflictMarkers('<<<<<<< x\nno end\n')).toBeNull();
    expect(splitConflictMarkers('Title\n=======\n')).toBeNull();
  });
});

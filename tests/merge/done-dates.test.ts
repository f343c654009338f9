// A goal's ✅ dates across devices (issue 23): the earliest date is the answer only when both devices
// changed that line; a date corrected on one device stays corrected while the other ticks another task.
import { describe, expect, it } from 'vitest';
import { mergeJournalFile } from '../../src/model/merge/merge-file.js';

const GOAL = [
  '---', 'title: Walk', '---', '# Walk', '', '## Stages', '### 1. Make it easy',
  '- [x] Pick a route (1h) ✅ 2026-11-20', '- [ ] Lay out shoes (15m)', '- [ ] Buy a rain jacket (30m)', '',
].join('\n');
const set = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture: ${from} not found`);
  return text.replace(from, to);
};

describe('✅ dates in a goal file', () => {
  it('a date moved later on one device survives the other device ticking another task', () => {
    const laptop = set(GOAL, '✅ 2026-11-20', '✅ 2026-11-24');
    const phone = set(GOAL, '- [ ] Lay out shoes (15m)', '- [x] Lay out shoes (15m) ✅ 2026-11-25');
    const expected = set(laptop, '- [ ] Lay out shoes (15m)', '- [x] Lay out shoes (15m) ✅ 2026-11-25');
    for (const [ours, theirs] of [[laptop, phone], [phone, laptop]] as const) {
      const r = mergeJournalFile(GOAL, ours, theirs);
      expect(r.conflicts).toEqual([]);
      expect(r.text).toBe(expected);
    }
  });

  it('a date moved earlier or later on one device and kept on the other: the changed one wins', () => {
    for (const moved of ['2026-11-18', '2026-11-23']) {
      const changed = set(GOAL, '✅ 2026-11-20', `✅ ${moved}`);
      expect(mergeJournalFile(GOAL, GOAL, changed).text).toBe(changed);
      expect(mergeJournalFile(GOAL, changed, GOAL).text).toBe(changed);
    }
  });

  it('both devices changed the date: the earliest', () => {
    const a = set(GOAL, '✅ 2026-11-20', '✅ 2026-11-22');
    const b = set(GOAL, '✅ 2026-11-20', '✅ 2026-11-21');
    expect(mergeJournalFile(GOAL, a, b).text).toBe(b);
    expect(mergeJournalFile(GOAL, b, a).text).toBe(b);
    // Ticked on both devices on different days, from unchecked: the earliest too.
    const c = set(GOAL, '- [ ] Lay out shoes (15m)', '- [x] Lay out shoes (15m) ✅ 2026-11-26');
    const d = set(GOAL, '- [ ] Lay out shoes (15m)', '- [x] Lay out shoes (15m) ✅ 2026-11-25');
    expect(mergeJournalFile(GOAL, c, d).text).toBe(d);
    expect(mergeJournalFile(GOAL, d, c).text).toBe(d);
  });
});

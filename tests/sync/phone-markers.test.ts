// Markers a phone committed (plain git without our driver, markers without a base section, as
// isomorphic-git writes them), resolved with the base git still knows (issue 23): the merge commit's
// parents and their merge base; nested markers from a second such merge; notes appended on both.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { device, edit, git, kaizen, makeRemote, phoneSync, read } from './devices.js';

vi.setConfig({ testTimeout: 300_000 });

let dir: string;
let remote: string;

beforeAll(() => {
  ({ dir, remote } = makeRemote());
});

const remoteClone = (name: string) => device(dir, remote, name);
const lines = (text: string, what: string) => text.split('\n').filter((l) => l.includes(what));

describe('markers a phone committed', () => {
  it('kaizen resolve finds the base: an unchecked box stays unchecked, notes from both are kept', () => {
    const laptop = device(dir, remote, 'res-laptop');
    const phone = device(dir, remote, 'res-phone', 'phone');
    const day = 'logs/2026/2026-11-24.md';
    kaizen(laptop, ['log', 'walk', 'minimum', '--date', '2026-11-24']);
    kaizen(laptop, ['sync']);
    git(phone, 'pull', '-q');
    edit(phone, day, '- [x] [[walk]] minimum', '- [ ] [[walk]] minimum');
    edit(phone, day, '## Notes\n', '## Notes\nRain, stayed in.\n');
    edit(laptop, day, '- [ ] [[walk]] standard', '- [x] [[walk]] standard');
    edit(laptop, day, '## Notes\n', '## Notes\nLong walk after work.\n');
    kaizen(laptop, ['sync']);
    phoneSync(phone);
    const marked = read(phone, day);
    expect(marked).toContain('<<<<<<<');
    expect(marked).not.toContain('|||||||');
    git(laptop, 'pull', '-q', '--no-rebase');
    expect(kaizen(laptop, ['check'], 1).out).toContain('conflict-markers');
    const resolved = kaizen(laptop, ['resolve']);
    expect(resolved.out).toContain(`${day}: resolved`);
    const text = read(laptop, day);
    expect(text).not.toContain('<<<<<<<');
    expect(lines(text, '[[walk]] minimum')).toEqual(['- [ ] [[walk]] minimum: Shoes on, 5 minutes']);
    expect(lines(text, '[[walk]] standard')).toEqual(['- [x] [[walk]] standard: Walk 20 minutes']);
    expect(lines(text, 'Rain, stayed in.')).toHaveLength(1);
    expect(lines(text, 'Long walk after work.')).toHaveLength(1);
    expect(kaizen(laptop, ['check']).out).not.toContain('conflict-markers');
    kaizen(laptop, ['sync']);
    expect(read(remoteClone('res-after'), day)).toBe(text);
  });

  it('nested markers from a second merge are seen and merged by kaizen sync; every side kept', () => {
    const laptop = device(dir, remote, 'nest-laptop');
    const phone = device(dir, remote, 'nest-phone', 'phone');
    const tablet = device(dir, remote, 'nest-tablet', 'phone');
    const day = 'logs/2026/2026-11-23.md';
    edit(phone, day, '## Notes\n', '## Notes\nFrom the phone.\n');
    edit(tablet, day, '## Notes\n', '## Notes\nFrom the tablet.\n');
    edit(laptop, day, '## Notes\n', '## Notes\nFrom the laptop.\n');
    edit(laptop, day, '- [ ] [[walk]] standard', '- [x] [[walk]] standard');
    kaizen(laptop, ['sync']);
    phoneSync(phone);
    expect(read(phone, day)).toContain('<<<<<<<');
    // The tablet merges the phone's markers with its own note: markers inside markers.
    phoneSync(tablet);
    const nested = read(tablet, day);
    expect(nested.split('\n').filter((l) => l.startsWith('<<<<<<<')).length).toBeGreaterThan(1);
    const sync = kaizen(laptop, ['sync']);
    expect(sync.err).toContain(`merged again by meaning the conflict markers another device had committed: ${day}`);
    const text = read(laptop, day);
    expect(text).not.toMatch(/^(<{7}|={7}|>{7})/m);
    for (const note of ['From the phone.', 'From the tablet.', 'From the laptop.']) expect(lines(text, note), note).toHaveLength(1);
    expect(lines(text, '[[walk]] standard')).toEqual(['- [x] [[walk]] standard: Walk 20 minutes']);
    // Pushed: the phone gets the merged note by a plain pull.
    git(phone, 'pull', '-q', '--no-rebase');
    expect(read(phone, day)).toBe(text);
  });

  it('two devices that regenerated the same report sync; the report is written again from the merged notes', () => {
    const laptop = device(dir, remote, 'rep-laptop');
    const other = device(dir, remote, 'rep-other');
    const report = 'reports/2026-W48.md';
    kaizen(laptop, ['log', 'walk', 'minimum', '--date', '2026-11-27']);
    kaizen(laptop, ['report', 'week', '2026-W48', '--as-of', '2026-11-29']);
    kaizen(laptop, ['sync']);
    kaizen(other, ['sync']);
    kaizen(other, ['log', 'walk', 'standard', '--date', '2026-11-28']);
    kaizen(other, ['report', 'week', '2026-W48', '--as-of', '2026-11-29']);
    kaizen(other, ['sync']);
    kaizen(laptop, ['log', 'walk', 'standard', '--date', '2026-11-29']);
    kaizen(laptop, ['report', 'week', '2026-W48', '--as-of', '2026-11-29']);
    const sync = kaizen(laptop, ['sync']);
    expect(sync.err).toContain('wrote 1 report again from the merged notes: 2026-W48');
    const text = read(laptop, report);
    expect(text).not.toContain('<<<<<<<');
    // The report counts what both devices logged: the same as one written after the merge.
    const fresh = device(dir, remote, 'rep-fresh');
    kaizen(fresh, ['report', 'week', '2026-W48', '--as-of', '2026-11-29']);
    expect(read(fresh, report)).toBe(text);
  });
});

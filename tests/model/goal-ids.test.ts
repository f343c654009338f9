import { describe, expect, it } from 'vitest';
import { goalIdProblem, matchGoalId, unknownGoalHint } from '../../src/model/goal-ids.js';
import { insideJournal } from '../../src/journal/file-system.js';
import { goalPath } from '../../src/journal/layout.js';

const IDS = ['morning-walk', 'morning-energy', 'read-daily', 'learn-spanish'];

describe('goal ids as people type them', () => {
  it('exact, then the one id equal ignoring case', () => {
    expect(matchGoalId(IDS, 'read-daily')).toEqual({ id: 'read-daily' });
    expect(matchGoalId(IDS, 'Read-Daily')).toEqual({ id: 'read-daily' });
    expect(matchGoalId(['Walk', 'walk'], 'WALK')).toEqual({ id: null, suggestions: ['walk', 'Walk'] });
  });

  it('anything else is a question with the closest ids, never a guess', () => {
    expect(matchGoalId(IDS, 'morning')).toEqual({ id: null, suggestions: ['morning-walk', 'morning-energy'] });
    expect(matchGoalId(IDS, 'read-dialy')).toEqual({ id: null, suggestions: ['read-daily'] });
    expect(matchGoalId(IDS, 'guitar')).toEqual({ id: null, suggestions: [] });
    expect(unknownGoalHint(IDS, ['read-daily'])).toBe('did you mean read-daily?');
    expect(unknownGoalHint(IDS, ['a', 'b'])).toBe('did you mean one of a, b?');
    expect(unknownGoalHint([], [])).toBe('goals: none yet');
  });
});

describe('a goal id is one file name; journal paths stay in the journal', () => {
  it.each(['../../notes', 'goals/x', 'a\\b', '.hidden', '', ' ', 'a\u0000b', '..'])('%j is refused', (id) => {
    expect(goalIdProblem(id)).not.toBeNull();
    expect(() => goalPath({ root: '/j', goals: 'goals', logs: 'logs', reviews: 'reviews', reports: 'reports', sprints: 'sprints', logSource: 'test' }, id)).toThrow(/cannot be a goal id/);
  });

  it('ordinary ids, emoji and spaces included, are fine', () => {
    for (const id of ['morning-walk', 'Morning Walk', 'läsa-🎉', 'a:b']) expect(goalIdProblem(id)).toBeNull();
  });

  it('insideJournal refuses paths that leave the root', () => {
    expect(insideJournal('/j', 'goals/a.md')).toBe('/j/goals/a.md');
    for (const rel of ['../x.md', 'goals/../../x.md', '/etc/passwd', '', 'a\\..\\b']) expect(() => insideJournal('/j', rel)).toThrow(/not a path inside the journal/);
  });
});

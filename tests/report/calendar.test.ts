// The calendar file (FORMAT §8) read back by a real iCalendar parser (ical.js): recurrences expanded
// and compared with the planned days over a year (across DST changes), pauses left out, folding,
// CRLF, escaping, stable bytes and UIDs, and no wish on it.
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannedHabitDays, renderCalendar } from '../../src/report/calendar.js';
import { cadencePeriod } from '../../src/model/cadence.js';
import { parseGoalText } from '../../src/parser/index.js';
import type { Goal } from '../../src/model/types.js';
import { cli, copySample, makeJournal } from '../helpers.js';
import { Journal } from '../../src/journal/journal.js';
import { nodeFileSystem } from '../../src/journal/node-file-system.js';

const goal = (text: string, id: string) => parseGoalText(text, id, `goals/${id}.md`).value as Goal;
const WALK = goal(`---
title: "Walk, rest; repeat \\\\ 🚶"
why: A clear head.
start: 2026-03-02
due: 2027-02-28
habit:
  cadence: 4/week
  minimum: Shoes on, 5 minutes
  standard: Walk 20 minutes
  days: [mon, wed, fri, sat]
  time: "07:00"
pauses:
  - from: 2026-03-27
    to: 2026-04-02
  - from: 2026-10-22
    to: 2026-10-28
---
## Milestones
- [ ] First week 📅 2026-03-08 [reward:: a coffee]
`, 'walk');
const READ = goal(`---\ntitle: Read\nstart: 2026-03-04\ndue: 2026-06-30\nhabit:\n  cadence: 3/week\n---\n`, 'read');
const WISH = goal(`---\ntitle: Learn the guitar\nstart: 2026-03-01\n---\n`, 'guitar');

function occurrences(event: ICAL.Event, until: string): string[] {
  const out: string[] = [];
  const it = event.iterator();
  for (let next = it.next(); next && out.length < 1000; next = it.next()) {
    const s = next.toString();
    if (s.slice(0, 10) > until) break;
    // A recurrence-id that EXDATE removes is skipped by the iterator.
    out.push(s.length > 10 ? `${s.slice(0, 10)}T${s.slice(11, 16)}` : s);
  }
  return out;
}

describe('kaizen.ics', () => {
  const text = renderCalendar({ goals: [WALK, READ, WISH], sprints: [], withPurpose: false });
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

  it('is CRLF, folded at 75 octets, and the same bytes every time', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(renderCalendar({ goals: [READ, WISH, WALK], sprints: [], withPurpose: false })).toBe(text);
    expect(text).not.toMatch(/DTSTAMP:(?!\d{8}T000000Z)/);
  });

  it('a habit planned on days at a time: every occurrence over a year is a planned day, pauses left out (DST changes included)', () => {
    const walk = events.find((e) => e.uid.startsWith('habit-walk-'))!;
    expect(walk.summary).toBe('Walk, rest; repeat \\ 🚶 (minimum: Shoes on, 5 minutes)');
    expect(walk.description).not.toContain('A clear head');
    const got = occurrences(walk, '2027-02-28');
    const want = plannedHabitDays(WALK, '2026-03-02', '2027-02-28').map((d) => `${d}T07:00`);
    expect(got).toEqual(want);
    // Europe and the US change clocks on 2026-03-29, 2026-10-25 and 2026-11-01: a floating 07:00 stays 07:00.
    expect(got).toContain('2026-04-03T07:00');
    expect(got).toContain('2026-11-02T07:00');
    expect(got.filter((d) => d >= '2026-10-22' && d <= '2026-10-28')).toEqual([]);
  });

  it('a habit without days: one all-day event a week on the start\'s weekday; the wish is absent', () => {
    const read = events.find((e) => e.uid.startsWith('habit-read-'))!;
    expect(read.startDate.isDate).toBe(true);
    const got = occurrences(read, '2026-06-30');
    expect(got[0]).toBe('2026-03-04');
    expect(got.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 3)).toBe(true);
    expect(got.length).toBe(plannedHabitDays(READ, '2026-03-04', '2026-06-30').length);
    expect(events.some((e) => /guitar/i.test(e.summary) || e.uid.includes('guitar'))).toBe(false);
  });

  it('milestones with their reward, due dates and review slots; the purpose only when asked', () => {
    const milestone = events.find((e) => e.uid.startsWith('milestone-walk-2026-03-08-'))!;
    expect(milestone.summary).toBe('Milestone: First week');
    expect(milestone.description).toContain('Reward: a coffee');
    expect(events.find((e) => e.uid.startsWith('due-walk-'))?.startDate.toString()).toBe('2027-02-28');
    const weekly = events.find((e) => e.uid.startsWith('review-weekly-'))!;
    expect(occurrences(weekly, '2026-03-31')).toEqual(['2026-03-08', '2026-03-15', '2026-03-22', '2026-03-29']);
    const monthly = events.find((e) => e.uid.startsWith('review-monthly-'))!;
    expect(occurrences(monthly, '2026-05-31')).toEqual(['2026-03-31', '2026-04-30', '2026-05-31']);
    const withPurpose = new ICAL.Component(ICAL.parse(renderCalendar({ goals: [WALK], sprints: [], withPurpose: true })));
    expect(new ICAL.Event(withPurpose.getFirstSubcomponent('vevent')!).description).toContain('Why: A clear head.');
  });

  it('kaizen calendar writes reports/kaizen.ics of the sample (sprints too), refuses a file it did not write, and report keeps it fresh', async () => {
    const root = copySample({ pinned: true });
    const r = await cli(['--dir', root, 'calendar']);
    expect(r.stdout).toBe('reports/kaizen.ics\n');
    const written = fs.readFileSync(path.join(root, 'reports/kaizen.ics'), 'utf8');
    const parsed = new ICAL.Component(ICAL.parse(written)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    for (const stem of ['habit-morning-energy-', 'sprint-2026-w47-', 'due-morning-energy-']) expect(parsed.some((e) => e.uid.startsWith(stem))).toBe(true);
    expect(parsed.some((e) => e.uid.includes('learn-spanish') && e.uid.startsWith('habit-'))).toBe(false);
    const goalFile = path.join(root, 'goals/morning-energy.md');
    fs.writeFileSync(goalFile, fs.readFileSync(goalFile, 'utf8').replace('time: "07:00"', 'time: "06:30"'));
    await cli(['--dir', root, 'report', 'week', '2026-W47']);
    expect(fs.readFileSync(path.join(root, 'reports/kaizen.ics'), 'utf8')).toContain('DTSTART:20260921T063000');
    fs.writeFileSync(path.join(root, 'mine.ics'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const refused = await cli(['--dir', root, 'calendar', '--out', 'mine.ics']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('mine.ics exists and was not written by kaizen calendar');
  });
});

// FORMAT 1.2 §8 "Precisely": each case below was wrong before (issue 23), read back by ical.js.
describe('kaizen.ics, precisely (FORMAT 1.2 §8)', () => {
  const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const UID = /^[A-Za-z0-9._-]+$/;
  const habitOf = (events: ICAL.Event[], id: string) => events.filter((e) => e.uid.startsWith(`habit-${id}-`));

  it('a wish with a due date and a milestone gets nothing at all', () => {
    const wish = goal(`---\ntitle: Speak Spanish\nstart: 2026-03-01\ndue: 2026-12-31\n---\n## Milestones\n- [ ] First chat 📅 2026-05-01\n`, 'spanish');
    const events = parse(renderCalendar({ goals: [wish, READ], sprints: [], withPurpose: false }));
    expect(events.filter((e) => /spanish|chat/i.test(`${e.uid} ${e.summary} ${e.description}`))).toEqual([]);
    // The review slots follow habits only: a wish's due date does not stretch them.
    const monthly = events.find((e) => e.uid.startsWith('review-monthly-'))!;
    expect(occurrences(monthly, '2027-12-31').at(-1)).toBe('2026-06-30');
  });

  it('a goal without start starts on its first linked day, as stats derives it', () => {
    const noStart = goal(`---\ntitle: Stretch\ndue: 2026-05-31\nhabit:\n  cadence: 2/week\n---\n## Milestones\n- [ ] Touch toes 📅 2026-05-20\n`, 'stretch');
    const events = parse(renderCalendar({ goals: [noStart], sprints: [], withPurpose: false, firstLinked: new Map([['stretch', '2026-04-09']]) }));
    const [habit] = habitOf(events, 'stretch');
    expect(habit).toBeDefined();
    const got = occurrences(habit!, '2026-05-31');
    expect(got[0]).toBe('2026-04-09');
    expect(got).toEqual(plannedHabitDays(noStart, '2026-01-01', '2026-12-31', '2026-04-09'));
    expect(events.some((e) => e.uid.startsWith('review-weekly-') && e.startDate.toString() === '2026-04-12')).toBe(true);
    // Never linked: no start to place it, so no habit event (its milestone still is a date).
    const never = parse(renderCalendar({ goals: [noStart], sprints: [], withPurpose: false }));
    expect(habitOf(never, 'stretch')).toEqual([]);
  });

  it('kaizen calendar places a goal without start from the logs (first linked day, checked or not)', async () => {
    const root = makeJournal({
      'goals/stretch.md': '---\ntitle: Stretch\ndue: 2026-05-31\nhabit:\n  cadence: 2/week\n  standard: Stretch 10 minutes\n---\n',
      'logs/2026/2026-04-10.md': '## Habits\n- [x] [[stretch]] standard\n',
      'logs/2026/2026-04-09.md': '## Habits\n- [ ] [[stretch]] standard\n',
    });
    expect((await cli(['--dir', root, 'calendar'])).code).toBe(0);
    const events = parse(fs.readFileSync(path.join(root, 'reports/kaizen.ics'), 'utf8'));
    const journal = await Journal.open(nodeFileSystem, root);
    const start = journal.stats('2026-05-01').find((r) => r.goal.id === 'stretch')?.stats.start;
    expect(start).toBe('2026-04-09');
    expect(occurrences(habitOf(events, 'stretch')[0]!, '2026-05-31')[0]).toBe(start);
    // A report that read only its own period's logs refreshes the calendar to the same bytes.
    const before = fs.readFileSync(path.join(root, 'reports/kaizen.ics'), 'utf8');
    expect((await cli(['--dir', root, 'report', 'week', '2026-W16'])).code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'reports/kaizen.ics'), 'utf8')).toBe(before);
  });

  it('habit.time without habit.days: a timed event on the start\'s weekday', () => {
    const timed = goal(`---\ntitle: Meditate\nstart: 2026-03-05\ndue: 2026-04-30\nhabit:\n  cadence: 1/week\n  time: "06:45"\n---\n`, 'meditate');
    const [habit] = habitOf(parse(renderCalendar({ goals: [timed], sprints: [], withPurpose: false })), 'meditate');
    expect(habit!.startDate.isDate).toBe(false);
    const got = occurrences(habit!, '2026-04-30');
    expect(got).toEqual(plannedHabitDays(timed, '2026-03-05', '2026-04-30').map((d) => `${d}T06:45`));
    expect(got.length).toBe(9);
    expect(got.every((d) => new Date(`${d.slice(0, 10)}T12:00:00Z`).getUTCDay() === 4)).toBe(true);
  });

  it('without habit.days a pause over the event day moves that week\'s event to the first open day of the week', () => {
    // Start on a Wednesday; pauses: Tue–Thu (moved to Mon), Mon–Wed (moved to Thu), a whole week (nothing).
    const weekly = goal(`---\ntitle: Call mum\nstart: 2026-03-04\ndue: 2026-05-31\nhabit:\n  cadence: 1/week\npauses:\n  - from: 2026-03-17\n    to: 2026-03-19\n  - from: 2026-03-30\n    to: 2026-04-01\n  - from: 2026-04-13\n    to: 2026-04-19\n---\n`, 'call');
    for (const time of ['', '  time: "19:00"\n']) {
      const g = time ? goal(`---\ntitle: Call mum\nstart: 2026-03-04\ndue: 2026-05-31\nhabit:\n  cadence: 1/week\n${time}pauses:\n  - from: 2026-03-17\n    to: 2026-03-19\n  - from: 2026-03-30\n    to: 2026-04-01\n  - from: 2026-04-13\n    to: 2026-04-19\n---\n`, 'call') : weekly;
      const [habit] = habitOf(parse(renderCalendar({ goals: [g], sprints: [], withPurpose: false })), 'call');
      const got = occurrences(habit!, '2026-05-31').map((d) => d.slice(0, 10));
      expect(got).toContain('2026-03-16');
      expect(got).toContain('2026-04-02');
      expect(got.filter((d) => d >= '2026-04-13' && d <= '2026-04-19')).toEqual([]);
      expect(got).not.toContain('2026-03-18');
      expect(got).not.toContain('2026-04-01');
      expect(got).toEqual(plannedHabitDays(g, '2026-03-04', '2026-05-31'));
      // One event in every ISO week that has an open day, none in the fully paused one.
      const mondays = got.map((d) => { const t = new Date(`${d}T12:00:00Z`); t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7)); return t.toISOString().slice(0, 10); });
      expect(new Set(mondays).size).toBe(got.length);
      expect(got.length).toBe(13 - 1);
      if (time) expect(habit!.startDate.toString()).toBe('2026-03-04T19:00:00');
    }
  });

  it('a pause over the start day moves the first event later in the same week', () => {
    const g = goal(`---\ntitle: Swim\nstart: 2026-03-04\ndue: 2026-03-31\nhabit:\n  cadence: 1/week\npauses:\n  - from: 2026-03-02\n    to: 2026-03-05\n---\n`, 'swim');
    const [habit] = habitOf(parse(renderCalendar({ goals: [g], sprints: [], withPurpose: false })), 'swim');
    expect(occurrences(habit!, '2026-03-31')).toEqual(['2026-03-06', '2026-03-11', '2026-03-18', '2026-03-25']);
  });

  it('review slots run to the end of the period holding the last due date (December and Q4 for a goal due in December)', () => {
    const december = goal(`---\ntitle: Run\nstart: 2026-09-01\ndue: 2026-12-10\nhabit:\n  cadence: 3/week\n---\n`, 'run');
    const events = parse(renderCalendar({ goals: [december], sprints: [], withPurpose: false }));
    const slot = (kind: string) => occurrences(events.find((e) => e.uid.startsWith(`review-${kind}-`))!, '2027-12-31');
    expect(slot('monthly')).toEqual(['2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31']);
    expect(slot('quarterly')).toEqual(['2026-09-30', '2026-12-31']);
    expect(slot('weekly').at(-1)).toBe('2026-12-13');
    expect(slot('weekly')[0]).toBe('2026-09-06');
  });

  it('UIDs are unique and made of [A-Za-z0-9._-] only; two milestones on one date with non-Latin names differ', () => {
    const g = goal(`---\ntitle: 走る\nstart: 2026-03-02\ndue: 2026-06-30\nhabit:\n  cadence: 3/week\n---\n## Milestones\n- [ ] 最初の一週間 📅 2026-03-08\n- [ ] 十キロ 📅 2026-03-08\n- [ ] Первый, шаг; да 📅 2026-03-08\n- [ ] Второй 📅 2026-03-08\n- [ ] 十キロ 📅 2026-03-08\n`, '走る');
    const events = parse(renderCalendar({ goals: [g, WALK], sprints: [], withPurpose: false }));
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid).toMatch(UID);
    expect(events.filter((e) => e.summary.startsWith('Milestone:')).length).toBe(6);
    // Readable where the text allows it.
    expect(uids.some((u) => u.startsWith('milestone-walk-2026-03-08-first-week-'))).toBe(true);
  });

  it('randomized (seeded): UIDs unique and plain over journals of non-Latin goals, milestones and sprints', () => {
    const alphabets = ['走る読む書く', 'Первыйшаг', 'αβγδε', 'abc', '🙂🏃', ',;\\:"'];
    fc.assert(fc.property(
      fc.array(fc.record({
        id: fc.array(fc.constantFrom(...alphabets.join('').split('').concat(['-', 'a'])), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
        names: fc.array(fc.array(fc.constantFrom(...[...alphabets.join('')]), { minLength: 1, maxLength: 5 }).map((a) => a.join('')), { maxLength: 5 }),
        day: fc.integer({ min: 1, max: 3 }),
      }), { minLength: 1, maxLength: 5 }),
      (specs) => {
        const goals = specs.map((s, i) => goal(`---\ntitle: g\nstart: 2026-03-02\ndue: 2026-06-30\nhabit:\n  cadence: 3/week\n---\n## Milestones\n${s.names.map((n) => `- [ ] ${n} 📅 2026-04-0${s.day}`).join('\n')}\n`, `${s.id}${i % 2 ? '' : '-x'}`));
        const uids = parse(renderCalendar({ goals, sprints: [], withPurpose: false })).map((e) => e.uid);
        return new Set(uids).size === uids.length && uids.every((u) => UID.test(u));
      },
    ), { seed: 23, numRuns: 300 });
  });
});

// FORMAT 1.2 §11 on the calendar: each longer cadence's rule, expanded by ical.js, equals the planned days.
describe('kaizen.ics for cadences beyond a week', () => {
  const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
  const habitDays = (g: Goal, until: string) => {
    const [habit] = parse(renderCalendar({ goals: [g], sprints: [], withPurpose: false })).filter((e) => e.uid.startsWith('habit-'));
    return occurrences(habit!, until);
  };
  const make = (cadence: string, start: string, due: string, extra = '') =>
    goal(`---\ntitle: X\nstart: ${start}\ndue: ${due}\nhabit:\n  cadence: ${cadence}\n${extra}---\n`, 'x');

  it('2/2weeks on planned days: every other ISO week from the start week, at the planned time', () => {
    const g = make('2/2weeks', '2026-03-04', '2026-05-31', '  days: [tue, thu]\n  time: "18:00"\n');
    const want: string[] = [];
    for (let monday = '2026-03-02'; monday <= '2026-05-31'; monday = plus(monday, 14)) {
      for (const d of [plus(monday, 1), plus(monday, 3)]) if (d >= '2026-03-04' && d <= '2026-05-31') want.push(`${d}T18:00`);
    }
    expect(want[0]).toBe('2026-03-05T18:00');
    expect(habitDays(g, '2026-05-31')).toEqual(want);
  });

  it('3/month: the start\'s day of each month, the last day when it starts after the 28th', () => {
    expect(habitDays(make('3/month', '2026-01-15', '2026-06-30'), '2026-06-30')).toEqual(['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15']);
    expect(habitDays(make('3/month', '2026-01-31', '2026-06-30'), '2026-06-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    expect(habitDays(make('1/month', '2026-01-30', '2026-04-30'), '2026-04-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    // Due before the first month's last day: one event, on the start.
    expect(habitDays(make('1/month', '2026-03-29', '2026-03-30'), '2026-03-31')).toEqual(['2026-03-29']);
  });

  it('every 3 days and 2 in 3 days: one event per block from the start; a paused one moves inside its block', () => {
    for (const cadence of ['every 3 days', '2 in 3 days']) {
      const fixed = goal(`---\ntitle: X\nstart: 2026-03-01\ndue: 2026-03-31\nhabit:\n  cadence: ${cadence}\npauses:\n  - from: 2026-03-07\n    to: 2026-03-08\n---\n`, 'x');
      const want = Array.from({ length: 11 }, (_, i) => plus('2026-03-01', 3 * i)).map((d) => (d === '2026-03-07' ? '2026-03-09' : d));
      expect(habitDays(fixed, '2026-03-31'), cadence).toEqual(want);
    }
  });

  it('randomized (seeded): every cadence with pauses — ical.js equals the plan, one event in each period with an open day, none on a paused day', () => {
    const forms = fc.oneof(
      fc.integer({ min: 1, max: 7 }).map((n) => `${n}/week`),
      fc.integer({ min: 1, max: 14 }).map((n) => `${n}/2weeks`),
      fc.integer({ min: 1, max: 30 }).map((n) => `${n}/month`),
      fc.integer({ min: 1, max: 20 }).map((k) => `every ${k} days`),
      fc.integer({ min: 2, max: 20 }).map((k) => `2 in ${k} days`),
    );
    const day = (offset: number) => plus('2026-01-01', offset);
    fc.assert(fc.property(forms, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 200 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 20 })), { maxLength: 3 }), fc.boolean(),
      (cadence, s, length, pauses, timed) => {
        const start = day(s);
        const due = day(s + length);
        const pauseText = pauses.length ? `pauses:\n${pauses.map(([p, l]) => `  - from: ${day(p)}\n    to: ${day(p + l)}\n`).join('')}` : '';
        const g = goal(`---\ntitle: X\nstart: ${start}\ndue: ${due}\nhabit:\n  cadence: ${cadence}\n${timed ? '  time: "06:30"\n' : ''}${pauseText}---\n`, 'x');
        const got = habitDays(g, due).map((d) => d.slice(0, 10));
        const planned = plannedHabitDays(g, start, due);
        if (JSON.stringify(got) !== JSON.stringify(planned)) return false;
        const paused = (d: string) => g.pauses.some((p) => d >= p.from && d <= p.to);
        if (got.some(paused)) return false;
        // Each period of the cadence holding an open day inside [start, due] has exactly one event (the last
        // period may be cut short by the due date before its event day).
        const count = new Map<string, number>();
        for (const d of got) { const id = cadencePeriod(g.cadence!, start, d).id; count.set(id, (count.get(id) ?? 0) + 1); }
        const last = cadencePeriod(g.cadence!, start, due);
        for (let d = start; d <= due; d = plus(d, 1)) {
          const id = cadencePeriod(g.cadence!, start, d).id;
          if (!paused(d) && !count.has(id) && (id !== last.id || last.end === due)) return false;
        }
        return [...count.values()].every((n) => n === 1);
      }), { seed: 11, numRuns: 250 });
  });
});

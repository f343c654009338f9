// The calendar file (FORMAT §8) read back by a real iCalendar parser (ical.js): recurrences expanded
// and compared with the planned days over a year (across DST changes), pauses left out, folding,
// CRLF, escaping, stable bytes and UIDs, and no wish on it.
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { plannedHabitDays, renderCalendar } from '../../src/report/calendar.js';
import { parseGoalText } from '../../src/parser/index.js';
import type { Goal } from '../../src/model/types.js';
import { cli, copySample } from '../helpers.js';

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
    const walk = events.find((e) => e.uid === 'habit-walk@kaizen-journal')!;
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
    const read = events.find((e) => e.uid === 'habit-read@kaizen-journal')!;
    expect(read.startDate.isDate).toBe(true);
    const got = occurrences(read, '2026-06-30');
    expect(got[0]).toBe('2026-03-04');
    expect(got.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 3)).toBe(true);
    expect(got.length).toBe(plannedHabitDays(READ, '2026-03-04', '2026-06-30').length);
    expect(events.some((e) => /guitar/i.test(e.summary) || e.uid.includes('guitar'))).toBe(false);
  });

  it('milestones with their reward, due dates and review slots; the purpose only when asked', () => {
    const milestone = events.find((e) => e.uid.startsWith('milestone-walk-2026-03-08'))!;
    expect(milestone.summary).toBe('Milestone: First week');
    expect(milestone.description).toContain('Reward: a coffee');
    expect(events.find((e) => e.uid === 'due-walk@kaizen-journal')?.startDate.toString()).toBe('2027-02-28');
    const weekly = events.find((e) => e.uid === 'review-weekly@kaizen-journal')!;
    expect(occurrences(weekly, '2026-03-31')).toEqual(['2026-03-08', '2026-03-15', '2026-03-22', '2026-03-29']);
    const monthly = events.find((e) => e.uid === 'review-monthly@kaizen-journal')!;
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
    expect(parsed.map((e) => e.uid)).toEqual(expect.arrayContaining(['habit-morning-energy@kaizen-journal', 'sprint-2026-W47@kaizen-journal', 'due-morning-energy@kaizen-journal']));
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

// `kaizen import loop` (FORMAT §12): Loop Habit Tracker's CSV export (its zip or the unzipped folder) becomes
// goals and habit lines in daily notes, merged as §10 merges (a checked line is never unchecked, never
// duplicated; a value already written stays): importing the same export twice writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { JournalError } from '../model/errors.js';
import type { Day } from '../model/dates.js';
import { loopCadence, loopTargetPer, readLoopCheckmarks, readLoopHabits, type LoopDay, type LoopHabit } from '../model/loop-format.js';
import type { Goal } from '../model/types.js';
import { parseGoalText, parseLogText } from '../parser/index.js';
import { decodeUtf8 } from '../parser/text.js';
import { joinPath } from './file-system.js';
import type { Journal } from './journal.js';
import { goalPath } from './layout.js';
import { planLog, type Plan } from './plans.js';
import { goalIdFromTitle } from './templates.js';
import { updateFile } from './update-file.js';
import { readZip } from './zip-reader.js';
import { isSqliteFile, loopUuid, readLoopBackup } from './loop-db.js';
import { createFileExclusive } from './node-file-system.js';

export interface ImportedHabit {
  habit: LoopHabit;
  days: LoopDay[];
  oldest: Day | null;
}

/** A Loop export (its zip or folder) or a Loop backup (.db, read with SQLite as wasm, loaded only then). */
export async function readLoopSource(source: string): Promise<ImportedHabit[]> {
  let bytes: Uint8Array | null = null;
  try {
    if (fs.statSync(source).isFile()) bytes = fs.readFileSync(source);
  } catch {
    // readLoopExport names a missing path
  }
  if (bytes && (isSqliteFile(bytes) || /\.db$/i.test(source))) return readLoopBackup(bytes, path.basename(source));
  return readLoopExport(source);
}

/** Reads Habits.csv and every `NNN name/Checkmarks.csv` of a Loop export, from its zip or its folder. */
export function readLoopExport(source: string): ImportedHabit[] {
  let files: Map<string, Uint8Array>;
  const label = path.basename(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new JournalError(`${source}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    files = new Map();
    const walk = (dir: string, rel: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory() && rel === '') walk(path.join(dir, e.name), `${e.name}/`);
        else if (e.isFile() && e.name.endsWith('.csv')) files.set(`${rel}${e.name}`, fs.readFileSync(path.join(dir, e.name)));
      }
    };
    walk(source, '');
  } else files = readZip(fs.readFileSync(source), label);
  // A zip may hold the export inside one top folder.
  const habitsKey = [...files.keys()].filter((k) => k === 'Habits.csv' || k.endsWith('/Habits.csv')).sort((a, b) => a.length - b.length)[0];
  if (!habitsKey) throw new JournalError(`${label}: not a Loop Habit Tracker export (no Habits.csv)`);
  const prefix = habitsKey.slice(0, -'Habits.csv'.length);
  const text = (key: string) => {
    const decoded = decodeUtf8(files.get(key) as Uint8Array);
    if (!decoded.ok) throw new JournalError(`${label}/${key}:${decoded.line}:${decoded.column}: not valid UTF-8`);
    return decoded.text;
  };
  const habits = readLoopHabits(text(habitsKey), `${label}/${habitsKey}`);
  return habits.map((habit) => {
    const key = [...files.keys()].find((k) => k.startsWith(`${prefix}${habit.position} `) && k.endsWith('/Checkmarks.csv') && k.slice(prefix.length).split('/').length === 2);
    if (!key) return { habit, days: [], oldest: null };
    const marks = readLoopCheckmarks(text(key), `${label}/${key}`, habit.numerical);
    return { habit, days: marks.days, oldest: marks.oldest };
  });
}

export interface GoalImport {
  habit: LoopHabit;
  id: string;
  file: string;
  /** The goal file to create; null when a goal already carries this habit's `loop:` key. */
  text: string | null;
  goal: Goal;
  days: LoopDay[];
}

export interface LoopImportPlan {
  goals: GoalImport[];
  /** Daily notes that would change, and how many of them are new. */
  notes: { file: string; created: boolean }[];
}

/** The goal file text for a Loop habit (FORMAT §12): its purpose left for the person to rewrite. */
export function loopGoalText(h: LoopHabit, start: Day | null): string {
  const q = (s: string) => JSON.stringify(s);
  const fm = ['---', `title: ${q(h.name)}`];
  if (h.archived) fm.push('status: done');
  if (h.question) fm.push(`why: ${q(`${h.question} (from Loop: rewrite it as why this matters to you)`)}`);
  if (start) fm.push(`start: ${start}`);
  fm.push('habit:', `  cadence: ${h.numerical ? loopCadence(1, h.den) : loopCadence(h.num, h.den)}`);
  const per = loopTargetPer(h.den);
  if (h.numerical && h.targetValue !== null && per) {
    fm.push(`  target: { value: ${h.targetValue}, ${h.unit ? `unit: ${q(h.unit)}, ` : ''}per: ${per}, kind: ${h.targetKind} }`);
  }
  fm.push(`loop: ${q(h.key)}`, '---', '', `# ${h.name}`, '');
  if (h.description) fm.push(h.description, '');
  return fm.join('\n');
}

/** The `loop:` key of a goal file's frontmatter: the habit it was imported from. */
export function loopKeyOf(text: string): string | null {
  const fm = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const m = fm ? /^loop:[ \t]*"?([^"\r\n]*?)"?[ \t]*$/m.exec(fm[1] as string) : null;
  return m ? (m[1] as string) : null;
}

export function planLoopImport(journal: Journal, imported: readonly ImportedHabit[]): LoopImportPlan {
  const byKey = new Map<string, Goal>();
  // A goal that went to Loop with `kaizen export loop` comes back under the uuid derived from its id.
  for (const goal of journal.goals) byKey.set(loopUuid(goal.id), goal);
  for (const goal of journal.goals) {
    try {
      const key = loopKeyOf(fs.readFileSync(joinPath(journal.root, goal.file), 'utf8'));
      if (key) byKey.set(key, goal);
    } catch {
      // an unreadable goal file is reported by check; it carries no key here
    }
  }
  const taken = new Set([...journal.goals.map((g) => g.id.toLowerCase()), ...journal.unreadableGoalIds]);
  const goals: GoalImport[] = [];
  for (const { habit, days, oldest } of imported) {
    const existing = byKey.get(habit.key);
    if (existing) {
      goals.push({ habit, id: existing.id, file: existing.file, text: null, goal: existing, days });
      continue;
    }
    const base = goalIdFromTitle(habit.name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    const file = goalPath(journal.layout, id);
    const text = loopGoalText(habit, oldest);
    const goal = parseGoalText(text, id, file).value as Goal;
    goals.push({ habit, id, file, text, goal, days });
  }
  const notes = [...daysByNote(journal, goals).entries()].flatMap(([file, lines]) => {
    const current = readText(journal, file);
    return planNote(current, file, lines).changed ? [{ file, created: current === null }] : [];
  });
  return { goals, notes };
}

interface NoteLine {
  day: Day;
  goal: Goal;
  entry: LoopDay;
}

function daysByNote(journal: Journal, goals: readonly GoalImport[]): Map<string, NoteLine[]> {
  const out = new Map<string, NoteLine[]>();
  for (const g of goals) {
    for (const entry of g.days) {
      const file = journal.dayNotePath(entry.date);
      let lines = out.get(file);
      if (!lines) out.set(file, (lines = []));
      lines.push({ day: entry.date, goal: g.goal, entry });
    }
  }
  return out;
}

function readText(journal: Journal, file: string): string | null {
  try {
    const decoded = decodeUtf8(fs.readFileSync(joinPath(journal.root, file)));
    if (!decoded.ok) throw new JournalError(`${file}:${decoded.line}:${decoded.column}: the file is not valid UTF-8; nothing was imported`);
    return decoded.text;
  } catch (e) {
    if (e instanceof JournalError) throw e;
    return null;
  }
}

/** One note's imported lines, each written only when the note does not already say as much for that goal's day. */
function planNote(current: string | null, file: string, lines: readonly NoteLine[]): Plan {
  let text = current;
  for (const { day, goal, entry } of lines) {
    if (text !== null) {
      const log = parseLogText(text, day, file).value;
      if (!log) throw new JournalError(`${file}: cannot be read (run \`kaizen check\`); nothing was imported`);
      // Loop knows done or skipped, not minimum or standard: a day already done (either level) stays as written,
      // and a skip adds nothing to a day with any checked line (so a minimum day sent to Loop comes back unchanged).
      const checked = log.habits.filter((h) => h.goalId === goal.id && h.checked);
      if (checked.some((h) => (entry.level === 'skip' ? true : h.level !== 'skip'))) continue;
    }
    text = planLog(text, { file, day, goal, level: entry.level, value: entry.value, reason: entry.level === 'skip' ? entry.note : null,
      // No template for a new note: an imported day holds what Loop recorded, not unchecked lines of every habit.
      note: entry.level === 'skip' ? null : entry.note, goals: [] }).text;
  }
  const after = text ?? '';
  return { text: after, edits: [], changed: after !== (current ?? ''), line: 1 };
}

export async function writeLoopImport(journal: Journal, plan: LoopImportPlan): Promise<{ goalsCreated: string[]; notesWritten: number }> {
  const goalsCreated: string[] = [];
  for (const g of plan.goals) {
    if (g.text === null) continue;
    if (!(await createFileExclusive(joinPath(journal.root, g.file), g.text))) throw new JournalError(`${g.file} appeared meanwhile; nothing more was imported`);
    goalsCreated.push(g.file);
  }
  let notesWritten = 0;
  for (const [file, lines] of daysByNote(journal, plan.goals)) {
    const result = await updateFile(joinPath(journal.root, file), file, (current) => planNote(current, file, lines));
    if (result.changed) notesWritten++;
  }
  return { goalsCreated, notesWritten };
}

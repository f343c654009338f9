// Writing a day for a goal that tracks its habit the vault's way (FORMAT §9, `habit.track`): the
// field, task or tag is set where the note already keeps it, by offsets. A record the person wrote is
// never overwritten: a field that already says done is "already logged", a number is only raised,
// and what cannot be written safely is refused with the reason before anything is written.
import type { DailyLog, HabitLevel, HabitTrack, RecordedValue } from '../model/types.js';
import type { TextEdit } from '../model/edits.js';
import { applyEdits, checkTaskEdits, lineBreakOf } from '../model/edits.js';
import { JournalError } from '../model/errors.js';
import { fieldIsUnset, fieldMeets, isTrackedTask, numberRecorded, trackedDay } from '../model/habit-track.js';
import { formatNumber } from '../model/syntax.js';
import { parseMarkdown } from '../parser/index.js';
import { LineIndex } from '../parser/text.js';
import { MARKER_TASK } from '../parser/vault-fields.js';

export interface TrackWrite {
  edits: TextEdit[];
  /** The line the record is on, 1-based. */
  line: number;
}

type FieldTrack = Extract<HabitTrack, { kind: 'field' }>;
type TaskTrack = Extract<HabitTrack, { kind: 'task' }>;
type TagTrack = Extract<HabitTrack, { kind: 'tag' }>;

export interface TrackRequest {
  file: string;
  goalId: string;
  level: Exclude<HabitLevel, 'skip'>;
  value: number | null;
  /** A Logseq journal: records are blocks (`- DONE Meditate`). */
  blocks?: boolean;
}

export function planTrackWrite(source: string, log: DailyLog, track: HabitTrack, request: TrackRequest): TrackWrite {
  switch (track.kind) {
    case 'field':
      return fieldWrite(source, log, track, request);
    case 'task':
      return taskWrite(source, log, track, request.blocks === true);
    case 'tag':
      return tagWrite(source, log, track, request);
  }
}

/** Whether the day, read again from `text`, counts as asked: a write that the reader would not see is a bug. */
export function trackReadsBack(log: DailyLog, track: HabitTrack, level: Exclude<HabitLevel, 'skip'>): boolean {
  const day = trackedDay(log, track);
  if (!day) return false;
  return level === 'standard' ? day.standard : day.standard || day.minimum;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FENCE = /^\s*(```|~~~)/;

/** A place in the note where the field's value is written: its offsets (an empty range for `key:`). */
interface FieldPlace {
  start: number;
  end: number;
  line: number;
  /** Text to put before a value written into an empty place (`key:` needs a space: `key: true`). */
  lead: string;
}

function fieldWrite(source: string, log: DailyLog, track: FieldTrack, request: TrackRequest): TrackWrite {
  const where = `${request.file}`;
  const current = log.fields[track.name.toLowerCase()];
  if (fieldMeets(current, track, request.level, request.value)) return { edits: [], line: fieldPlaces(source, track.name).at(-1)?.line ?? 1 };
  const recorded = numberRecorded(current);
  if (recorded !== null && recorded > 0 && request.value === null) {
    // The number is what was done: a level alone never replaces it with another (20 minutes stay 20).
    throw new JournalError(`${where}: \`${track.name}\` already says ${formatNumber(recorded)}, which is not ${request.level} for ${request.goalId}; `
      + 'give the new number with --value to change it; nothing was written');
  }
  const wanted = wantedValue(track, request);
  const raising = recorded !== null && recorded > 0 && /^-?\d+(\.\d+)?$/.test(wanted) && Number(wanted) > recorded;
  if (!fieldIsUnset(current) && !raising) {
    throw new JournalError(`${where}: \`${track.name}\` already says ${JSON.stringify(shown(current))}, which is not ${request.level} for `
      + `${request.goalId}; Kaizen does not overwrite what you wrote: change it by hand; nothing was written`);
  }
  if (Array.isArray(current)) {
    throw new JournalError(`${where}: \`${track.name}\` is a list; add what you did to it by hand; nothing was written`);
  }
  const places = fieldPlaces(source, track.name);
  // The value that is read is the last one written (frontmatter first, then the body in order).
  const place = places.at(-1);
  if (place) {
    const edit = { start: place.start, end: place.end, text: place.start === place.end ? `${place.lead}${wanted}` : wanted };
    return { edits: [edit], line: place.line };
  }
  return newFieldWrite(source, log, track.name, wanted, where);
}

function wantedValue(track: FieldTrack, request: TrackRequest): string {
  if (track.equals?.length) return yamlScalar(track.equals[0] as string);
  if (request.value !== null) return formatNumber(request.value);
  if (track.standardAt === null) return 'true';
  if (request.level === 'standard') return formatNumber(track.standardAt);
  throw new JournalError(`${request.goalId} records \`${track.name}\` as a number (${formatNumber(track.standardAt)} or more is standard): `
    + 'give the minimum\'s number with --value; nothing was written');
}

function shown(value: RecordedValue | undefined): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

function yamlScalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/** Every place the note records the field: its frontmatter key, `key:: value` lines and `[key:: value]` fields. */
function fieldPlaces(source: string, name: string): FieldPlace[] {
  const md = parseMarkdown(source);
  const lines = md.lines;
  const out: FieldPlace[] = [];
  const key = escapeRegExp(name);
  if (md.frontmatter && md.frontmatter.errors.length === 0) {
    const data = md.frontmatter.data ?? {};
    const existing = Object.keys(data).find((k) => k.toLowerCase() === name.toLowerCase());
    const place = existing === undefined ? undefined : md.frontmatter.places[existing];
    if (place && existing !== undefined && (data[existing] === null || typeof data[existing] !== 'object')) {
      const text = lines.lineText(place.line);
      const m = new RegExp(`^(\\s*["']?${escapeRegExp(existing)}["']?\\s*:)([ \\t]*)(.*?)(\\s+#.*)?\\s*$`).exec(text);
      if (m) {
        const valueStart = lines.lineStart(place.line) + (m[1] as string).length + (m[2] as string).length;
        const token = m[3] as string;
        out.push({ start: valueStart, end: valueStart + token.length, line: place.line, lead: (m[2] as string) === '' ? ' ' : '' });
      }
    }
  }
  const whole = new RegExp(`^(\\s*(?:[-*+]\\s+(?:\\[[ xX]\\]\\s+)?)?\\**${key}\\**::)([ \\t]*)(.*?)\\s*$`, 'i');
  const bracket = new RegExp(`[[(]\\s*${key}::([ \\t]*)([^\\])\\n]*?)\\s*[\\])]`, 'gi');
  let inFence = false;
  for (let line = md.bodyLine; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (FENCE.test(text)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const start = lines.lineStart(line);
    const m = whole.exec(text);
    if (m && !text.includes('[[')) {
      const valueStart = start + (m[1] as string).length + (m[2] as string).length;
      out.push({ start: valueStart, end: valueStart + (m[3] as string).length, line, lead: (m[2] as string) === '' ? ' ' : '' });
      continue;
    }
    for (const b of text.matchAll(bracket)) {
      const valueStart = start + (b.index as number) + (b[0] as string).indexOf('::') + 2 + (b[1] as string).length;
      out.push({ start: valueStart, end: valueStart + (b[2] as string).length, line, lead: (b[1] as string) === '' ? ' ' : '' });
    }
  }
  return out;
}

/**
 * A field the note does not have yet: in its frontmatter (a new one when the note has none), or as a
 * `key:: value` line where a note of Dataview/Logseq fields and no frontmatter keeps them.
 */
function newFieldWrite(source: string, log: DailyLog, name: string, value: string, where: string): TrackWrite {
  const md = parseMarkdown(source);
  const eol = lineBreakOf(source);
  if (md.frontmatter) {
    if (md.frontmatter.errors.length > 0) throw new JournalError(`${where}: its frontmatter cannot be read; fix it first; nothing was written`);
    const at = md.lines.lineStart(md.bodyLine - 1);
    return { edits: [{ start: at, end: at, text: `${name}: ${value}${eol}` }], line: md.bodyLine - 1 };
  }
  const logseq = /^\s*-\s/m.test(source) && !/^#{1,6}\s/m.test(source);
  if (logseq || Object.keys(log.fields).length > 0) {
    const bullet = logseq ? '- ' : '';
    const at = source.length;
    const text = `${at > 0 && !/[\r\n]$/.test(source) ? eol : ''}${bullet}${name}:: ${value}${eol}`;
    return { edits: [{ start: at, end: at, text }], line: new LineIndex(source + text).placeOf(source.length + text.length - 1).line };
  }
  const at = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { edits: [{ start: at, end: at, text: `---${eol}${name}: ${value}${eol}---${eol}` }], line: 2 };
}

function taskWrite(source: string, log: DailyLog, track: TaskTrack, blocksJournal: boolean): TrackWrite {
  const own = log.tasks.filter((t) => isTrackedTask(t.text, track) && !log.habits.some((h) => log.tasks[h.taskIndex] === t));
  const done = own.find((t) => t.checked);
  if (done) return { edits: [], line: done.line };
  const blocks = log.markerTasks ?? [];
  const doneBlock = blocks.find((b) => b.done && isTrackedTask(b.text, track));
  if (doneBlock) return { edits: [], line: doneBlock.line };
  const open = own[0];
  if (open) return { edits: checkTaskEdits(source, open, null), line: open.line };
  const lines = new LineIndex(source);
  const openBlock = blocks.find((b) => !b.done && !/^CANCEL/.test(b.marker) && isTrackedTask(b.text, track));
  if (openBlock) {
    const start = lines.lineStart(openBlock.line) + (MARKER_TASK.exec(lines.lineText(openBlock.line))?.[1] ?? '').length;
    return { edits: [{ start, end: start + openBlock.marker.length, text: 'DONE' }], line: openBlock.line };
  }
  // A new record goes where the note keeps its tasks: after its last task (a Logseq note gets a block).
  const eol = lineBreakOf(source);
  const logseq = blocksJournal || blocks.length > 0 || (/^\s*-\s/m.test(source) && !/^#{1,6}\s/m.test(source) && log.tasks.length === 0);
  const item = logseq ? `- DONE ${track.text}` : `- [x] ${track.text}`;
  const lastLine = Math.max(log.tasks.at(-1)?.line ?? 0, blocks.at(-1)?.line ?? 0);
  if (lastLine > 0) return insertLineAfter(source, lines, lastLine, item, eol);
  if (log.habitsHeadingLine !== null) return insertLineAfter(source, lines, log.habitsHeadingLine, item, eol);
  return appendLine(source, item, eol);
}

/**
 * A new line after a list item and everything that belongs to it (its more-indented children, Logseq's
 * `:LOGBOOK:` drawers), with the line break that item's line already uses.
 */
function insertLineAfter(source: string, lines: LineIndex, line: number, text: string, eol: string): TrackWrite {
  const indent = (n: number) => /^[ \t]*/.exec(lines.lineText(n))?.[0].length ?? 0;
  const own = indent(line);
  let last = line;
  for (let n = line + 1; n <= lines.lineCount; n++) {
    if (lines.lineText(n).trim() === '') continue;
    if (indent(n) <= own) break;
    last = n;
  }
  const at = last < lines.lineCount ? lines.lineStart(last + 1) : source.length;
  const lineBreak = /\r\n$|\n$|\r$/.exec(source.slice(lines.lineStart(last), at))?.[0] ?? eol;
  const needsBreak = at > 0 && !/[\r\n]/.test(source[at - 1] as string);
  const inserted = needsBreak ? `${lineBreak}${text}` : `${text}${lineBreak}`;
  return { edits: [{ start: at, end: at, text: inserted }], line: last + 1 };
}

/** At the end of the note, as a paragraph or list of its own: after a blank line unless a list item ends the note. */
function appendLine(source: string, text: string, eol: string): TrackWrite {
  const at = source.length;
  const last = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').at(-1) ?? null;
  const open = at === 0 || /(\r?\n|\r)$/.test(source) ? '' : eol;
  const gap = last === null || /^\s*[-*+]\s/.test(last) ? open : `${open}${/(\r?\n|\r)\s*(\r?\n|\r)$/.test(source) ? '' : eol}`;
  const lines = new LineIndex(source + gap + text);
  return { edits: [{ start: at, end: at, text: `${gap}${text}${eol}` }], line: lines.lineCount };
}

/** A tag goes where tags are read: the frontmatter `tags:` list when the note has one (any tag), else `#tag` in the body. */
function tagWrite(source: string, log: DailyLog, track: TagTrack, request: TrackRequest): TrackWrite {
  const tag = track.tag.replace(/^#/, '');
  if (log.tags.includes(tag.toLowerCase())) return { edits: [], line: 1 };
  const md = parseMarkdown(source);
  const eol = lineBreakOf(source);
  const bodyTagReads = /^[\p{L}\p{N}_][\p{L}\p{N}_/-]*$/u.test(tag) && !/^\d+$/.test(tag);
  if (md.frontmatter) {
    if (md.frontmatter.errors.length > 0) throw new JournalError(`${request.file}: its frontmatter cannot be read; fix it first; nothing was written`);
    const data = md.frontmatter.data ?? {};
    const key = Object.keys(data).find((k) => k === 'tags' || k === 'tag');
    if (key === undefined) {
      const at = md.lines.lineStart(md.bodyLine - 1);
      return { edits: [{ start: at, end: at, text: `tags: [${yamlScalar(tag)}]${eol}` }], line: md.bodyLine - 1 };
    }
    const edit = addToTagList(source, md, key, tag, eol);
    if (edit) return edit;
    throw new JournalError(`${request.file}: cannot add ${tag} to its \`${key}:\` safely; add it by hand; nothing was written`);
  }
  if (!bodyTagReads) {
    const at = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { edits: [{ start: at, end: at, text: `---${eol}tags: [${yamlScalar(tag)}]${eol}---${eol}` }], line: 2 };
  }
  return appendLine(source, request.blocks ? `- #${tag}` : `#${tag}`, eol);
}

function addToTagList(source: string, md: ReturnType<typeof parseMarkdown>, key: string, tag: string, eol: string): TrackWrite | null {
  const fm = md.frontmatter;
  const place = fm?.places[key];
  if (!fm || !place) return null;
  const value = (fm.data ?? {})[key];
  const lines = md.lines;
  const text = lines.lineText(place.line);
  const m = new RegExp(`^(\\s*${escapeRegExp(key)}\\s*:)([ \\t]*)(.*?)(\\s+#.*)?\\s*$`).exec(text);
  if (!m) return null;
  const valueStart = lines.lineStart(place.line) + (m[1] as string).length + (m[2] as string).length;
  const token = m[3] as string;
  const item = yamlScalar(tag);
  if (Array.isArray(value) && token.startsWith('[') && token.endsWith(']')) {
    const close = valueStart + token.length - 1;
    const inner = token.slice(1, -1).trim();
    return { edits: [{ start: close, end: close, text: inner ? `, ${item}` : item }], line: place.line };
  }
  if (Array.isArray(value) && token === '') {
    // A block list: a new item after the last one, indented as they are.
    let last = place.line;
    let indent = '  ';
    for (let line = place.line + 1; line < md.bodyLine - 1; line++) {
      const item = /^(\s*)-\s/.exec(lines.lineText(line));
      if (!item) break;
      last = line;
      indent = item[1] as string;
    }
    if (last === place.line) return null;
    return insertLineAfter(source, lines, last, `${indent}- ${item}`, eol);
  }
  if (value === null && token === '') return { edits: [{ start: valueStart, end: valueStart, text: `${(m[2] as string) === '' ? ' ' : ''}[${item}]` }], line: place.line };
  if (typeof value === 'string' && token !== '' && !token.startsWith('"') && !token.startsWith("'")) {
    // `tags: journal, daily` (Obsidian splits on commas and spaces).
    const end = valueStart + token.length;
    return { edits: [{ start: end, end, text: token.includes(',') ? `, ${tag}` : ` ${tag}` }], line: place.line };
  }
  return null;
}

/** For tests and callers that want the text: the note after a track write. */
export function applyTrackWrite(source: string, write: TrackWrite): string {
  return write.edits.length ? applyEdits(source, write.edits) : source;
}

// Quick fixes that add a missing frontmatter key or correct a value, as minimal text edits on the
// file's current text: new keys go just before the closing fence (or under `habit:`), nothing else
// in the frontmatter is re-written.
import { addDays, type Day } from '../model/dates.js';
import type { TextEdit } from '../model/edits.js';
import { parseMarkdown } from '../parser/index.js';
import { lineBreakOf } from '../parser/text.js';

export type MissingKey = 'why' | 'due' | 'metric' | 'habit.minimum' | 'habit.standard' | 'habit.cadence';

export interface KeyInsertion {
  edit: TextEdit;
  /** Offsets (in the text after the edit) of the placeholder the person should replace. */
  placeholder: { start: number; end: number };
}

const PLACEHOLDERS: Record<MissingKey, string> = {
  why: 'What will this change for you, and for the people around you?',
  due: '',
  metric: '',
  'habit.minimum': 'The 2–5 minute version for low-energy days',
  'habit.standard': 'The normal-day version',
  'habit.cadence': '3/week',
};

/** The text to add for a missing key; `due` defaults to 60 days after `start` (or today). */
export function insertFrontmatterKey(text: string, key: MissingKey, today: Day): KeyInsertion | null {
  const md = parseMarkdown(text);
  const eol = lineBreakOf(text);
  const places = md.frontmatter?.places ?? {};
  const data = md.frontmatter?.data ?? {};
  if (md.errors.length > 0 || (md.frontmatter && md.frontmatter.errors.length > 0)) return null;
  const start = typeof data.start === 'string' ? data.start : today;
  const value = key === 'due' ? safeAddDays(start, 60, today) : PLACEHOLDERS[key];

  let block: string;
  let at: number;
  let placeholderInBlock: number;
  if (key.startsWith('habit.') && places['habit']) {
    const child = key.slice('habit.'.length);
    const sibling = Object.keys(places).find((k) => k.startsWith('habit.') && !k.endsWith('='));
    const indent = ' '.repeat(sibling ? (places[sibling]?.column ?? 3) - 1 : 2);
    block = `${indent}${child}: ${value}${eol}`;
    at = md.lines.lineStart((places['habit']?.line ?? 1) + 1);
    placeholderInBlock = block.indexOf(value);
  } else {
    const child = key.startsWith('habit.') ? key.slice('habit.'.length) : null;
    block = child ? `habit:${eol}  ${child}: ${value}${eol}`
      : key === 'metric' ? `metric:${eol}  name: minutes practised${eol}  unit: min${eol}  baseline: 0${eol}  target: 600${eol}  aggregate: sum${eol}`
      : `${key}: ${value}${eol}`;
    placeholderInBlock = key === 'metric' ? block.indexOf('minutes practised') : block.indexOf(value);
    if (md.frontmatter) at = md.lines.lineStart(md.bodyLine - 1);
    else {
      at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      block = `---${eol}${block}---${eol}`;
      placeholderInBlock += 3 + eol.length;
    }
  }
  const length = key === 'metric' ? 'minutes practised'.length : value.length;
  return { edit: { start: at, end: at, text: block }, placeholder: { start: at + placeholderInBlock, end: at + placeholderInBlock + length } };
}

function safeAddDays(start: string, days: number, fallback: Day): Day {
  try {
    return addDays(start, days);
  } catch {
    return addDays(fallback, days);
  }
}

/** Sets a log's `date:` to the date in its file name. */
export function fixLogDateEdit(text: string, fileDate: Day): TextEdit | null {
  const md = parseMarkdown(text);
  const place = md.frontmatter?.places['date='];
  if (!place) return null;
  const lineStart = md.lines.lineStart(place.line);
  const from = lineStart + place.column - 1;
  const rest = text.slice(from, md.lines.lineEnd(place.line));
  const token = /^(["']?)[^"'#\s]*\1/.exec(rest)?.[0] ?? '';
  return { start: from, end: from + token.length, text: fileDate };
}

/** Turns `lead: true` off (to `false`) when another goal becomes the lead; null when it is not on. */
export function leadOffEdit(text: string): TextEdit | null {
  const md = parseMarkdown(text);
  const place = md.frontmatter?.places['lead='];
  if (!place || md.frontmatter?.data?.lead !== true) return null;
  const from = md.lines.lineStart(place.line) + place.column - 1;
  const token = /^\S+/.exec(text.slice(from, md.lines.lineEnd(place.line)))?.[0] ?? '';
  return { start: from, end: from + token.length, text: 'false' };
}

/**
 * Sets a top-level scalar (`exercise: climb`) by offsets: the value token is replaced where the key is
 * (a trailing `# comment` kept), else the key goes just before the closing fence, else a frontmatter
 * is added. Null when the frontmatter cannot be read, or the key holds a list or mapping.
 */
export function setFrontmatterScalarEdit(text: string, key: string, value: string): TextEdit | null {
  const md = parseMarkdown(text);
  if (md.errors.length > 0 || (md.frontmatter && md.frontmatter.errors.length > 0)) return null;
  const eol = lineBreakOf(text);
  const data = md.frontmatter?.data ?? {};
  const existing = Object.keys(data).find((k) => k.toLowerCase() === key.toLowerCase());
  if (existing !== undefined) {
    const current = data[existing];
    if (current !== null && typeof current === 'object') return null;
    const place = md.frontmatter?.places[`${existing}=`];
    if (!place) return null;
    const from = md.lines.lineStart(place.line) + place.column - 1;
    const rest = text.slice(from, md.lines.lineEnd(place.line));
    const token = rest.replace(/\s+#.*$/, '').trimEnd();
    if (token === value) return null;
    return { start: from, end: from + token.length, text: value };
  }
  if (md.frontmatter) {
    const at = md.lines.lineStart(md.bodyLine - 1);
    return { start: at, end: at, text: `${key}: ${value}${eol}` };
  }
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { start: at, end: at, text: `---${eol}${key}: ${value}${eol}---${eol}` };
}

/**
 * Adds a name to `aliases:` by offsets (FORMAT §9, Obsidian's own key): into a `[flow, list]`, after
 * the last `- item` of a block list, next to a single name, or as a new `aliases: [name]`. Null when
 * the name is there already or the frontmatter cannot be read.
 */
export function addAliasEdit(text: string, alias: string): TextEdit | null {
  const md = parseMarkdown(text);
  if (md.errors.length > 0 || (md.frontmatter && md.frontmatter.errors.length > 0)) return null;
  const data = md.frontmatter?.data ?? {};
  const key = Object.keys(data).find((k) => k === 'aliases' || k === 'alias');
  if (key === undefined) return setFrontmatterScalarEdit(text, 'aliases', `[${alias}]`);
  const current = data[key];
  const names = Array.isArray(current) ? current.map(String) : current === null || current === undefined ? [] : [String(current)];
  if (names.some((n) => n.toLowerCase() === alias.toLowerCase())) return null;
  const place = md.frontmatter?.places[`${key}=`];
  if (!place) return null;
  const lineStart = md.lines.lineStart(place.line);
  const lineEnd = md.lines.lineEnd(place.line);
  const from = lineStart + place.column - 1;
  const rest = text.slice(from, lineEnd);
  const flow = /^\[(.*)\]/.exec(rest);
  if (flow) {
    const close = from + (flow[0] as string).length - 1;
    return { start: close, end: close, text: (flow[1] as string).trim() ? `, ${alias}` : alias };
  }
  const token = rest.replace(/\s+#.*$/, '').trimEnd();
  if (token && !Array.isArray(current)) return { start: from, end: from + token.length, text: `[${token}, ${alias}]` };
  // A block list: the item lines follow the key; the new one goes after the last, indented alike.
  const eol = lineBreakOf(text);
  let line = place.line + 1;
  let indent = '  ';
  while (line < md.bodyLine - 1) {
    const item = /^(\s*)-\s/.exec(text.slice(md.lines.lineStart(line), md.lines.lineEnd(line)));
    if (!item) break;
    indent = item[1] as string;
    line++;
  }
  const at = md.lines.lineStart(line);
  return { start: at, end: at, text: `${indent}- ${alias}${eol}` };
}

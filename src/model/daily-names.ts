// Which day a file in the daily folder stands for, as people really name and file their notes
// (FORMAT §9): the format's exact path; the format's name at any depth (year/month folders under a
// flat format); `2024-04-21/index.md`; a name with words after the date (`2024-09-16 Monday (38)`,
// `2024-03-04日记`, `2023-04-29, Saturday`); and copies a sync tool or a duplicate command made,
// which are named as such, never read as a second record of the day.
import { COMMON_DAILY_FORMATS, compileDayFormat, parseDayName, type DayFormat } from './date-format.js';
import type { Day } from './dates.js';

export type DailyName =
  /** `rank`: 0 the exact path, 1 the name deeper down, 2 a folder's index, 3 words after the date; lower wins a day. */
  | { kind: 'day'; day: Day; rank: number }
  | { kind: 'copy'; day: Day; what: string }
  /** A note titled after a date (`2025-01-03 meeting with Bob`): a note about that day, not the day's note. */
  | { kind: 'titled'; day: Day }
  /** A date under another format than the layout's (e.g. `01-01-2021` beside `YYYY-MM-DD` notes). */
  | { kind: 'other-format'; day: Day; format: string }
  /** A weekly, monthly, quarterly or yearly note's name (`2026-W05`, `2026-01`, `2026-Q1`, `2026`). */
  | { kind: 'periodic' }
  | { kind: 'undated' };

const V1 = compileDayFormat('YYYY-MM-DD') as DayFormat;

/** The last path segment of a format (its file name), when that alone names a day. */
const nameFormats = new WeakMap<DayFormat, DayFormat | null>();
function nameFormatOf(format: DayFormat): DayFormat | null {
  if (format.depth === 0) return format;
  if (nameFormats.has(format)) return nameFormats.get(format) ?? null;
  const source = format.source;
  const slash = lastUnbracketedSlash(source);
  const compiled = slash === -1 ? null : compileDayFormat(source.slice(slash + 1));
  const result = compiled && !('problem' in compiled) ? compiled : null;
  nameFormats.set(format, result);
  return result;
}

function lastUnbracketedSlash(source: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '/' && depth === 0) last = i;
  }
  return last;
}

/** The shortest leading part of a name format that names a day (`YYYY-MM-DD` of `YYYY-MM-DD dddd (WW)`). */
const coreFormats = new WeakMap<DayFormat, DayFormat | null>();
function coreFormatOf(format: DayFormat): DayFormat | null {
  if (coreFormats.has(format)) return coreFormats.get(format) ?? null;
  let result: DayFormat | null = null;
  if (!format.localized) {
    for (let n = 1; n <= format.tokens.length; n++) {
      const source = format.tokens.slice(0, n)
        .map((t) => (t.kind === 'text' ? (t.text ? `[${t.text}]` : '') : t.token)).join('');
      const compiled = compileDayFormat(source);
      if (!('problem' in compiled)) {
        result = compiled;
        break;
      }
    }
  }
  coreFormats.set(format, result);
  return result;
}

// What sync tools and "duplicate" commands append: Syncthing, Dropbox, Nextcloud, Google Drive,
// OneDrive, iCloud, Obsidian Sync and Obsidian's own "Untitled 1" numbering.
const COPY_SUFFIXES: [RegExp, string][] = [
  [/sync[-_ ]?conflict/i, 'sync conflict copy'],
  [/conflicted copy|conflict|konflikt|conflit|conflicto/i, 'sync conflict copy'],
  [/^[\s._-]*\(?\d{1,2}\)?\s*$/, 'duplicate copy'],
  [/\bcopy\b|kopie|copia|\bcopie\b/i, 'duplicate copy'],
];

function copyKind(suffix: string): string | null {
  for (const [pattern, what] of COPY_SUFFIXES) if (pattern.test(suffix)) return what;
  return null;
}

/** A day written at the start of a name, then a separator and anything (not a digit or a Latin letter). */
function datedPrefix(name: string, core: DayFormat): { day: Day; rest: string } | null {
  // Try each cut where the rest starts with a separator; names are short.
  for (let cut = Math.min(name.length - 1, 40); cut >= 6; cut--) {
    const rest = name.slice(cut);
    if (/^[0-9A-Za-z]/.test(rest)) continue;
    const day = parseDayName(name.slice(0, cut), core);
    if (day) return { day, rest };
  }
  return null;
}

// Weekday and month names people put after a date, in the languages of the vaults seen (and their neighbours).
const DECORATION_WORDS = new Set(`monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  lunes martes miércoles miercoles jueves viernes sábado sabado domingo
  lundi mardi mercredi jeudi vendredi samedi dimanche
  montag dienstag mittwoch donnerstag freitag samstag sonntag
  lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
  segunda terça terca quarta quinta sexta sábado domingo feira
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  daily journal diary note notes log day tagebuch diario journée journee giornale dagboek`.split(/\s+/));

/**
 * Whether what follows a date only decorates it (`Monday (38)`, `, Saturday`, `日记`, `(W05)`), so the
 * note is the day's note; words of a title (`meeting with Bob`) make it a note about the day instead.
 */
function isDateDecoration(rest: string): boolean {
  const words = rest.toLowerCase().replace(/\(\s*w?\d{1,2}\s*\)|\bw\d{1,2}\b|\d+/g, ' ').split(/[\s,.;:()[\]_–-]+/u).filter(Boolean);
  return words.every((word) => DECORATION_WORDS.has(word) || /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,4}$/u.test(word));
}

const PERIODIC = /^(\d{4}-?W\d{1,2}|\d{4}-\d{2}|\d{4}-?Q[1-4]|\d{4}|\d{4}-[A-Za-z]{3,9})$/i;

/**
 * What a Markdown file under the daily folder is, from its path there (without `.md`). `format` null
 * is the v1 layout (`YYYY-MM-DD` flat or under `YYYY/`), whose exact placement `classifyPath` keeps.
 */
export function placeDailyName(path: string, format: DayFormat | null): DailyName {
  const own = format ?? V1;
  const exact = parseDayName(path, own);
  if (exact) return { kind: 'day', day: exact, rank: 0 };
  const segments = path.split('/');
  const name = segments.at(-1) as string;
  const nameFormat = nameFormatOf(own);
  if (nameFormat) {
    const deep = parseDayName(name, nameFormat);
    if (deep) return { kind: 'day', day: deep, rank: 1 };
    if (/^(index|readme|_index)$/i.test(name) && segments.length > 1) {
      const folderDay = parseDayName(segments.at(-2) as string, nameFormat);
      if (folderDay) return { kind: 'day', day: folderDay, rank: 2 };
    }
    const core = coreFormatOf(nameFormat);
    const prefixed = core && datedPrefix(name, core);
    if (prefixed) {
      const copy = copyKind(prefixed.rest);
      if (copy) return { kind: 'copy', day: prefixed.day, what: copy };
      return isDateDecoration(prefixed.rest) ? { kind: 'day', day: prefixed.day, rank: 3 } : { kind: 'titled', day: prefixed.day };
    }
  }
  const other = datedUnderAnyFormat(name) ?? datedInside(name);
  if (other) return { kind: 'other-format', ...other };
  if (PERIODIC.test(name)) return { kind: 'periodic' };
  return { kind: 'undated' };
}

let flatFormats: { source: string; format: DayFormat; core: DayFormat | null }[] | null = null;
function commonFlatFormats() {
  flatFormats ??= COMMON_DAILY_FORMATS.map((source) => ({ source, format: compileDayFormat(source) as DayFormat }))
    .filter(({ format }) => format.depth === 0).map((f) => ({ ...f, core: coreFormatOf(f.format) }));
  return flatFormats;
}

/** A name that is a date under one of the formats real vaults use (also with words after it). */
export function datedUnderAnyFormat(name: string): { day: Day; format: string } | null {
  for (const { source, format } of commonFlatFormats()) {
    const day = parseDayName(name, format);
    if (day) return { day, format: source };
  }
  for (const { source, core } of commonFlatFormats()) {
    const prefixed = core && datedPrefix(name, core);
    if (prefixed) return { day: prefixed.day, format: source };
  }
  return null;
}

/** A date inside a name (`Jeffrey-20210101-Diary`, `1-20210101`): after a non-digit, under a format real vaults use. */
function datedInside(name: string): { day: Day; format: string } | null {
  for (let i = 1; i < name.length - 5; i++) {
    if (/\d/.test(name[i - 1] as string) || !/\d/.test(name[i] as string)) continue;
    const rest = name.slice(i);
    for (const { source, format, core } of commonFlatFormats()) {
      const day = parseDayName(rest, format) ?? (core ? datedPrefix(rest, core)?.day ?? null : null);
      if (day) return { day, format: `${source} inside the name` };
    }
  }
  return null;
}

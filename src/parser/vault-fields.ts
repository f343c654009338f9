// What a daily note records in the vault's own ways, for `habit.track`: frontmatter values, Dataview
// inline fields (`Exercise:: 1` on its own line, `[exercise:: 1]` inside one) and tags (`#exercise`
// in the body, `tags:` in the frontmatter) and Logseq's task blocks (`- DONE Meditate`). Fenced code is
// not the note's record.
import type { MarkerTask, RecordedValue } from '../model/types.js';

const LINE_FIELD = /^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?)?\**([A-Za-z][\w \-]*?)\**::[ \t]*(.*?)\s*$/;
const BRACKET_FIELD = /[[(]([A-Za-z][\w \-]*?)::[ \t]*([^\])\n]*?)\s*[\])]/g;
const TAG = /(?:^|[\s(,])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu;
const FENCE = /^\s*(```|~~~)/;
/** Logseq's workflow markers, `:todo` (TODO/DOING/DONE) and `:now` (LATER/NOW/DONE) alike. */
export const MARKER_TASK = /^(\s*[-*+]\s+)(DONE|TODO|DOING|LATER|NOW|WAITING|WAIT|CANCELED|CANCELLED|IN-PROGRESS)\s+(\S.*?)\s*$/;

function recorded(value: unknown): RecordedValue | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // `exercise: [run, swim]`: a list of what was done; an empty list records nothing.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    return value.map(String);
  }
  return null;
}

export function recordedFields(data: Record<string, unknown>, body: string, bodyLine = 1):
  { fields: Record<string, RecordedValue>; tags: string[]; markerTasks: MarkerTask[] } {
  const fields: Record<string, RecordedValue> = {};
  const markerTasks: MarkerTask[] = [];
  const tags = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    const v = recorded(value);
    if (v !== null) fields[key.toLowerCase()] = v;
    if (key === 'tags' || key === 'tag') {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\s]+/) : [];
      for (const t of list) if (typeof t === 'string' && t.trim()) tags.add(t.trim().replace(/^#/, '').toLowerCase());
    }
  }
  let inFence = false;
  let lineNumber = bodyLine - 1;
  for (const line of body.split(/\r\n|\r|\n/)) {
    lineNumber++;
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const whole = LINE_FIELD.exec(line);
    if (whole && !line.includes('[[') && !/^\s*\[/.test(line.replace(/^\s*[-*+]\s+/, '').replace(/^\[[ xX]\]\s+/, ''))) {
      fields[(whole[1] as string).trim().toLowerCase()] = whole[2] as string;
    }
    for (const m of line.matchAll(BRACKET_FIELD)) fields[(m[1] as string).trim().toLowerCase()] = (m[2] as string).trim();
    for (const m of line.matchAll(TAG)) tags.add((m[1] as string).toLowerCase());
    const marker = MARKER_TASK.exec(line);
    if (marker) {
      const word = marker[2] as string;
      markerTasks.push({ line: lineNumber, marker: word, done: word === 'DONE', text: marker[3] as string });
    }
  }
  return { fields, tags: [...tags].sort(), markerTasks };
}

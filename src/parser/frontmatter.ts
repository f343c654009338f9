// YAML frontmatter -> plain data plus the file line of every key, with errors at their real line.
// The `yaml` package (YAML 1.2 core schema) keeps 2026-11-22 as a string, rejects duplicate keys and
// bounds alias expansion; nothing in a frontmatter is ever executed.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Place } from '../model/types.js';

export interface FrontmatterResult {
  data: Record<string, unknown> | null;
  /** Places of keys (`title`, `habit.cadence`, `pauses.0.from`, …) and of their values (`title=`). */
  places: Record<string, Place>;
  errors: { place: Place; message: string }[];
}

const MAX_ALIASES = 100;

export function parseFrontmatter(rawContent: string, firstLine: number): FrontmatterResult {
  // A lone CR ends a line for YAML 1.2 and CommonMark but not for the `yaml` package; one character
  // for one keeps every offset.
  const content = rawContent.includes('\r') ? rawContent.replace(/\r(?!\n)/g, '\n') : rawContent;
  const lineCounter = new LineCounter();
  const toPlace = (offset: number): Place => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  let doc;
  try {
    // logLevel 'error': a key that is a collection (`time: {{time}}` from a template) must not print Node warnings.
    doc = parseDocument(content, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true, logLevel: 'error' });
  } catch (e) {
    return { data: null, places: {}, errors: [{ place: { line: firstLine, column: 1 }, message: `frontmatter cannot be read: ${describe(e)}` }] };
  }
  if (doc.errors.length > 0) {
    // The first few errors say what is wrong; hundreds (one per level of a deep nesting) only bury it.
    const errors = doc.errors.slice(0, 3).map((err) => {
      const pos = err.linePos?.[0];
      const place = pos ? { line: pos.line + firstLine - 1, column: pos.col } : toPlace(err.pos[0]);
      return { place, message: `invalid YAML: ${firstLineOf(err.message).replace(/ at line \d+, column \d+:?$/, '')}` };
    });
    return { data: null, places: {}, errors };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { data: null, places: {}, errors: [{ place: { line: firstLine, column: 1 }, message: `invalid YAML: ${describe(e)}` }] };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: null, places: {}, errors: [{ place: { line: firstLine, column: 1 }, message: 'frontmatter must be a mapping of keys (like `title: …`)' }] };
  }
  const places: Record<string, Place> = {};
  collectPlaces(doc.contents, '', places, toPlace, 0);
  return { data: data as Record<string, unknown>, places, errors: [] };
}

function collectPlaces(node: unknown, prefix: string, places: Record<string, Place>, toPlace: (o: number) => Place, depth: number): void {
  if (depth > 3) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = prefix + String(pair.key.value);
      const keyRange = pair.key.range;
      if (keyRange) places[key] = toPlace(keyRange[0]);
      const value = pair.value as YamlNode | null;
      if (value && value.range) places[`${key}=`] = toPlace(value.range[0]);
      collectPlaces(value, `${key}.`, places, toPlace, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const range = (item as YamlNode | null)?.range;
      if (range) places[`${prefix}${i}`] = toPlace(range[0]);
      collectPlaces(item, `${prefix}${i}.`, places, toPlace, depth + 1);
    });
  }
}

function firstLineOf(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

function describe(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'it is nested too deeply';
  if (e instanceof Error) return firstLineOf(e.message);
  return String(e);
}

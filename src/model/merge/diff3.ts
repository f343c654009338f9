// A three-way line merge (diff3) that also merges what git's leaves as conflicts but never needs a
// guess: changes to different lines of one region, and — when the caller allows it — lines both sides
// inserted at the same place (both kept, ours first). Pure; compares lines by content only.

/** Pairs [i, j] of a longest common subsequence of a and b, in order. */
export function commonLines(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < head; k++) pairs.push([k, k]);
  if (n > 0 && m > 0) {
    // Suffix lengths table; journal files are small, and merges rare, so the plain O(n·m) table is enough.
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] = a[head + i] === b[head + j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[head + i] === b[head + j]) {
        pairs.push([head + i, head + j]);
        i++;
        j++;
      } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
      else j++;
    }
  }
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return slideGapsDown(a, b, pairs);
}

/**
 * Lines inserted next to equal lines can be aligned in more than one way ("Rain." added after "Rain.");
 * every gap is moved as far down as it goes, so two sides that made the same insertion align it the
 * same way and the merge sees one change, not two.
 */
function slideGapsDown(a: readonly string[], b: readonly string[], pairs: Array<[number, number]>): Array<[number, number]> {
  let prev: [number, number] = [-1, -1];
  for (const pair of pairs) {
    if (prev[0] + 1 === pair[0] && pair[1] > prev[1] + 1 && b[prev[1] + 1] === b[pair[1]]) pair[1] = prev[1] + 1;
    else if (prev[1] + 1 === pair[1] && pair[0] > prev[0] + 1 && a[prev[0] + 1] === a[pair[0]]) pair[0] = prev[0] + 1;
    prev = pair;
  }
  return pairs;
}

/** The largest file (lines × lines) merged line by line; larger ones keep git's markers. */
export const MAX_MERGE_CELLS = 16_000_000;

export type Side = 'ours' | 'theirs';

/** A piece of the merged sequence: lines taken from one side, or a conflict left for a person. */
export type MergePiece =
  | { kind: 'lines'; side: Side; start: number; end: number }
  | { kind: 'conflict'; base: [number, number]; ours: [number, number]; theirs: [number, number] };

export interface SequenceMerge {
  pieces: MergePiece[];
  /** Places where both sides inserted different lines and both were kept (for the merge report). */
  unions: number;
}

export interface Diff3Options {
  /** Both sides inserted different lines at one place: keep both (ours first) instead of a conflict. */
  unionInsertions: boolean;
  /** A union that would make a line's key appear more often than on either side is a conflict instead. */
  keyOf?: (line: string) => string | null;
}

function matchMap(base: readonly string[], side: readonly string[]): Int32Array {
  const map = new Int32Array(base.length).fill(-1);
  for (const [i, j] of commonLines(base, side)) map[i] = j;
  return map;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, k) => line === b[k]);
}

export function mergeSequences(base: readonly string[], ours: readonly string[], theirs: readonly string[], options: Diff3Options): SequenceMerge {
  const pieces: MergePiece[] = [];
  let unions = 0;
  const mo = matchMap(base, ours);
  const mt = matchMap(base, theirs);
  let i = 0;
  let a = 0;
  let b = 0;
  for (;;) {
    while (i < base.length && mo[i] === a && mt[i] === b) {
      pushLines(pieces, 'ours', a, a + 1);
      i++;
      a++;
      b++;
    }
    let j = i;
    while (j < base.length && ((mo[j] as number) < 0 || (mt[j] as number) < 0)) j++;
    const aEnd = j < base.length ? (mo[j] as number) : ours.length;
    const bEnd = j < base.length ? (mt[j] as number) : theirs.length;
    if (i === j && a === aEnd && b === bEnd) {
      if (j >= base.length) break;
      continue;
    }
    const chunk = { base: [i, j] as [number, number], ours: [a, aEnd] as [number, number], theirs: [b, bEnd] as [number, number] };
    const resolved = resolveChunk(base, ours, theirs, chunk, options);
    if (resolved.union) unions++;
    for (const p of resolved.pieces) {
      if (p.kind === 'lines') pushLines(pieces, p.side, p.start, p.end);
      else pieces.push(p);
    }
    i = j;
    a = aEnd;
    b = bEnd;
  }
  return { pieces, unions };
}

function pushLines(pieces: MergePiece[], side: Side, start: number, end: number): void {
  if (start >= end) return;
  const last = pieces.at(-1);
  if (last && last.kind === 'lines' && last.side === side && last.end === start) last.end = end;
  else pieces.push({ kind: 'lines', side, start, end });
}

interface Chunk {
  base: [number, number];
  ours: [number, number];
  theirs: [number, number];
}

interface Hunk {
  side: Side;
  /** The base lines replaced, [start, end) (equal for an insertion). */
  start: number;
  end: number;
  /** The side's lines put in their place. */
  from: number;
  to: number;
}

function resolveChunk(base: readonly string[], ours: readonly string[], theirs: readonly string[], chunk: Chunk, options: Diff3Options): { pieces: MergePiece[]; union: boolean } {
  const B = base.slice(...chunk.base);
  const O = ours.slice(...chunk.ours);
  const T = theirs.slice(...chunk.theirs);
  const take = (side: Side) => ({ pieces: [side === 'ours' ? { kind: 'lines' as const, side, start: chunk.ours[0], end: chunk.ours[1] } : { kind: 'lines' as const, side, start: chunk.theirs[0], end: chunk.theirs[1] }], union: false });
  if (same(O, T) || same(T, B)) return take('ours');
  if (same(O, B)) return take('theirs');
  const conflict = { pieces: [{ kind: 'conflict' as const, ...chunk }], union: false };
  const oursAt = new Map<number, number>();
  for (const [i, j] of commonLines(B, O)) oursAt.set(chunk.base[0] + i, chunk.ours[0] + j);
  const hunks = [...hunksOf('ours', B, O, chunk.base[0], chunk.ours[0]), ...hunksOf('theirs', B, T, chunk.base[0], chunk.theirs[0])]
    .sort((x, y) => x.start - y.start || x.end - y.end || (x.side === 'ours' ? -1 : 1));
  const pieces: MergePiece[] = [];
  let at = chunk.base[0];
  let union = false;
  for (let k = 0; k < hunks.length; k++) {
    const h = hunks[k] as Hunk;
    const next = hunks[k + 1];
    if (next && next.side !== h.side && overlaps(h, next)) {
      const bothInsert = h.start === h.end && next.start === next.end && h.start === next.start;
      if (!bothInsert || !options.unionInsertions) return conflict;
      const [o, t] = h.side === 'ours' ? [h, next] : [next, h];
      const lines = unionPieces(ours, theirs, o, t, options.keyOf);
      if (!lines) return conflict;
      emitBase(pieces, oursAt, at, h.start);
      pieces.push(...lines);
      union = true;
      at = h.end;
      k++;
      continue;
    }
    emitBase(pieces, oursAt, at, h.start);
    pieces.push({ kind: 'lines', side: h.side, start: h.from, end: h.to });
    at = h.end;
  }
  emitBase(pieces, oursAt, at, chunk.base[1]);
  return { pieces, union };
}

function overlaps(x: Hunk, y: Hunk): boolean {
  if (x.start === x.end && y.start === y.end) return x.start === y.start;
  if (x.start === x.end) return y.start < x.start && x.start < y.end;
  if (y.start === y.end) return x.start < y.start && y.start < x.end;
  return x.start < y.end && y.start < x.end;
}

/** Base lines no hunk of either side touches: both kept them, so they are copied from ours where ours has them. */
function emitBase(pieces: MergePiece[], oursAt: ReadonlyMap<number, number>, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const j = oursAt.get(k);
    if (j === undefined) throw new Error('diff3: a base line kept by both sides has no place in ours');
    pushLines(pieces, 'ours', j, j + 1);
  }
}

function hunksOf(side: Side, B: readonly string[], S: readonly string[], baseStart: number, sideStart: number): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonLines(B, S), [B.length, S.length] as [number, number]]) {
    if (pi > i || pj > j) hunks.push({ side, start: baseStart + i, end: baseStart + pi, from: sideStart + j, to: sideStart + pj });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}

/** Both sides' inserted lines, each once: ours first, then theirs, lines common to both in their place. */
function unionPieces(ours: readonly string[], theirs: readonly string[], o: Hunk, t: Hunk, keyOf?: (line: string) => string | null): MergePiece[] | null {
  const O = ours.slice(o.from, o.to);
  const T = theirs.slice(t.from, t.to);
  const pieces: MergePiece[] = [];
  let i = 0;
  let j = 0;
  const merged: string[] = [];
  for (const [pi, pj] of [...commonLines(O, T), [O.length, T.length] as [number, number]]) {
    pushLines(pieces, 'ours', o.from + i, o.from + pi);
    pushLines(pieces, 'theirs', t.from + j, t.from + pj);
    merged.push(...O.slice(i, pi), ...T.slice(j, pj));
    if (pi < O.length) {
      pushLines(pieces, 'ours', o.from + pi, o.from + pi + 1);
      merged.push(O[pi] as string);
    }
    i = pi + 1;
    j = pj + 1;
  }
  if (keyOf && !keysPreserved(merged, O, T, keyOf)) return null;
  return pieces;
}

function keysPreserved(merged: readonly string[], O: readonly string[], T: readonly string[], keyOf: (line: string) => string | null): boolean {
  const count = (lines: readonly string[]) => {
    const map = new Map<string, number>();
    for (const line of lines) {
      const key = keyOf(line);
      if (key !== null) map.set(key, (map.get(key) ?? 0) + 1);
    }
    return map;
  };
  const co = count(O);
  const ct = count(T);
  for (const [key, n] of count(merged)) if (n > Math.max(co.get(key) ?? 0, ct.get(key) ?? 0)) return false;
  return true;
}

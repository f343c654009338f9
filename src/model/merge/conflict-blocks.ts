// A file that already holds git's conflict markers (merged by a web button or a phone client, which
// never run our merge driver) read back into its sides, so the same merge can finish the job.
import { mergeJournalFile, type MergeResult } from './merge-file.js';

export interface MarkedSides {
  ours: string;
  /** Null when any block lacks the `|||||||` base section (git's default "merge" style). */
  base: string | null;
  theirs: string;
  blocks: number;
  markerSize: number;
  labels: { ours: string; base: string; theirs: string };
}

const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;

/** The file's sides, or null when it holds no complete, well-formed conflict block. */
export function splitConflictMarkers(text: string): MarkedSides | null {
  const lines = text.match(LINE)?.filter((l, i, all) => l !== '' || i < all.length - 1) ?? [];
  const sides = { ours: '', base: '', theirs: '' };
  let hasBase = true;
  let blocks = 0;
  let markerSize = 7;
  const labels = { ours: 'ours', base: 'base', theirs: 'theirs' };
  let state: 'out' | 'ours' | 'base' | 'theirs' = 'out';
  let size = 0;
  let sawBase = false;
  const bare = (line: string) => line.replace(/\r?\n$|\r$/, '');
  const marker = (line: string, char: string) => {
    const m = new RegExp(`^(\\${char}{7,})(?: (.*))?$`).exec(bare(line));
    return m ? { size: (m[1] as string).length, label: m[2] ?? '' } : null;
  };
  for (const line of lines) {
    if (state === 'out') {
      const open = marker(line, '<');
      if (open) {
        state = 'ours';
        size = open.size;
        sawBase = false;
        if (open.label) labels.ours = open.label;
        continue;
      }
      sides.ours += line;
      sides.base += line;
      sides.theirs += line;
      continue;
    }
    const base = marker(line, '|');
    const middle = bare(line) === '='.repeat(size);
    const close = marker(line, '>');
    if (marker(line, '<')?.size === size) return null;
    if (state === 'ours' && base?.size === size) {
      state = 'base';
      sawBase = true;
      if (base.label) labels.base = base.label;
    } else if ((state === 'ours' || state === 'base') && middle) {
      state = 'theirs';
    } else if (state === 'theirs' && close?.size === size) {
      if (close.label) labels.theirs = close.label;
      if (!sawBase) hasBase = false;
      blocks++;
      markerSize = size;
      state = 'out';
    } else {
      sides[state] += line;
    }
  }
  if (state !== 'out' || blocks === 0) return null;
  return { ours: sides.ours, base: hasBase ? sides.base : null, theirs: sides.theirs, blocks, markerSize, labels };
}

export interface ResolveResult extends MergeResult {
  /** Conflict blocks in the file before. */
  blocks: number;
  changed: boolean;
}

/**
 * Resolves the markers in a file by meaning: fully when they carry the base (diff3 style), otherwise
 * only what is safe without it (identical lines, a checkbox checked on either side). What stays
 * ambiguous keeps its markers.
 */
export function resolveConflictMarkers(text: string): ResolveResult | null {
  const sides = splitConflictMarkers(text);
  if (!sides) return null;
  const merged = mergeJournalFile(sides.base, sides.ours, sides.theirs, {
    markerSize: sides.markerSize, labels: sides.labels, unionInsertions: sides.base !== null,
  });
  return { ...merged, blocks: sides.blocks, changed: merged.text !== text };
}

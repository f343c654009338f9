// The one merge of journal files (FORMAT §10), shared by git's merge driver, `kaizen resolve`, the
// editor's quick fix and `kaizen sync`: (base | null, ours, theirs) → merged text, the conflicts left in
// it with git's markers, and what was decided, in words. Never a guess: anything two devices changed
// differently keeps its markers.
import { splitTextLines, joinTextLines, type OutLine } from './text-lines.js';
import { commonLines, mergeSequences, MAX_MERGE_CELLS, type Side } from './diff3.js';
import { lineKey, rewriteTaskLine, taskLinesByKey, type TaskLine } from './task-lines.js';
import { findFrontmatter, frontmatterEntries, type Entry } from './frontmatter-entries.js';
import { renamedLinks, renameLinks } from './renamed-links.js';

export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface MergeOptions {
  /** Length of git's conflict markers (`%L`), 7 by default. */
  markerSize?: number;
  labels?: Partial<MergeLabels>;
  /**
   * Lines both sides inserted at one place are both kept. True for a merge with a base and for two
   * new files; false when resolving markers without the base, where such lines may be one line's two edits.
   */
  unionInsertions?: boolean;
}

export interface MergeConflict {
  /** 1-based line of the `<<<<<<<` marker in the merged text. */
  line: number;
  reason: string;
}

/** A decision the merge took for a line both sides had, for the merge report. */
export interface MergeDecision {
  /** The side whose version was kept. */
  side: Side;
  /** `✅ [[walk]] minimum`, `[[walk]] standard: value 22`, `✅ 2026-10-02 for Pick a route`. */
  what: string;
}

export interface MergeResult {
  text: string;
  conflicts: MergeConflict[];
  decisions: MergeDecision[];
  /** Places where both sides added lines and both were kept. */
  keptBoth: number;
}

interface Emitter {
  out: OutLine[];
  conflicts: MergeConflict[];
}

const DEFAULT_LABELS: MergeLabels = { ours: 'ours', base: 'base', theirs: 'theirs' };

export function mergeJournalFile(base: string | null, oursText: string, theirsText: string, options: MergeOptions = {}): MergeResult {
  // A goal renamed on one side: the other side's links to the old name follow before the merge.
  const ours = base === null ? oursText : renameLinks(oursText, renamedLinks(base, theirsText));
  const theirs = base === null ? theirsText : renameLinks(theirsText, renamedLinks(base, oursText));
  const o = splitTextLines(ours);
  const t = splitTextLines(theirs);
  const b = base === null ? null : splitTextLines(base);
  const labels = { ...DEFAULT_LABELS, ...options.labels };
  const size = Math.max(7, options.markerSize ?? 7);
  const union = options.unionInsertions ?? true;
  const emitter: Emitter = { out: [], conflicts: [] };
  const decisions: MergeDecision[] = [];
  let keptBoth = 0;

  const conflict = (oursLines: readonly string[], baseLines: readonly string[] | null, theirsLines: readonly string[], reason: string) => {
    emitter.conflicts.push({ line: emitter.out.length + 1, reason });
    emitter.out.push({ text: `${'<'.repeat(size)} ${labels.ours}` });
    for (const text of oursLines) emitter.out.push({ text });
    if (baseLines !== null) {
      emitter.out.push({ text: `${'|'.repeat(size)} ${labels.base}` });
      for (const text of baseLines) emitter.out.push({ text });
    }
    emitter.out.push({ text: '='.repeat(size) });
    for (const text of theirsLines) emitter.out.push({ text });
    emitter.out.push({ text: `${'>'.repeat(size)} ${labels.theirs}` });
  };

  if ((o.lines.length + 1) * (t.lines.length + 1) > MAX_MERGE_CELLS) {
    conflict(o.lines, b?.lines ?? null, t.lines, 'the file is too large to merge line by line');
    return finish();
  }

  const fo = findFrontmatter(o.lines);
  const ft = findFrontmatter(t.lines);
  const fb = b ? findFrontmatter(b.lines) : null;
  let bodyStart = { o: 0, t: 0, b: 0 };
  if (fo && ft) {
    const entries = {
      o: frontmatterEntries(o.lines.slice(1, fo.close)),
      t: frontmatterEntries(t.lines.slice(1, ft.close)),
      b: b ? (fb ? frontmatterEntries(b.lines.slice(1, fb.close)) : []) : null,
    };
    if (entries.o && entries.t && (b === null || entries.b)) {
      pushOurs(0);
      mergeEntries(entries.o, entries.t, entries.b, conflict, emitter);
      pushOurs(fo.close);
      bodyStart = { o: fo.close + 1, t: ft.close + 1, b: fb ? fb.close + 1 : 0 };
    }
  }
  mergeBody(o.lines.slice(bodyStart.o), t.lines.slice(bodyStart.t), b ? b.lines.slice(bodyStart.b) : null);
  return finish();

  function pushOurs(index: number): void {
    emitter.out.push({ text: o.lines[index] as string, ownBreak: o.breaks[index] });
  }

  function mergeBody(O: string[], T: string[], B: string[] | null): void {
    const normalized = agreeOnTasks(O, T, B);
    decisions.push(...normalized.decisions);
    const { ours: oursN, theirs: theirsN } = normalized;
    const baseLines = normalized.base ?? commonLines(oursN, theirsN).map(([i]) => oursN[i] as string);
    const merged = mergeSequences(baseLines, oursN, theirsN, { unionInsertions: union, keyOf: lineKey });
    keptBoth += merged.unions;
    const offset = o.lines.length - O.length;
    for (const piece of merged.pieces) {
      if (piece.kind === 'lines') {
        for (let k = piece.start; k < piece.end; k++) {
          if (piece.side === 'ours') emitter.out.push({ text: oursN[k] as string, ownBreak: o.breaks[offset + k] });
          else emitter.out.push({ text: theirsN[k] as string });
        }
      } else {
        const oursLines = oursN.slice(...piece.ours);
        const theirsLines = theirsN.slice(...piece.theirs);
        const reason = [...oursLines, ...theirsLines].map((line) => normalized.disputes.get(lineKey(line) ?? '')).find(Boolean)
          ?? 'both devices changed these lines differently';
        conflict(oursLines, B ? B.slice(...piece.base) : null, theirsLines, reason);
      }
    }
  }

  function finish(): MergeResult {
    const finalBreak = pick3(b?.finalBreak ?? null, o.finalBreak, t.finalBreak);
    const bom = pick3(b?.bom ?? null, o.bom, t.bom);
    const eol = o.lines.length > 1 || o.breaks[0] ? o.eol : t.eol;
    return { text: joinTextLines(bom, emitter.out, eol, finalBreak), conflicts: emitter.conflicts, decisions, keptBoth };
  }
}

/** A yes/no both sides may have changed: the side that changed it wins (ours when both did). */
function pick3<T>(base: T | null, ours: T, theirs: T): T {
  return base !== null && ours === base ? theirs : ours;
}

type ConflictWriter = (ours: readonly string[], base: readonly string[] | null, theirs: readonly string[], reason: string) => void;

function mergeEntries(O: Entry[], T: Entry[], B: Entry[] | null, conflict: ConflictWriter, emitter: Emitter): void {
  const byKey = (entries: Entry[]) => new Map(entries.map((e) => [e.key, e.lines]));
  const mo = byKey(O);
  const mt = byKey(T);
  const mb = B ? byKey(B) : null;
  const text = (lines: string[] | undefined) => (lines === undefined ? null : lines.join('\n'));
  // Ours' order, with keys only theirs has placed after the key before them on their side.
  const order = O.map((e) => e.key);
  T.forEach((e, k) => {
    if (order.includes(e.key)) return;
    const before = T.slice(0, k).reverse().find((p) => order.includes(p.key));
    let at = before ? order.indexOf(before.key) + 1 : order.length;
    // After keys ours added there too: both additions kept, ours first.
    while (at < order.length && !mt.has(order[at] as string)) at++;
    order.splice(at, 0, e.key);
  });
  for (const key of order) {
    const lo = mo.get(key);
    const lt = mt.get(key);
    const lb = mb?.get(key);
    const [so, st, sb] = [text(lo), text(lt), text(lb)];
    let chosen: string[] | undefined;
    if (so === st) chosen = lo;
    else if (mb !== null && so === sb) chosen = lt;
    else if (mb !== null && st === sb) chosen = lo;
    else if (mb === null && (so === null || st === null)) chosen = lo ?? lt;
    else {
      const what = key === '\u0000head' ? 'the lines at the top of the frontmatter' : `"${key}"`;
      const how = so === null || st === null ? 'removed on one device and changed on the other' : 'changed differently on both devices';
      conflict(lo ?? [], mb ? lb ?? [] : null, lt ?? [], `frontmatter ${what} ${how}`);
      continue;
    }
    for (const line of chosen ?? []) emitter.out.push({ text: line });
  }
}

interface AgreedTasks {
  ours: string[];
  theirs: string[];
  /** The base with those lines agreed too: a line all three agree on anchors the changes around it. */
  base: string[] | null;
  decisions: MergeDecision[];
  /** Keys both sides changed in ways that cannot both hold, with the reason. */
  disputes: Map<string, string>;
}

/**
 * Task lines both sides have, rewritten on both sides to the state they merge to, so the line merge
 * sees one change instead of two: checked wins unless the base was checked and a side unchecked it,
 * the earliest `✅` date, a `[value:: N]` only one side changed.
 */
function agreeOnTasks(O: readonly string[], T: readonly string[], B: readonly string[] | null): AgreedTasks {
  const ours = [...O];
  const theirs = [...T];
  const base = B ? [...B] : null;
  const decisions: MergeDecision[] = [];
  const disputes = new Map<string, string>();
  const to = taskLinesByKey(O);
  const tt = taskLinesByKey(T);
  const tb = B ? taskLinesByKey(B) : new Map<string, { index: number; task: TaskLine }>();
  for (const [key, eo] of to) {
    const et = tt.get(key);
    if (!et) continue;
    const bt = tb.get(key)?.task ?? null;
    const [a, c] = [eo.task, et.task];
    const baseKey = key.replace(/#\d+$/, '');
    const core = pick3Text(bt?.core ?? null, a.core, c.core);
    const value = pick3Text(bt?.valueText ?? null, a.valueText, c.valueText, true);
    if (core === undefined) {
      disputes.set(baseKey, `${a.label}: the words differ on both devices`);
      continue;
    }
    if (value === undefined) {
      disputes.set(baseKey, `${a.label}: ${a.valueText} on one device, ${c.valueText} on the other`);
      continue;
    }
    const unchecked = bt?.checked === true && (!a.checked || !c.checked);
    const checked = !unchecked && (a.checked || c.checked);
    // The earliest ✅ date only when both sides changed it; a date one side corrected stays corrected.
    const dates = [a.checked ? a.doneDate : null, c.checked ? c.doneDate : null].filter((d): d is string => d !== null).sort();
    const baseDate = bt?.checked ? bt.doneDate : null;
    const [da, dc] = [a.checked ? a.doneDate : null, c.checked ? c.doneDate : null];
    const oneSided = bt !== null && bt.checked && a.checked && c.checked && (da === baseDate) !== (dc === baseDate);
    const doneDate = !checked ? null : oneSided ? (da === baseDate ? dc : da) : dates[0] ?? null;
    const mark = checked ? (a.checked ? a.mark : c.mark) : ' ';
    const state = { mark, valueText: value, doneDate };
    const from = a.core === core ? O[eo.index] as string : T[et.index] as string;
    const line = rewriteTaskLine(from, state);
    ours[eo.index] = line;
    theirs[et.index] = line;
    const inBase = tb.get(key);
    if (base && inBase) base[inBase.index] = line;
    for (const [side, mine] of [['theirs', a], ['ours', c]] as const) {
      if (mine.checked !== checked) decisions.push({ side, what: `${checked ? '✅' : 'unchecked'} ${mine.label}` });
      else if (checked && mine.doneDate !== doneDate && doneDate) decisions.push({ side, what: `✅ ${doneDate} for ${mine.label}` });
      if (mine.valueText !== value && value !== null) decisions.push({ side, what: `${mine.label} ${value}` });
    }
  }
  return { ours, theirs, base, decisions, disputes };
}

/** Three-way choice of one text: undefined when both sides changed it differently. */
function pick3Text(base: string | null, ours: string | null, theirs: string | null, absentIsUnset = false): string | null | undefined {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  // Without a base (two new files), a value only one side wrote is that side's.
  if (absentIsUnset && base === null && (ours === null || theirs === null)) return ours ?? theirs;
  return undefined;
}

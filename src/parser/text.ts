// Byte- and line-level facts about a file's text that Markdown parsers hide: BOM, line breaks,
// UTF-8 validity, and 1-based line/column lookup by offset.

export const BOM = '\uFEFF';

export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

export { lineBreakOf } from '../model/edits.js';

/** Offsets of the start of each line, for offset -> line/column lookups in O(log n). */
export class LineIndex {
  // Line 1 starts after a BOM: editors never show it, so columns never count it.
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [hasBom(text) ? 1 : 0];
    // CommonMark's line endings: LF, CRLF, and a CR on its own.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  placeOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Offset just past the line's content, before its `\r\n`, `\n` or `\r`. */
  lineEnd(line: number): number {
    const next = this.starts[line];
    if (next === undefined) return this.text.length;
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Index of the first byte that is not part of valid UTF-8, or -1 when the bytes are valid. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i;
    let code = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; line: number; column: number; byte: number };

/** Decodes UTF-8 strictly: a journal file with invalid bytes is reported, never silently "repaired". */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad === -1) return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  let line = 1;
  let lineStartByte = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStartByte = i + 1;
    }
  }
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStartByte, bad));
  return { ok: false, line, column: before.length + 1, byte: bad };
}

// A file as merge works on it: lines compared by their content, with the BOM and each line's own
// break kept aside so a merged file keeps its bytes (CRLF stays CRLF, a missing final newline stays missing).
import { lineBreakOf } from '../edits.js';

export interface TextLines {
  bom: boolean;
  lines: string[];
  /** The break after each line as written: '\n', '\r\n', '\r', or '' for a last line without one. */
  breaks: string[];
  /** The file's own line break, for lines that come from elsewhere. */
  eol: string;
  finalBreak: boolean;
}

export function splitTextLines(text: string): TextLines {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const lines: string[] = [];
  const breaks: string[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    lines.push(body.slice(start, m.index));
    breaks.push(m[0]);
    start = m.index + m[0].length;
  }
  if (start < body.length) {
    lines.push(body.slice(start));
    breaks.push('');
  }
  return { bom, lines, breaks, eol: lineBreakOf(body), finalBreak: body === '' || breaks.at(-1) !== '' };
}

/** A line of the merged file: its content and, when it is one of ours, the break it had there. */
export interface OutLine {
  text: string;
  ownBreak?: string;
}

export function joinTextLines(bom: boolean, lines: readonly OutLine[], eol: string, finalBreak: boolean): string {
  let out = bom ? '\uFEFF' : '';
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    out += line.text;
    if (last && !finalBreak) return;
    out += line.ownBreak ? line.ownBreak : eol;
  });
  return out;
}

// Bytes of a journal file -> a goal or a daily log plus diagnostics. Never throws: whatever goes
// wrong becomes a diagnostic naming the file, so one broken file never stops the rest.
import type { Day } from '../model/dates.js';
import type { DailyLog, Diagnostic, Goal } from '../model/types.js';
import { parseGoalText, parseLogText, type ParseResult } from './document.js';
import { decodeUtf8 } from './text.js';
import { TooComplexError } from './markdown.js';

export { parseGoalText, parseLogText, type ParseResult } from './document.js';
export { parseMarkdown } from './markdown.js';

/** Bigger files are reported, not parsed: remark's cost grows faster than linearly with size. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

function guarded<T>(bytes: Uint8Array, file: string, parse: (text: string) => ParseResult<T>): ParseResult<T> {
  const fail = (line: number, column: number, code: Diagnostic['code'], message: string): ParseResult<T> =>
    ({ value: null, diagnostics: [{ file, line, column, severity: 'error', code, message }] });
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(1, 1, 'too-large', `the file is ${(bytes.length / 1048576).toFixed(1)} MB, above the ${MAX_FILE_BYTES / 1048576} MB limit: split it into smaller files`);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail(decoded.line, decoded.column, 'bad-encoding', `the file is not valid UTF-8 (byte ${decoded.byte}): re-save it as UTF-8`);
  try {
    return parse(decoded.text);
  } catch (e) {
    if (e instanceof TooComplexError) return fail(1, 1, 'too-large', `the file is not read: ${e.message}`);
    const reason = e instanceof RangeError ? 'it is nested too deeply or is too complex' : e instanceof Error ? e.message.split('\n', 1)[0] : String(e);
    return fail(1, 1, 'too-large', `the file could not be parsed: ${reason}`);
  }
}

export function parseGoalFile(bytes: Uint8Array, id: string, file: string): ParseResult<Goal> {
  return guarded(bytes, file, (text) => parseGoalText(text, id, file));
}

export function parseLogFile(bytes: Uint8Array, date: Day, file: string): ParseResult<DailyLog> {
  return guarded(bytes, file, (text) => parseLogText(text, date, file));
}

// Git's conflict markers left in a journal file (FORMAT §10, `conflict-markers`): the file is not read
// until they are resolved, so a half-merged day never counts twice or not at all without a word.
const OPEN = /^<{7}(?: |$)/;
const MIDDLE = /^={7}$/;
const CLOSE = /^>{7}(?: |$)/;

/** The 1-based line of the first `<<<<<<<` of a complete conflict block, or null. */
export function conflictMarkerLine(text: string): number | null {
  if (!text.includes('<<<<<<<')) return null;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!OPEN.test(lines[i] as string)) continue;
    let middle = false;
    for (let j = i + 1; j < lines.length; j++) {
      const line = (lines[j] as string).trimEnd();
      if (MIDDLE.test(line)) middle = true;
      else if (CLOSE.test(line)) {
        if (middle) return i + 1;
        break;
      } else if (OPEN.test(line)) break;
    }
  }
  return null;
}

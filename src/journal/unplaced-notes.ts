// Nothing silently skipped (FORMAT §9): Markdown files in the daily folder that are not daily notes
// under the layout are reported once per folder, with examples and the setting that would place them.
import { COMMON_DAILY_FORMATS, compileDayFormat, parseDayName, type DayFormat } from '../model/date-format.js';
import type { Diagnostic } from '../model/types.js';
import { dirname } from './file-system.js';
import { describeDailyLayout, type Layout } from './layout.js';

/** A format under which every example (path under the daily folder, without `.md`) is a daily note. */
export function guessDailyFormat(examples: readonly string[]): string | null {
  for (const source of COMMON_DAILY_FORMATS) {
    const format = compileDayFormat(source) as DayFormat;
    if (examples.length > 0 && examples.every((name) => parseDayName(name, format) !== null)) return source;
  }
  return null;
}

export function unplacedNotesDiagnostics(layout: Layout, files: readonly string[]): Diagnostic[] {
  const byFolder = new Map<string, string[]>();
  for (const rel of files) {
    const folder = dirname(rel);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), rel]);
  }
  const prefix = layout.logs === '' ? '' : `${layout.logs}/`;
  const out: Diagnostic[] = [];
  for (const [folder, list] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const names = list.map((rel) => rel.slice(prefix.length, -3));
    const guess = guessDailyFormat(names);
    const examples = list.slice(0, 3).map((rel) => rel.slice(rel.lastIndexOf('/') + 1)).join(', ');
    const where = folder === '' || folder === '.' ? 'the journal root' : `${folder}/`;
    const one = list.length === 1;
    const ifDaily = one ? 'if it is a daily note' : 'if they are daily notes';
    const hint = guess
      ? `${ifDaily}, set \`logs: { folder: "${layout.logs}", format: "${guess}" }\` in kaizen.yaml`
      : `${ifDaily}, set \`logs: { folder, format }\` in kaizen.yaml to the name format; otherwise nothing needs doing`;
    out.push({
      file: list[0] as string, line: 1, column: 1, severity: 'info', code: 'unplaced-notes',
      message: `${list.length} Markdown ${one ? 'file' : 'files'} in ${where} ${one ? 'is not read as a daily note' : 'are not read as daily notes'} `
        + `(${describeDailyLayout(layout)}), e.g. ${examples}: ${hint}`,
    });
  }
  return out;
}

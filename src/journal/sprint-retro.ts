// The retrospective typed in the review panel, written into the sprint file: each answer under its
// `###` prompt in `## Retrospective` (added when missing); every other byte of the file stays.
import { lineBreakOf } from '../model/edits.js';
import { RETRO_PROMPTS } from '../model/sprint.js';
import { LineIndex } from '../parser/text.js';

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

export function applySprintRetrospective(text: string, answers: Record<string, string>): string {
  let out = text;
  for (const prompt of RETRO_PROMPTS) {
    const answer = answers[prompt];
    if (answer === undefined) continue;
    out = setAnswer(out, prompt, answer);
  }
  return out;
}

function setAnswer(text: string, prompt: string, answer: string): string {
  const eol = lineBreakOf(text);
  const lines = new LineIndex(text);
  let retro: number | null = null;
  let heading: number | null = null;
  let end = lines.lineCount + 1;
  let fence = false;
  for (let line = 1; line <= lines.lineCount; line++) {
    const raw = lines.lineText(line);
    if (/^\s{0,3}(```|~~~)/.test(raw)) fence = !fence;
    if (fence) continue;
    const m = HEADING.exec(raw);
    if (!m) continue;
    const depth = (m[1] as string).length;
    const title = (m[2] as string).trim();
    if (heading !== null) {
      end = line;
      break;
    }
    if (depth <= 2) {
      if (retro !== null) {
        end = line;
        break;
      }
      if (/^retrospective$/i.test(title)) retro = line;
    } else if (retro !== null && title.toLowerCase() === prompt.toLowerCase()) heading = line;
  }
  const body = answer.replace(/\r\n?/g, '\n').trim();
  const block = body === '' ? [] : body.split('\n');
  if (heading === null) {
    // The prompt is missing: it goes at the end of the retrospective (or of a new one at the end of the file).
    const at = retro === null ? text.length : end <= lines.lineCount ? lines.lineStart(end) : text.length;
    const needsBreak = at > 0 && !/(\r\n|\r|\n)$/.test(text.slice(0, at));
    const parts = [...(retro === null ? ['', '## Retrospective'] : []), `### ${prompt}`, ...block, ''];
    return `${text.slice(0, at)}${needsBreak ? eol : ''}${parts.join(eol)}${at < text.length ? eol : ''}${text.slice(at)}`;
  }
  // The answer region: the lines after the heading up to the next heading, without trailing blank lines.
  let last = end - 1;
  while (last > heading && lines.lineText(last).trim() === '') last--;
  const current = last > heading ? text.slice(lines.lineStart(heading + 1), lines.lineEnd(last)) : '';
  if (current.replace(/\r\n?/g, '\n').trim() === body) return text;
  const from = lines.lineEnd(heading);
  const to = last > heading ? lines.lineEnd(last) : from;
  const replacement = block.length ? `${eol}${block.join(eol)}` : '';
  return text.slice(0, from) + replacement + text.slice(to);
}

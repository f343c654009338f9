// A sprint's two charts: the burnup (scope, done, ideal line) and the habit grid (weeks × goals).
// Same rules as the other charts: standalone SVG, role="img" with a description, shapes not colour alone.
import type { SprintProgress } from '../model/sprint-progress.js';
import { escapeXml } from './escape.js';
import { CELL, cellShape, MONTHS, n, STEP, svg, type ChartOptions } from './svg.js';

const DAY_W = 22;

/** Items done by day against the ideal straight line to the planned items, with the scope above. */
export function burnupSvg(p: SprintProgress, options: ChartOptions = {}): string {
  const left = 34;
  const top = 14;
  const plotH = 120;
  const width = left + p.days * DAY_W + 10;
  const max = Math.max(1, ...p.burnup.map((b) => b.scope ?? 0), p.planned);
  const x = (i: number) => left + i * DAY_W + DAY_W / 2;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const body: string[] = [];
  for (const v of [0, Math.round(max / 2), max]) {
    body.push(`<path class="grid" d="M${left} ${n(y(v))}H${width - 10}"/>`, `<text class="m" x="${left - 6}" y="${n(y(v) + 3.5)}" text-anchor="end">${v}</text>`);
  }
  p.burnup.forEach((b, i) => {
    const weekday = (i % 7);
    if (weekday === 0) {
      const label = `${MONTHS[Number(b.day.slice(5, 7)) - 1]} ${Number(b.day.slice(8, 10))}`;
      body.push(`<path class="tick" d="M${n(x(i))} ${top + plotH}v4"/>`, `<text class="m" x="${n(x(i))}" y="${top + plotH + 16}" text-anchor="middle">${label}</text>`);
    }
  });
  const path = (values: Array<number | null>) => {
    let d = '';
    values.forEach((v, i) => {
      if (v === null) return;
      d += `${d === '' ? 'M' : 'L'}${n(x(i))} ${n(y(v))}`;
    });
    return d;
  };
  body.push(`<path class="ideal" d="M${n(x(0) - DAY_W / 2)} ${n(y(0))}L${n(x(p.days - 1))} ${n(y(p.planned))}"/>`);
  const scope = path(p.burnup.map((b) => b.scope));
  if (scope) body.push(`<path class="scope" d="${scope}"/>`);
  const done = path(p.burnup.map((b) => b.done));
  if (done) body.push(`<path class="done" d="${done}"/>`);
  p.burnup.forEach((b, i) => {
    if (b.done === null) return;
    body.push(`<g><title>${escapeXml(`${b.day}: ${b.done} of ${b.scope} done, ideal ${Math.round(b.ideal * 10) / 10}`)}</title><circle class="dot" cx="${n(x(i))}" cy="${n(y(b.done))}" r="2.5"/></g>`);
  });
  const ly = top + plotH + 30;
  const legend: Array<[string, string]> = [['done', 'done'], ['scope', 'committed'], ['ideal', 'ideal pace']];
  let lx = left;
  for (const [cls, label] of legend) {
    body.push(`<path class="${cls}" d="M${lx} ${ly - 4}h18"/>`, `<text class="m" x="${lx + 22}" y="${ly}">${label}</text>`);
    lx += 30 + label.length * 6.5;
  }
  const last = [...p.burnup].reverse().find((b) => b.done !== null);
  const desc = last
    ? `Sprint ${p.sprint.id}, ${p.sprint.start} to ${p.sprint.end}: ${last.done} of ${last.scope} committed items done by ${last.day}; the ideal line reaches ${p.planned} planned items on the last day.`
    : `Sprint ${p.sprint.id}, ${p.sprint.start} to ${p.sprint.end}: not started yet; ${p.planned} items planned.`;
  return svg(Math.max(width, lx), ly + 8, `Sprint ${p.sprint.id}: burnup`, desc, body, options);
}

const MARK_SHAPE: Record<string, string> = { standard: 'standard', minimum: 'minimum', missed: 'missed', running: 'today', paused: 'paused', future: 'future', none: '' };
const MARK_WORD: Record<string, string> = {
  standard: 'met with the standard', minimum: 'met with the minimum', missed: 'not met', running: 'running', paused: 'paused', future: 'not yet', none: 'not in the goal\'s dates',
};

/** Each goal's weeks inside the sprint: met with the standard (full), the minimum (half), missed (empty), paused (‖). */
export function habitGridSvg(p: SprintProgress, options: ChartOptions = {}): string {
  const labelW = 170;
  const top = 18;
  const col = STEP + 30;
  const weeks = p.habits[0]?.weeks.length ?? Math.round(p.days / 7);
  const width = labelW + weeks * col + 10;
  const body: string[] = [];
  for (let w = 0; w < weeks; w++) {
    const period = p.habits[0]?.weeks[w]?.period ?? '';
    body.push(`<text class="m" x="${labelW + w * col + CELL / 2}" y="11" text-anchor="middle">${escapeXml(period.slice(5))}</text>`);
  }
  const counts: Record<string, number> = {};
  p.habits.forEach((row, r) => {
    const y = top + r * (STEP + 4);
    const title = row.title.length > 26 ? `${row.title.slice(0, 25)}…` : row.title;
    body.push(`<text class="t" x="0" y="${y + 10}">${escapeXml(title)}</text>`);
    row.weeks.forEach((w, i) => {
      counts[w.mark] = (counts[w.mark] ?? 0) + 1;
      const shape = cellShape(labelW + i * col, y, MARK_SHAPE[w.mark] ?? '');
      const words = `${row.title}, ${w.period}: ${MARK_WORD[w.mark]} (${w.done} of ${w.target} days; ${w.standard} standard, ${w.minimum} minimum, ${w.skipped} skipped)`;
      if (shape) body.push(`<g><title>${escapeXml(words)}</title>${shape}</g>`);
      if (w.mark !== 'future' && w.mark !== 'none') body.push(`<text class="m" x="${labelW + i * col + CELL + 3}" y="${y + 10}">${w.done}/${w.target}</text>`);
    });
  });
  const ly = top + Math.max(1, p.habits.length) * (STEP + 4) + 6;
  let x = 0;
  for (const [mark, label] of [['standard', 'standard'], ['minimum', 'minimum'], ['missed', 'not met'], ['paused', 'paused']] as const) {
    body.push(cellShape(x, ly, MARK_SHAPE[mark] as string), `<text class="m" x="${x + CELL + 4}" y="${ly + 10}">${label}</text>`);
    x += CELL + 14 + label.length * 6.5;
  }
  const summary = ['standard', 'minimum', 'missed'].map((m) => `${counts[m] ?? 0} weeks ${MARK_WORD[m]}`).join(', ');
  return svg(Math.max(width, x), ly + CELL + 4, `Sprint ${p.sprint.id}: habit weeks`, `${p.habits.length} goals over ${weeks} weeks: ${summary}.`, body, options);
}

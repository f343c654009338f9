// Obsidian Tasks' fields on a task line, found where they are written so a write can change one value
// and keep every other character: dates (🛫 ⏳ 📅 ✅ ❌ ➕, or Dataview's `[due:: …]`), the recurrence rule
// (`🔁 …`, `[repeat:: …]`), dependencies (🆔 ⛔) and a trailing block id (`^abc`).

export type DateField = 'start' | 'scheduled' | 'due' | 'done' | 'cancelled' | 'created';

/** A field as written: `index`/`length` span the whole field (symbol and value), `valueIndex` its value. */
export interface FieldSpan {
  index: number;
  length: number;
  value: string;
  valueIndex: number;
  form: 'emoji' | 'dataview';
}

export interface TaskFields {
  dates: Partial<Record<DateField, FieldSpan>>;
  recurrence: FieldSpan | null;
  /** 🆔 and ⛔ (and their Dataview forms): a new occurrence must not repeat them. */
  dependencies: FieldSpan[];
  /** ` ^abc` at the end of the line (its leading space included). */
  blockId: { index: number; length: number } | null;
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const EMOJI_DATES: Record<DateField, string> = {
  start: '🛫', scheduled: '(?:⏳|⌛)', due: '(?:📅|📆|🗓)', done: '✅', cancelled: '❌', created: '➕',
};
const DATAVIEW_DATES: Record<DateField, string> = {
  start: 'start', scheduled: 'scheduled', due: 'due', done: 'completion', cancelled: 'cancelled', created: 'created',
};
/** Obsidian Tasks' rule characters; the rule ends where the next field (or anything else) starts. */
const RULE_CHARS = '[a-zA-Z0-9, !]';
const BLOCK_ID = / \^[a-zA-Z0-9-]+$/u;

function emoji(symbols: string, value: string): RegExp {
  return new RegExp(`${symbols}\\uFE0F? *${value}`, 'du');
}

/** `[due:: 2026-11-20]` or `(due:: 2026-11-20)`, with the spaces before it that the plugin writes. */
function dataview(key: string, value: string): RegExp {
  return new RegExp(`[\\[(]${key}:: *${value} *[\\])]`, 'du');
}

function span(m: RegExpExecArray | null, form: FieldSpan['form']): FieldSpan | null {
  if (!m) return null;
  const value = m[1] as string;
  return { index: m.index, length: m[0].length, value, valueIndex: (m.indices?.[1] as [number, number])[0], form };
}

export function parseTaskFields(line: string): TaskFields {
  const dates: TaskFields['dates'] = {};
  for (const field of Object.keys(EMOJI_DATES) as DateField[]) {
    const found = span(emoji(EMOJI_DATES[field], DATE).exec(line), 'emoji') ?? span(dataview(DATAVIEW_DATES[field], DATE).exec(line), 'dataview');
    if (found) dates[field] = found;
  }
  let recurrence = span(emoji('🔁', `(${RULE_CHARS}*)`).exec(line), 'emoji') ?? span(dataview('repeat', `(${RULE_CHARS}+?)`).exec(line), 'dataview');
  if (recurrence && recurrence.form === 'emoji') {
    // The rule's trailing spaces separate it from the next field: they are not part of it.
    const trimmed = recurrence.value.replace(/ +$/, '');
    recurrence = { ...recurrence, value: trimmed, length: recurrence.length - (recurrence.value.length - trimmed.length) };
  }
  const dependencies: FieldSpan[] = [];
  for (const re of [emoji('🆔', '([a-zA-Z0-9-_]+)'), emoji('⛔', '([a-zA-Z0-9-_]+(?: *, *[a-zA-Z0-9-_]+ *)*)'),
    dataview('id', '([a-zA-Z0-9-_]+)'), dataview('dependsOn', '([a-zA-Z0-9-_]+(?: *, *[a-zA-Z0-9-_]+ *)*)')]) {
    const found = span(re.exec(line), re.source.startsWith('[') ? 'dataview' : 'emoji');
    if (found) dependencies.push(found);
  }
  const trimmedEnd = line.trimEnd();
  const block = BLOCK_ID.exec(trimmedEnd);
  return { dates, recurrence, dependencies, blockId: block ? { index: block.index, length: block[0].length } : null };
}

/** `✅ 2026-11-21` or `[completion:: 2026-11-21]`, for a task line in that form. */
export function formatDateField(field: DateField, day: string, form: FieldSpan['form']): string {
  if (form === 'dataview') return `[${DATAVIEW_DATES[field]}:: ${day}]`;
  const symbol = { start: '🛫', scheduled: '⏳', due: '📅', done: '✅', cancelled: '❌', created: '➕' }[field];
  return `${symbol} ${day}`;
}

/**
 * Where a new field goes: after the last character of the task's text, before a trailing block id
 * (Obsidian Tasks writes `✅` last among the fields, and `^abc` after every field).
 */
export function fieldInsertionIndex(line: string, fields: TaskFields = parseTaskFields(line)): number {
  if (fields.blockId) return line.slice(0, fields.blockId.index).trimEnd().length;
  return line.trimEnd().length;
}

/** Which form the line's own fields use; a line with none uses the vault's. */
export function formOfLine(fields: TaskFields, vault: FieldSpan['form']): FieldSpan['form'] {
  const any = [...Object.values(fields.dates), fields.recurrence].find((f): f is FieldSpan => f !== null && f !== undefined);
  return any?.form ?? vault;
}

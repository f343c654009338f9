// What a daily note records in the vault's own ways, for `habit.track`: frontmatter values, Dataview
// inline fields (`Exercise:: 1` on its own line, `[exercise:: 1]` inside one) and tags (`#exercise`
// in the body, `tags:` in the frontmatter). Fenced code is not the note's record.
const LINE_FIELD = /^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?)?\**([A-Za-z][\w \-]*?)\**::[ \t]*(.*?)\s*$/;
const BRACKET_FIELD = /[[(]([A-Za-z][\w \-]*?)::[ \t]*([^\])\n]*?)\s*[\])]/g;
const TAG = /(?:^|[\s(,])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu;
const FENCE = /^\s*(```|~~~)/;

type Scalar = string | number | boolean;

function scalar(value: unknown): Scalar | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

export function recordedFields(data: Record<string, unknown>, body: string): { fields: Record<string, Scalar>; tags: string[] } {
  const fields: Record<string, Scalar> = {};
  const tags = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    const v = scalar(value);
    if (v !== null) fields[key.toLowerCase()] = v;
    if (key === 'tags' || key === 'tag') {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\s]+/) : [];
      for (const t of list) if (typeof t === 'string' && t.trim()) tags.add(t.trim().replace(/^#/, '').toLowerCase());
    }
  }
  let inFence = false;
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const whole = LINE_FIELD.exec(line);
    if (whole && !line.includes('[[') && !/^\s*\[/.test(line.replace(/^\s*[-*+]\s+/, '').replace(/^\[[ xX]\]\s+/, ''))) {
      fields[(whole[1] as string).trim().toLowerCase()] = whole[2] as string;
    }
    for (const m of line.matchAll(BRACKET_FIELD)) fields[(m[1] as string).trim().toLowerCase()] = (m[2] as string).trim();
    for (const m of line.matchAll(TAG)) tags.add((m[1] as string).toLowerCase());
  }
  return { fields, tags: [...tags].sort() };
}

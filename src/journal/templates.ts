// New files people start from: kaizen.yaml and a SMART goal. Shared by `kaizen init`, the
// extension's "New goal" wizard and the quick fix that creates a missing goal.
import { addDays, type Day } from '../model/dates.js';
import { DEFAULT_FOLDERS } from './layout.js';
import { weekdayWords } from '../model/habit-plan.js';

/**
 * kaizen.yaml for a folder that already keeps daily notes (an Obsidian vault): it states the layout
 * found, so the journal reads and writes the notes where they are, and says where that came from.
 */
export function vaultConfigText(vault: { folder: string; format: string; source: string; template?: string | null }, guessed = false): string {
  const template = vault.template ? `, template: ${JSON.stringify(vault.template)}` : '';
  return [
    '# Kaizen Journal in an existing vault: folders relative to this file.',
    `goals: ${DEFAULT_FOLDERS.goals}`,
    guessed ? `# Daily notes where they are (no setting says: ${vault.source}; change it if that is wrong).`
      : `# Daily notes where the vault keeps them (read from ${vault.source}).`,
    `logs: { folder: ${JSON.stringify(vault.folder)}, format: ${JSON.stringify(vault.format)}${template} }`,
    `reviews: ${DEFAULT_FOLDERS.reviews}`,
    `reports: ${DEFAULT_FOLDERS.reports}`,
    '',
  ].join('\n');
}

export const CONFIG_TEXT = `# Kaizen Journal: folders relative to this file.\ngoals: ${DEFAULT_FOLDERS.goals}\nlogs: ${DEFAULT_FOLDERS.logs}\nreviews: ${DEFAULT_FOLDERS.reviews}\nreports: ${DEFAULT_FOLDERS.reports}\n`;

export interface GoalDraft {
  title: string;
  /** `paused` for an example goal in an existing vault: nothing is written into real notes until it is made active. */
  status?: 'active' | 'paused';
  why: string | null;
  cadence: string | null;
  /** `habit.days` (0 = Monday) and `habit.time` (FORMAT §8), when the person planned them. */
  days?: number[] | null;
  time?: string | null;
  minimum: string | null;
  standard: string | null;
  metric: { name: string; unit: string; target: number } | null;
  start: Day;
  due: Day | null;
  lead?: boolean;
  /** Markdown for the body's stages; a three-stage skeleton when absent. */
  stages?: string;
}

/** YAML scalars as plain text when safe, quoted otherwise. */
function scalar(text: string): string {
  return /^[\p{L}\p{N}][^:#\n'"{}[\],&*!|>%@`]*$/u.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

export function goalText(draft: GoalDraft): string {
  const fm = ['---', `title: ${scalar(draft.title)}`,
    draft.status === 'paused' ? 'status: paused        # an example: make it yours (why, minimum, standard), then set active' : 'status: active'];
  if (draft.lead) fm.push('lead: true');
  if (draft.why) fm.push(`why: ${scalar(draft.why)}`);
  fm.push(`start: ${draft.start}`);
  if (draft.due) fm.push(`due: ${draft.due}`);
  if (draft.cadence || draft.minimum || draft.standard) {
    fm.push('habit:');
    if (draft.cadence) fm.push(`  cadence: ${draft.cadence}`);
    if (draft.minimum) fm.push(`  minimum: ${scalar(draft.minimum)}`);
    if (draft.standard) fm.push(`  standard: ${scalar(draft.standard)}`);
    if (draft.days?.length) fm.push(`  days: [${weekdayWords(draft.days)}]`);
    if (draft.time) fm.push(`  time: "${draft.time}"`);
  }
  if (draft.metric) {
    fm.push('metric:', `  name: ${scalar(draft.metric.name)}`, `  unit: ${scalar(draft.metric.unit)}`, '  baseline: 0', `  target: ${draft.metric.target}`, '  aggregate: sum');
  }
  fm.push('---', '', `# ${draft.title}`, '', 'Small steps, every week. On a bad day, do the minimum: it still counts.', '', '## Stages');
  fm.push(draft.stages ?? ['### 1. Make it easy', '- [ ] Prepare what the first session needs (30m)', '### 2. Make it stick', '- [ ] Pick a fixed time in the week (15m)', '### 3. Raise the bar', '- [ ] Add one small step to the standard (30m)'].join('\n'));
  // A first milestone inside the first week: a quick win (FORMAT §7).
  fm.push('', '## Milestones', `- [ ] A first week of sessions 📅 ${addDays(draft.start, 7)}`, `- [ ] First month of sessions 📅 ${addDays(draft.start, 30)}`, '');
  return fm.join('\n');
}

/** A file name for a title: lower-case ASCII words joined by dashes. */
export function goalIdFromTitle(title: string): string {
  const id = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return id || 'goal';
}

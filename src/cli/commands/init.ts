// `kaizen init`: a new journal with one SMART example goal and today's log. Never overwrites.
import path from 'node:path';
import { addDays, type Day } from '../../model/dates.js';
import { createFileExclusive } from '../../journal/node-file-system.js';
import { DEFAULT_FOLDERS, CONFIG_FILE } from '../../journal/layout.js';
import { newLogText } from '../../model/daily-template.js';
import { CONFIG_TEXT, goalText, vaultConfigText } from '../../journal/templates.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { readVaultDailyTemplate } from '../../journal/obsidian-settings.js';
import { vaultDailyNotesOrGuess } from '../../journal/daily-guess.js';
import { toPosix } from '../context.js';
import type { CommandContext } from '../context.js';

const EXAMPLE_ID = 'morning-walk';
const EXAMPLE_MINIMUM = 'Put on shoes and walk 5 minutes';
const EXAMPLE_STANDARD = 'Walk 20 minutes';

function exampleGoal(today: Day, status: 'active' | 'paused' = 'active'): string {
  return goalText({
    status, title: 'Walk every morning', lead: true, why: 'Clear head before work, and more patience with the people I love.',
    cadence: '4/week', days: [0, 2, 4, 5], time: '07:00', minimum: EXAMPLE_MINIMUM, standard: EXAMPLE_STANDARD, metric: { name: 'minutes walked', unit: 'min', target: 800 },
    start: today, due: addDays(today, 60),
    stages: ['### 1. Make it easy', '- [ ] Pick a 20-minute route from the door (30m)', '- [ ] Put shoes and a jacket by the door the night before (15m)',
      '### 2. Make it stick', '- [ ] Walk with a friend on Saturdays (1h)', '- [ ] Write one line in the log after each walk (15m)',
      '### 3. Raise the bar', '- [ ] Add a hill to the route (1h)'].join('\n'),
  });
}

/**
 * In a folder that already keeps notes (`--here`, an Obsidian or Logseq vault), only kaizen.yaml stating
 * the layout found — from the vault's settings, else guessed from the dated names present, and said
 * which — and, when there is no goal, a paused example goal, so no real note gets its lines.
 */
async function filesForExistingVault(root: string, today: Day): Promise<{ files: [string, string][]; found: string }> {
  const posixRoot = toPosix(root);
  const vault = await vaultDailyNotesOrGuess(nodeFileSystem, posixRoot);
  let config = CONFIG_TEXT;
  let found = 'no daily notes found: new ones go to logs/';
  if (vault) {
    const template = vault.guessed ? null : await readVaultDailyTemplate(nodeFileSystem, posixRoot);
    config = vaultConfigText({ ...vault, template }, vault.guessed);
    const setting = `\`logs: { folder: ${JSON.stringify(vault.folder)}, format: ${JSON.stringify(vault.format)} }\``;
    found = vault.guessed ? `${vault.source.replace(/^guessed: /, '')}: wrote ${setting}`
      : `daily notes: ${vault.folder ? `${vault.folder}/` : ''}${vault.format}.md, read from ${vault.source}`;
  }
  const files: [string, string][] = [[CONFIG_FILE, config]];
  const goals = await nodeFileSystem.readDirectory(toPosix(path.join(root, DEFAULT_FOLDERS.goals))).catch(() => []);
  if (!goals.some(([name, kind]) => kind === 'file' && name.endsWith('.md'))) files.push([`${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md`, exampleGoal(today, 'paused')]);
  return { files, found };
}

async function isVault(root: string): Promise<boolean> {
  const marks = await Promise.all(['.obsidian', 'logseq/config.edn'].map((name) => nodeFileSystem.stat(toPosix(path.join(root, name)))));
  return marks.some((m) => m !== null);
}

export async function runInit(ctx: CommandContext, dir: string | undefined, options: { here?: boolean } = {}): Promise<number> {
  const root = path.resolve(ctx.io.cwd, dir ?? '.');
  const today = ctx.today();
  const vault = options.here === true || await isVault(root);
  const existing = vault ? await filesForExistingVault(root, today) : null;
  const files: [string, string][] = existing ? existing.files : [
    [CONFIG_FILE, CONFIG_TEXT],
    [`${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md`, exampleGoal(today)],
    [`${DEFAULT_FOLDERS.logs}/${today.slice(0, 4)}/${today}.md`, newLogText(today, [
      { goalId: EXAMPLE_ID, level: 'minimum', note: EXAMPLE_MINIMUM, checked: false, value: null },
      { goalId: EXAMPLE_ID, level: 'standard', note: EXAMPLE_STANDARD, checked: false, value: null },
    ])],
  ];
  const created: string[] = [];
  const kept: string[] = [];
  for (const [rel, text] of files) {
    if (await createFileExclusive(path.join(root, rel), text)) created.push(rel);
    else kept.push(rel);
  }
  if (ctx.json) {
    ctx.out(JSON.stringify({ root, created, kept, ...(existing ? { found: existing.found } : {}) }));
    return 0;
  }
  // Paths as typed from where the command ran.
  const shown = (rel: string) => path.relative(ctx.io.cwd, path.join(root, rel)) || '.';
  for (const rel of created) ctx.out(`created ${shown(rel)}`);
  for (const rel of kept) ctx.err(ctx.style.dim(`kept ${shown(rel)} (it already exists)`));
  if (existing && created.includes(CONFIG_FILE)) {
    ctx.err(existing.found);
    const goal = created.length > 1 ? `; ${shown(`${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md`)} is a paused example: make it yours, then set \`status: active\`` : '';
    ctx.err(ctx.style.dim(`\nNo note was touched${goal}.`));
    return 0;
  }
  if (created.length > 0 && !existing) {
    ctx.err(`\nNext: edit ${shown(`${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md`)} (your purpose, your minimum), then each day:\n  kaizen today              # open the day's log\n  kaizen log ${EXAMPLE_ID} minimum\n  kaizen stats`);
  }
  return 0;
}

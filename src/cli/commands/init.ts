// `kaizen init`: a new journal with one SMART example goal and today's log. Never overwrites.
import path from 'node:path';
import { addDays, type Day } from '../../model/dates.js';
import { createFileExclusive } from '../../journal/node-file-system.js';
import { DEFAULT_FOLDERS, CONFIG_FILE } from '../../journal/layout.js';
import { newLogText } from '../../model/daily-template.js';
import { CONFIG_TEXT, goalText, vaultConfigText } from '../../journal/templates.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { readVaultDailyNotes } from '../../journal/obsidian-settings.js';
import { toPosix } from '../context.js';
import type { CommandContext } from '../context.js';

const EXAMPLE_ID = 'morning-walk';
const EXAMPLE_MINIMUM = 'Put on shoes and walk 5 minutes';
const EXAMPLE_STANDARD = 'Walk 20 minutes';

function exampleGoal(today: Day): string {
  return goalText({
    title: 'Walk every morning', lead: true, why: 'Clear head before work, and more patience with the people I love.',
    cadence: '4/week', days: [0, 2, 4, 5], time: '07:00', minimum: EXAMPLE_MINIMUM, standard: EXAMPLE_STANDARD, metric: { name: 'minutes walked', unit: 'min', target: 800 },
    start: today, due: addDays(today, 60),
    stages: ['### 1. Make it easy', '- [ ] Pick a 20-minute route from the door (30m)', '- [ ] Put shoes and a jacket by the door the night before (15m)',
      '### 2. Make it stick', '- [ ] Walk with a friend on Saturdays (1h)', '- [ ] Write one line in the log after each walk (15m)',
      '### 3. Raise the bar', '- [ ] Add a hill to the route (1h)'].join('\n'),
  });
}

/**
 * In a folder that already keeps notes (`--here`, or an Obsidian vault), only kaizen.yaml stating the
 * layout found and a first goal when there is none: no note is touched or added.
 */
async function filesForExistingVault(root: string, today: Day): Promise<[string, string][]> {
  const vault = await readVaultDailyNotes(nodeFileSystem, toPosix(root));
  const files: [string, string][] = [[CONFIG_FILE, vault ? vaultConfigText(vault) : CONFIG_TEXT]];
  const goals = await nodeFileSystem.readDirectory(toPosix(path.join(root, DEFAULT_FOLDERS.goals))).catch(() => []);
  if (!goals.some(([name, kind]) => kind === 'file' && name.endsWith('.md'))) files.push([`${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md`, exampleGoal(today)]);
  return files;
}

export async function runInit(ctx: CommandContext, dir: string | undefined, options: { here?: boolean } = {}): Promise<number> {
  const root = path.resolve(ctx.io.cwd, dir ?? '.');
  const today = ctx.today();
  const vault = options.here === true || (await nodeFileSystem.stat(toPosix(path.join(root, '.obsidian')))) !== null;
  const files: [string, string][] = vault ? await filesForExistingVault(root, today) : [
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
    ctx.out(JSON.stringify({ root, created, kept }));
    return 0;
  }
  for (const rel of created) ctx.out(`created ${path.join(dir ?? '.', rel)}`);
  for (const rel of kept) ctx.err(ctx.style.dim(`kept ${path.join(dir ?? '.', rel)} (it already exists)`));
  if (created.includes(CONFIG_FILE) && vault) ctx.err(ctx.style.dim(`\nNo note was touched; ${created.length > 1 ? 'a first goal was added and ' : ''}kaizen.yaml says where the daily notes are.`));
  if (created.length > 0) ctx.err(`\nNext: edit ${DEFAULT_FOLDERS.goals}/${EXAMPLE_ID}.md (your purpose, your minimum), then each day:\n  kaizen today              # open the day's log\n  kaizen log ${EXAMPLE_ID} minimum\n  kaizen stats`);
  return 0;
}

// Journals across devices (FORMAT §10): git's merge driver, `kaizen resolve` for files that already
// hold markers, `kaizen sync setup` and `kaizen sync` (pull with rebase, then push).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mergeJournalFile, type MergeDecision } from '../../model/merge/merge-file.js';
import { resolveConflictMarkers } from '../../model/merge/conflict-blocks.js';
import { conflictMarkerLine } from '../../parser/conflict-markers.js';
import { decodeUtf8 } from '../../parser/text.js';
import { JournalError } from '../../model/errors.js';
import { git, gitSaid, gitTopLevel, gitValue } from '../../journal/git.js';
import { setUpGitSync, syncDriverDiagnostics } from '../../journal/sync-setup.js';
import { loadLayout } from '../../journal/layout.js';
import { journalMarkdownFiles } from '../../journal/markdown-files.js';
import { nodeFileSystem } from '../../journal/node-file-system.js';
import { updateFile } from '../../journal/update-file.js';
import { relativeTo } from '../../journal/file-system.js';
import { toPosix, UsageError, type CommandContext } from '../context.js';
import { plural } from './check.js';

/** One file's merge, as the driver records it for `kaizen sync` to tell. */
interface MergeRecord {
  path: string;
  decisions: MergeDecision[];
  keptBoth: number;
  conflicts: Array<{ line: number; reason: string }>;
}

function readText(file: string): string | null {
  const decoded = decodeUtf8(fs.readFileSync(file));
  return decoded.ok ? decoded.text : null;
}

/**
 * git's merge driver: `kaizen merge-driver %O %A %B %L %P`. Writes the merge into %A; exit 0 when
 * clean, 1 with conflict markers of length %L. On anything it cannot read, git's own merge runs instead,
 * so a note is never left half-merged.
 */
export async function runMergeDriver(ctx: CommandContext, files: string[]): Promise<number> {
  const [baseFile, oursFile, theirsFile, size, shownPath] = files;
  if (!baseFile || !oursFile || !theirsFile) throw new UsageError('merge-driver takes %O %A %B [%L] [%P] from git (see `kaizen sync setup`)');
  const markerSize = size === undefined ? 7 : Number(size);
  const where = shownPath ?? oursFile;
  try {
    const base = fs.statSync(baseFile).size === 0 ? null : readText(baseFile);
    const ours = readText(oursFile);
    const theirs = readText(theirsFile);
    if (ours === null || theirs === null || (base === null && fs.statSync(baseFile).size > 0)) {
      ctx.err(`kaizen: ${where} is not valid UTF-8: merged by git line by line`);
      return await gitMergeFile(ctx, baseFile, oursFile, theirsFile, markerSize);
    }
    const result = mergeJournalFile(base, ours, theirs, { markerSize: Number.isInteger(markerSize) ? markerSize : 7 });
    fs.writeFileSync(oursFile, result.text);
    for (const c of result.conflicts) ctx.err(`kaizen: ${where}:${c.line}: left for you to choose: ${c.reason}`);
    const report = ctx.io.env.KAIZEN_MERGE_REPORT;
    if (report) {
      const record: MergeRecord = { path: where, decisions: result.decisions, keptBoth: result.keptBoth, conflicts: result.conflicts };
      fs.appendFileSync(report, `${JSON.stringify(record)}\n`);
    }
    return result.conflicts.length ? 1 : 0;
  } catch (e) {
    ctx.err(`kaizen: could not merge ${where} by meaning (${e instanceof Error ? e.message : String(e)}): merged by git line by line`);
    return gitMergeFile(ctx, baseFile, oursFile, theirsFile, markerSize);
  }
}

async function gitMergeFile(ctx: CommandContext, base: string, ours: string, theirs: string, markerSize: number): Promise<number> {
  const size = Number.isInteger(markerSize) && markerSize > 0 ? markerSize : 7;
  const r = await git(ctx.io.cwd, ['merge-file', '--diff3', `--marker-size=${size}`, '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs]);
  return r.code === 0 ? 0 : 1;
}

/** Every Markdown file of the journal holding a complete conflict block. */
function filesWithMarkers(root: string, reports: string): string[] {
  return journalMarkdownFiles(root, reports).map((rel) => path.join(root, rel)).filter((abs) => {
    const text = readText(abs);
    return text !== null && conflictMarkerLine(text) !== null;
  });
}

export async function runResolve(ctx: CommandContext, files: string[]): Promise<number> {
  const root = await ctx.root();
  const targets = files.length ? files.map((f) => path.resolve(ctx.io.cwd, f)) : filesWithMarkers(root, (await loadLayout(nodeFileSystem, root)).layout.reports);
  if (targets.length === 0) {
    ctx.err(ctx.style.green('no file of the journal holds conflict markers'));
    return 0;
  }
  let left = 0;
  const summary: unknown[] = [];
  for (const abs of targets) {
    const rel = relativeTo(toPosix(root), toPosix(abs)) ?? toPosix(abs);
    if (!fs.existsSync(abs)) throw new JournalError(`${rel}: no such file`);
    const { resolved } = await updateFile(abs, rel, (current) => {
      const result = current === null ? null : resolveConflictMarkers(current);
      return { text: result?.text ?? current ?? '', edits: [], changed: result?.changed ?? false, line: result?.conflicts[0]?.line ?? 1, resolved: result };
    });
    if (!resolved) {
      summary.push({ file: rel, blocks: 0, left: [] });
      if (!ctx.json) ctx.err(ctx.style.dim(`${rel}: no conflict markers`));
      continue;
    }
    const done = resolved;
    left += done.conflicts.length;
    summary.push({ file: rel, blocks: done.blocks, left: done.conflicts, decisions: done.decisions });
    if (ctx.json) continue;
    if (done.conflicts.length === 0) ctx.out(ctx.style.green(`${rel}: resolved ${plural(done.blocks, 'conflict')}`) + describeDecisions(done.decisions, 'ours', 'theirs'));
    else {
      ctx.out(ctx.style.yellow(`${rel}: ${plural(done.conflicts.length, 'conflict')} left for you to choose`));
      for (const c of done.conflicts) ctx.out(`${rel}:${c.line}:1 ${c.reason}`);
    }
  }
  if (ctx.json) ctx.out(JSON.stringify({ files: summary, left }, null, 2));
  else if (left === 0 && (await gitValue(root, ['rev-parse', '--is-inside-work-tree']).catch(() => null)) === 'true') {
    ctx.err(ctx.style.dim('commit the resolved files (git add + git commit), or run `kaizen sync`'));
  }
  return left ? 1 : 0;
}

function describeDecisions(decisions: readonly MergeDecision[], ours: string, theirs: string): string {
  if (!decisions.length) return '';
  return `: kept ${decisions.map((d) => `${d.what} from ${d.side === 'ours' ? ours : theirs}`).join(', ')}`;
}

/** How git will start this very program: `kaizen` when that is what PATH finds, else node and the script. */
function selfCommand(ctx: CommandContext): string {
  const script = ctx.io.self?.script;
  if (!script) throw new JournalError('cannot tell where this kaizen program is installed; run it as `kaizen`');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return null;
    }
  };
  // npx runs the package from its cache, which npm may clear at any time: git would then find no driver.
  if (/[\\/]_npx[\\/]/.test(real(script) ?? script)) {
    throw new JournalError('kaizen runs from npx here, so git could not find it on a later merge: install it first '
      + '(npm install -g kaizen-journal), then run kaizen sync setup');
  }
  for (const dir of (ctx.io.env.PATH ?? '').split(path.delimiter)) {
    if (dir && real(path.join(dir, 'kaizen')) === real(script)) return 'kaizen';
  }
  return `${quote(ctx.io.self?.node ?? process.execPath)} ${quote(script)}`;
}

export async function runSyncSetup(ctx: CommandContext): Promise<number> {
  const root = await ctx.root();
  const { layout } = await loadLayout(nodeFileSystem, root);
  const steps = await setUpGitSync(layout, selfCommand(ctx));
  if (ctx.json) {
    ctx.out(JSON.stringify({ steps }, null, 2));
    return 0;
  }
  for (const s of steps) ctx.out(`${s.changed ? ctx.style.green('added  ') : ctx.style.dim('already')} ${s.what}\n        ${ctx.style.dim(s.why)}`);
  const changed = steps.filter((s) => s.changed).length;
  ctx.err(changed
    ? 'git sync is set up on this machine; commit .gitattributes so every device uses it, and run `kaizen sync setup` once on each device'
    : ctx.style.dim('git sync was already set up on this machine'));
  return 0;
}

/** The remote and branch to sync with: the branch's upstream, else the only (or `origin`) remote. */
async function syncTarget(top: string): Promise<{ remote: string; branch: string; upstream: boolean }> {
  const branch = await gitValue(top, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (!branch) throw new JournalError('the repository is not on a branch (a detached HEAD or a rebase in progress): finish that first, then run kaizen sync');
  const upstream = await gitValue(top, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}']);
  if (upstream) {
    const remote = await gitValue(top, ['config', '--get', `branch.${branch}.remote`]);
    const merge = await gitValue(top, ['config', '--get', `branch.${branch}.merge`]);
    if (remote && merge) return { remote, branch: merge.replace(/^refs\/heads\//, ''), upstream: true };
  }
  const remotes = (await gitValue(top, ['remote']))?.split('\n').filter(Boolean) ?? [];
  if (remotes.length === 0) throw new JournalError('the journal\'s repository has no remote to sync with: add one with `git remote add origin <url>`');
  const remote = remotes.includes('origin') ? 'origin' : (remotes[0] as string);
  return { remote, branch, upstream: false };
}

export async function runSync(ctx: CommandContext): Promise<number> {
  const root = await ctx.root();
  const top = await gitTopLevel(root);
  const missing = await syncDriverDiagnostics(root);
  const attributes = fs.existsSync(path.join(root, '.gitattributes')) && /merge=kaizen/.test(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8'));
  if (missing.length || !attributes) {
    throw new JournalError('git sync is not set up on this machine (git would merge journal notes line by line): run `kaizen sync setup` once, then kaizen sync');
  }
  if (await gitValue(top, ['rev-parse', '--verify', '--quiet', 'REBASE_HEAD']) !== null
    || fs.existsSync(path.join(top, '.git', 'rebase-merge')) || fs.existsSync(path.join(top, '.git', 'MERGE_HEAD'))) {
    throw new JournalError('a merge or rebase is in progress in the journal\'s repository: finish it (or `git rebase --abort`) first');
  }
  const { remote, branch, upstream } = await syncTarget(top);
  const say = (text: string) => (ctx.json ? undefined : ctx.err(text));

  const status = await git(top, ['status', '--porcelain', '--', root]);
  if (status.stdout.trim()) {
    const add = await git(top, ['add', '-A', '--', root]);
    if (add.code !== 0) throw new JournalError(`git add failed: ${gitSaid(add)}`);
    const message = `Journal from ${os.hostname()} on ${ctx.today()}`;
    const commit = await git(top, ['commit', '--quiet', '-m', message]);
    if (commit.code !== 0) throw new JournalError(`git commit failed: ${gitSaid(commit)}`);
    say(`committed ${plural(status.stdout.trim().split('\n').length, 'changed file')}: "${message}"`);
  }

  const records: MergeRecord[] = [];
  const exists = await git(top, ['ls-remote', '--exit-code', '--heads', remote, branch]);
  if (exists.code !== 0 && exists.code !== 2) throw new JournalError(`cannot reach ${remote}: ${gitSaid(exists)}`);
  let pulled = 0;
  if (exists.code === 0) {
    const before = await gitValue(top, ['rev-parse', 'HEAD']);
    const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-sync-')), 'merges.jsonl');
    try {
      const pull = await git(top, ['pull', '--rebase', '--autostash', '--no-edit', remote, branch], { KAIZEN_MERGE_REPORT: reportFile });
      if (fs.existsSync(reportFile)) {
        for (const line of fs.readFileSync(reportFile, 'utf8').split('\n')) if (line) records.push(JSON.parse(line) as MergeRecord);
      }
      if (pull.code !== 0) {
        const unmerged = (await gitValue(top, ['diff', '--name-only', '--diff-filter=U'])) ?? '';
        await git(top, ['rebase', '--abort']);
        const lines = records.flatMap((r) => r.conflicts.map((c) => `  ${r.path}:${c.line}: ${c.reason}`));
        const files = unmerged.split('\n').filter(Boolean).map((f) => `  ${f}`);
        throw new JournalError(`could not merge with ${remote}/${branch}; nothing was changed (this device's commits are as they were).\n`
          + (lines.length ? `Both devices changed these lines differently:\n${lines.join('\n')}\n` : files.length ? `Files git could not merge:\n${files.join('\n')}\n` : `git said: ${gitSaid(pull)}\n`)
          + 'Make the line the same on one device (or keep one version), then run kaizen sync again.');
      }
    } finally {
      fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
    }
    const after = await gitValue(top, ['rev-parse', 'HEAD']);
    if (before && after && before !== after) pulled = Number((await gitValue(top, ['rev-list', '--count', `${before}..${after}`])) ?? 0);
  }
  const ahead = Number((await gitValue(top, ['rev-list', '--count', exists.code === 0 ? `${remote}/${branch}..HEAD` : 'HEAD'])) ?? 0);
  if (ahead > 0) {
    const push = await git(top, ['push', ...(upstream ? [] : ['--set-upstream']), remote, `HEAD:refs/heads/${branch}`]);
    if (push.code !== 0) {
      throw new JournalError(`git push to ${remote} failed: ${gitSaid(push)}\nThe merge is done here; run kaizen sync again to push it.`);
    }
  }
  const other = `the other device (${remote})`;
  if (ctx.json) ctx.out(JSON.stringify({ remote, branch, pushed: ahead, merges: records }, null, 2));
  else {
    for (const r of records) {
      const words = [...r.decisions.map((d) => `${d.what} from ${d.side === 'ours' ? other : 'this device'}`)];
      if (r.keptBoth) words.push(`lines both devices added (${r.keptBoth === 1 ? 'one place' : `${r.keptBoth} places`})`);
      ctx.out(`${r.path}: ${words.length ? `kept ${words.join(', ')}` : 'merged'}`);
    }
    say(ctx.style.green(`in sync with ${remote}/${branch}: ${exists.code === 0 ? `${plural(pulled, 'commit')} from ${remote}` : `${remote} had no ${branch} yet`}, ${plural(ahead, 'commit')} pushed`));
  }
  return 0;
}

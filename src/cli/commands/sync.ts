// Journals across devices (FORMAT §10): git's merge driver, `kaizen resolve` for files that already
// hold markers, `kaizen sync setup` and `kaizen sync` (pull with rebase, then push).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mergeJournalFile, type MergeDecision } from '../../model/merge/merge-file.js';
import { resolveConflictMarkers, splitConflictMarkers, type ResolveResult as MarkerResolution } from '../../model/merge/conflict-blocks.js';
import { resolveFromHistory } from '../../journal/conflict-history.js';

type ResolveResult = MarkerResolution & { fromHistory?: boolean };
import { conflictMarkerLine } from '../../parser/conflict-markers.js';
import { decodeUtf8 } from '../../parser/text.js';
import { JournalError } from '../../model/errors.js';
import { git, gitSaid, gitTopLevel, gitValue } from '../../journal/git.js';
import { refreshDriverShim, setUpGitSync, syncDriverDiagnostics } from '../../journal/sync-setup.js';
import { settleArrived } from './sync-arrived.js';
import { changedPaths, commitOnly, filesHoldingMarkers, isJournalFile, refuseUnfinishedGit, unmergedFiles } from '../../journal/sync-state.js';
import { loadLayout, type Layout } from '../../journal/layout.js';
import { journalMarkdownFiles, nodeFileSystem } from '../../journal/node-file-system.js';
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
  /** Where the file stops being UTF-8 on a side: merged by git's line merge instead. */
  invalid?: { line: number; column: number };
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
    const report = (record: MergeRecord) => {
      if (ctx.io.env.KAIZEN_MERGE_REPORT) fs.appendFileSync(ctx.io.env.KAIZEN_MERGE_REPORT, `${JSON.stringify(record)}\n`);
    };
    const decoded = [baseFile, oursFile, theirsFile].map((f) => decodeUtf8(fs.readFileSync(f)));
    const bad = decoded.find((d) => !d.ok);
    if (bad && !bad.ok) {
      ctx.err(`kaizen: ${where} is not valid UTF-8 (line ${bad.line}, column ${bad.column}): merged by git line by line`);
      const code = await gitMergeFile(ctx, baseFile, oursFile, theirsFile, markerSize);
      report({ path: where, decisions: [], keptBoth: 0, conflicts: [], invalid: { line: bad.line, column: bad.column } });
      return code;
    }
    const [base, ours, theirs] = decoded.map((d) => (d.ok ? d.text : '')) as [string, string, string];
    const result = mergeJournalFile(fs.statSync(baseFile).size === 0 ? null : base, ours, theirs, { markerSize: Number.isInteger(markerSize) ? markerSize : 7 });
    fs.writeFileSync(oursFile, result.text);
    for (const c of result.conflicts) ctx.err(`kaizen: ${where}:${c.line}: left for you to choose: ${c.reason}`);
    report({ path: where, decisions: result.decisions, keptBoth: result.keptBoth, conflicts: result.conflicts });
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

/** One file's resolution by meaning: from git's history when its markers lack a base or nest, else from the markers. */
async function resolveOne(top: string | null, abs: string, current: string): Promise<ResolveResult | null> {
  const sides = splitConflictMarkers(current);
  if (sides?.base !== null && sides !== null) return resolveConflictMarkers(current);
  if (top !== null && conflictMarkerLine(current) !== null) {
    const rel = relativeTo(toPosix(top), toPosix(abs));
    const found = rel === null ? null : await resolveFromHistory(top, rel, current);
    if (found) return { text: found.text, conflicts: [], decisions: [], keptBoth: 0, blocks: countBlocks(current), changed: found.text !== current, fromHistory: true };
  }
  if (sides) return resolveConflictMarkers(current);
  if (conflictMarkerLine(current) === null) return null;
  const line = conflictMarkerLine(current) ?? 1;
  return { text: current, conflicts: [{ line, reason: 'conflict markers inside conflict markers, and git\'s history cannot tell the sides: choose by hand' }], decisions: [], keptBoth: 0, blocks: countBlocks(current), changed: false };
}

function countBlocks(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((l) => /^<{7}(?: |$)/.test(l)).length;
}

export async function runResolve(ctx: CommandContext, files: string[]): Promise<number> {
  const root = await ctx.root();
  const targets = files.length ? files.map((f) => path.resolve(ctx.io.cwd, f)) : filesWithMarkers(root, (await loadLayout(nodeFileSystem, root)).layout.reports);
  if (targets.length === 0) {
    ctx.err(ctx.style.green('no file of the journal holds conflict markers'));
    return 0;
  }
  const top = await gitValue(root, ['rev-parse', '--show-toplevel']).catch(() => null);
  let left = 0;
  const summary: unknown[] = [];
  for (const abs of targets) {
    const rel = relativeTo(toPosix(root), toPosix(abs)) ?? toPosix(abs);
    if (!fs.existsSync(abs)) throw new JournalError(`${rel}: no such file`);
    const before = readText(abs);
    const planned = before === null ? null : await resolveOne(top, abs, before);
    const { resolved } = await updateFile(abs, rel, (current) => {
      // Written to meanwhile: resolve what is there now, from the markers alone.
      const result: ResolveResult | null = current === before ? planned : current === null ? null : resolveConflictMarkers(current);
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
    if (done.conflicts.length === 0) {
      ctx.out(ctx.style.green(`${rel}: resolved ${plural(done.blocks, 'conflict')}`)
        + (done.fromHistory ? ': both sides and their base read from git\'s history' : describeDecisions(done.decisions, 'ours', 'theirs')));
    } else {
      ctx.out(ctx.style.yellow(`${rel}: ${plural(done.conflicts.length, 'conflict')} left for you to choose`));
      for (const c of done.conflicts) ctx.out(`${rel}:${c.line}:1 ${c.reason}`);
    }
  }
  if (ctx.json) ctx.out(JSON.stringify({ files: summary, left }, null, 2));
  else if (left === 0 && top !== null) {
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
  // dist/kaizen.mjs, the launcher's former name, only loads dist/kaizen.cjs beside it: the same program.
  const launcher = (p: string) => real(p)?.replace(/([\\/]dist[\\/]kaizen)\.mjs$/, '$1.cjs') ?? null;
  const self = launcher(script);
  for (const dir of (ctx.io.env.PATH ?? '').split(path.delimiter)) {
    if (dir && self !== null && launcher(path.join(dir, 'kaizen')) === self) return 'kaizen';
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

/**
 * Refuses when git here would not merge notes by meaning: no driver, or one that cannot start (git
 * would then keep this device's side and drop the other's). A shim of ours pointing at a kaizen that
 * moved is pointed at this one first.
 */
async function requireWorkingDriver(ctx: CommandContext, root: string): Promise<void> {
  const attributes = fs.existsSync(path.join(root, '.gitattributes')) && /merge=kaizen(\s|$)/m.test(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8'));
  let problems = await syncDriverDiagnostics(root);
  if (problems.some((d) => d.code === 'sync-driver-broken')) {
    let self: string | null = null;
    try {
      self = selfCommand(ctx);
    } catch {
      self = null;
    }
    if (self && await refreshDriverShim(root, self)) {
      problems = await syncDriverDiagnostics(root);
      if (!problems.length && !ctx.json) ctx.err(ctx.style.dim(`the merge driver had moved: git now starts it as ${self}`));
    }
  }
  const broken = problems.find((d) => d.code === 'sync-driver-broken');
  if (broken) throw new JournalError(`${broken.message.replace(/; run `kaizen sync setup` here$/, '')}.\nNothing was synced: run \`kaizen sync setup\` here, then kaizen sync.`);
  if (problems.length || !attributes) {
    throw new JournalError('git sync is not set up on this machine (git would merge journal notes line by line): run `kaizen sync setup` once, then kaizen sync');
  }
}

/** Commits the journal's changed files (or every changed file with `all`); says what it left out. */
async function commitJournal(ctx: CommandContext, top: string, root: string, layout: Layout, all: boolean): Promise<void> {
  const prefix = relativeTo(toPosix(top), toPosix(root)) ?? '';
  const changed = await changedPaths(top, root);
  const fromRoot = (p: string) => (prefix === '' ? p : p.slice(prefix.length + 1));
  const mine = changed.filter((c) => all || isJournalFile(layout, fromRoot(c.path)));
  const left = [...new Set(changed.filter((c) => !mine.includes(c)).map((c) => c.path))];
  const paths = [...new Set(mine.map((c) => c.path))];
  const marked = filesHoldingMarkers(top, paths);
  if (marked.length) {
    throw new JournalError(`these files hold conflict markers; nothing was committed:\n${marked.map((m) => `  ${m}`).join('\n')}\n`
      + 'Finish them (`kaizen resolve` for journal notes, or choose by hand), then run kaizen sync again.');
  }
  const message = `Journal from ${os.hostname()} on ${ctx.today()}`;
  if (await commitOnly(top, paths, message) && !ctx.json) ctx.err(`committed ${plural(paths.length, 'changed file')}: "${message}"`);
  if (left.length && !ctx.json) {
    const shown = left.slice(0, 6).join(', ') + (left.length > 6 ? `, and ${left.length - 6} more` : '');
    ctx.err(ctx.style.dim(`left out ${plural(left.length, 'file')} that are not journal notes: ${shown} (commit them yourself, or kaizen sync --all)`));
  }
}

interface Integration {
  records: MergeRecord[];
  how: 'none' | 'rebase' | 'merge';
}

async function attempt(top: string, args: string[]): Promise<{ ok: boolean; records: MergeRecord[]; said: string; unmerged: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-sync-'));
  const reportFile = path.join(dir, 'merges.jsonl');
  try {
    const r = await git(top, args, { KAIZEN_MERGE_REPORT: reportFile });
    const records: MergeRecord[] = [];
    if (fs.existsSync(reportFile)) {
      for (const line of fs.readFileSync(reportFile, 'utf8').split('\n')) if (line) records.push(JSON.parse(line) as MergeRecord);
    }
    return { ok: r.code === 0, records, said: gitSaid(r), unmerged: r.code === 0 ? [] : await unmergedFiles(top) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * This device's commits onto the other's: replayed one by one (a straight history) when they go on
 * cleanly; else the two ends merged at once, so a line made the same on this device after a conflict
 * (what `kaizen sync` advises) merges although an older commit of this device still differs.
 */
async function integrate(top: string, theirs: string, label: string): Promise<Integration> {
  const rebase = await attempt(top, ['rebase', '--autostash', theirs]);
  if (rebase.ok) return { records: rebase.records, how: 'rebase' };
  await git(top, ['rebase', '--abort']);
  const merge = await attempt(top, ['merge', '--autostash', '--no-edit', '-m', `Merge ${label} into this device's journal`, theirs]);
  if (merge.ok) return { records: merge.records, how: 'merge' };
  await git(top, ['merge', '--abort']);
  throw new JournalError(`could not merge with ${label}; nothing was changed (this device's commits are as they were).\n${conflictAdvice(merge.records, merge.unmerged, merge.said)}`);
}

function conflictAdvice(records: MergeRecord[], unmerged: string[], said: string): string {
  const invalid = records.filter((r) => r.invalid);
  const lines = records.flatMap((r) => r.conflicts.map((c) => `  ${r.path}:${c.line}: ${c.reason}`));
  const notes = new Set(records.map((r) => r.path));
  const others = unmerged.filter((f) => !notes.has(f));
  const out: string[] = [];
  for (const r of invalid) {
    out.push(`${r.path} is not valid UTF-8 (line ${r.invalid?.line}, column ${r.invalid?.column} on one device), so it cannot be merged by meaning `
      + 'and git could not merge it line by line. Open it on that device, save it as UTF-8 (`kaizen check` shows where), then run kaizen sync again.');
  }
  if (lines.length) {
    out.push(`Both devices changed these lines differently:\n${lines.join('\n')}`);
    out.push('Make the line the same on one device (or keep one version), then run kaizen sync again.');
  }
  if (others.length && !invalid.length) {
    out.push(`git could not merge these files, which are not journal notes:\n${others.map((f) => `  ${f}`).join('\n')}\n`
      + 'Keep one version of each (or stop tracking it: `git rm --cached <file>` and add it to .gitignore), commit, then run kaizen sync again.');
  }
  if (!out.length) out.push(`git said: ${said}`);
  return out.join('\n');
}

export async function runSync(ctx: CommandContext, options: { all?: boolean } = {}): Promise<number> {
  const root = await ctx.root();
  const top = await gitTopLevel(root);
  const { layout } = await loadLayout(nodeFileSystem, root);
  await requireWorkingDriver(ctx, root);
  await refuseUnfinishedGit(top);
  const { remote, branch, upstream } = await syncTarget(top);
  const say = (text: string) => (ctx.json ? undefined : ctx.err(text));
  await commitJournal(ctx, top, root, layout, options.all === true);

  const exists = await git(top, ['ls-remote', '--exit-code', '--heads', remote, branch]);
  if (exists.code !== 0 && exists.code !== 2) throw new JournalError(`cannot reach ${remote}: ${gitSaid(exists)}`);
  let pulled = 0;
  let records: MergeRecord[] = [];
  let how: Integration['how'] = 'none';
  let markersLeft: string[] = [];
  const tracking = `refs/remotes/${remote}/${branch}`;
  if (exists.code === 0) {
    const fetch = await git(top, ['fetch', '--quiet', remote, `+refs/heads/${branch}:${tracking}`]);
    if (fetch.code !== 0) throw new JournalError(`cannot fetch from ${remote}: ${gitSaid(fetch)}`);
    const before = await gitValue(top, ['rev-parse', 'HEAD']);
    // Commits the other device made that this one lacks: its own commits replayed are not among them.
    pulled = Number((await gitValue(top, ['rev-list', '--count', before ? `${before}..${tracking}` : tracking])) ?? 0);
    if (pulled > 0) {
      const done = await integrate(top, tracking, `${remote}/${branch}`);
      ({ records, how } = done);
      const leftOver = await unmergedFiles(top);
      if (leftOver.length) {
        say(ctx.style.yellow(`your uncommitted changes to ${leftOver.join(', ')} conflict with the other device's: `
          + 'git kept them in the stash (`git stash list`); keep one version of each file'));
      } else if (before) {
        markersLeft = await settleArrived(ctx, top, root, layout, before);
      }
    }
  }
  const ahead = Number((await gitValue(top, ['rev-list', '--count', exists.code === 0 ? `${tracking}..HEAD` : 'HEAD'])) ?? 0);
  if (ahead > 0) {
    const push = await git(top, ['push', ...(upstream ? [] : ['--set-upstream']), remote, `HEAD:refs/heads/${branch}`]);
    if (push.code !== 0) {
      throw new JournalError(`git push to ${remote} failed: ${gitSaid(push)}\nThe merge is done here; run kaizen sync again to push it.`);
    }
  }
  const other = `the other device (${remote})`;
  // A rebase replays this device's commits onto the other's (theirs is this device); a merge is the other way round.
  const otherSide = how === 'merge' ? 'theirs' : 'ours';
  if (ctx.json) ctx.out(JSON.stringify({ remote, branch, pulled, pushed: ahead, merges: records }, null, 2));
  else {
    for (const r of records) {
      const words = [...r.decisions.map((d) => `${d.what} from ${d.side === otherSide ? other : 'this device'}`)];
      if (r.keptBoth) words.push(`lines both devices added (${r.keptBoth === 1 ? 'one place' : `${r.keptBoth} places`})`);
      ctx.out(`${r.path}: ${words.length ? `kept ${words.join(', ')}` : 'merged'}`);
    }
    say(ctx.style.green(`in sync with ${remote}/${branch}: ${exists.code === 0 ? `${plural(pulled, 'commit')} from ${remote}` : `${remote} had no ${branch} yet`}, ${plural(ahead, 'commit')} pushed`));
  }
  if (markersLeft.length) {
    say(ctx.style.yellow(`another device committed conflict markers that git's history cannot settle:\n${markersLeft.map((m) => `  ${m}`).join('\n')}\n`
      + 'Choose by hand (`kaizen resolve` lists each line), then run kaizen sync again.'));
    return 1;
  }
  return 0;
}

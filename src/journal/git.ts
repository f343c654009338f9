// Running git for the sync commands: its output kept whole, its failures as values, never thrown,
// so each caller can tell a person what git said and what to do next.
import { spawn } from 'node:child_process';
import { JournalError } from '../model/errors.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: git's own messages are matched in a few places; people see them as git wrote them.
    const child = spawn('git', args, { cwd, env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new JournalError('git is not installed (or not on PATH): install git to sync the journal') : e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** git's stdout trimmed, or null when git failed (an unset config key, no such ref). */
export async function gitValue(cwd: string, args: readonly string[]): Promise<string | null> {
  const r = await git(cwd, args);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The work tree's top folder, or a clear refusal outside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string> {
  const top = await gitValue(cwd, ['rev-parse', '--show-toplevel']);
  if (top === null) {
    throw new JournalError(`${cwd} is not inside a git work tree: run \`git init\` there (or clone your journal's repository) first`);
  }
  return top;
}

/** git's own words, one line, for a message. */
export function gitSaid(result: GitResult): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('hint:'));
  return lines.slice(0, 6).join(' / ') || `git exited with ${result.code}`;
}

// Shared by the tests: throwaway journals on disk, and the CLI run in-process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/main.js';

export const SAMPLE = path.resolve(__dirname, '../samples/journal');
export const CLI_BIN = path.resolve(__dirname, '../dist/kaizen.cjs');

const created = new Set<string>();

/** A fresh folder in the system temp folder, removed after the test file (tests/setup.ts), also when it fails. */
export function tempDir(prefix = 'kaizen-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.add(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created) {
    // A test may have made a folder read-only to provoke a write error: give the permission back first.
    try {
      fs.chmodSync(dir, 0o700);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    created.delete(dir);
  }
}

/** A journal made of the given files (relative path -> text or bytes). */
export function makeJournal(files: Record<string, string | Uint8Array>): string {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'kaizen.yaml'), 'goals: goals\n');
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/**
 * A copy of the sample to write into. It lives in the real today unless `pinned`: the sample's
 * kaizen.yaml pins `as_of` (its last day) so it never looks abandoned in a demo.
 */
export function copySample(options: { pinned?: boolean } = {}): string {
  const root = tempDir();
  fs.cpSync(SAMPLE, root, { recursive: true });
  if (!options.pinned) {
    const config = path.join(root, 'kaizen.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^as_of:.*\n/m, ''));
  }
  return root;
}

/** Every file under a folder with its bytes, to prove a command wrote nothing. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.set(path.relative(root, abs), fs.readFileSync(abs).toString('base64'));
    }
  };
  walk(root);
  return out;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], options: { cwd?: string; now?: Date; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    now: () => options.now ?? new Date(2026, 10, 22, 12, 0, 0),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** mulberry32: a small seeded generator, so a randomized test's failure replays from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

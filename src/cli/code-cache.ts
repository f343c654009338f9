// Node 20 has no compile cache for ES modules (module.enableCompileCache is Node 22), and compiling the
// CLI's JavaScript is a large part of a quick command such as `kaizen log`. So the CLI is also built as
// one classic script (dist/chunks/cli.cjs), compiled here through vm.Script with V8's code cache: the
// cache of each command is written after its first run, beside the parse cache, and V8 rejects one made
// by another V8 or with other flags (then it is written again). The file's name holds the hash of the
// script's bytes, so another build never reads it, and the file starts with the SHA-1 of what follows:
// V8 checks a cache's version and length, not every byte, and a damaged one must never reach it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { cacheDirectory } from '../journal/cache-directory.js';

/** The commands that get a code cache of their own (the functions one command compiles are not another's). */
export const CODE_CACHED_COMMANDS: readonly string[] = ['init', 'today', 'log', 'toggle', 'check', 'stats', 'report',
  'review', 'watch', 'sprint', 'calendar', 'export', 'import', 'rename', 'lsp', 'remind', 'standup', 'sync', 'resolve', 'daemon',
  'merge-driver'];

/** Where the code cache of a script (by the hash of its bytes) for this command lives; null when none is kept. */
export function codeCacheFile(env: Record<string, string | undefined>, scriptHash: string | undefined,
  command: string | undefined): string | null {
  if (!scriptHash || env.KAIZEN_CACHE === 'off') return null;
  const which = command !== undefined && CODE_CACHED_COMMANDS.includes(command) ? command : 'other';
  return path.join(cacheDirectory(env), 'code', `${scriptHash}-${process.version}-${process.arch}-${which}.bin`);
}

/**
 * Runs a CommonJS script as node would require it, compiled with the code cache at `cacheFile` when there is
 * a usable one; when there is none (or V8 refused it), the cache is written as the process exits.
 */
export function runWithCodeCache(scriptUrl: URL, cacheFile: string | null): void {
  const script = fileURLToPath(scriptUrl);
  // The build writes the script as ASCII: read as Latin-1, it needs no UTF-8 decoding.
  const source = fs.readFileSync(script, 'latin1');
  const cachedData = cacheFile ? readCodeCache(cacheFile) : undefined;
  // The function around a CommonJS module, as node's own loader wraps one.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const compiled = new vm.Script(wrapped, { filename: script, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile && (!cachedData || compiled.cachedDataRejected)) {
    // At exit: the cache then holds the functions this command compiled, not only the top level.
    process.once('exit', () => writeCodeCache(cacheFile, compiled));
  }
  type ModuleFunction = (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  const run = compiled.runInThisContext() as ModuleFunction;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(script), module, script, path.dirname(script));
}

const DIGEST_BYTES = 20;
const digest = (data: Uint8Array) => createHash('sha1').update(data).digest();

/** The cache's bytes for V8 when they are the ones written; undefined when missing or damaged. */
function readCodeCache(cacheFile: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && digest(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Atomic (readers see a whole cache or none), and old builds' caches go: a failure only costs speed. */
function writeCodeCache(cacheFile: string, compiled: vm.Script): void {
  const dir = path.dirname(cacheFile);
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const data = compiled.createCachedData();
    fs.writeFileSync(temp, Buffer.concat([digest(data), data]));
    fs.renameSync(temp, cacheFile);
    const current = path.basename(cacheFile).split('-')[0] as string;
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(current) && name.endsWith('.bin')) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

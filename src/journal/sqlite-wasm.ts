// SQLite as wasm (sql.js), for Loop Habit Tracker's backups. Imported only with `await import()`: the wasm is
// about 700 KB, and no command but `import loop` of a .db and `export loop` should pay for it at start-up.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { JournalError } from '../model/errors.js';

let loaded: Promise<SqlJsStatic> | null = null;

/**
 * The build copies sql-wasm.wasm beside this module's chunk (dist/chunks/); run from the sources (tests), the
 * installed package has it. Handing over the bytes keeps emscripten from looking for files itself.
 */
function wasmBytes(): Uint8Array {
  const beside = new URL('./sql-wasm.wasm', import.meta.url);
  if (fs.existsSync(beside)) return fs.readFileSync(beside);
  try {
    return fs.readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
  } catch {
    // The copy of the CLI inside the VS Code extension (there for git's merge driver) ships without it.
    throw new JournalError(`SQLite for Loop backups (sql-wasm.wasm) is not installed beside ${new URL('.', import.meta.url).pathname}: `
      + 'run the kaizen CLI installed from npm');
  }
}

export function loadSqlite(): Promise<SqlJsStatic> {
  loaded ??= initSqlJs({ wasmBinary: wasmBytes() });
  return loaded;
}

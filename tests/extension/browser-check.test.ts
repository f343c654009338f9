// The build's check of the web worker's bundle: it refuses what would fail only once a journal is opened in a
// browser (a Node module, a Node or DOM global), names the module at fault, and passes the real entry.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
// @ts-expect-error a build script, plain JavaScript
import { checkedBrowserBuild } from '../../scripts/browser-bundle.mjs';

const check = checkedBrowserBuild as (entry: string) => Promise<unknown>;

function entryWith(files: Record<string, string>): string {
  const dir = tempDir('kaizen-browser-check-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, 'entry.ts');
}

describe('the browser bundle check', () => {
  it('passes the extension\'s browser entry', async () => {
    await expect(check('src/extension/browser.ts')).resolves.toBeTruthy();
  }, 60_000);

  it.each([
    ['node:fs', "import fs from 'node:fs';\nexport const read = () => fs.readFileSync('x');\n", /node:fs is a Node module \(imported by .*helper\.ts\)/],
    ['a bare builtin', "import { join } from 'path';\nexport const j = join('a', 'b');\n", /path is a Node module/],
    ['node:os imported for its side effects alone', "import 'node:os';\nexport const n = 1;\n", /node:os is a Node module/],
    ['process', 'export const home = process.env.HOME;\n', /globals a web worker does not have: process in .*helper\.ts/],
    ['Buffer', "export const b = Buffer.from('x');\n", /Buffer in .*helper\.ts/],
    ['document', "export const el = () => document.createElement('i');\n", /document in .*helper\.ts/],
  ])('refuses %s, naming the module', async (_what, helper, message) => {
    const entry = entryWith({ 'entry.ts': "import * as h from './helper.js';\nexport const all = h;\n", 'helper.ts': helper });
    await expect(check(entry)).rejects.toThrow(message);
  });

  it('lets a local binding of the same name through, and vscode stay external', async () => {
    const entry = entryWith({ 'entry.ts': "import * as vscode from 'vscode';\nexport function f(process: { env: string }) {\n  const document = vscode.window;\n  return [process.env, document];\n}\n" });
    await expect(check(entry)).resolves.toBeTruthy();
  });
});

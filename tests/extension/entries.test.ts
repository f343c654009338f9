// The extension's two entries, bundled as the build bundles them and activated against a stand-in `vscode`
// that records what they register: the web worker's entry offers every command of the Node host's but the
// ones it cannot run, and those are hidden from the palette wherever they are not registered.
import fs from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a build script, plain JavaScript
import { browserOptions } from '../../scripts/browser-bundle.mjs';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  main: string; browser: string;
  contributes: { commands: { command: string }[]; menus: { commandPalette: { command: string; when: string }[] } };
};

/**
 * A `vscode` whose every namespace, class and function answers with itself, so activation runs through;
 * commands and context keys are recorded. No workspace folder is open: nothing is read.
 */
function standInVscode(record: { commands: string[]; context: Map<string, unknown> }): unknown {
  const anything: object = new Proxy(function () {}, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.iterator ? [][Symbol.iterator] : prop === Symbol.toPrimitive ? () => 0 : anything),
    set: () => true,
    apply: () => anything,
    construct: () => anything,
  });
  const commands = {
    registerCommand(id: string) {
      record.commands.push(id);
      return anything;
    },
    async executeCommand(id: string, key?: string, value?: unknown) {
      if (id === 'setContext') record.context.set(key as string, value);
    },
  };
  const workspace = new Proxy({ workspaceFolders: undefined, textDocuments: [], getConfiguration: () => ({ get: () => undefined }), findFiles: async () => [] }, {
    get: (t, prop) => (prop in t ? t[prop as keyof typeof t] : anything),
  });
  const window = new Proxy({ withProgress: (_o: unknown, task: () => Promise<void>) => task() }, {
    get: (t, prop) => (prop in t ? t[prop as keyof typeof t] : anything),
  });
  // A bundle copies the module's own names (esbuild's `import * as`): every name the extension uses is one.
  const names = fs.readdirSync('src/extension', { recursive: true }).filter((f) => String(f).endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(`src/extension/${f}`, 'utf8').matchAll(/\bvscode\.([A-Za-z]+)/g)].map((m) => m[1]!));
  return { ...Object.fromEntries(names.map((n) => [n, anything])), commands, workspace, window };
}

async function activateEntry(entry: string, platform: 'node' | 'browser'): Promise<{ commands: string[]; context: Map<string, unknown>; api: { platform: string } }> {
  const options = platform === 'browser' ? (browserOptions as (entry: string) => object)(entry) : { entryPoints: [entry], bundle: true, platform, format: 'cjs', external: ['vscode'], logLevel: 'silent' };
  const out = await build({ ...options, write: false });
  const record = { commands: [] as string[], context: new Map<string, unknown>() };
  const vscode = standInVscode(record);
  const module = { exports: {} as { activate(context: unknown): Promise<{ platform: string }> } };
  const load = new Function('module', 'exports', 'require', out.outputFiles[0]!.text) as (m: unknown, e: unknown, r: (id: string) => unknown) => void;
  load(module, module.exports, (id) => {
    if (id === 'vscode') return vscode;
    // The worker's loader gives nothing else; the Node host's gives Node's own modules.
    if (platform === 'browser') throw new Error(`the web entry required ${id}`);
    return (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(id) ?? require(id);
  });
  const context = { subscriptions: [] as unknown[], extensionUri: vscode, extensionPath: '/nowhere', globalState: { get: () => undefined, update: async () => {} } };
  const api = await module.exports.activate(context);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { ...record, api };
}

describe('the Node and the web entries', () => {
  it('register the same commands, but for the Node-only ones, which the palette hides where they are missing', async () => {
    const node = await activateEntry('src/extension/extension.ts', 'node');
    const web = await activateEntry('src/extension/browser.ts', 'browser');
    expect(node.api.platform).toBe('node');
    expect(web.api.platform).toBe('web');
    const { NODE_ONLY_COMMANDS } = await import('../../src/extension/platform.js');
    expect(NODE_ONLY_COMMANDS.length).toBeGreaterThan(0);
    // Every contributed command is registered by the Node entry, and the web entry has all of them but the Node-only ones.
    const contributed = manifest.contributes.commands.map((c) => c.command);
    expect(contributed.filter((c) => !node.commands.includes(c))).toEqual([]);
    expect([...web.commands].sort()).toEqual(node.commands.filter((c) => !NODE_ONLY_COMMANDS.includes(c)).sort());
    expect(new Set(node.commands).size).toBe(node.commands.length);
    // A Node-only command shows in the palette only under a context key that only the Node entry sets.
    for (const id of NODE_ONLY_COMMANDS) {
      const when = manifest.contributes.menus.commandPalette.find((m) => m.command === id)?.when ?? '';
      const key = /\b(kaizen\.canSetUpGitSync)\b/.exec(when)?.[1];
      expect(key, `${id} is hidden on the web`).toBeDefined();
      expect(web.context.has(key!)).toBe(false);
      expect(node.context.has(key!)).toBe(true);
    }
  }, 60_000);

  it('are the ones the manifest names', () => {
    expect(manifest.main).toBe('./dist/extension.cjs');
    // VS Code 1.100's worker takes an extension for an ES module (and refuses to load it) when the manifest
    // says "type": "module" unless `main` ends in .cjs: that suffix is what lets the browser entry load.
    expect((manifest as { type?: string }).type !== 'module' || manifest.main.endsWith('.cjs')).toBe(true);
    // The worker's loader adds `.js` to the path it is given: a `.cjs` browser entry would never load.
    expect(manifest.browser).toBe('./dist/browser.js');
  });
});

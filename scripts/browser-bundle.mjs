// The web worker (vscode.dev, github.dev) has no Node: a bundle that loads a Node module or reads a Node
// global fails only once someone opens a journal in a browser, so the build refuses it. Node modules are
// caught as they are resolved; the globals are renamed to a marker that the output must not contain.
// (`require` is not one: the worker's CommonJS loader hands the bundle one, for `vscode`.) A worker has no
// DOM either: `document` and `window` are refused the same way.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

export const WORKER_MISSING_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate', 'document', 'window'];
const MARKER = '__kaizenMissingInWorker_';

const noNodeModules = {
  name: 'no-node-modules',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0];
      if (!args.path.startsWith('node:') && !builtins.has(bare)) return undefined;
      const by = args.importer ? path.relative(process.cwd(), args.importer) : 'the entry';
      return { errors: [{ text: `${args.path} is a Node module (imported by ${by}): the browser entry cannot load it` }] };
    });
  },
};

/** esbuild options of a bundle for the web worker's extension host. */
export function browserOptions(entry, define = {}) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define,
    // Packages that offer a DOM build under `browser` (decode-named-character-reference: document.createElement)
    // offer a worker build first: the extension runs in a web worker, never in a page.
    conditions: ['worker'],
    plugins: [noNodeModules],
    // rrule's ES module has no default export; src/model/recurrence.ts takes the named one there.
    logOverride: { 'import-is-undefined': 'silent' },
    logLevel: 'silent',
    legalComments: 'none',
    metafile: true,
  };
}

/** Throws, naming each module at fault, when `entry` bundled for the worker needs Node; returns the options. */
export async function checkedBrowserBuild(entry, define = {}) {
  const options = browserOptions(entry, define);
  // Unminified and not written: each use of a global is found with the module it sits in.
  const check = await build({ ...options, write: false, define: { ...define, ...Object.fromEntries(WORKER_MISSING_GLOBALS.map((g) => [g, MARKER + g])) } })
    .catch((e) => {
      const errors = (e.errors ?? []).map((x) => `  ${x.location ? `${x.location.file}:${x.location.line}: ` : ''}${x.text}`);
      throw new Error(`the browser bundle cannot be built:\n${errors.join('\n') || e.message}`);
    });
  const uses = [];
  let module = '?';
  for (const line of check.outputFiles[0].text.split('\n')) {
    const from = /^\/\/ (\S+)$/.exec(line);
    if (from) module = from[1];
    for (const m of line.matchAll(new RegExp(`${MARKER}(\\w+)`, 'g'))) uses.push(`${m[1]} in ${module}`);
  }
  if (uses.length) throw new Error(`the browser bundle uses globals a web worker does not have: ${[...new Set(uses)].join(', ')}`);
  const imports = Object.values(check.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)).filter((p) => p !== 'vscode');
  if (imports.length) throw new Error(`the browser bundle imports ${imports.join(', ')}: only vscode is provided in the worker`);
  return options;
}

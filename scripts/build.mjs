// Bundles the CLI (a small launcher and one script it compiles with V8's code cache), and the VS Code
// extension twice: for the Node extension host (`main`) and for the browser's web worker (`browser`).
import { build } from 'esbuild';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import { checkedBrowserBuild } from './browser-bundle.mjs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The build's fingerprint keys the CLI's parse cache: any change to the sources makes a new key.
const fingerprint = createHash('sha1');
for (const file of fs.readdirSync('src', { recursive: true }).filter((f) => String(f).endsWith('.ts')).sort()) {
  fingerprint.update(String(file)).update(fs.readFileSync(`src/${file}`));
}
const build_ = `${pkg.version}+${fingerprint.digest('hex').slice(0, 12)}`;
fs.rmSync('dist', { recursive: true, force: true });
const define = { KAIZEN_VERSION: JSON.stringify(pkg.version), KAIZEN_BUILD: JSON.stringify(build_) };

// The npm package and the .vsix ship no node_modules: a bundle that still imports a package would fail
// only once installed, so the build refuses it here.
function onlyBuiltins(result, allowed = []) {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...allowed]);
  const outside = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) if (imp.external && !builtins.has(imp.path)) outside.add(imp.path);
  }
  if (outside.size) throw new Error(`the bundle imports packages it does not contain: ${[...outside].join(', ')}`);
}

// sql.js (SQLite as wasm, for Loop backups) is emscripten output that reads `__dirname` on Node, which an ES
// module lacks. It only locates the .wasm, whose bytes sqlite-wasm.ts hands over (copied beside the chunk below),
// so any folder will do.
const sqlJsDirname = {
  name: 'sql.js-dirname',
  setup(b) {
    b.onLoad({ filter: /[\\/]sql\.js[\\/]dist[\\/]sql-wasm\.js$/ }, async (args) => ({
      contents: `var __dirname = '.';\n${await fs.promises.readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

// `import.meta.url` in a CommonJS bundle: the file URL an ES module would see, set by the bundle's first line.
const cjsImportMetaUrl = 'const __kaizenUrl = require("node:url").pathToFileURL(__filename).href;';
const cjsDefine = { 'import.meta.url': '__kaizenUrl' };

// The CLI as one classic script (CommonJS, every command inside it, each module evaluated when first used): the
// launcher compiles it with V8's code cache (src/cli/code-cache.ts), which Node 20 offers for classic scripts only.
const cli = await build({
  entryPoints: ['src/cli/bundle.ts'],
  outfile: 'dist/chunks/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import.meta.url as an ES module would see it (sqlite-wasm.ts finds the wasm beside the script).
  banner: { js: cjsImportMetaUrl },
  define: { ...define, ...cjsDefine },
  // Minified for a smaller install and less to parse at start-up; names kept for readable errors.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
  plugins: [sqlJsDirname],
});
onlyBuiltins(cli);
// A dynamic import() left in the script would need a loader vm.Script does not have.
// The launcher reads the script as Latin-1 (UTF-8 decoding costs more at each start): it must be ASCII. esbuild
// escapes strings but leaves regular expression literals as written (moment's locales, ✅ and 📅): each UTF-16
// unit there becomes \uXXXX, which a pattern reads as the same character, with or without the u flag.
const cliSource = fs.readFileSync('dist/chunks/cli.cjs', 'utf8').replace(/[^\x00-\x7f]/g, (c, at, all) => {
  if (all[at - 1] === '\\') throw new Error(`dist/chunks/cli.cjs: an escaped non-ASCII character at ${at}`);
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
});
if (/\bimport\(/.test(cliSource)) throw new Error('dist/chunks/cli.cjs still holds a dynamic import()');
fs.writeFileSync('dist/chunks/cli.cjs', cliSource);
fs.copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/chunks/sql-wasm.wasm');
// The launcher: `--version` at once, else the script above. Its code cache is keyed by the script's bytes.
// One classic script, as the CLI's: Node loads it about 10 ms sooner than an ES module and its chunks.
const cliHash = createHash('sha1').update(fs.readFileSync('dist/chunks/cli.cjs')).digest('hex').slice(0, 16);
const launcher = await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/kaizen.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: {
    js: `#!/usr/bin/env node\n"use strict";\n${cjsImportMetaUrl}`,
  },
  define: { ...define, ...cjsDefine, KAIZEN_CLI_HASH: JSON.stringify(cliHash) },
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
});
onlyBuiltins(launcher);
fs.chmodSync('dist/kaizen.cjs', 0o755);
// The name the extension, the docs and the merge drivers set up in synced repositories have always used.
fs.writeFileSync('dist/kaizen.mjs', [
  '#!/usr/bin/env node',
  '// The `kaizen` launcher is dist/kaizen.cjs; this name stays for what was set up with it.',
  "import './kaizen.cjs';",
  '',
].join('\n'));
fs.chmodSync('dist/kaizen.mjs', 0o755);

// The extension host wants one CommonJS file; `vscode` is provided by the host. Minified (the host
// parses less at activation); the source map stays beside it in dist/ and out of the .vsix.
const extension = await build({
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  define,
  minify: true,
  keepNames: true,
  sourcemap: 'external',
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
});
onlyBuiltins(extension, ['vscode']);

// The web worker's entry, refused when it would load a Node module or read a Node (or DOM) global.
const browserOptions = await checkedBrowserBuild('src/extension/browser.ts', define);
// Minified like the Node entry; CommonJS with a `.js` name, as the worker's loader wants it.
await build({ ...browserOptions, outfile: 'dist/browser.js', minify: true, keepNames: true, sourcemap: 'external', logLevel: 'warning' });

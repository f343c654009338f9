// Bundles the CLI into one file: start-up drops from ~165 ms of module loading to ~20 ms.
import { build } from 'esbuild';
import fs from 'node:fs';

import { createHash } from 'node:crypto';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The build's fingerprint keys the CLI's parse cache: any change to the sources makes a new key.
const fingerprint = createHash('sha1');
for (const file of fs.readdirSync('src', { recursive: true }).filter((f) => String(f).endsWith('.ts')).sort()) {
  fingerprint.update(String(file)).update(fs.readFileSync(`src/${file}`));
}
const build_ = `${pkg.version}+${fingerprint.digest('hex').slice(0, 12)}`;
fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { kaizen: 'src/cli/bin.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __kaizenRequire } from "node:module"; const require = __kaizenRequire(import.meta.url);' },
  define: { KAIZEN_VERSION: JSON.stringify(pkg.version), KAIZEN_BUILD: JSON.stringify(build_) },
  logLevel: 'warning',
  legalComments: 'none',
});
fs.chmodSync('dist/kaizen.mjs', 0o755);

// The extension host wants one CommonJS file; `vscode` is provided by the host.
await build({
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // The same fingerprint as the CLI's: the editor and `kaizen` share one parse cache.
  define: { KAIZEN_BUILD: JSON.stringify(build_) },
  logLevel: 'warning',
  legalComments: 'none',
});

// The npm tarball and the .vsix as a person gets them, for the packaging tests: made from the current
// build with npm's and vsce's own code, into a temp folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

/** npm with a private cache and no user config: nothing here depends on the tester's ~/.npmrc. */
export function npmEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    npm_config_cache: path.join(home, '.npm'),
    npm_config_userconfig: path.join(home, '.npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

function requireBuild(): void {
  if (!fs.existsSync(path.join(REPO, 'dist/kaizen.cjs')) || !fs.existsSync(path.join(REPO, 'dist/extension.cjs'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  }
}

/** `npm pack` into `dir`; returns the tarball's path and npm's own listing of it. */
export function npmPack(dir: string, home: string): { tarball: string; files: Array<{ path: string; size: number }>; size: number; unpackedSize: number } {
  requireBuild();
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO, env: npmEnv(home), encoding: 'utf8' });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string; size: number }>; size: number; unpackedSize: number }>;
  if (!info) throw new Error(`npm pack said nothing: ${out}`);
  return { tarball: path.join(dir, info.filename), files: info.files, size: info.size, unpackedSize: info.unpackedSize };
}

/** The .vsix as `npm run package` makes it (vsce with the Marketplace README), and the paths inside it. */
export function vscePackage(dir: string): { vsix: string; entries: string[] } {
  requireBuild();
  const vsix = path.join(dir, `${PKG.name}-${PKG.version}.vsix`);
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--readme-path', 'media/README.md', '--out', vsix], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  return { vsix, entries: listing.split('\n').filter(Boolean) };
}

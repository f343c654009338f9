// `npm run release` refuses before building: a working tree with changes, or a version the changelog does
// not describe. Run on a scratch git repository holding the script, package.json and CHANGELOG.md.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { REPO } from './pack.js';

function scratch(version: string, changelog: string): string {
  const dir = tempDir('kaizen-release-');
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(REPO, 'scripts/release.mjs'), path.join(dir, 'scripts/release.mjs'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'kaizen-journal', version, scripts: { build: 'exit 3' } }));
  fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'release');
  return dir;
}
const release = (dir: string) => spawnSync(process.execPath, ['scripts/release.mjs'], { cwd: dir, encoding: 'utf8' });
const LOG = '# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-12-05\n\n### Added\n\n- A thing.\n\n## [1.1.0] - 2026-11-01\n\n- Older.\n';

describe('npm run release', () => {
  it('refuses a working tree with changes, untracked files included', () => {
    const dir = scratch('1.2.0', LOG);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'draft');
    const r = release(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/working tree has changes[\s\S]*notes\.txt/);
    expect(fs.existsSync(path.join(dir, 'release'))).toBe(false);
  });

  it('refuses a version without its own CHANGELOG section, or with an empty one', () => {
    for (const [version, log] of [['1.3.0', LOG], ['1.2.0', '## [1.2.0] - 2026-12-05\n\n## [1.1.0] - 2026-11-01\n\n- Older.\n'], ['1.2.0', '## [1.2.0]\n\n- no date\n']]) {
      const r = release(scratch(version as string, log as string));
      expect(r.status, `${version}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`no "## \\[${(version as string).replace(/\./g, '\\.')}\\] - YYYY-MM-DD" section`));
    }
  });

  it('goes on to build a clean tree whose version the changelog describes', () => {
    const r = release(scratch('1.2.0', LOG));
    expect(r.stderr).not.toMatch(/^release:/m);
    expect(r.stdout).toMatch(/== npm run build/);
    expect(r.status).not.toBe(0); // this scratch build script fails on purpose: nothing to pack here
  });
});

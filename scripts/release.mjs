#!/usr/bin/env node
// `npm run release`: the files of one release in release/ (ignored by git): the npm tarball, the .vsix and
// SHA256SUMS. Refuses a working tree with changes (the files must be what the commit says) and a version
// without its CHANGELOG section; then builds, type-checks and runs the vitest suites before packing.
//   node scripts/release.mjs [--skip-tests]   (--skip-tests: to try the packaging alone; CI never passes it)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'release');
const fail = (message) => {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
};
const run = (command, args) => {
  process.stdout.write(`== ${[command, ...args].join(' ')}\n`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
};

const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) fail(`version "${version}" in package.json is not semver (x.y.z)`);

const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
if (dirty.trim()) fail(`the working tree has changes; commit or stash them first:\n${dirty}`);

// Keep a Changelog: "## [1.2.3] - 2026-12-05" followed by at least one line of what changed.
const changelog = fs.existsSync(path.join(root, 'CHANGELOG.md')) ? fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8') : '';
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const section = new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}\\n([\\s\\S]*?)(?=^## |^\\[[^\\]]+\\]: |$(?![\\s\\S]))`, 'm').exec(changelog);
if (!section || !section[1]?.trim()) fail(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section saying what changed: write it first`);

run('npm', ['run', 'build']);
if (process.argv.includes('--skip-tests')) process.stdout.write('== tests SKIPPED (--skip-tests): not for a real release\n');
else {
  run('npm', ['run', 'typecheck']);
  run('npx', ['vitest', 'run']);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);
run('npm', ['pack', '--pack-destination', out]);
const vsix = `${name}-${version}.vsix`;
run(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--readme-path', 'media/README.md', '--out', path.join(out, vsix)]);

const files = [`${name}-${version}.tgz`, vsix];
for (const file of files) if (!fs.existsSync(path.join(out, file))) fail(`${file} was not written`);
const sums = files.map((file) => `${createHash('sha256').update(fs.readFileSync(path.join(out, file))).digest('hex')}  ${file}\n`).join('');
fs.writeFileSync(path.join(out, 'SHA256SUMS'), sums);
// The build and the tests must not have changed a tracked file: then the release is the commit.
const after = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
if (after.trim()) fail(`building and testing changed tracked files:\n${after}`);
process.stdout.write(`\nrelease/ for ${name} ${version}:\n${files.map((f) => `  ${f}  ${(fs.statSync(path.join(out, f)).size / 1024).toFixed(0)} KB`).join('\n')}\n  SHA256SUMS\n`);

// What ships: the npm tarball and the .vsix hold only what runs (and the README, LICENSE, CHANGELOG), never
// sources, tests, samples, screenshots, source maps or .vscode-test; the Marketplace README's links and
// images, as vsce rewrites them, point at files that exist in the repository.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { npmPack, PKG, REPO, vscePackage } from './pack.js';

const NPM_ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/kaizen\.(mjs|cjs)$/,
  /^dist\/chunks\/cli\.cjs$/, /^dist\/chunks\/sql-wasm\.wasm$/];
const VSIX_ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension\.cjs|browser\.js|kaizen\.mjs|kaizen\.cjs)$/, /^extension\/dist\/chunks\/cli\.cjs$/,
  /^extension\/media\/(icon\.png|activity\.svg|review\.css|review\.js|preview\.css)$/, /^extension\/media\/walkthrough\/\w+\.md$/,
];
const outside = (files: string[], allowed: RegExp[]) => files.filter((f) => !allowed.some((a) => a.test(f)));

let work: string;
beforeAll(() => {
  work = tempDir('kaizen-contents-');
  fs.mkdirSync(path.join(work, 'home'));
});

describe('the npm tarball', () => {
  it('holds only the CLI bundle, README, LICENSE and CHANGELOG, and declares no dependency', () => {
    const packed = npmPack(work, path.join(work, 'home'));
    const files = packed.files.map((f) => f.path);
    expect(outside(files, NPM_ALLOWED)).toEqual([]);
    // sql-wasm.wasm: SQLite for `import loop` of a .db and `export loop`, read beside its chunk.
    // cli.cjs: the CLI itself, which the launcher dist/kaizen.cjs compiles with V8's code cache; kaizen.mjs loads
    // the launcher under the name merge drivers set up in synced repositories use.
    for (const must of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/kaizen.cjs', 'dist/kaizen.mjs',
      'dist/chunks/cli.cjs', 'dist/chunks/sql-wasm.wasm']) expect(files).toContain(must);
    // Every chunk the build wrote is packed: a missing one would fail only when its command runs.
    const chunks = fs.readdirSync(path.join(REPO, 'dist/chunks')).filter((f) => /\.c?js$|\.mjs$/.test(f)).map((f) => `dist/chunks/${f}`);
    expect(files.filter((f) => f.startsWith('dist/chunks/') && /\.c?js$|\.mjs$/.test(f)).sort()).toEqual(chunks.sort());
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', packed.tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ kaizen: 'dist/kaizen.cjs' });
    expect((manifest.engines as Record<string, string>).node).toMatch(/^>=20/);
  });
});

describe('the .vsix', () => {
  let entries: string[];
  let readme: string;
  let manifest: Record<string, unknown>;
  beforeAll(() => {
    const packed = vscePackage(work);
    entries = packed.entries;
    readme = execFileSync('unzip', ['-p', packed.vsix, 'extension/readme.md'], { encoding: 'utf8' });
    manifest = JSON.parse(execFileSync('unzip', ['-p', packed.vsix, 'extension/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  }, 120_000);

  it('holds only what the extension runs and shows', () => {
    expect(outside(entries, VSIX_ALLOWED)).toEqual([]);
    for (const must of ['extension/dist/extension.cjs', 'extension/dist/browser.js', 'extension/dist/kaizen.mjs',
      'extension/dist/kaizen.cjs', 'extension/dist/chunks/cli.cjs', 'extension/media/icon.png', 'extension/changelog.md',
      'extension/readme.md']) {
      expect(entries).toContain(must);
    }
    expect(entries.filter((e) => /\.map$|\.ts$|^extension\/(src|tests|samples|docs|\.vscode-test)\//.test(e))).toEqual([]);
  });

  it('has the fields the Marketplace and Open VSX show, and a 128×128 or larger PNG icon', () => {
    for (const field of ['displayName', 'description', 'publisher', 'license', 'icon', 'categories', 'keywords', 'repository', 'bugs', 'homepage', 'galleryBanner']) {
      expect(manifest[field], field).toBeTruthy();
    }
    expect(manifest.version).toBe(PKG.version);
    const png = fs.readFileSync(path.join(REPO, manifest.icon as string));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(128);
  });

  it('has a Marketplace README whose every link and image, as vsce rewrote it, names a file of the repository', () => {
    const repo = (manifest.repository as { url: string }).url.replace(/^git\+/, '').replace(/\.git$/, '');
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    expect(targets.length).toBeGreaterThan(3);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    expect(images.length).toBeGreaterThan(0);
    for (const url of targets) {
      expect(url, url).toMatch(/^(https:\/\/|#)/);
      // vsce's rewrites: <repository>/blob/HEAD/<path> and <repository>/raw/HEAD/<path>; other pages (issues) stay.
      const inRepo = url.startsWith(`${repo}/`) ? url.slice(repo.length).match(/^\/(?:blob|raw)\/HEAD\/([^#?]+)/) : null;
      if (!inRepo) continue;
      expect(fs.existsSync(path.join(REPO, decodeURIComponent(inRepo?.[1] ?? ''))), url).toBe(true);
    }
    for (const url of images) expect(url, url).toMatch(new RegExp(`^${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/raw/HEAD/.+\\.png$`));
  });
});

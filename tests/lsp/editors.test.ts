// `kaizen lsp` with the clients people really have: Emacs's eglot 1.9 (applyEdit and documentChanges, no file
// operations, one server per folder when no project root is found), a client that cannot apply edits at all,
// and one that can create files. The rule under test: a note is edited through the editor whenever it can,
// open or not, so a buffer another server holds is never written under; the goal file moves on the server's side.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, copySample, removeTempDirs } from '../helpers.js';
import { applyLspEdits, LspClient, type Message, type TextEdit } from './client.js';

/** What Debian's eglot 1.9 (Emacs 28) tells a server it can do. */
const EGLOT_1_9 = { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, symbol: { dynamicRegistration: false } }, textDocument: {} };
const NO_EDITS = { workspace: {}, textDocument: {} };
const CREATES = { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } }, textDocument: {} };

interface DocumentChange { kind?: string; uri?: string; textDocument?: { uri: string; version: number | null }; edits?: TextEdit[] }
type Edit = { documentChanges: DocumentChange[] };

const clients: LspClient[] = [];
async function start(folder: string, capabilities: object): Promise<LspClient> {
  const client = new LspClient(folder);
  clients.push(client);
  client.onRequest = (m: Message) => (m.method === 'workspace/applyEdit' ? { applied: true } : null);
  await client.initialize(folder, capabilities);
  return client;
}
const edits = (c: LspClient) => c.serverRequests.filter((m) => m.method === 'workspace/applyEdit').map((m) => (m.params as { edit: Edit }).edit);
const open = (c: LspClient, abs: string, text: string, version = 1) =>
  c.notify('textDocument/didOpen', { textDocument: { uri: LspClient.uri(abs), languageId: 'markdown', version, text } });

afterEach(async () => {
  for (const c of clients.splice(0)) if (c.process.exitCode === null) await c.shutdown().catch(() => c.process.kill());
});
afterAll(() => removeTempDirs());

describe('kaizen lsp: two servers on one journal (Emacs without a project root)', () => {
  it('a log made from the goals folder\'s server lands in the buffer the logs folder\'s server holds, not on disk under it', async () => {
    const root = copySample({ pinned: true });
    const rel = 'logs/2026/2026-11-22.md';
    const abs = path.join(root, rel);
    const saved = fs.readFileSync(abs, 'utf8');
    // The logs folder's server has today's note open, with a line typed and not yet saved.
    const logs = await start(path.join(root, 'logs/2026'), EGLOT_1_9);
    let buffer = `${saved}Tired but walked anyway.\n`;
    open(logs, abs, buffer);
    // The goals folder's server (its own process, its own idea of what is open) logs a day from a goal's lens.
    const goals = await start(path.join(root, 'goals'), EGLOT_1_9);
    await goals.call('workspace/executeCommand', { command: 'kaizen.logHabit', arguments: ['morning-energy', 'minimum'] });
    expect(fs.readFileSync(abs, 'utf8')).toBe(saved);
    const [edit] = edits(goals);
    expect(edit!.documentChanges).toHaveLength(1);
    const change = edit!.documentChanges[0]!;
    expect(change.textDocument).toEqual({ uri: LspClient.uri(abs), version: null });
    // Emacs applies it to the one buffer visiting the file (which the logs server hears of), then the person saves.
    buffer = applyLspEdits(buffer, change.edits!);
    logs.notify('textDocument/didChange', { textDocument: { uri: LspClient.uri(abs), version: 2 }, contentChanges: [{ text: buffer }] });
    fs.writeFileSync(abs, buffer);
    const final = fs.readFileSync(abs, 'utf8');
    expect(final).toContain('- [x] [[morning-energy]] minimum: Put on shoes and walk 5 minutes');
    expect(final).toContain('Tired but walked anyway.');
    expect(final).toBe(saved.replace('- [ ] [[morning-energy]] minimum', '- [x] [[morning-energy]] minimum') + 'Tired but walked anyway.\n');
  }, 60_000);

  it('a client that cannot apply edits gets the CLI\'s write on disk; a new note is written on disk unless the client can create files', async () => {
    const root = copySample({ pinned: true });
    const rel = 'logs/2026/2026-11-22.md';
    const plain = await start(root, NO_EDITS);
    await plain.call('workspace/executeCommand', { command: 'kaizen.logHabit', arguments: ['read-daily', 'minimum'] });
    expect(edits(plain)).toEqual([]);
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toContain('- [x] [[read-daily]] minimum: Read one page');

    fs.rmSync(path.join(root, rel));
    const eglot = await start(root, EGLOT_1_9);
    await eglot.call('workspace/executeCommand', { command: 'kaizen.logHabit', arguments: ['read-daily', 'minimum'] });
    expect(edits(eglot)).toEqual([]);
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toMatch(/- \[x\] \[\[read-daily\]\] minimum/);

    fs.rmSync(path.join(root, rel));
    const creates = await start(root, CREATES);
    await creates.call('workspace/executeCommand', { command: 'kaizen.logHabit', arguments: ['read-daily', 'minimum'] });
    expect(fs.existsSync(path.join(root, rel))).toBe(false);
    const [edit] = edits(creates);
    expect(edit!.documentChanges[0]).toEqual({ kind: 'create', uri: LspClient.uri(path.join(root, rel)) });
    expect(edit!.documentChanges[1]!.edits![0]!.newText).toMatch(/- \[x\] \[\[read-daily\]\] minimum/);
  }, 60_000);
});

describe('kaizen lsp: rename in a client that cannot rename files (eglot 1.9, Helix before 23.10)', () => {
  it('sends the links as text edits through the client, moves the goal file itself, and answers with an empty edit', async () => {
    const root = copySample({ pinned: true });
    const client = await start(root, EGLOT_1_9);
    const rel = 'logs/2026/2026-11-20.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    open(client, path.join(root, rel), text, 3);
    const line = text.split('\n').findIndex((l) => l.includes('[[read-daily]]'));
    const position = { line, character: text.split('\n')[line]!.indexOf('[[read-daily]]') + 4 };
    const prepared = await client.call<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: LspClient.uri(path.join(root, rel)) }, position });
    expect(prepared.placeholder).toBe('read-daily');
    const before = JSON.parse((await cli(['stats', '--json'], { cwd: root })).stdout) as { goals: Array<{ id: string }> };
    const dry = JSON.parse((await cli(['rename', 'read-daily', 'reading', '--json'], { cwd: root })).stdout) as { changes: Array<{ file: string }> };
    const answer = await client.call<Edit>('textDocument/rename', { textDocument: { uri: LspClient.uri(path.join(root, rel)) }, position, newName: 'reading' });
    expect(answer).toEqual({ documentChanges: [] });
    expect(fs.existsSync(path.join(root, 'goals/reading.md'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'goals/read-daily.md'))).toBe(false);
    const [edit] = edits(client);
    expect(edit!.documentChanges.every((c) => c.textDocument && !c.kind)).toBe(true);
    expect(edit!.documentChanges.find((c) => c.textDocument!.uri === LspClient.uri(path.join(root, rel)))!.textDocument!.version).toBe(3);
    // Every file the CLI would change, less the goal file the server changed itself.
    expect(edit!.documentChanges.map((c) => c.textDocument!.uri).sort())
      .toEqual(dry.changes.map((c) => c.file).filter((f) => f !== 'goals/read-daily.md').map((f) => LspClient.uri(path.join(root, f))).sort());
    // The editor applies and saves them: the CLI reads the same numbers under the new name, no link left behind.
    for (const change of edit!.documentChanges) {
      const abs = decodeURIComponent(new URL(change.textDocument!.uri).pathname);
      fs.writeFileSync(abs, applyLspEdits(fs.readFileSync(abs, 'utf8'), change.edits!));
    }
    const after = JSON.parse((await cli(['stats', '--json'], { cwd: root })).stdout) as { goals: Array<{ id: string }> };
    expect({ ...after.goals.find((g) => g.id === 'reading'), id: 'read-daily' }).toEqual(before.goals.find((g) => g.id === 'read-daily'));
    expect((await cli(['check'], { cwd: root })).stdout).not.toMatch(/read-daily/);
    await client.waitFor((m) => m.method === 'window/showMessage' && /goals\/read-daily\.md is now goals\/reading\.md; \d+ notes changed in the editor: save them/.test((m.params as { message: string }).message));
  }, 60_000);

  it('refuses before the name is asked when the client cannot apply edits, or the goal file has unsaved changes', async () => {
    const root = copySample({ pinned: true });
    const goal = path.join(root, 'goals/read-daily.md');
    const at = { textDocument: { uri: LspClient.uri(goal) }, position: { line: 0, character: 0 } };
    const text = fs.readFileSync(goal, 'utf8');
    at.position.line = text.split('\n').findIndex((l) => l.startsWith('# '));
    at.position.character = 3;
    const plain = await start(root, NO_EDITS);
    open(plain, goal, text);
    expect((await plain.request('textDocument/prepareRename', at)).error?.message).toMatch(/cannot apply edits.*kaizen rename/);
    const eglot = await start(root, EGLOT_1_9);
    open(eglot, goal, `${text}\nA thought, not saved yet.\n`);
    expect((await eglot.request('textDocument/prepareRename', at)).error?.message).toMatch(/goals\/read-daily\.md has unsaved changes; save it first/);
    const refused = await eglot.request('textDocument/rename', { ...at, newName: 'reading' });
    expect(refused.error?.message).toMatch(/nothing was renamed/);
    expect(fs.readFileSync(goal, 'utf8')).toBe(text);
    expect(edits(eglot)).toEqual([]);
  }, 60_000);
});

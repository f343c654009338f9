// `kaizen lsp` over stdio, as an editor drives it: a scripted session against a copy of the sample
// journal (initialize, didOpen/didChange, completion, hover, definition, references, rename, symbols,
// lenses, inlay hints, code actions with executeCommand and applyEdit, shutdown/exit), with the files on
// disk checked afterwards; malformed input gets errors, never a crash.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copySample, removeTempDirs } from '../helpers.js';
import { applyLspEdits, LspClient, type Message, type Pos, type Range, type TextEdit } from './client.js';

describe('kaizen lsp over stdio', () => {
  let root: string;
  let client: LspClient;
  const uri = (rel: string) => LspClient.uri(path.join(root, rel));
  const diagnosticsFor = (rel: string, test: (list: Array<{ code: string; message: string; range: Range }>) => boolean) =>
    client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri(rel)
      && test((m.params as { diagnostics: Array<{ code: string; message: string; range: Range }> }).diagnostics), 20_000, `diagnostics of ${rel}`);
  const open = (rel: string, text = fs.readFileSync(path.join(root, rel), 'utf8'), version = 1) =>
    client.notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'markdown', version, text } });

  beforeAll(async () => {
    root = copySample({ pinned: true });
    client = new LspClient(root);
    // The client applies edits the server asks for, to its open buffers, as an editor does.
    client.onRequest = (m: Message) => (m.method === 'workspace/applyEdit' ? { applied: true } : null);
  }, 30_000);

  afterAll(async () => {
    if (client.process.exitCode === null) client.process.kill();
    removeTempDirs();
  });

  it('initializes with every feature, and pushes the journal\'s diagnostics (FORMAT §5) unasked', async () => {
    const result = await client.initialize(root) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    expect(result.serverInfo.name).toBe('kaizen');
    for (const key of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider',
      'workspaceSymbolProvider', 'documentLinkProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider', 'executeCommandProvider']) {
      expect(result.capabilities[key], key).toBeTruthy();
    }
    expect((result.capabilities.textDocumentSync as { change: number }).change).toBe(2);
    // The same problems `kaizen check` reports, at the same places.
    const unknown = await diagnosticsFor('logs/2026/2026-11-14.md', (l) => l.some((d) => d.code === 'unknown-goal'));
    const d = (unknown.params as { diagnostics: Array<{ range: Range; message: string; severity: number }> }).diagnostics[0]!;
    expect(d.range.start).toEqual({ line: 10, character: 6 });
    expect(d.severity).toBe(2);
    await diagnosticsFor('goals/read-daily.md', (l) => l.some((x) => x.code === 'quick-win'));
  });

  it('sees a note written behind its back (the editor cannot watch files for it): its diagnostics arrive unasked', async () => {
    const rel = 'logs/2026/2026-07-05.md';
    fs.writeFileSync(path.join(root, rel), '---\ndate: 2026-07-05\n---\n## Habits\n- [x] [[piano-practice]] minimum\n');
    const published = await diagnosticsFor(rel, (l) => l.some((d) => d.code === 'unknown-goal'));
    expect((published.params as { diagnostics: Array<{ message: string }> }).diagnostics[0]!.message).toMatch(/\[\[piano-practice\]\]/);
    fs.rmSync(path.join(root, rel));
    await diagnosticsFor(rel, (l) => l.length === 0);
  });

  it('sees a note written into a folder made with it (the first note of a year, a git pull), and one that follows in it', async () => {
    const folder = path.join(root, 'logs', '2027');
    const first = 'logs/2027/2027-01-04.md';
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(root, first), '---\ndate: 2027-01-04\n---\n## Habits\n- [x] [[cello-practice]] minimum\n');
    await diagnosticsFor(first, (l) => l.some((d) => d.code === 'unknown-goal' && d.message.includes('cello-practice')));
    const second = 'logs/2027/2027-01-05.md';
    fs.writeFileSync(path.join(root, second), '---\ndate: 2027-01-05\n---\n## Habits\n- [x] [[harp-practice]] minimum\n');
    await diagnosticsFor(second, (l) => l.some((d) => d.code === 'unknown-goal' && d.message.includes('harp-practice')));
    fs.rmSync(folder, { recursive: true });
    await diagnosticsFor(second, (l) => l.length === 0);
  });

  it('completes goal ids after [[ (lead first, with this week\'s count) and level words after a habit link', async () => {
    const rel = 'logs/2026/2026-11-22.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    open(rel, `${text}- [ ] [[`);
    const last = text.split('\n').length - 1;
    const items = await client.call<Array<{ label: string; detail: string; preselect?: boolean; textEdit: TextEdit }>>('textDocument/completion',
      { textDocument: { uri: uri(rel) }, position: { line: last, character: 8 } });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['morning-energy', 'read-daily', 'learn-spanish']));
    const lead = items.find((i) => i.preselect);
    expect(lead?.label).toBe('morning-energy');
    expect(lead?.detail).toMatch(/Rebuild my morning energy · \d+\/\d+ this week/);
    expect(lead?.textEdit).toEqual({ range: { start: { line: last, character: 8 }, end: { line: last, character: 8 } }, newText: 'morning-energy]]' });
    // Typed on (incremental sync): the level words with the goal's own steps.
    client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: 2 }, contentChanges: [
      { range: { start: { line: last, character: 8 }, end: { line: last, character: 8 } }, text: 'read-daily]] ' },
    ] });
    const levels = await client.call<Array<{ label: string; textEdit: TextEdit }>>('textDocument/completion',
      { textDocument: { uri: uri(rel) }, position: { line: last, character: 21 } });
    expect(levels.map((l) => l.label)).toEqual(['minimum', 'standard', 'skip']);
    expect(levels[0]!.textEdit.newText).toBe('minimum: Read one page');
    client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
  });

  it('hovers a link and a goal\'s title; goes to the goal; lists references; outlines a goal', async () => {
    const rel = 'logs/2026/2026-11-22.md';
    open(rel);
    const hover = await client.call<{ contents: { kind: string; value: string }; range: Range }>('textDocument/hover',
      { textDocument: { uri: uri(rel) }, position: { line: 7, character: 12 } });
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toMatch(/\*\*Rebuild my morning energy\*\* ★ lead goal/);
    expect(hover.contents.value).toMatch(/\d+\/\d+ this week · streak \d+ wk · strength \d+ %/);
    expect(hover.range).toEqual({ start: { line: 7, character: 6 }, end: { line: 7, character: 24 } });
    const definition = await client.call<{ uri: string; range: Range }>('textDocument/definition', { textDocument: { uri: uri(rel) }, position: { line: 7, character: 12 } });
    expect(definition.uri).toBe(uri('goals/morning-energy.md'));
    const goalText = fs.readFileSync(path.join(root, 'goals/morning-energy.md'), 'utf8');
    const titleLine = goalText.split('\n').findIndex((l) => l.startsWith('# '));
    expect(definition.range.start.line).toBe(titleLine);
    open('goals/morning-energy.md');
    const titleHover = await client.call<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri('goals/morning-energy.md') }, position: { line: titleLine, character: 3 } });
    expect(titleHover.contents.value).toMatch(/Next milestone|progress \d+ %/);
    const refs = await client.call<Array<{ uri: string; range: Range }>>('textDocument/references',
      { textDocument: { uri: uri(rel) }, position: { line: 7, character: 12 }, context: { includeDeclaration: false } });
    // Every line that links the goal: the CLI's rename dry run counts the same links.
    const dry = await cli(['rename', 'morning-energy', 'energy-walks', '--json'], { cwd: root });
    const planned = (JSON.parse(dry.stdout) as { changes: Array<{ file: string; lines: number[] }> }).changes;
    // (less the sprints' `focus:` lines, which rename rewrites but are not links)
    const focusLines = planned.filter((c) => c.file.startsWith('sprints/'))
      .flatMap((c) => c.lines.filter((l) => fs.readFileSync(path.join(root, c.file), 'utf8').split('\n')[l - 1]!.startsWith('focus:')));
    expect(focusLines.length).toBeGreaterThan(0);
    expect(refs.length).toBe(planned.reduce((n, c) => n + c.lines.length, 0) - focusLines.length);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.some((r) => r.uri === uri('logs/2026/2026-11-22.md') && r.range.start.line === 7)).toBe(true);
    const symbols = await client.call<Array<{ name: string; children: Array<{ name: string; kind: number; children: unknown[] }> }>>('textDocument/documentSymbol', { textDocument: { uri: uri('goals/morning-energy.md') } });
    expect(symbols[0]!.name).toBe('Rebuild my morning energy');
    expect(symbols[0]!.children.some((c) => c.children.length > 0)).toBe(true);
    const ws = await client.call<Array<{ name: string; location: { uri: string } }>>('workspace/symbol', { query: 'spanish' });
    expect(ws.map((s) => s.location.uri)).toEqual([uri('goals/learn-spanish.md')]);
    const links = await client.call<Array<{ target: string }>>('textDocument/documentLink', { textDocument: { uri: uri(rel) } });
    expect(links.map((l) => l.target)).toContain(uri('goals/read-daily.md'));
  });

  it('shows lenses and inlay hints with the same numbers', async () => {
    const lenses = await client.call<Array<{ range: Range; command: { title: string; command: string } }>>('textDocument/codeLens', { textDocument: { uri: uri('goals/morning-energy.md') } });
    const numbers = lenses.find((l) => /this week/.test(l.command.title))!.command.title;
    const hints = await client.call<Array<{ label: string; position: Pos }>>('textDocument/inlayHint',
      { textDocument: { uri: uri('goals/morning-energy.md') }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    expect(hints[0]!.label.trim().startsWith(numbers)).toBe(true);
    expect(lenses.some((l) => l.command.command === 'kaizen.logHabit')).toBe(true);
  });

  it('toggles a task through a code action: applyEdit on the open buffer with its version, refused once the line moved', async () => {
    const rel = 'logs/2026/2026-11-22.md';
    const actions = await client.call<Array<{ title: string; command?: { command: string; arguments: unknown[] } }>>('textDocument/codeAction',
      { textDocument: { uri: uri(rel) }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics: [] } });
    const toggle = actions.find((a) => a.command?.command === 'kaizen.toggleTask')!;
    expect(toggle.title).toBe('Kaizen: check this task');
    expect(actions.map((a) => a.title)).toContain('Kaizen: log standard today for morning-energy');
    client.serverRequests.length = 0;
    await client.call('workspace/executeCommand', { command: toggle.command!.command, arguments: toggle.command!.arguments });
    const apply = client.serverRequests.find((m) => m.method === 'workspace/applyEdit')!;
    const change = (apply.params as { edit: { documentChanges: Array<{ textDocument: { uri: string; version: number }; edits: TextEdit[] }> } }).edit.documentChanges[0]!;
    expect(change.textDocument).toEqual({ uri: uri(rel), version: 1 });
    expect(change.edits).toEqual([{ range: { start: { line: 7, character: 3 }, end: { line: 7, character: 4 } }, newText: 'x' }]);
    // The client applied it (version 2) and the person saves: that is the file on disk.
    const after = applyLspEdits(fs.readFileSync(path.join(root, rel), 'utf8'), change.edits);
    client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: 2 }, contentChanges: [{ text: after }] });
    fs.writeFileSync(path.join(root, rel), after);
    client.notify('textDocument/didSave', { textDocument: { uri: uri(rel) } });
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toContain('- [x] [[morning-energy]] minimum: Put on shoes and walk 5 minutes');
    // The same (now stale) action again: the line says something else; nothing is sent, a clear error comes back.
    client.serverRequests.length = 0;
    client.notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: 3 }, contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'Moved.\n' }] });
    const stale = await client.request('workspace/executeCommand', { command: toggle.command!.command, arguments: toggle.command!.arguments });
    expect(stale.error?.message).toMatch(/changed|moved|nothing was changed/i);
    expect(client.serverRequests.filter((m) => m.method === 'workspace/applyEdit')).toEqual([]);
    client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
  });

  it('completes a recurring Obsidian Tasks line through a code action: one applyEdit with the next occurrence above (kaizen#29)', async () => {
    const rel = 'goals/chores.md';
    const text = '---\ntitle: Chores\n---\n# Chores\n\n## Stages\n### 1. Home\n- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫\n- [ ] Odd 🔁 every blue moon\n';
    fs.writeFileSync(path.join(root, rel), text);
    const bad = await diagnosticsFor(rel, (l) => l.some((d) => d.code === 'bad-recurrence'));
    expect((bad.params as { diagnostics: Array<{ code: string; range: Range }> }).diagnostics.find((d) => d.code === 'bad-recurrence')!.range.start)
      .toEqual({ line: 8, character: 13 });
    open(rel, text);
    const actions = await client.call<Array<{ title: string; command?: { command: string; arguments: unknown[] } }>>('textDocument/codeAction',
      { textDocument: { uri: uri(rel) }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics: [] } });
    const toggle = actions.find((a) => a.command?.command === 'kaizen.toggleTask')!;
    expect(toggle.title).toBe('Kaizen: check this task');
    client.serverRequests.length = 0;
    const result = await client.call<{ line: number; nextOccurrenceLine: number | null }>('workspace/executeCommand', { command: toggle.command!.command, arguments: toggle.command!.arguments });
    const applies = client.serverRequests.filter((m) => m.method === 'workspace/applyEdit');
    expect(applies).toHaveLength(1);
    const change = (applies[0]!.params as { edit: { documentChanges: Array<{ edits: TextEdit[] }> } }).edit.documentChanges[0]!;
    expect(applyLspEdits(text, change.edits)).toBe(text.replace('- [ ] Water plants 🔁 every week 📅 2026-11-20 ⏫\n',
      '- [ ] Water plants 🔁 every week 📅 2026-11-27 ⏫\n- [x] Water plants 🔁 every week 📅 2026-11-20 ⏫ ✅ 2026-11-22\n'));
    expect(result).toMatchObject({ line: 9, nextOccurrenceLine: 8 });
    client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
  });

  it('logs a habit into a note the editor has not open: through the editor too (it may hold that note), a celebration shown', async () => {
    const rel = 'logs/2026/2026-11-22.md';
    const before = fs.readFileSync(path.join(root, rel), 'utf8');
    client.serverRequests.length = 0;
    await client.call('workspace/executeCommand', { command: 'kaizen.logHabit', arguments: ['read-daily', 'minimum'] });
    // Nothing written under the editor's feet: the edit went to the client, unversioned (no buffer here).
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toBe(before);
    const apply = client.serverRequests.find((m) => m.method === 'workspace/applyEdit')!;
    const change = (apply.params as { edit: { documentChanges: Array<{ textDocument: { uri: string; version: number | null }; edits: TextEdit[] }> } }).edit.documentChanges[0]!;
    expect(change.textDocument).toEqual({ uri: uri(rel), version: null });
    // The editor applies it and the person saves.
    fs.writeFileSync(path.join(root, rel), applyLspEdits(before, change.edits));
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toContain('- [x] [[read-daily]] minimum: Read one page');
    await client.waitFor((m) => m.method === 'window/showMessage' && /logged minimum.*save that note/.test((m.params as { message: string }).message));
  });

  it('quick fixes come as edits on the buffer (date-mismatch) with its version', async () => {
    const rel = 'logs/2026/2026-11-21.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8').replace('date: 2026-11-21', 'date: 2026-11-12');
    open(rel, text, 5);
    const published = await diagnosticsFor(rel, (l) => l.some((d) => d.code === 'date-mismatch'));
    const diagnostic = (published.params as { diagnostics: Array<{ code: string }> }).diagnostics.find((d) => d.code === 'date-mismatch');
    const actions = await client.call<Array<{ title: string; kind: string; edit: { documentChanges: Array<{ textDocument: { version: number }; edits: TextEdit[] }> } }>>('textDocument/codeAction',
      { textDocument: { uri: uri(rel) }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.kind === 'quickfix')!;
    expect(fix.title).toBe('Set date: 2026-11-21 (the file name\'s date)');
    expect(fix.edit.documentChanges[0]!.textDocument.version).toBe(5);
    expect(applyLspEdits(text, fix.edit.documentChanges[0]!.edits)).toContain('date: 2026-11-21');
    client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
  });

  it('renames a goal as one edit: every [[link]] (labels kept) and the file, versioned for open buffers', async () => {
    const rel = 'logs/2026/2026-11-20.md';
    open(rel);
    const line = fs.readFileSync(path.join(root, rel), 'utf8').split('\n').findIndex((l) => l.includes('[[read-daily]]'));
    const character = fs.readFileSync(path.join(root, rel), 'utf8').split('\n')[line]!.indexOf('[[read-daily]]') + 4;
    const prepared = await client.call<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uri(rel) }, position: { line, character } });
    expect(prepared.placeholder).toBe('read-daily');
    // (Asked before the files change on disk.) A name that is not a goal id is refused with the reason.
    const bad = await client.request('textDocument/rename', { textDocument: { uri: uri(rel) }, position: { line, character }, newName: 'notes/reading' });
    expect(bad.error?.message).toMatch(/nothing was renamed/);
    const edit = await client.call<{ documentChanges: Array<{ kind?: string; oldUri?: string; newUri?: string; textDocument?: { uri: string; version: number | null }; edits?: TextEdit[] }> }>('textDocument/rename',
      { textDocument: { uri: uri(rel) }, position: { line, character }, newName: 'reading' });
    const renameOp = edit.documentChanges.at(-1)!;
    expect(renameOp).toEqual({ kind: 'rename', oldUri: uri('goals/read-daily.md'), newUri: uri('goals/reading.md') });
    const openOne = edit.documentChanges.find((c) => c.textDocument?.uri === uri(rel))!;
    expect(openOne.textDocument!.version).toBe(1);
    // Applied as a client applies it; then the CLI sees the same numbers under the new id.
    const before = JSON.parse((await cli(['stats', '--json'], { cwd: root })).stdout) as { goals: Array<{ id: string; streakWeeks: number; strength: number }> };
    for (const change of edit.documentChanges) {
      if (!change.textDocument) continue;
      const abs = path.join(root, decodeURIComponent(new URL(change.textDocument.uri).pathname).slice(root.length));
      fs.writeFileSync(abs, applyLspEdits(fs.readFileSync(abs, 'utf8'), change.edits!));
    }
    fs.renameSync(path.join(root, 'goals/read-daily.md'), path.join(root, 'goals/reading.md'));
    const after = JSON.parse((await cli(['stats', '--json'], { cwd: root })).stdout) as { goals: Array<{ id: string; streakWeeks: number; strength: number }> };
    const was = before.goals.find((g) => g.id === 'read-daily')!;
    const now = after.goals.find((g) => g.id === 'reading')!;
    expect({ ...now, id: 'read-daily' }).toEqual(was);
    expect((await cli(['check'], { cwd: root })).stdout).not.toMatch(/unknown-goal.*read/);
    client.notify('textDocument/didClose', { textDocument: { uri: uri(rel) } });
  });

  it('answers malformed requests and unknown methods with errors and keeps serving', async () => {
    const unknown = await client.request('kaizen/nonsense', {});
    expect(unknown.error?.code).toBe(-32601);
    const noDocument = await client.request('textDocument/hover', { position: { line: 0, character: 0 } });
    expect(noDocument.error?.code).toBe(-32602);
    const badCommand = await client.request('workspace/executeCommand', { command: 'kaizen.toggleTask', arguments: ['not a target'] });
    expect(badCommand.error?.code).toBe(-32602);
    const notOpen = await client.call('textDocument/completion', { textDocument: { uri: 'file:///nowhere/x.md' }, position: { line: 0, character: 0 } });
    expect(notOpen).toEqual([]);
    // A frame whose body is not JSON: the server says so on stderr and keeps going.
    client.writeRaw('Content-Length: 9\r\n\r\n{not json');
    const still = await client.call<Array<{ name: string }>>('workspace/symbol', { query: 'morning' });
    expect(still[0]!.name).toBe('Rebuild my morning energy');
  });

  it('shuts down and exits with 0', async () => {
    expect(await client.shutdown()).toBe(0);
  });
});

describe('kaizen lsp started without --stdio (as some editors start it)', () => {
  it('still speaks over stdio, and exits with 1 when the editor goes away without a shutdown', async () => {
    const root = copySample({ pinned: true });
    const client = new LspClient(root, []);
    const result = await client.initialize(root) as { serverInfo: { name: string } };
    expect(result.serverInfo.name).toBe('kaizen');
    client.process.stdin.end();
    expect(await client.exitCode).toBe(1);
    expect(client.stderr).not.toMatch(/unexpected failure/);
  });
});

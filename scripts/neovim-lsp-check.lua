-- Run by scripts/test-neovim.mjs inside `nvim --headless`: the config of docs/other-editors.md (already sourced) attaches
-- `kaizen lsp` to the sample journal's notes; this drives Neovim's own LSP client as a person's keys would.
local root = os.getenv('KAIZEN_JOURNAL')
local report = {}
local function say(line) table.insert(report, line) end
local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n' .. table.concat(report, '\n') .. '\n')
  vim.cmd('cquit 1')
end
local function check(ok, what)
  if not ok then fail(what) end
  say('ok: ' .. what)
end
local function clients(buf)
  local list = {}
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(list, c) end
  return list
end

-- 1. Diagnostics arrive, pushed by the server, for a note with an unknown goal link.
vim.cmd('edit ' .. root .. '/logs/2026/2026-11-14.md')
local buf = vim.api.nvim_get_current_buf()
check(vim.wait(20000, function() return #clients(buf) == 1 end, 50), 'the docs/other-editors.md config attached kaizen to a journal note')
check(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'diagnostics arrive')
local diagnostic = vim.diagnostic.get(buf)[1]
check(diagnostic.lnum == 10 and diagnostic.message:find('guitar-practice', 1, true) ~= nil,
  'unknown-goal at line 11: ' .. diagnostic.message)

-- 2. Completion after `[[` lists the goals.
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { '- [ ] [[' })
local answers = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
  textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = last, character = 8 },
}, 10000)
local labels = {}
for _, answer in pairs(answers or {}) do
  local items = answer.result and (answer.result.items or answer.result) or {}
  for _, item in ipairs(items) do labels[item.label] = true end
end
check(labels['morning-energy'] and labels['read-daily'] and labels['learn-spanish'], 'completion after [[ lists the goals')
vim.cmd('silent! undo')
vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})
vim.cmd('silent! write')

-- 3. Go to the goal from a link.
vim.cmd('edit ' .. root .. '/logs/2026/2026-11-22.md')
local log = vim.api.nvim_get_current_buf()
check(vim.wait(20000, function() return #clients(log) == 1 end, 50), 'attached to a second note')
local where = vim.lsp.buf_request_sync(log, 'textDocument/definition', {
  textDocument = { uri = vim.uri_from_bufnr(log) }, position = { line = 7, character = 12 },
}, 10000)
local target
for _, answer in pairs(where or {}) do target = answer.result and (answer.result.uri or (answer.result[1] and answer.result[1].uri)) end
check(target ~= nil and target:find('goals/morning%-energy%.md$') ~= nil, 'go to definition opens the goal file')

-- 4. A code action toggles a task: the server's workspace/applyEdit lands in the buffer, :write puts it on disk.
local line = vim.api.nvim_buf_get_lines(log, 7, 8, false)[1]
check(line:find('^%- %[ %] %[%[morning%-energy%]%] minimum') ~= nil, 'line 8 is an open habit line: ' .. line)
local actions = vim.lsp.buf_request_sync(log, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(log) },
  range = { start = { line = 7, character = 0 }, ['end'] = { line = 7, character = 0 } },
  context = { diagnostics = {} },
}, 10000)
local toggle
for _, answer in pairs(actions or {}) do
  for _, action in ipairs(answer.result or {}) do
    if action.command and action.command.command == 'kaizen.toggleTask' then toggle = action end
  end
end
check(toggle ~= nil and toggle.title == 'Kaizen: check this task', 'the code action to check the task is offered')
local done = vim.lsp.buf_request_sync(log, 'workspace/executeCommand', toggle.command, 10000)
check(done ~= nil, 'executeCommand answered')
line = vim.api.nvim_buf_get_lines(log, 7, 8, false)[1]
check(line:find('^%- %[x%] %[%[morning%-energy%]%] minimum') ~= nil, 'the buffer line is checked: ' .. line)
vim.cmd('write')

-- 5. Hover on the link.
local hover = vim.lsp.buf_request_sync(log, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(log) }, position = { line = 7, character = 12 },
}, 10000)
local text = ''
for _, answer in pairs(hover or {}) do text = answer.result and answer.result.contents.value or text end
check(text:find('Rebuild my morning energy', 1, true) ~= nil, 'hover shows the goal')

-- 6. Rename the goal from a link (the server's one edit: every note's links, then the goal file), then :wall.
local renamed = false
vim.lsp.buf_request(log, 'textDocument/rename', {
  textDocument = { uri = vim.uri_from_bufnr(log) }, position = { line = 9, character = 12 }, newName = 'reading',
}, function(err, result, ctx)
  if err then fail('rename: ' .. err.message) end
  vim.lsp.util.apply_workspace_edit(result, vim.lsp.get_client_by_id(ctx.client_id).offset_encoding)
  renamed = true
end)
check(vim.wait(20000, function() return renamed end, 50), 'the rename edit arrived and was applied')
vim.cmd('silent wall')
check(vim.fn.filereadable(root .. '/goals/reading.md') == 1 and vim.fn.filereadable(root .. '/goals/read-daily.md') == 0,
  'goals/read-daily.md is now goals/reading.md')

local out = io.open(root .. '/neovim-report.txt', 'w')
out:write(table.concat(report, '\n') .. '\n')
out:close()
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd('qall!')

-- Drives perflint lsp from Neovim's built-in client (0.7 and later), as a
-- user would: open a file, wait for the findings, ask for code actions at
-- the first one, pick the quick fix, write the buffer. Run headless:
--
--   PERFLINT=/path/to/perflint FILE=/path/to/labels.go RESULT=/path/to/out.json [ENCODING=utf-8] \
--     nvim --headless -u NONE -i NONE -n -c 'luafile quickfix.lua'
--
-- RESULT receives a JSON object: what the editor saw at each step, or
-- {"error": message}. The Go test checks it and the file on disk.

local result = {}

local function finish(err)
  if err then
    result = { error = tostring(err), partial = result }
  end
  local f = assert(io.open(os.getenv('RESULT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(err and 'cquit 1' or 'qall!')
end

local function run()
  local file = os.getenv('FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'perflint',
    cmd = { os.getenv('PERFLINT'), 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  }
  if os.getenv('ENCODING') == 'utf-8' then
    -- Offer UTF-8 as LSP 3.17 clients do; Neovim 0.7 does not negotiate
    -- by itself, so it is told to count bytes too.
    config.capabilities = vim.lsp.protocol.make_client_capabilities()
    config.capabilities.general = { positionEncodings = { 'utf-8', 'utf-16' } }
    config.offset_encoding = 'utf-8'
  end
  local client_id = vim.lsp.start_client(config)
  assert(client_id, 'perflint lsp did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- The findings of the file as it is on disk.
  assert(vim.wait(120000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50),
    'no diagnostics within 120s')
  local d = vim.diagnostic.get(bufnr)[1]
  result.diagnostic = {
    lnum = d.lnum, col = d.col, severity = d.severity,
    source = d.source, code = d.code, message = d.message,
    href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription
      and d.user_data.lsp.codeDescription.href or vim.NIL,
  }

  -- Code actions at the finding: record the titles, pick the fix.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  result.titles = {}
  local chosen = false
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(result.titles, title)
      if not pick and title:match('^Preallocate') then
        pick = item
      end
    end
    chosen = true
    on_choice(pick)
  end
  vim.lsp.buf.code_action({ only = { 'quickfix' } })
  assert(vim.wait(30000, function() return chosen end, 50), 'no code actions within 30s')
  assert(vim.wait(10000, function() return vim.bo[bufnr].modified end, 50), 'the fix did not change the buffer')

  -- Write it: the finding is gone once the saved text is analyzed.
  vim.cmd('write')
  assert(vim.wait(120000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50),
    'the finding stays after the fix was written')
  result.cleared = true

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
  result.stopped = vim.lsp.client_is_stopped(client_id)
end

local ok, err = xpcall(run, debug.traceback)
finish(not ok and err or nil)

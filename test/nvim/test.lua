-- Neovim (0.7+) as an independent LSP client of `node dist/server.js --stdio`:
-- open a key policy, wait for diagnostics, ask for code actions, apply the preferred quick fix,
-- wait for the re-lint, and write what happened as JSON for test/lsp/nvim.test.ts to judge.
-- Run: nvim --headless -u NONE -i NONE -c 'luafile test/nvim/test.lua'
-- with KMS_NODE, KMS_SERVER, KMS_POLICY_FILE, KMS_ACCOUNT and KMS_RESULT in the environment.

local env = vim.env
local deadline_ms = 20000
local result = { ok = false, steps = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function summarize(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics or {}) do
    table.insert(out, {
      code = d.code,
      severity = d.severity,
      source = d.source,
      href = d.codeDescription and d.codeDescription.href or vim.NIL,
      line = d.range.start.line,
      hasData = d.data ~= nil,
    })
  end
  return out
end

local function write_result()
  local file = io.open(env.KMS_RESULT, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function run()
  vim.lsp.set_log_level('ERROR')
  vim.cmd('edit ' .. vim.fn.fnameescape(env.KMS_POLICY_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = {}
  local initialized = false

  local client_id = vim.lsp.start_client({
    name = 'kms-policy-lint',
    cmd = { env.KMS_NODE, env.KMS_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.KMS_POLICY_FILE, ':h'),
    -- Answers the server's workspace/configuration requests.
    -- Neovim 0.7 does not claim workspace/configuration, so the server takes settings pushed with
    -- didChangeConfiguration, which Neovim's documentation says to send from on_init.
    settings = { kmsPolicyLint = { accounts = { env.KMS_ACCOUNT } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      initialized = true
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(published, params)
        vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  assert(client_id, 'start_client returned nil')
  -- Attach after initialization, so the server has the pushed settings before it sees the document.
  assert(vim.wait(deadline_ms, function()
    return initialized
  end, 10), 'the server did not initialize')
  step('initialized')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function latest_for_current_version()
    local last = published[#published]
    if last and last.version == vim.lsp.util.buf_versions[bufnr] then
      return last
    end
    return nil
  end

  assert(vim.wait(deadline_ms, function()
    local last = latest_for_current_version()
    return last ~= nil and #last.diagnostics > 0
  end, 10), 'no diagnostics arrived for the opened policy')
  local first = latest_for_current_version()
  result.initialDiagnostics = summarize(first.diagnostics)
  step('diagnostics')

  local wildcard
  for _, d in ipairs(first.diagnostics) do
    if d.code == 'kms-wildcard-principal' then
      wildcard = d
    end
  end
  assert(wildcard, 'no kms-wildcard-principal diagnostic')

  local response = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = wildcard.range,
    context = { diagnostics = { wildcard } },
  }, deadline_ms, bufnr)
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
  local actions = response.result or {}
  result.actions = {}
  local preferred
  for _, action in ipairs(actions) do
    table.insert(result.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true, hasEdit = action.edit ~= nil })
    if action.isPreferred and action.edit then
      preferred = action
    end
  end
  assert(preferred, 'no preferred quick fix among ' .. #actions .. ' actions')
  step('actions')

  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  result.appliedTitle = preferred.title
  step('applied')

  assert(vim.wait(deadline_ms, function()
    return latest_for_current_version() ~= nil
  end, 10), 'no diagnostics arrived for the fixed text')
  result.afterDiagnostics = summarize(latest_for_current_version().diagnostics)
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  step('relinted')

  vim.lsp.stop_client(client_id)
  result.ok = true
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
end
write_result()
vim.cmd('qa!')

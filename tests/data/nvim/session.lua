-- Drives Neovim's built-in LSP client (0.7 and later) against
-- `soc2-check lsp`: open a file of a fixture project, wait for the
-- diagnostics, delete a middleware line, and wait for another file's
-- diagnostics to change. Writes one line per step to $SOC2_OUT.
local root = os.getenv("SOC2_ROOT")
local out = assert(io.open(os.getenv("SOC2_OUT"), "w"))
local function say(s) out:write(s .. "\n"); out:flush() end

local id = vim.lsp.start_client({
  name = "soc2-check",
  cmd = { os.getenv("SOC2_BIN"), "lsp" },
  root_dir = root,
})
vim.cmd("edit " .. root .. "/app.js")
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)

local function codes(path)
  local b = vim.uri_to_bufnr(vim.uri_from_fname(path))
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(b)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, (d.lnum + 1) .. " " .. tostring(code))
  end
  table.sort(found)
  return table.concat(found, ",")
end

local app, users = root .. "/app.js", root .. "/routes/users.js"
local ok = vim.wait(30000, function() return codes(app) ~= "" end, 50)
say("open app.js: " .. (ok and codes(app) or "timeout"))
say("users.js before: " .. codes(users))

-- Delete `app.use(requireAuth);` (line 5): the route in users.js loses it.
vim.api.nvim_buf_set_lines(buf, 4, 5, false, {})
ok = vim.wait(30000, function() return codes(users):find("endpoint%-without%-authentication") ~= nil end, 50)
say("users.js after: " .. (ok and codes(users) or "timeout"))

-- Put it back: the finding goes.
vim.api.nvim_buf_set_lines(buf, 4, 4, false, { "app.use(requireAuth);" })
ok = vim.wait(30000, function() return codes(users) == "" end, 50)
say("users.js restored: " .. (ok and "clean" or ("timeout " .. codes(users))))
out:close()
vim.lsp.stop_client(id)
vim.cmd("qa!")

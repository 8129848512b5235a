-- wrk script: sign in (POST /api/v1/sessions) with the right password; every response should be 201.
-- Arguments after "--": the email and a file holding the password (as --create-admin printed it).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local function json_string(s)
   return '"' .. s:gsub('[%c"\\]', function(c)
      if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
      return string.format("\\u%04x", c:byte())
   end) .. '"'
end

function init(args)
   local file = assert(io.open(args[2], "r"))
   local password = file:read("*l")
   file:close()
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.body = '{"email":' .. json_string(args[1]) .. ',"password":' .. json_string(password) .. '}'
end

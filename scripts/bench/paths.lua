-- wrk script: GET each of the paths given after "--" in turn (after the bearer token, the first
-- argument), each connection starting at its own place. Used for searches over a set of queries.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

local headers, paths, next_path
function init(args)
   headers = {}
   if args[1] ~= "" then headers["Authorization"] = "Bearer " .. args[1] end
   paths = {}
   for i = 2, #args do paths[#paths + 1] = args[i] end
   next_path = (thread_number or 1) % #paths + 1
end

function request()
   local path = paths[next_path]
   next_path = next_path % #paths + 1
   return wrk.format("GET", path, headers)
end

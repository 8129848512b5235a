-- wrk script: read requests (GET /api/v1/requests/{id}), each time a random id in 1..N.
-- Arguments after "--": a bearer token (the desk token, or a signed-in person's session token) and N
-- (the number of requests that exist).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

local headers, count
function init(args)
   headers = { ["Authorization"] = "Bearer " .. args[1] }
   count = tonumber(args[2])
   math.randomseed(os.time() * 100 + thread_number)
end

function request()
   return wrk.format("GET", "/api/v1/requests/" .. math.random(count), headers)
end

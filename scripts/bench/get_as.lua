-- wrk script: GET the URL given to wrk (path and query as they are) as someone: the argument after
-- "--" is the bearer token (a desk token or a session's token). Used for the queue pages.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

function init(args)
   wrk.headers["Authorization"] = "Bearer " .. args[1]
end

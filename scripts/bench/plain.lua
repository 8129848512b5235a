-- wrk script: a plain GET of the URL given to wrk (used for /healthz), with the shared summary line.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

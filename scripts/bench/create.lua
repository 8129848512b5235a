-- wrk script: file a service request (POST /api/v1/requests); every response should be 201.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"broken_hardware","subject":"Printer jams",'
        .. '"description":"Paper jams on every print.","impact":"medium","urgency":"medium",'
        .. '"requester":{"name":"Ada","email":"ada@example.org"},"fields":{"device":"printer"}}'

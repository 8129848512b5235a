#!/usr/bin/python3
"""Set up a desk for scripts/bench.sh through the API, as the desk token (an admin):

  agent  makes an agent with a password (POST /api/v1/users) and signs it in once
         (POST /api/v1/sessions). Prints:
             AGENT USER_ID SESSION_TOKEN
  fill   the same agent, plus three support groups (the agent is a member of two), then files
         N requests over C keep-alive connections at once (the server's group commit makes that
         fast), varying type, impact and urgency, and assigns a share of them to the groups
         (POST /api/v1/requests/{id}/assignments; some of those in the agent's groups to the
         agent). Prints the AGENT line and:
             FILL FILED ASSIGNED TO_AGENT SECONDS ERRORS
         SECONDS is the time for filing and assigning together; ERRORS counts non-2xx answers
         and broken connections (the first few are described on stderr).

With --text realistic, subjects and descriptions are varied, as people write them (for the
full-text search benchmark, scripts/bench_search.sh); otherwise "Bench request N".

The groups are not named like a routing target (assets/routing.json), so a new request starts
without a group and the unassigned queue is not everything. Standard library only; runs on
Debian's /usr/bin/python3. One thread per connection; each speaks HTTP/1.1 with keep-alive on a
plain socket, which costs far less client CPU than http.client on a machine the server shares.
"""
import argparse
import json
import random
import secrets
import socket
import sys
import threading
import time

# The catalog's types (assets/catalog.json) with their required form fields.
TYPES = [
    ("broken_hardware", {"device": "laptop"}),
    ("broken_hardware", {"device": "printer"}),
    ("account_locked", {"system": "Mail"}),
    ("application_error", {"application": "Payroll"}),
    ("network_vpn", {"connection": "vpn"}),
    ("new_equipment", {"item": "headset"}),
    ("system_access", {"system": "CRM", "access_level": "read"}),
    ("question", {}),
]
LEVELS = ["high", "medium", "low"]
GROUPS = [("Bench Network", 2), ("Bench Hardware", 2), ("Bench Vendor", 3)]  # the agent is in the first two


class Failed(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it between answers."""

    def __init__(self, host, port, timeout):
        self.address = (host, port)
        self.timeout = timeout
        self.sock = None
        self.buf = b""

    def _connect(self):
        self.sock = socket.create_connection(self.address, timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def request(self, method, path, body=None, token=None):
        """Returns (status, parsed JSON body or None)."""
        data = b"" if body is None else json.dumps(body).encode()
        head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: %d\r\n" % (method, path, *self.address, len(data))
        if body is not None:
            head += "Content-Type: application/json\r\n"
        if token:
            head += "Authorization: Bearer %s\r\n" % token
        message = (head + "\r\n").encode() + data
        fresh = self.sock is None
        if fresh:
            self._connect()
        try:
            self.sock.sendall(message)
            return self._answer()
        except ConnectionError:
            # A keep-alive connection the server closed meanwhile, before it read anything: once more.
            if fresh:
                raise
            self.close()
            self._connect()
            self.sock.sendall(message)
            return self._answer()

    def _recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("the server closed the connection")
        self.buf += chunk

    def _answer(self):
        while b"\r\n\r\n" not in self.buf:
            self._recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise Failed("chunked answers are not expected here")
        length = int(headers.get("content-length", "0"))
        while len(self.buf) < length:
            self._recv()
        body, self.buf = self.buf[:length], self.buf[length:]
        if headers.get("connection", "").lower() == "close":
            self.close()
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        return status, parsed


# Words people write into requests, for --text realistic: a few common, most rare (so that a
# full-text query matches anything from a handful of requests to a tenth of them).
THINGS = ["printer", "laptop", "vpn", "outlook", "teams", "monitor", "docking station", "keyboard", "mouse",
          "headset", "password", "account", "shared drive", "wifi", "phone", "badge", "payroll", "crm",
          "scanner", "projector", "webcam", "sharepoint", "excel", "license", "certificate", "mailbox",
          "calendar", "browser", "backup", "firewall"]
TROUBLES = ["does not start", "is very slow", "shows an error", "keeps disconnecting", "cannot connect",
            "is locked", "stopped working", "crashes", "freezes", "has no sound", "prints blank pages",
            "asks for the password again", "times out", "cannot sync", "is missing", "needs a renewal"]
PLACES = ["in the office", "at home", "in meeting room %d", "on floor %d", "in building %s", "after the update",
          "since this morning", "since yesterday", "every monday", "when travelling"]
DETAILS = ["I already restarted it.", "Colleagues have the same problem.", "It worked last week.",
           "The error code is 0x%04x.", "Please call me back at extension %d.", "It is urgent for the audit.",
           "The message says access denied.", "A reboot did not help.", "It happens about every hour.",
           "I tried another cable.", "Customer %d is waiting for this.", "Ticket from the %s team."]
TEAMS = ["finance", "sales", "legal", "marketing", "logistics", "research", "support", "facilities"]


def fill_in(template, rng):
    if "%d" in template:
        return template % rng.randrange(1, 500)
    if "%04x" in template:
        return template % rng.randrange(65536)
    if "%s" in template:
        return template % rng.choice(TEAMS if "team" in template else "ABCDEFGH")
    return template


def realistic_text(rng):
    """A subject and description as people write them, varied by rng."""
    thing = THINGS[min(int(rng.paretovariate(1.2)) - 1, len(THINGS) - 1)]  # a few things are very common
    trouble = rng.choice(TROUBLES)
    subject = "%s %s" % (thing.capitalize(), trouble)
    sentences = ["My %s %s %s." % (thing, trouble, fill_in(rng.choice(PLACES), rng))]
    sentences += [fill_in(rng.choice(DETAILS), rng) for _ in range(rng.randrange(1, 4))]
    return subject, " ".join(sentences)


def expect(conn, method, path, body, token, want):
    status, answer = conn.request(method, path, body, token)
    if status not in want:
        raise Failed("%s %s answered %d: %s" % (method, path, status, json.dumps(answer)[:200]))
    return answer


def make_agent(conn, token, email, groups):
    """Creates the agent (and the groups, with it in the first two); returns (user id, session token, group ids)."""
    password = secrets.token_urlsafe(18)
    user = expect(conn, "POST", "/api/v1/users",
                  {"email": email, "name": "Bench Agent", "role": "agent", "password": password}, token, (201,))
    group_ids = []
    for i, (name, tier) in enumerate(GROUPS[:groups]):
        group = expect(conn, "POST", "/api/v1/groups",
                       {"name": name, "tier": tier, "members": [user["id"]] if i < 2 else []}, token, (201,))
        group_ids.append(group["id"])
    session = expect(conn, "POST", "/api/v1/sessions", {"email": email, "password": password}, None, (201,))
    return user["id"], session["token"], group_ids


def fill(args, agent_id, group_ids):
    lock = threading.Lock()
    totals = {"filed": 0, "assigned": 0, "to_agent": 0, "errors": 0}
    described = [0]
    next_index = [0]

    def note(message):
        with lock:
            totals["errors"] += 1
            if described[0] < 5:
                described[0] += 1
                print("desk_fill.py: " + message, file=sys.stderr)

    def worker():
        conn = Connection(args.host, args.port, args.timeout)
        filed = assigned = to_agent = 0
        while True:
            with lock:
                i = next_index[0]
                if i >= args.count:
                    break
                next_index[0] += 1
            rng = random.Random(i)
            kind, fields = TYPES[rng.randrange(len(TYPES))]
            who = rng.randrange(500)
            subject, description = realistic_text(rng) if args.text == "realistic" else (
                "Bench request %d" % i, "Filed by the benchmark (%s)." % kind)
            body = {"type": kind, "subject": subject, "description": description,
                    "impact": LEVELS[rng.randrange(3)], "urgency": LEVELS[rng.randrange(3)],
                    "requester": {"name": "Requester %d" % who, "email": "requester%d@example.org" % who},
                    "fields": fields}
            try:
                status, made = conn.request("POST", "/api/v1/requests", body, args.token)
                if status != 201:
                    note("POST /api/v1/requests answered %d: %s" % (status, json.dumps(made)[:200]))
                    continue
                filed += 1
                if rng.random() * 100 >= args.assign_percent:
                    continue
                g = rng.randrange(len(group_ids))
                assignment = {"group": group_ids[g], "reason": "bench"}
                if g < 2 and rng.random() < 0.2:
                    assignment["assignee"] = agent_id
                status, answer = conn.request("POST", "/api/v1/requests/%d/assignments" % made["id"], assignment,
                                              args.token)
                if status != 200:
                    note("assignment answered %d: %s" % (status, json.dumps(answer)[:200]))
                    continue
                assigned += 1
                to_agent += "assignee" in assignment
            except (OSError, Failed, ValueError, KeyError, TypeError) as e:
                note("%s (request %d)" % (e, i))
                conn.close()
        conn.close()
        with lock:
            totals["filed"] += filed
            totals["assigned"] += assigned
            totals["to_agent"] += to_agent

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals, time.monotonic() - started


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["agent", "fill"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token-file", required=True, help="file holding the desk token (kept off the command line)")
    p.add_argument("--email", default="agent@bench.example.org", help="the agent's email")
    p.add_argument("-n", "--count", type=int, default=100000, help="requests to file (fill)")
    p.add_argument("-c", "--connections", type=int, default=8)
    p.add_argument("--text", choices=["plain", "realistic"], default="plain",
                   help="plain: 'Bench request N'; realistic: varied subjects and descriptions (full-text search)")
    p.add_argument("--assign-percent", type=float, default=30, help="share of requests assigned to a group")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds one answer may take")
    args = p.parse_args()
    with open(args.token_file, encoding="utf-8") as f:
        args.token = f.readline().strip()

    conn = Connection(args.host, args.port, args.timeout)
    try:
        agent_id, session, group_ids = make_agent(conn, args.token, args.email, len(GROUPS) if args.mode == "fill" else 0)
    except (OSError, Failed, ValueError, KeyError, TypeError) as e:
        print("desk_fill.py: setting up the agent failed: %s" % e, file=sys.stderr)
        return 1
    finally:
        conn.close()
    print("AGENT %d %s" % (agent_id, session), flush=True)
    if args.mode == "fill":
        totals, seconds = fill(args, agent_id, group_ids)
        print("FILL %d %d %d %.1f %d" % (totals["filed"], totals["assigned"], totals["to_agent"], seconds,
                                         totals["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

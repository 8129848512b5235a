#!/usr/bin/python3
"""Send N concurrent POST /api/v1/requests with bodies of just under 1 MiB (used by scripts/bench.sh).

--kind long-description: a valid request whose description is far too long (answer 422 expected).
--kind deep: nothing but '[' (nested arrays; answer 400 expected, 'too_deep' once the server limits depth).
All connections send their whole request at the same moment. Prints one line on stdout:
    BODIES BYTES_EACH ELAPSED_SECONDS STATUS:COUNT,...
where STATUS is the HTTP status, or "timeout" / "error" when there was no answer.
Standard library only; runs on Debian's /usr/bin/python3.
"""
import argparse
import json

from at_once import post_at_once, summary


def body(kind, size):
    if kind == "deep":
        return b"[" * size
    request = {"type": "broken_hardware", "subject": "Printer jams", "description": "",
               "impact": "medium", "urgency": "medium",
               "requester": {"name": "Ada", "email": "ada@example.org"}, "fields": {"device": "printer"}}
    empty = len(json.dumps(request).encode())
    request["description"] = "a" * (size - empty)
    data = json.dumps(request).encode()
    assert len(data) == size
    return data


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--kind", choices=("long-description", "deep"), required=True)
    p.add_argument("-n", "--count", type=int, default=16)
    p.add_argument("--bytes", type=int, default=(1 << 20) - 64, help="body size (default 1 MiB - 64)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds each request may take (default 60)")
    args = p.parse_args()

    data = body(args.kind, args.bytes)
    statuses, elapsed, _ = post_at_once(args.host, args.port, "/api/v1/requests", data, args.count, args.timeout)
    print("BODIES %d %.2f %s" % (len(data), elapsed, summary(statuses)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Sign in N times at once: N concurrent POST /api/v1/sessions with the right password (used by
scripts/bench.sh for the server's peak memory while many Argon2id hashes are asked for).

All connections send their request at the same moment. Prints one line on stdout:
    SIGNINS COUNT ELAPSED_SECONDS SLOWEST_SECONDS STATUS:COUNT,...
where STATUS is the HTTP status, or "timeout" / "error" when there was no answer.
The password is read from a file (the line --create-admin printed), not from the command line.
Standard library only; runs on Debian's /usr/bin/python3.
"""
import argparse
import json

from at_once import post_at_once, summary


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("-n", "--count", type=int, default=50)
    p.add_argument("--timeout", type=float, default=60.0, help="seconds each sign-in may take (default 60)")
    args = p.parse_args()

    with open(args.password_file, encoding="utf-8") as f:
        password = f.readline().rstrip("\n")
    data = json.dumps({"email": args.email, "password": password}).encode()
    statuses, elapsed, slowest = post_at_once(args.host, args.port, "/api/v1/sessions", data, args.count, args.timeout)
    print("SIGNINS %d %.2f %.2f %s" % (args.count, elapsed, slowest, summary(statuses)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Hold N slow (or idle) connections open to the spoc server until killed (used by scripts/bench.sh).

A slow connection sends "POST /api/v1/requests HTTP/1.1\\r\\nHost: x\\r\\n" and then one more header
byte each --interval seconds, never finishing its head. An idle connection connects and sends
nothing. Whenever the server closes a connection (EOF or reset, with or without an answer), it is
counted and opened again after --reopen-delay seconds, so about N stay requested all the time.

Every --stats-every seconds one line is written (atomically) to --stats:
    TIME OPEN OPEN_SECONDS OPENED SERVER_CLOSED CONNECT_ERRORS ANSWERS
TIME is time.monotonic(); OPEN_SECONDS is the integral of the open count over time, so the average
number open between two lines is (OPEN_SECONDS2 - OPEN_SECONDS1) / (TIME2 - TIME1). ANSWERS counts
the status codes the server sent before closing, as CODE:COUNT,... ("-" when none).
SIGTERM or SIGINT ends it: it writes a last line, prints a summary on stderr and exits 0.
Standard library only; runs on Debian's /usr/bin/python3 (3.11 or later: asyncio.timeout).
"""
import argparse
import asyncio
import collections
import os
import resource
import signal
import socket
import sys
import time

PREFIX = b"POST /api/v1/requests HTTP/1.1\r\nHost: x\r\n"
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)  # Linux value


def dribble():
    """The bytes sent after PREFIX, one at a time: header lines that never end the head."""
    n = 0
    while True:
        n += 1
        for b in b"X-Slow-%d: %s\r\n" % (n, b"a" * 40):
            yield bytes((b,))


class Stats:
    def __init__(self):
        self.open = 0
        self.open_seconds = 0.0
        self.since = time.monotonic()
        self.opened = 0
        self.server_closed = 0
        self.connect_errors = 0
        self.lifetimes = 0.0  # total seconds that server-closed connections lived
        self.answers = collections.Counter()

    def _advance(self):
        now = time.monotonic()
        self.open_seconds += self.open * (now - self.since)
        self.since = now
        return now

    def change(self, delta):
        self._advance()
        self.open += delta

    def line(self):
        now = self._advance()
        answers = ",".join("%s:%d" % kv for kv in sorted(self.answers.items())) or "-"
        return "%.3f %d %.3f %d %d %d %s\n" % (now, self.open, self.open_seconds, self.opened,
                                               self.server_closed, self.connect_errors, answers)


def raise_nofile(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        try:  # only root may raise the hard limit
            resource.setrlimit(resource.RLIMIT_NOFILE, (needed, needed))
            return
        except (ValueError, OSError):
            print("slow_clients: RLIMIT_NOFILE hard limit %d < %d needed; using %d" % (hard, needed, hard),
                  file=sys.stderr)
            needed = hard
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


async def read_until_closed(loop, sock, stats):
    """Returns when the server closed the connection; notes the status code of any answer."""
    head = b""
    try:
        while True:
            data = await loop.sock_recv(sock, 65536)
            if not data:
                break
            if len(head) < 32:
                head += data[:32]
    except OSError:
        pass
    if head:
        parts = head.split(b" ", 2)
        code = parts[1].decode("ascii", "replace") if len(parts) > 1 and head.startswith(b"HTTP/") else "?"
        stats.answers[code] += 1


async def keep(loop, sock, args, stats):
    """Keeps one connection until the server closes it (then returns)."""
    reader = asyncio.ensure_future(read_until_closed(loop, sock, stats))
    try:
        if args.mode == "idle":
            await reader
            return
        sock.send(PREFIX)
        more = dribble()
        while True:
            done, _ = await asyncio.wait({reader}, timeout=args.interval)
            if done:
                return
            try:
                sock.send(next(more))
            except BlockingIOError:
                pass  # the server reads nothing and the send buffer is full: keep waiting
    except OSError:
        # A reset or broken pipe: the server closed it. Let the reader note any answer.
        try:
            async with asyncio.timeout(1):
                await reader
        except (TimeoutError, OSError):
            pass
    finally:
        reader.cancel()


async def hold(loop, slot, args, stats, connecting):
    source = args.sources[slot % len(args.sources)] if args.sources else None
    while True:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            if source:
                # The port is chosen at connect time, so ports are not used up by bind().
                sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
                sock.bind((source, 0))
            async with connecting:  # the timeout counts from the attempt, not from the queue
                async with asyncio.timeout(args.connect_timeout):
                    await loop.sock_connect(sock, (args.host, args.port))
        except (OSError, TimeoutError):
            stats.connect_errors += 1
            sock.close()
            await asyncio.sleep(args.reopen_delay)
            continue
        stats.opened += 1
        stats.change(+1)
        started = time.monotonic()
        try:
            await keep(loop, sock, args, stats)
            stats.server_closed += 1
            stats.lifetimes += time.monotonic() - started
        finally:
            stats.change(-1)
            sock.close()
        await asyncio.sleep(args.reopen_delay)


def write_stats(path, stats):
    if not path:
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(stats.line())
    os.replace(tmp, path)


async def main(args):
    loop = asyncio.get_running_loop()
    stats = Stats()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    connecting = asyncio.Semaphore(args.connect_parallel)
    tasks = [asyncio.ensure_future(hold(loop, i, args, stats, connecting)) for i in range(args.connections)]
    started = time.monotonic()
    while not stop.is_set():
        write_stats(args.stats, stats)
        try:
            async with asyncio.timeout(args.stats_every):
                await stop.wait()
        except TimeoutError:
            pass
    write_stats(args.stats, stats)
    elapsed = time.monotonic() - started
    answers = ", ".join("%s: %d" % kv for kv in sorted(stats.answers.items())) or "none"
    lifetime = "%.1f s" % (stats.lifetimes / stats.server_closed) if stats.server_closed else "-"
    print("slow_clients: %s, %d requested for %.1f s: %.1f open on average, opened %d times, closed by the "
          "server %d times (mean life %s), %d connect errors, answers before closing: %s"
          % (args.mode, args.connections, elapsed, stats.open_seconds / elapsed if elapsed else 0.0,
             stats.opened, stats.server_closed, lifetime, stats.connect_errors, answers), file=sys.stderr)
    # Exit at once: the kernel closes every connection. (Cancelling a thousand tasks and waiting
    # for them is slower, and can hang where a cancellation races a connect that just finished.)
    sys.stderr.flush()
    os._exit(0)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="server address (default %(default)s)")
    p.add_argument("--port", type=int, required=True, help="server port")
    p.add_argument("-n", "--connections", type=int, required=True, help="connections to keep open")
    p.add_argument("--mode", choices=("slow", "idle"), default="slow",
                   help="slow: dribble a never-ending head; idle: send nothing (default %(default)s)")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between header bytes (default 1)")
    p.add_argument("--reopen-delay", type=float, default=1.0,
                   help="seconds before a connection the server closed is opened again (default 1)")
    p.add_argument("--sources", default="",
                   help="comma-separated local addresses to connect from, used in turn "
                        "(e.g. 127.0.0.2,127.0.0.3; default: the system's choice)")
    p.add_argument("--connect-timeout", type=float, default=5.0, help="seconds (default 5)")
    p.add_argument("--connect-parallel", type=int, default=100,
                   help="connection attempts at a time (default %(default)s)")
    p.add_argument("--stats", default="", help="file to keep the stats line in")
    p.add_argument("--stats-every", type=float, default=0.25, help="seconds between stats lines (default 0.25)")
    args = p.parse_args()
    if args.connections < 0 or args.interval <= 0 or args.reopen_delay < 0:
        p.error("connections must be >= 0, interval > 0, reopen-delay >= 0")
    args.sources = [s for s in args.sources.split(",") if s]
    return args


if __name__ == "__main__":
    args = parse_args()
    raise_nofile(args.connections + 64)
    asyncio.run(main(args))

"""What the bench's at-once scripts share: N concurrent POSTs of one JSON body, each on its own
connection, all sent at the same moment. Standard library only.
"""
import collections
import http.client
import socket
import threading
import time


def post_at_once(host, port, path, data, count, timeout):
    """Returns (statuses, elapsed_seconds, slowest_seconds). A status is the HTTP status as text,
    or "timeout" / "error" when there was no answer."""
    statuses = collections.Counter()
    slowest = [0.0]
    lock = threading.Lock()
    ready = threading.Barrier(count)

    def send():
        status, took = "error", 0.0
        try:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
            conn.connect()
            try:
                ready.wait(timeout)
            except threading.BrokenBarrierError:
                pass
            sent = time.monotonic()
            conn.request("POST", path, body=data, headers={"Content-Type": "application/json", "Connection": "close"})
            response = conn.getresponse()
            response.read()
            took = time.monotonic() - sent
            status = str(response.status)
            conn.close()
        except socket.timeout:
            status = "timeout"
        except (OSError, http.client.HTTPException):
            status = "error"
        with lock:
            statuses[status] += 1
            slowest[0] = max(slowest[0], took)

    threads = [threading.Thread(target=send) for _ in range(count)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, time.monotonic() - started, slowest[0]


def summary(statuses):
    return ",".join("%s:%d" % kv for kv in sorted(statuses.items()))

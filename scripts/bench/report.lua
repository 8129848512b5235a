-- wrk hook shared by the bench scripts: prints one machine-readable summary line for scripts/bench.sh.
-- Fields: requests, duration (us), non-2xx responses (wrk counts status >= 400),
-- socket errors (connect + read + write + timeout), latency p50 and p99 (us), and timeouts alone:
-- answers slower than --timeout, which wrk counts in requests but leaves out of the percentiles
-- (a request never answered before the end is not counted anywhere).
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("BENCH %d %d %d %d %.0f %.0f %d\n",
      summary.requests, summary.duration, e.status,
      e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(99), e.timeout))
end

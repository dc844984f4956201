-- wrk script for benchmarks/feedback_load.py: GET the form's first page, as a citizen opening
-- the link does, and report the same figures as feedback_submit.lua.
function done(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- wrk script for benchmarks/feedback_load.py: each thread POSTs its own share of the prepared
-- final pages (one unique submission each; BODIES names the file, one body a line) and counts
-- the acknowledged ones (the thank-you page with its reference).
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  thread_count = tonumber(args[1])
  bodies = {}
  for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
  position = id
  acknowledged, refused, reused = 0, 0, 0
  headers = {["Content-Type"] = "application/x-www-form-urlencoded",
             ["Cookie"] = os.getenv("COOKIE")}
end

function request()
  local body = bodies[position]
  if body == nil then
    -- Out of prepared submissions: send one again (a retry, which must not be stored twice).
    reused = reused + 1
    body = bodies[id]
  end
  position = position + thread_count
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, 'id="reference"', 1, true) then
    acknowledged = acknowledged + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local totals = {acknowledged = 0, refused = 0, reused = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format(
    'WRK {"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.2f, "p99_ms": %.2f, ' ..
    '"acknowledged": %d, "refused": %d, "reused": %d}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    totals.acknowledged, totals.refused, totals.reused))
end

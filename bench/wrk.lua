-- wrk script: cycle through the requests listed in the file named by WRK_REQUESTS (one per line:
-- "Accept<TAB>path?query"), each connection starting at a different place, and print a JSON summary.
local requests = {}
local counter = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    local accept, path = line:match("^([^\t]*)\t(.*)$")
    requests[#requests + 1] = wrk.format("GET", path, {["Accept"] = accept})
  end
  counter = (id * 7919) % #requests  -- threads start apart from one another
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end

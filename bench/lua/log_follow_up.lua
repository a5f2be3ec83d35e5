-- wrk script for workload (d): logFollowUp as an agent, each request with its own idempotency
-- key and one project of BENCH_PROJECTS (a file of global ids, one a line) in turn, so that
-- writers do not queue on one project's row. Every acknowledged write (HTTP 200, no error,
-- `replayed: false`) has its follow-up's id written to BENCH_ACKED.<thread>, for the check that
-- the database holds every one of them.
local projects = {}
for line in io.lines(os.getenv("BENCH_PROJECTS")) do
  if line ~= "" then table.insert(projects, line) end
end
local run = os.getenv("BENCH_RUN") or "run"
local acked_prefix = os.getenv("BENCH_ACKED")
local headers = {
  ["content-type"] = "application/json",
  ["accept"] = "application/json",
  ["authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
}
local query = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } replayed } }"

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  acked = 0
  bad = 0
  acked_file = assert(io.open(acked_prefix .. "." .. tid, "w"))
end

function request()
  n = n + 1
  local project = projects[1 + ((tid * 7919 + n) % #projects)]
  local body = string.format(
    '{"query":"%s","variables":{"i":{"projectId":"%s","occurredOn":"2024-03-02","mode":"PHONE","summary":"Appel de suivi %d","durationMinutes":30,"idempotencyKey":"%s-%d-%d"}}}',
    query, project, n, run, tid, n)
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, _, answer)
  if status == 200 and not string.find(answer, '"errors"', 1, true)
      and string.find(answer, '"replayed":false', 1, true) then
    local id = string.match(answer, '"id":"([^"]+)"')
    if id then
      acked = acked + 1
      acked_file:write(id, "\n")
      return
    end
  end
  bad = bad + 1
end

function done(summary, latency, _)
  local total_acked, failed = 0, 0
  for _, thread in ipairs(threads) do
    total_acked = total_acked + thread:get("acked")
    failed = failed + thread:get("bad")
  end
  io.write(string.format(
    '\nBENCH {"requests":%d,"duration_us":%d,"acked":%d,"failed":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, total_acked, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

-- wrk script for one GraphQL request, the same every time: a POST of BENCH_BODY (a file holding
-- the JSON body) to BENCH_PATH with BENCH_TOKEN as bearer token. Counts the answers that are not
-- HTTP 200 or carry GraphQL errors, and prints one JSON line of figures at the end.
local body_file = assert(io.open(os.getenv("BENCH_BODY"), "r"))
local body = body_file:read("*a")
body_file:close()
local path = os.getenv("BENCH_PATH") or "/graphql"
local headers = { ["content-type"] = "application/json", ["accept"] = "application/json" }
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then headers["authorization"] = "Bearer " .. token end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local request_text
function init(args)
  bad = 0
  request_text = wrk.format("POST", path, headers, body)
end

function request()
  return request_text
end

function response(status, _, answer)
  if status ~= 200 or string.find(answer, '"errors"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, _)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("bad") end
  io.write(string.format(
    '\nBENCH {"requests":%d,"duration_us":%d,"failed":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

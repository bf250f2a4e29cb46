-- wrk script: each request saves a new conversation (random conversation_id) for one of the bench users,
-- taken in turn from BENCH_USERS_TOKENS ("<uuid> <token>;<uuid> <token>;...").
local users = {}
for id, token in string.gmatch(os.getenv("BENCH_USERS_TOKENS"), "(%S+) (%S+);") do
  users[#users + 1] = { id = id, token = token }
end
local counter = 0

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

function setup(thread)
  thread:set("seed", math.random(1, 1e9))
end

function init(args)
  math.randomseed(seed + os.time())
end

function request()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  local body = string.format(
    '{"conversation_id":"%s","user_id":"%s","question":"How much feed does a Ross 308 broiler eat at day %d?",' ..
    '"response":"About %d grams per day at that age.","metadata":{"response_source":"rag","confidence":0.9,' ..
    '"processing_time_ms":%d,"language":"en","model":"gpt-4o-mini","prompt_tokens":800,"completion_tokens":200}}',
    uuid(), user.id, counter % 42, 20 + counter % 150, 300 + counter % 4000)
  return wrk.format("POST", "/api/v1/conversations/save",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. user.token}, body)
end

function done(summary, latency, requests)
  local s = summary.errors
  io.write(string.format("RESULT requests=%d duration_s=%.1f non2xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, s.status, s.connect, s.read, s.write, s.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

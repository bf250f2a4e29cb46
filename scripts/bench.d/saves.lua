-- wrk script: each request saves one turn for one of the bench users, taken in turn from BENCH_USERS_TOKENS
-- ("<uuid> <token>;<uuid> <token>;..."). BENCH_FOLLOWUPS (percent, default 0) of the saves continue the chat the
-- same user saved last on this thread (same conversation_id, a new question and answer), as a chat's follow-up
-- question does; the others start a new chat (a random conversation_id). Every save is one turn, so every save is
-- one row in the table.
local users = {}
for id, token in string.gmatch(os.getenv("BENCH_USERS_TOKENS"), "(%S+) (%S+);") do
  users[#users + 1] = { id = id, token = token }
end
local followup_percent = tonumber(os.getenv("BENCH_FOLLOWUPS") or "0")
local counter = 0
local last_chat = {}
followups = 0
local threads = {}

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

-- BENCH_SEED: 32 random bits per wrk process (from /dev/urandom), so that two started in the same second cannot pick the
-- same chat ids: the service would rightly answer the second save of a chat and turn as a repeat, writing no row
function setup(thread)
  thread:set("seed", math.random(1, 1e9) + tonumber(os.getenv("BENCH_SEED") or "0"))
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(seed + os.time())
end

function request()
  counter = counter + 1
  local index = (counter % #users) + 1
  local user = users[index]
  local chat = last_chat[index]
  if chat ~= nil and math.random(1, 100) <= followup_percent then
    followups = followups + 1
  else
    chat = uuid()
    last_chat[index] = chat
  end
  local body = string.format(
    '{"conversation_id":"%s","user_id":"%s","question":"How much feed does a Ross 308 broiler eat at day %d (%d)?",' ..
    '"response":"About %d grams per day at that age.","metadata":{"response_source":"rag","confidence":0.9,' ..
    '"processing_time_ms":%d,"language":"en","model":"gpt-4o-mini","prompt_tokens":800,"completion_tokens":200}}',
    chat, user.id, counter % 42, counter, 20 + counter % 150, 300 + counter % 4000)
  return wrk.format("POST", "/api/v1/conversations/save",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. user.token}, body)
end

function done(summary, latency, requests)
  local s = summary.errors
  local continued = 0
  for _, thread in ipairs(threads) do
    continued = continued + (thread:get("followups") or 0)
  end
  io.write(string.format("RESULT requests=%d duration_s=%.1f non2xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.2f p99_ms=%.2f followups=%d\n",
    summary.requests, summary.duration / 1e6, s.status, s.connect, s.read, s.write, s.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, continued))
end

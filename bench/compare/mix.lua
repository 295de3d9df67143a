-- The comparison's mix for wrk: each request drawn by its share, from a random visitor
-- address (the builds trust one proxy's X-Forwarded-For), as bench/compare/workload.py does.
--
--   wrk -s mix.lua URL -- FILE SIGNUP POST COMMENT FEED RUN [READ]
--
-- FILE holds "token T" and "post ID" lines (the users and posts made beforehand); the four
-- shares add up to 1; RUN makes sign-up names unique to this run; READ is the path (and
-- query) of the feed's share, /posts unless given.

local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tokens, posts = {}, {}
  for line in io.lines(args[1]) do
    local kind, value = line:match("^(%S+) (%S+)$")
    if kind == "token" then table.insert(tokens, value) end
    if kind == "post" then table.insert(posts, value) end
  end
  local signup, post, comment = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  bounds = { signup, signup + post, signup + post + comment }
  run = args[6]
  read = args[7] or "/posts"
  made = 0
  math.randomseed(os.time() * 1000 + number)
end

local function headers(token)
  local h = {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d",
      math.random(0, 255), math.random(0, 255), math.random(1, 254)),
  }
  if token then h["Authorization"] = "Bearer " .. token end
  return h
end

function request()
  local draw = math.random()
  local token = tokens[math.random(#tokens)]
  if draw < bounds[1] then
    made = made + 1
    local name = string.format("w%s%dn%d", run, number, made)
    return wrk.format("POST", "/users/signup", headers(nil),
      string.format('{"username":"%s","password":"bench password 1"}', name))
  elseif draw < bounds[2] then
    return wrk.format("POST", "/posts", headers(token),
      string.format('{"title":"post %d"}', math.random(1000000)))
  elseif draw < bounds[3] then
    local text = math.random() < 0.2 and "I like orange" or "Nice post"
    return wrk.format("POST", "/posts/" .. posts[math.random(#posts)] .. "/comments",
      headers(token), string.format('{"content":"%s"}', text))
  end
  return wrk.format("GET", read, headers(nil))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"non_2xx":%d,"socket_errors":%d,' ..
    '"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end

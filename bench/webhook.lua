-- wrk: POSTs pre-signed webhook bodies, each thread its own share, each body once.
-- Arguments: the webhook path, the file of "<signature>\t<body>" lines, the number of threads,
-- and optionally a pause in milliseconds after each answer (to post at a set rate).
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  sigs, bodies = {}, {}
  local n = 0
  for line in io.lines(args[2]) do
    if n % args[3] == tid then
      local tab = line:find("\t")
      sigs[#sigs + 1] = line:sub(1, tab - 1)
      bodies[#bodies + 1] = line:sub(tab + 1)
    end
    n = n + 1
  end
  idx = 0
  pause = tonumber(args[4] or "0")
end

function delay()
  return pause
end

function request()
  idx = idx + 1
  if idx > #bodies then idx = 1 end  -- wrapped: the rest are redeliveries (duplicates)
  return wrk.format("POST", path, {["Content-Type"] = "application/json",
                                   ["X-Hub-Signature-256"] = sigs[idx]}, bodies[idx])
end

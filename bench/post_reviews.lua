-- wrk script for bench/webhook.py: POST AdmissionReviews read from a file (one JSON body a line), in turn,
-- and count every answer that is not an allow (wrk itself counts non-2xx answers and socket errors).
--   wrk -s bench/post_reviews.lua URL -- BODIES_FILE

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   local path = args[1] or error("usage: wrk -s post_reviews.lua URL -- BODIES_FILE")
   local headers = { ["Content-Type"] = "application/json" }
   requests = {}
   for line in io.lines(path) do
      if #line > 0 then
         table.insert(requests, wrk.format("POST", nil, headers, line))
      end
   end
   if #requests == 0 then
      error("no request bodies in " .. path)
   end
   nxt = 0
   denied = 0
end

function request()
   nxt = nxt % #requests + 1
   return requests[nxt]
end

function response(status, headers, body)
   if status ~= 200 or not string.find(body, '"allowed":%s*true') then
      denied = denied + 1
   end
end

function done(summary, latency, requests)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("denied")
   end
   io.write(string.format("not allowed: %d\n", total))
end

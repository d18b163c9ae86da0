-- wrk script for the partner-search API: rotates Russian, English, typo and filtered queries.
local queries = {
  "q=%D1%82%D0%BE%D0%BA%D0%B0%D1%80%D0%BD%D0%B0%D1%8F%20%D0%BE%D0%B1%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D0%BA%D0%B0",
  "q=laser%20cutting%20of%20sheet%20metal",
  "q=%D1%82%D0%BE%D0%BA%D1%80%D0%B0%D0%BD%D0%B0%D1%8F",
  "q=CNC%20milling&region_code=77",
  "q=%D0%BE%D0%BF%D1%82%D0%BE%D0%B2%D0%BE%D0%BB%D0%BE%D0%BA%D0%BD%D0%BE",
  "q=small%20satellites",
  "q=%D1%81%D0%B8%D1%81%D1%82%D0%B5%D0%BC%D1%8B%20%D0%B2%D0%B8%D0%B4%D0%B5%D0%BE%D0%BD%D0%B0%D0%B1%D0%BB%D1%8E%D0%B4%D0%B5%D0%BD%D0%B8%D1%8F",
  "q=industrial%20design",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/organizations/search?limit=10&" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("searches %d in %.1f s (%.1f/s), non-2xx %d, timeouts %d, socket errors %d; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.timeout, summary.errors.read + summary.errors.connect + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end

-- wrk script for the partner-search API, two mixes:
--   wrk ... -s bench/search_wrk.lua URL               8 queries in turn (Russian, English, a typo,
--                                                      a region filter): they repeat, and kept
--                                                      results answer after the first round
--   wrk ... -s bench/search_wrk.lua URL -- distinct   no query repeats within 8,000 requests: a
--                                                      process, a material or object and a
--                                                      qualifier taken in turn (20 x 20 x 20), so
--                                                      every search is ranked from scratch
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
local processes = {"токарная обработка", "фрезерная обработка", "литьё под давлением", "лазерная резка",
  "3D-печать", "поверхностный монтаж", "сварка", "гибка листового металла", "CNC milling",
  "injection moulding", "laser cutting", "PCB assembly", "промышленный дизайн", "оптоволокно",
  "видеонаблюдение", "токраная", "фрезерованя", "anodizing", "порошковая покраска", "прототипирование"}
local objects = {"алюминий", "нержавеющая сталь", "титан", "пластик", "корпуса", "валы", "датчики",
  "платы", "кронштейны", "шестерни", "steel", "aluminium", "enclosures", "sensors", "медь",
  "композиты", "резина", "стекло", "керамика", "прототипы"}
local qualifiers = {"", "серийно", "малые партии", "Москва", "Зеленоград", "с ЧПУ", "high precision",
  "быстро", "опытная партия", "по чертежам", "small batch", "медицина", "автомобили", "космос",
  "энергетика", "робототехника", "дроны", "ГОСТ", "ISO 9001", "экспорт"}
local threads = 0
function setup(thread)
  thread:set("offset", threads * 4000)
  threads = threads + 1
end
local function encode(s)
  return (s:gsub("[^%w%-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local distinct = false
function init(args)
  distinct = args[1] == "distinct"
end
local i = 0
request = function()
  if not distinct then
    i = i + 1
    return wrk.format("GET", "/api/v1/organizations/search?limit=10&" .. queries[(i % #queries) + 1])
  end
  local n = (offset or 0) + i
  i = i + 1
  local q = processes[(n % 20) + 1] .. " " .. objects[(math.floor(n / 20) % 20) + 1] .. " " ..
    qualifiers[(math.floor(n / 400) % 20) + 1]
  local region = (n % 4 == 0) and "&region_code=77" or ""
  return wrk.format("GET", "/api/v1/organizations/search?limit=10" .. region .. "&q=" .. encode(q))
end
done = function(summary, latency, requests)
  io.write(string.format("searches %d in %.1f s (%.1f/s), non-2xx %d, timeouts %d, socket errors %d; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.timeout, summary.errors.read + summary.errors.connect + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end

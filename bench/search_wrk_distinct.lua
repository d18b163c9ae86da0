-- wrk script for the partner-search API where no query repeats within 8,000 requests: each is a
-- process, a material or object and a qualifier taken in turn (20 x 20 x 20 combinations), so
-- the per-process result cache never answers and every search is ranked from scratch.
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
local i = 0
request = function()
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

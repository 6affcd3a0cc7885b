-- Used by filter_agreement.py: registers one tap listener per display filter (file named by MAKO_FILTERS) and, at
-- the end of the run, prints "FILTER<TAB>frame numbers" (or "FILTER<TAB>error: ...") for each, so tshark evaluates
-- every filter in a single pass over the capture.
local filters, hits, errors = {}, {}, {}
for line in io.lines(os.getenv("MAKO_FILTERS")) do
  if line ~= "" and line:sub(1, 1) ~= "#" then table.insert(filters, line) end
end
for i, f in ipairs(filters) do
  hits[i] = {}
  local ok, l = pcall(Listener.new, "frame", f)
  if ok then
    l.packet = function(pinfo) table.insert(hits[i], pinfo.number) end
  else
    errors[i] = tostring(l)
  end
end
local done = Listener.new("frame", nil)
function done.draw()
  for i, f in ipairs(filters) do
    if errors[i] then io.write(f, "\terror: ", (errors[i]:gsub("[\r\n]", " ")), "\n")
    else io.write(f, "\t", table.concat(hits[i], ","), "\n") end
  end
end

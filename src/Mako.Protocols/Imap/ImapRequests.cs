namespace Mako.Protocols.Imap;

/// <summary>
/// Request/response matching for one connection, as tshark 4.0 keys it: by the line's first token, lower-cased.
/// A request line records its frame under its tag; a later line from the server with the same tag answers the
/// latest request with that tag at or before it (so "* ..." untagged lines never match, and a reused tag matches
/// its newest request).
/// </summary>
internal sealed class ImapRequests
{
    internal sealed class Request(long reqFrame, long reqTime)
    {
        public long ReqFrame { get; set; } = reqFrame;
        public long ReqTime { get; set; } = reqTime;
        public long RepFrame { get; set; }
    }

    private readonly Dictionary<string, List<Request>> _byTag = new(StringComparer.Ordinal);

    /// <summary>Records a request (first pass) and returns it.</summary>
    public Request AddRequest(ReadOnlySpan<char> tag, long frame, long ts)
    {
        var lookup = _byTag.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(tag, out var list))
        {
            list = new List<Request>(1);
            _byTag[tag.ToString()] = list;
        }
        // wmem_tree_insert32 replaces the entry of the same frame.
        if (list.Count > 0 && list[^1].ReqFrame == frame)
        {
            var same = list[^1];
            same.ReqTime = ts;
            same.RepFrame = 0;
            return same;
        }
        var r = new Request(frame, ts);
        list.Add(r);
        return r;
    }

    /// <summary>The latest request with this tag in a frame at or before <paramref name="frame"/>, or null.</summary>
    public Request? Find(ReadOnlySpan<char> tag, long frame)
    {
        var lookup = _byTag.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(tag, out var list)) return null;
        int lo = 0, hi = list.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (list[mid].ReqFrame <= frame)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found < 0 ? null : list[found];
    }
}

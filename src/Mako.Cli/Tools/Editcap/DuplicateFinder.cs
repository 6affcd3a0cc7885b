using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// editcap's duplicate detection: an MD5 of each packet's bytes (optionally skipping a prefix) kept in a ring of
/// window slots. By count (-d/-D N) a packet is a duplicate when one of the previous N-1 packets has the same digest
/// and length; by time (-w T) when such a packet lies at most T before it (packets with later time stamps are
/// skipped over, and the search stops at the first packet more than T older).
/// </summary>
internal sealed class DuplicateFinder
{
    private readonly int _window;
    private readonly bool _byTime;
    private readonly long _timeWindowNs;
    private readonly uint _ignoredBytes;
    private readonly bool _skipRadiotap;
    // Ring slots, grown on demand up to the window so that a big window costs nothing until used.
    private Entry[] _ring = new Entry[16];
    private int _current;
    // By count: how many slots hold each (digest, length), so a lookup does not scan the whole window.
    private readonly Dictionary<Key, int> _counts = new();

    private readonly record struct Key(ulong D0, ulong D1, uint Length);

    private struct Entry
    {
        public Key Key;
        public long TimeNs;
        public bool Set;
    }

    public DuplicateFinder(int window, bool byTime, long timeWindowNs, uint ignoredBytes, bool skipRadiotap)
    {
        _window = Math.Max(window, 1);
        _byTime = byTime;
        _timeWindowNs = timeWindowNs;
        _ignoredBytes = ignoredBytes;
        _skipRadiotap = skipRadiotap;
    }

    /// <summary>The digest of the packet last passed to <see cref="IsDuplicate"/>, as 32 hex digits.</summary>
    public string LastDigestHex { get; private set; } = "";

    public bool IsDuplicate(ReadOnlySpan<byte> data, long timeNs)
    {
        int offset = data.Length <= _ignoredBytes ? 0 : (int)_ignoredBytes;
        if (_skipRadiotap)
        {
            offset = data.Length >= 4 ? BinaryPrimitives.ReadUInt16LittleEndian(data[2..]) : 0;
            if (offset >= data.Length)
                offset = 0;
        }
        Span<byte> md5 = stackalloc byte[16];
        MD5.HashData(data[offset..], md5);
        LastDigestHex = Convert.ToHexStringLower(md5);
        var key = new Key(BinaryPrimitives.ReadUInt64LittleEndian(md5), BinaryPrimitives.ReadUInt64LittleEndian(md5[8..]), (uint)data.Length);

        // editcap advances before storing, so the first packet lands in slot 1 (slot 0 when the window is 1).
        _current++;
        if (_current >= _window)
            _current = 0;
        EnsureSlot(_current);
        ref var slot = ref _ring[_current];
        if (slot.Set && !_byTime)
            Forget(slot.Key);
        slot.Key = key;
        slot.TimeNs = timeNs;
        slot.Set = true;

        if (_byTime)
            return MatchByTime(key, timeNs);
        bool dup = _counts.TryGetValue(key, out int n) && n > 0;
        _counts[key] = n + 1;
        return dup;
    }

    private bool MatchByTime(Key key, long timeNs)
    {
        int i = _current;
        while (true)
        {
            i--;
            if (i < 0)
                i = _window - 1;
            if (i == _current || i >= _ring.Length || !_ring[i].Set)
                return false;   // wrapped round, or reached a slot never used
            long delta = timeNs - _ring[i].TimeNs;
            if (delta < 0)
                continue;       // an earlier packet with a later time stamp: look further back
            if (delta > _timeWindowNs)
                return false;
            if (_ring[i].Key == key)
                return true;
        }
    }

    private void Forget(Key key)
    {
        if (_counts.TryGetValue(key, out int n))
        {
            if (n <= 1) _counts.Remove(key);
            else _counts[key] = n - 1;
        }
    }

    private void EnsureSlot(int slot)
    {
        if (slot < _ring.Length)
            return;
        int size = Math.Min(Math.Max(_ring.Length * 2, slot + 1), _window);
        Array.Resize(ref _ring, size);
    }
}

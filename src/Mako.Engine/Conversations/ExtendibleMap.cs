namespace Mako.Engine.Conversations;

/// <summary>
/// A hash map that grows a bucket at a time (extendible hashing): a directory indexed by the top bits of the hash
/// points to <see cref="CompactMap{TKey, TValue}"/> buckets of <see cref="BucketSlots"/> slots; a bucket that fills up
/// splits into two by one more hash bit (the directory doubles when a bucket is as deep as it). So growing never
/// copies the whole map: no moment where old and new arrays of millions of entries are both alive, and the garbage
/// left by a split is one small bucket. For <see cref="RetiredConversations{T}"/>, which only grows for hours.
/// </summary>
internal sealed class ExtendibleMap<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : struct
{
    private const int BucketSlots = 1024;
    /// <summary>Past this depth a bucket grows instead of splitting (only with a hash that does not spread).</summary>
    private const int MaxDepth = 24;

    private CompactMap<TKey, TValue>[] _dir = [new(BucketSlots, 0)];
    private int _depth;

    public long Count { get; private set; }

    private int Index(int hash) => _depth == 0 ? 0 : (int)((uint)hash >> (32 - _depth));

    /// <summary>Adds or replaces; true when the key was new.</summary>
    public bool Set(in TKey key, in TValue value)
    {
        int h = key.GetHashCode();
        var b = _dir[Index(h)];
        while (b.Full && b.Depth < MaxDepth)
        {
            Split(b, Index(h));
            b = _dir[Index(h)];
        }
        bool added = b.Set(key, value);
        if (added) Count++;
        return added;
    }

    public bool Remove(in TKey key, out TValue value)
    {
        bool found = _dir[Index(key.GetHashCode())].Remove(key, out value);
        if (found) Count--;
        return found;
    }

    /// <summary>Splits bucket <paramref name="b"/>, which directory entry <paramref name="at"/> points to.</summary>
    private void Split(CompactMap<TKey, TValue> b, int at)
    {
        if (b.Depth == _depth)
        {
            // Top-bit indexing: entry i of the doubled directory is entry i / 2 of the old one.
            var dir = new CompactMap<TKey, TValue>[_dir.Length * 2];
            for (int i = 0; i < dir.Length; i++) dir[i] = _dir[i >> 1];
            _dir = dir;
            _depth++;
            at = (at << 1);
        }
        var zero = new CompactMap<TKey, TValue>(BucketSlots, b.Depth + 1);
        var one = new CompactMap<TKey, TValue>(BucketSlots, b.Depth + 1);
        b.SplitInto(zero, one, 31 - b.Depth);
        // The entries pointing to b are a contiguous run: those sharing its first b.Depth index bits.
        int span = 1 << (_depth - b.Depth);
        int start = at & ~(span - 1);
        for (int i = 0; i < span; i++) _dir[start + i] = i < span / 2 ? zero : one;
    }
}

namespace Mako.Engine.Conversations;

/// <summary>
/// A small open-addressing hash map of structs (linear probing on the low bits of the hash, backward-shift deletion,
/// power-of-two capacity, at most 7/8 full): keys, values and a used flag in three parallel arrays, so an entry costs
/// its key and value plus one byte, against Dictionary's extra hash code, chain link and bucket. One bucket of an
/// <see cref="ExtendibleMap{TKey, TValue}"/>.
/// </summary>
internal sealed class CompactMap<TKey, TValue>(int capacity, int depth)
    where TKey : struct, IEquatable<TKey>
    where TValue : struct
{
    private TKey[] _keys = new TKey[capacity];
    private TValue[] _values = new TValue[capacity];
    private bool[] _used = new bool[capacity];

    public int Count { get; private set; }
    public int Capacity => _keys.Length;
    /// <summary>One more entry would pass 7/8 of the slots (linear probing stays short below that).</summary>
    public bool Full => (Count + 1) * 8 > _keys.Length * 7;
    /// <summary>How many leading hash bits all keys of this bucket share (extendible hashing's local depth).</summary>
    public int Depth { get; } = depth;

    /// <summary>Moves every entry into <paramref name="zero"/> or <paramref name="one"/> by hash bit <paramref name="bit"/> (31 = top).</summary>
    public void SplitInto(CompactMap<TKey, TValue> zero, CompactMap<TKey, TValue> one, int bit)
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            if (!_used[i]) continue;
            var target = (((uint)_keys[i].GetHashCode() >> bit) & 1) == 0 ? zero : one;
            target.Set(_keys[i], _values[i]);
        }
    }

    /// <summary>Adds or replaces; true when the key was new.</summary>
    public bool Set(in TKey key, in TValue value)
    {
        if (Full) Grow();
        int mask = _keys.Length - 1;
        for (int i = key.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            if (!_used[i])
            {
                _used[i] = true;
                _keys[i] = key;
                _values[i] = value;
                Count++;
                return true;
            }
            if (_keys[i].Equals(key))
            {
                _values[i] = value;
                return false;
            }
        }
    }

    /// <summary>Removes the key and returns its value, if present.</summary>
    public bool Remove(in TKey key, out TValue value)
    {
        int mask = _keys.Length - 1;
        int i = key.GetHashCode() & mask;
        while (true)
        {
            if (!_used[i])
            {
                value = default;
                return false;
            }
            if (_keys[i].Equals(key)) break;
            i = (i + 1) & mask;
        }
        value = _values[i];
        // Backward-shift: pull later entries of the probe run into the hole so lookups never stop early.
        int hole = i;
        for (int j = (i + 1) & mask; _used[j]; j = (j + 1) & mask)
        {
            int home = _keys[j].GetHashCode() & mask;
            // Move j into the hole unless its home lies cyclically in (hole, j].
            bool stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (stays) continue;
            _keys[hole] = _keys[j];
            _values[hole] = _values[j];
            hole = j;
        }
        _used[hole] = false;
        _keys[hole] = default;
        _values[hole] = default;
        Count--;
        return true;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var used = _used;
        int size = keys.Length * 2;
        _keys = new TKey[size];
        _values = new TValue[size];
        _used = new bool[size];
        Count = 0;
        for (int i = 0; i < keys.Length; i++)
            if (used[i]) Set(keys[i], values[i]);
    }
}

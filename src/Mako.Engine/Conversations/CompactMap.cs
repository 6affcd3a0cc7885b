namespace Mako.Engine.Conversations;

/// <summary>
/// A small open-addressing hash map of structs (linear probing, backward-shift deletion, power-of-two capacity, at
/// most 3/4 full): keys, values and a used flag in three parallel arrays, so an entry costs its key and value plus one
/// byte, against Dictionary's extra hash code, chain link and bucket (12 bytes, and up to twice the slots). Used by
/// <see cref="RetiredConversations{T}"/> for millions of tiny records.
/// </summary>
internal sealed class CompactMap<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : struct
{
    private TKey[] _keys = new TKey[8];
    private TValue[] _values = new TValue[8];
    private bool[] _used = new bool[8];

    public int Count { get; private set; }

    /// <summary>Adds or replaces; true when the key was new.</summary>
    public bool Set(in TKey key, in TValue value)
    {
        if ((Count + 1) * 4 > _keys.Length * 3) Grow();
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

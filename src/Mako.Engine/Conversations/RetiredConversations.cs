using System.Runtime.InteropServices;
using Mako.Engine.Dissection;

namespace Mako.Engine.Conversations;

/// <summary>
/// Compact records of conversations a protocol has retired from the <see cref="ConversationTable"/>: a small value
/// (<typeparamref name="T"/>: a stream number, a few times) under a packed key, so that a conversation seen once long
/// ago costs tens of bytes instead of the few hundred a live <see cref="Conversation"/> with its protocol objects
/// takes. The protocol brings the conversation back from it, identically, if its address/port pair shows up again.
/// <para>
/// One instance serves one port type (the protocol's). IPv4 keys are packed into 12 bytes, IPv6 keys into 36; the
/// records live in <see cref="ExtendibleMap{TKey, TValue}"/>s, which grow a small bucket at a time, so a capture with
/// millions of flows never sees a resize spike (old and new tables alive at once) nor leaves big arrays as garbage.
/// </para>
/// </summary>
public sealed class RetiredConversations<T>(PortType type) where T : struct
{
    private readonly ExtendibleMap<V4Key, T> _v4 = new();
    private readonly ExtendibleMap<V6Key, T> _v6 = new();
    /// <summary>Anything else (mixed address types, another port type): rare.</summary>
    private readonly Dictionary<ConversationKey, T> _other = new();

    public long Count { get; private set; }

    /// <summary>Stores (or replaces) the record of a conversation.</summary>
    public void Add(in ConversationKey key, in T value)
    {
        bool added;
        if (key.Type != type) added = _other.TryAdd(key, value) || Replace(key, value);
        else if (key.AddrA.Type == AddressType.IPv4 && key.AddrB.Type == AddressType.IPv4)
        {
            added = _v4.Set(new V4Key(key), value);
        }
        else if (key.AddrA.Type == AddressType.IPv6 && key.AddrB.Type == AddressType.IPv6)
        {
            added = _v6.Set(new V6Key(key), value);
        }
        else added = _other.TryAdd(key, value) || Replace(key, value);
        if (added) Count++;
    }

    /// <summary>Removes and returns the record of a conversation, if there is one.</summary>
    public bool TryTake(in ConversationKey key, out T value)
    {
        value = default;
        bool found;
        if (key.Type != type) found = _other.Remove(key, out value);
        else if (key.AddrA.Type == AddressType.IPv4 && key.AddrB.Type == AddressType.IPv4)
        {
            found = _v4.Remove(new V4Key(key), out value);
        }
        else if (key.AddrA.Type == AddressType.IPv6 && key.AddrB.Type == AddressType.IPv6)
        {
            found = _v6.Remove(new V6Key(key), out value);
        }
        else found = _other.Remove(key, out value);
        if (found) Count--;
        return found;
    }

    private bool Replace(in ConversationKey key, in T value)
    {
        _other[key] = value;
        return false;
    }

    private static int Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return (int)x;
    }

    /// <summary>Both addresses IPv4: (A, B, port A, port B) in 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly struct V4Key(in ConversationKey key) : IEquatable<V4Key>
    {
        private readonly uint _a = (uint)key.AddrA.Lo, _b = (uint)key.AddrB.Lo, _ports = (uint)key.PortA << 16 | key.PortB;

        public bool Equals(V4Key o) => _a == o._a && _b == o._b && _ports == o._ports;
        public override bool Equals(object? obj) => obj is V4Key o && Equals(o);
        public override int GetHashCode() => Mix(((ulong)_a << 32 | _b) ^ ((ulong)_ports * 0x9e3779b97f4a7c15UL));
    }

    /// <summary>Both addresses IPv6: (A, B, port A, port B) in 36 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly struct V6Key(in ConversationKey key) : IEquatable<V6Key>
    {
        private readonly ulong _aHi = key.AddrA.Hi, _aLo = key.AddrA.Lo, _bHi = key.AddrB.Hi, _bLo = key.AddrB.Lo;
        private readonly uint _ports = (uint)key.PortA << 16 | key.PortB;

        public bool Equals(V6Key o) => _aHi == o._aHi && _aLo == o._aLo && _bHi == o._bHi && _bLo == o._bLo && _ports == o._ports;
        public override bool Equals(object? obj) => obj is V6Key o && Equals(o);
        public override int GetHashCode() =>
            Mix(_aHi ^ (_aLo * 0x9e3779b97f4a7c15UL) ^ (_bHi * 0xbf58476d1ce4e5b9UL) ^ (_bLo * 0x94d049bb133111ebUL) ^ _ports);
    }
}

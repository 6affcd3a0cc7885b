using Mako.Engine.Dissection;

namespace Mako.Engine.Conversations;

/// <summary>
/// The conversations of one capture, keyed by address/port pair (both directions match the same entry). Get it with
/// <c>pkt.Session.State&lt;ConversationTable&gt;()</c>: it lives and dies with the capture session.
/// <para>
/// When a conversation is replaced (TCP port reuse: a new SYN on a finished four-tuple), the table keeps only the
/// newest one under the key; the old object stays valid for whoever still holds it. Dissection is a single sequential
/// pass, so "the conversation current at this frame" is always the newest.
/// </para>
/// </summary>
public sealed class ConversationTable : IRetainedState
{
    private readonly Dictionary<ConversationKey, Conversation> _byKey = new();
    private readonly int[] _streamCounters = new int[8];

    public int Count => _byKey.Count;

    /// <summary>All current conversations (statistics; not for per-packet use).</summary>
    public IEnumerable<Conversation> All => _byKey.Values;

    public Conversation? Find(in ConversationKey key) => _byKey.GetValueOrDefault(key);

    /// <summary>The conversation of the packet's current addresses/ports (pkt.Src/Dst, SrcPort/DstPort, PortType).</summary>
    public Conversation? Find(Packet pkt) => Find(KeyOf(pkt));

    /// <summary>Creates a conversation, replacing any with the same key.</summary>
    public Conversation Create(in ConversationKey key, Packet pkt) => Create(key, pkt.Number, pkt.TimestampNs);

    /// <summary>Creates a conversation first seen in frame <paramref name="frame"/> at <paramref name="ts"/> (ns).</summary>
    public Conversation Create(in ConversationKey key, long frame, long ts)
    {
        var c = new Conversation(key, frame, ts);
        _byKey[key] = c;
        return c;
    }

    /// <summary>Removes <paramref name="c"/> if it is still the conversation under its key (false if it was replaced).</summary>
    public bool Remove(Conversation c)
    {
        if (!_byKey.TryGetValue(c.Key, out var current) || !ReferenceEquals(current, c)) return false;
        _byKey.Remove(c.Key);
        return true;
    }

    /// <summary>find_or_create_conversation: the packet's conversation, created on first sight.</summary>
    public Conversation FindOrCreate(Packet pkt)
    {
        var key = KeyOf(pkt);
        if (_byKey.TryGetValue(key, out var c))
        {
            if (pkt.Number > c.LastFrame) c.LastFrame = pkt.Number;
            return c;
        }
        return Create(key, pkt);
    }

    /// <summary>
    /// The next stream index for a port type (tcp.stream, udp.stream): 0, 1, 2... in order of first appearance in
    /// this capture. Protocols call it when they first attach their data to a conversation.
    /// </summary>
    public int NextStreamIndex(PortType type) => _streamCounters[(int)type]++;

    /// <summary>How many stream indices of a port type were handed out.</summary>
    public int StreamCount(PortType type) => _streamCounters[(int)type];

    public static ConversationKey KeyOf(Packet pkt) => ConversationKey.Of(pkt.Src, pkt.Dst, pkt.SrcPort, pkt.DstPort, pkt.PortType);

    public IEnumerable<(string Name, long Count)> Retained()
    {
        yield return ("conversations", _byKey.Count);
        var perType = new long[_streamCounters.Length];
        foreach (var k in _byKey.Keys) perType[(int)k.Type]++;
        for (int i = 0; i < perType.Length; i++)
            if (perType[i] > 0) yield return ("conv." + ((PortType)i).ToString().ToLowerInvariant(), perType[i]);
    }
}

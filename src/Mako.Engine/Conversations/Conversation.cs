using Mako.Engine.Dissection;

namespace Mako.Engine.Conversations;

/// <summary>
/// One conversation of a capture (Wireshark's conversation_t): its key, when it started, the dissector pinned to it
/// (conversation_set_dissector), and per-protocol data (conversation_add_proto_data) such as TCP's stream state.
/// Per-protocol data is keyed by the owner's <see cref="object"/> identity (usually its ProtocolDef) and held in a
/// tiny inline list: a conversation rarely carries more than two or three protocols' data.
/// </summary>
public sealed class Conversation
{
    private object? _k0, _v0, _k1, _v1;
    private List<KeyValuePair<object, object>>? _more;

    public Conversation(ConversationKey key, long firstFrame, long firstTs)
    {
        Key = key;
        FirstFrame = LastFrame = firstFrame;
        FirstTs = firstTs;
    }

    public ConversationKey Key { get; }
    /// <summary>Frame number of the packet that created the conversation.</summary>
    public long FirstFrame { get; }
    public long LastFrame { get; set; }
    /// <summary>Timestamp (ns) of the packet that created the conversation.</summary>
    public long FirstTs { get; }

    /// <summary>
    /// Set by the protocol that owns the conversation when it is over (TCP: both FINs acknowledged, or a reset), so
    /// the retirement sweep (<see cref="IdleSweeper"/>) can pass over the others without looking at their data.
    /// </summary>
    public bool Finished { get; set; }

    /// <summary>The dissector every packet of this conversation goes to, when a protocol has claimed it.</summary>
    public Dissector? Dissector { get; set; }

    /// <summary>Data a protocol attached to this conversation, or null.</summary>
    public T? Get<T>(object owner) where T : class
    {
        if (ReferenceEquals(_k0, owner)) return (T?)_v0;
        if (ReferenceEquals(_k1, owner)) return (T?)_v1;
        if (_more is not null)
            foreach (var kv in _more)
                if (ReferenceEquals(kv.Key, owner)) return (T)kv.Value;
        return null;
    }

    /// <summary>
    /// True when no dissector is pinned and no protocol but <paramref name="owner"/> attached data: then the owner
    /// alone can decide to retire the conversation (see <see cref="RetiredConversations{T}"/>).
    /// </summary>
    public bool OnlyHolds(object owner) =>
        Dissector is null && (_k0 is null || ReferenceEquals(_k0, owner)) && (_k1 is null || ReferenceEquals(_k1, owner))
        && (_more is null || _more.Count == 0);

    /// <summary>Attaches (or replaces) a protocol's data.</summary>
    public void Set(object owner, object value)
    {
        if (_k0 is null || ReferenceEquals(_k0, owner)) { _k0 = owner; _v0 = value; return; }
        if (_k1 is null || ReferenceEquals(_k1, owner)) { _k1 = owner; _v1 = value; return; }
        _more ??= new List<KeyValuePair<object, object>>(2);
        for (int i = 0; i < _more.Count; i++)
        {
            if (ReferenceEquals(_more[i].Key, owner)) { _more[i] = new(owner, value); return; }
        }
        _more.Add(new(owner, value));
    }

    /// <summary>The data of <paramref name="owner"/>, created by <paramref name="create"/> on first use.</summary>
    public T GetOrAdd<T>(object owner, Func<Conversation, T> create) where T : class
    {
        var v = Get<T>(owner);
        if (v is null)
        {
            v = create(this);
            Set(owner, v);
        }
        return v;
    }
}

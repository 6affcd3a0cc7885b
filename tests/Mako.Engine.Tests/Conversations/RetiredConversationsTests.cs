using Mako.Engine.Conversations;
using Mako.Engine.Dissection;

namespace Mako.Engine.Tests.Conversations;

public class RetiredConversationsTests
{
    private static ConversationKey V4(int i, PortType t = PortType.Udp) =>
        ConversationKey.Of(Address.IPv4(0x0a000000u | (uint)(i >> 10)), Address.IPv4(0xc0a80001), (uint)(1024 + (i & 1023)), 53, t);

    private static ConversationKey V6(int i) =>
        ConversationKey.Of(Address.IPv6(Guid.NewGuid().ToByteArray()), Address.IPv6(new byte[16]), (uint)i & 0xffff, 53, PortType.Udp);

    [Fact]
    public void Records_come_back_once_and_agree_with_a_dictionary_through_many_splits()
    {
        var r = new RetiredConversations<long>(PortType.Udp);
        var reference = new Dictionary<ConversationKey, long>();
        var rnd = new Random(7);
        var keys = new List<ConversationKey>();
        for (int i = 0; i < 60000; i++) keys.Add(V4(i));
        for (int i = 0; i < 300; i++) keys.Add(V6(i));
        keys.Add(ConversationKey.Of(Address.IPv4(1), Address.IPv6(new byte[16]), 1, 2, PortType.Udp)); // mixed types
        keys.Add(V4(5, PortType.Tcp));                                                                  // another port type
        foreach (var k in keys)
        {
            long v = rnd.NextInt64();
            r.Add(k, v);
            reference[k] = v;
        }
        Assert.Equal(reference.Count, r.Count);
        // Take a random half back (backward-shift deletion inside buckets), then check everything.
        foreach (var k in keys)
        {
            if (rnd.Next(2) == 0) continue;
            Assert.True(r.TryTake(k, out long v));
            Assert.Equal(reference[k], v);
            Assert.False(r.TryTake(k, out _));
            reference.Remove(k);
        }
        Assert.Equal(reference.Count, r.Count);
        foreach (var k in keys)
        {
            bool expected = reference.TryGetValue(k, out long ev);
            Assert.Equal(expected, r.TryTake(k, out long v));
            if (expected) Assert.Equal(ev, v);
        }
        Assert.Equal(0, r.Count);
    }

    [Fact]
    public void Adding_a_key_again_replaces_its_record()
    {
        var r = new RetiredConversations<int>(PortType.Udp);
        r.Add(V4(1), 1);
        r.Add(V4(1), 2);
        Assert.Equal(1, r.Count);
        Assert.True(r.TryTake(V4(1), out int v));
        Assert.Equal(2, v);
    }
}

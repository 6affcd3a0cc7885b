using Mako.Engine.Conversations;
using Mako.Engine.Dissection;

namespace Mako.Engine.Tests.Conversations;

public class ConversationTableTests
{
    private static readonly Address A = Address.IPv4(0x0a000001), B = Address.IPv4(0x0a000002);

    [Fact]
    public void Both_directions_give_the_same_key_and_opposite_directions()
    {
        var k1 = ConversationKey.Of(A, B, 1234, 80, PortType.Tcp);
        var k2 = ConversationKey.Of(B, A, 80, 1234, PortType.Tcp);
        Assert.Equal(k1, k2);
        Assert.Equal(A, k1.AddrA);
        Assert.True(ConversationKey.Direction(A, B, 1234, 80) < 0);
        Assert.True(ConversationKey.Direction(B, A, 80, 1234) > 0);
        Assert.NotEqual(k1, ConversationKey.Of(A, B, 1234, 80, PortType.Udp));
    }

    [Fact]
    public void Same_address_both_ends_orders_by_port_like_wireshark()
    {
        // cmp_address says equal: the direction comes from the ports (source > destination means flow 1).
        Assert.True(ConversationKey.Direction(A, A, 5000, 80) > 0);
        Assert.True(ConversationKey.Direction(A, A, 80, 5000) < 0);
        Assert.True(ConversationKey.Direction(A, A, 80, 80) < 0);
        Assert.Equal(ConversationKey.Of(A, A, 5000, 80, PortType.Udp), ConversationKey.Of(A, A, 80, 5000, PortType.Udp));
    }

    [Fact]
    public void Addresses_compare_by_type_then_bytes()
    {
        var v6 = Address.IPv6(new byte[16]);
        Assert.True(ConversationKey.Compare(A, v6) < 0);
        Assert.True(ConversationKey.Compare(Address.IPv4(0x01000000), Address.IPv4(0x00ffffff)) > 0);
    }

    [Fact]
    public void Stream_indices_count_per_port_type_and_replacement_keeps_the_old_object()
    {
        var t = new ConversationTable();
        Assert.Equal(0, t.NextStreamIndex(PortType.Tcp));
        Assert.Equal(1, t.NextStreamIndex(PortType.Tcp));
        Assert.Equal(0, t.NextStreamIndex(PortType.Udp));
        Assert.Equal(2, t.StreamCount(PortType.Tcp));

        var key = ConversationKey.Of(A, B, 1, 2, PortType.Tcp);
        var first = t.Create(key, 1, 0);
        var owner = new object();
        first.Set(owner, "old");
        var second = t.Create(key, 2, 10);
        Assert.Same(second, t.Find(key));
        Assert.Equal("old", first.Get<string>(owner));
        Assert.Null(second.Get<string>(owner));
    }

    [Fact]
    public void Per_protocol_data_holds_more_than_two_owners()
    {
        var c = new Conversation(default, 1, 0);
        var owners = new object[5];
        for (int i = 0; i < owners.Length; i++)
        {
            owners[i] = new object();
            c.Set(owners[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        c.Set(owners[3], "three");
        Assert.Equal("0", c.Get<string>(owners[0]));
        Assert.Equal("three", c.Get<string>(owners[3]));
        Assert.Equal("4", c.GetOrAdd(owners[4], _ => "new"));
        Assert.Equal("new", c.GetOrAdd(new object(), _ => "new"));
    }
}

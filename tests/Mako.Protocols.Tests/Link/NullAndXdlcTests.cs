using Mako.Protocols.Llc;
using Mako.Protocols.Null;

namespace Mako.Protocols.Tests.Link;

public class NullAndXdlcTests
{
    [Theory]
    [InlineData(0x00000002u, 2u)]          // little-endian AF_INET
    [InlineData(0x02000000u, 2u)]          // big-endian AF_INET
    [InlineData(0x1E000000u, 30u)]         // big-endian AF_INET6 (Darwin)
    [InlineData(0x00020000u, 2u)]          // IRIX: 2-byte family then zeros, read little-endian... upper half
    [InlineData(0x00000200u, 2u)]          // IRIX read the other way round
    [InlineData(0x00000806u, 0x0806u)]     // an Ethertype (old Linux loopback), already in order
    [InlineData(0x06080000u, 0x0806u)]     // an Ethertype written the other way round
    public void Null_family_byte_order_is_guessed_as_wireshark_does(uint header, uint family) =>
        Assert.Equal(family, NullDissector.Family(header));

    [Theory]
    [InlineData(0x03, false, "U, func=UI")]
    [InlineData(0x7F, false, "U P, func=SABME")]
    [InlineData(0x73, true, "U F, func=UA")]
    [InlineData(0x0F, true, "U, func=DM")]
    [InlineData(0x0F, false, "U, func=SARM")]
    [InlineData(0x43, true, "U, func=RD")]
    [InlineData(0xAF, false, "U, func=XID")]
    [InlineData(0x0101, false, "S P, func=RR, N(R)=0")]
    [InlineData(0x0B05, true, "S F, func=RNR, N(R)=5")]
    [InlineData(0x060D, false, "S, func=SREJ, N(R)=3")]
    [InlineData(0x0B04, false, "I P, N(R)=5, N(S)=2")]
    public void Control_field_summary(int control, bool response, string text) =>
        Assert.Equal(text, Xdlc.Describe(control, response));

    [Fact]
    public void Information_frames_and_lengths()
    {
        Assert.True(Xdlc.IsInformation(0x03));
        Assert.True(Xdlc.IsInformation(0x0B04));
        Assert.False(Xdlc.IsInformation(0xE3));
        Assert.False(Xdlc.IsInformation(0x0101));
        Assert.Equal(1, Xdlc.ControlLength(0xAF));
        Assert.Equal(2, Xdlc.ControlLength(0x0101));
    }
}

using System.Text;
using Mako.Cli.Tools.Capinfos;

namespace Mako.Cli.Tests.Capinfos;

public sealed class Ripemd160Tests
{
    // Test vectors from the RIPEMD-160 specification (Dobbertin, Bosselaers, Preneel).
    [Theory]
    [InlineData("", "9c1185a5c5e9fc54612808977ee8f548b2258d31")]
    [InlineData("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe")]
    [InlineData("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    [InlineData("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "b0e20b6e3116640286ed3a87a5713079b21f5189")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "9b752e45573d4b39f4dbd3323cab82bf63326bfb")]
    public void Specification_vectors(string message, string expected)
        => Assert.Equal(expected, Convert.ToHexStringLower(Ripemd160.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void Million_a()
        => Assert.Equal("52783243c1697bdbe16d37f97f68f08325dc1528",
            Convert.ToHexStringLower(Ripemd160.HashData(Encoding.ASCII.GetBytes(new string('a', 1_000_000)))));

    [Fact]
    public void Incremental_appends_in_any_split_match_one_shot()
    {
        var data = new byte[1000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 + 3);
        byte[] whole = Ripemd160.HashData(data);
        var r = new Ripemd160();
        foreach (int cut in new[] { 1, 63, 64, 65, 127, 200, 1000 })
        {
            int pos = 0;
            while (pos < data.Length)
            {
                int n = Math.Min(cut, data.Length - pos);
                r.AppendData(data.AsSpan(pos, n));
                pos += n;
            }
            Assert.Equal(whole, r.GetHashAndReset());
        }
    }
}

public sealed class CapinfosFormatTests
{
    [Theory]
    [InlineData(0, (int)Format.Unit.BytesPerSecond, "0 bytes/s")]
    [InlineData(9999, (int)Format.Unit.Bytes, "9999 bytes")]
    [InlineData(10000, (int)Format.Unit.Bytes, "10 kB")]
    [InlineData(1109031656, (int)Format.Unit.Bytes, "1109 MB")]
    [InlineData(3000000, (int)Format.Unit.None, "3000 k")]
    [InlineData(23472000, (int)Format.Unit.BitsPerSecond, "23 Mbps")]
    [InlineData(2610966, (int)Format.Unit.PacketsPerSecond, "2610 kpackets/s")]
    [InlineData(5, (int)Format.Unit.PacketsPerSecond, "5 packets/s")]
    [InlineData(99_000_000_000_000, (int)Format.Unit.Bytes, "99 TB")]
    public void Size_follows_format_size(long value, int unit, string expected)
        => Assert.Equal(expected, Format.Size(value, (Format.Unit)unit));

    [Theory]
    [InlineData(0.125, "0.12")]   // ties go to the even digit, as glibc's printf
    [InlineData(0.375, "0.38")]
    [InlineData(2.625, "2.62")]
    [InlineData(314.875, "314.88")]
    [InlineData(72.8333333, "72.83")]
    [InlineData(41775456.906, "41775456.91")]
    [InlineData(0, "0.00")]
    public void Fixed2_is_printf(double value, string expected) => Assert.Equal(expected, Format.Fixed2(value));

    [Theory]
    [InlineData(1, 0, 6, true, "1.000000 second")]
    [InlineData(1, 500000000, 6, true, "1.500000 seconds")]
    [InlineData(0, 766, 9, true, "0.000000766 seconds")]
    [InlineData(2, 190000000, 2, false, "2.19")]
    [InlineData(7, 0, 0, true, "7 seconds")]
    public void Relative_time(long secs, int nsecs, int prec, bool unit, string expected)
        => Assert.Equal(expected, Format.RelativeTime(new NsTime(secs, nsecs), prec, unit));

    [Fact]
    public void Time_arithmetic_keeps_nanoseconds_positive()
    {
        Assert.Equal(new NsTime(0, 999_999_999), new NsTime(2, 0) - new NsTime(1, 1));
        Assert.Equal(new NsTime(-1, 999_999_999), NsTime.FromNs(-1));
    }

    [Theory]
    [InlineData("invalid option -- 'Z'", "unrecognized option: Z")]
    [InlineData("unrecognized option '--foo'", "unrecognized option: foo")]
    [InlineData("option '--help' doesn't allow an argument", "option does not take an argument: help")]
    public void Getopt_errors_use_Wiresharks_words(string gnu, string expected)
        => Assert.Equal(expected, CapinfosHelp.GetoptMessage(gnu));

    [Theory]
    [InlineData(1, 1, "Ethernet", "ether")]
    [InlineData(101, 7, "Raw IP", "rawip")]
    [InlineData(113, 25, "Linux cooked-mode capture v1", "linux-sll")]
    [InlineData(4, 0, "Unknown", "unknown")]
    public void Encapsulation_numbers_and_names(int linkType, int wtap, string description, string name)
    {
        Assert.Equal(wtap, WtapEncap.FromLinkType(linkType));
        Assert.Equal(description, WtapEncap.Description(wtap));
        Assert.Equal(name, WtapEncap.Name(wtap));
    }
}

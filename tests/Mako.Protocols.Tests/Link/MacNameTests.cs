using Mako.Engine.Names;

namespace Mako.Protocols.Tests.Link;

/// <summary>
/// MAC name resolution must follow Wireshark 4.0's rules (addr_resolv.c). Expected names were checked against tshark
/// with the same manuf/wka lines.
/// </summary>
public class MacNameTests
{
    private static MacDatabase Db(string manuf, string wka)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mako-mac-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "manuf"), manuf);
        File.WriteAllText(Path.Combine(dir, "wka"), wka);
        try
        {
            return MacDatabase.Load([dir]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static readonly MacDatabase Sample = Db(
        "00:00:0C\tCisco\tCisco Systems, Inc\n" +
        "00:1B:21\tIntelCor\tIntel Corporate\n" +
        "00:55:DA:50/28\tNanoleaf\tNanoleaf\n" +
        "00:1B:C5:00:00/36\tConvergi\tConverging Systems Inc.\n" +
        "00:00:00\t00:00:00\tOfficially Xerox, but 0:0:0:0:0:0 is more common\n" +
        "# a comment line\n" +
        "08:00:09\tHP # trailing comment\n",
        "01-00-0C-00-00/40\tISL-Frame\n" +
        "01-00-0C-CC-CC-CC\tCDP/VTP/DTP/PAgP/UDLD\n" +
        "01-00-5E/25\t\tIPv4mcast\n" +
        "33-33-00-00-00-00/16\tIPv6mcast\n" +
        "01-80-C2-00-00-00/44\tSpanning-tree-(for-bridges)\n" +
        "FF-FF-FF-FF-FF-FF\tBroadcast\n");

    private static string? Name(string mac) => Sample.Resolve(Convert.FromHexString(mac.Replace(":", "", StringComparison.Ordinal)));

    [Theory]
    [InlineData("00:1b:21:3a:4c:5e", "IntelCor_3a:4c:5e")]        // vendor OUI
    [InlineData("ff:ff:ff:ff:ff:ff", "Broadcast")]                 // exact entry
    [InlineData("01:00:0c:cc:cc:cc", "CDP/VTP/DTP/PAgP/UDLD")]     // exact entry beats the /40 range
    [InlineData("00:55:da:5a:bc:de", "Nanoleaf_0a:bc:de")]         // /28: the free nibble is masked
    [InlineData("00:1b:c5:00:01:23", "Convergi_01:23")]            // /36
    [InlineData("01:80:c2:00:00:0e", "Spanning-tree-(for-bridges)_0e")] // /44
    [InlineData("01:00:5e:7f:ff:fa", "IPv4mcast_7f:ff:fa")]        // /25
    [InlineData("33:33:00:00:00:fb", "IPv6mcast_fb")]              // ranges are keyed by masked address only: /16 found at /40
    [InlineData("01:00:0c:12:34:56", "ISL-Frame_12:34:56")]        // /40 range found at /27, before the vendor OUI
    [InlineData("01:00:0c:12:34:57", "ISL-Frame_12:34:57")]
    [InlineData("01:1b:21:00:00:01", "IntelCor_00:00:01")]         // group bit cleared to find the vendor
    [InlineData("00:00:00:00:00:00", "00:00:00_00:00:00")]
    [InlineData("08:00:09:01:02:03", "HP_01:02:03")]               // comment after the name
    [InlineData("02:00:00:00:00:02", null)]
    public void Names_follow_wireshark(string mac, string? expected) => Assert.Equal(expected, Name(mac));

    [Fact]
    public void Vendor_is_the_long_name_of_an_exact_oui_only()
    {
        Assert.Equal("Intel Corporate", Sample.Vendor(0x001B21));
        Assert.Equal("HP", Sample.Vendor(0x080009));
        Assert.Null(Sample.Vendor(0x011B21));
        Assert.Null(Sample.Vendor(0x0055DA));
    }

    [Fact]
    public void Later_entries_replace_earlier_ones()
    {
        var db = Db("00:11:22\tFirst\n00:11:22\tSecond\n", "00-11-22\tThird\n");
        Assert.Equal("Third_00:00:01", db.Resolve([0x00, 0x11, 0x22, 0, 0, 1]));
    }

    [Fact]
    public void Bad_lines_are_ignored()
    {
        var db = Db("zz:11:22\tBad\n00:11\tShort\n00:11:22/48\tMask48\n00:11:22/0\tMask0\n00:11-22\tMixed\n00:11:22\n", "");
        Assert.Null(db.Resolve([0x00, 0x11, 0x22, 0, 0, 1]));
    }
}

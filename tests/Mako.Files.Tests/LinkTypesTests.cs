using Xunit.Abstractions;

namespace Mako.Files.Tests;

public class LinkTypesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, "null", "NULL/Loopback")]
    [InlineData(1, "ether", "Ethernet")]
    [InlineData(101, "rawip", "Raw IP")]
    [InlineData(105, "ieee-802-11", "IEEE 802.11 Wireless LAN")]
    [InlineData(113, "linux-sll", "Linux cooked-mode capture v1")]
    [InlineData(127, "ieee-802-11-radiotap", "IEEE 802.11 plus radiotap radio header")]
    [InlineData(228, "rawip4", "Raw IPv4")]
    [InlineData(229, "rawip6", "Raw IPv6")]
    [InlineData(276, "linux-sll2", "Linux cooked-mode capture v2")]
    public void Names_as_capinfos_prints_them(int value, string shortName, string description)
    {
        Assert.Equal(shortName, LinkTypes.ShortName(value));
        Assert.Equal(description, LinkTypes.Description(value));
        Assert.Equal(value, LinkTypes.FromShortName(shortName));
    }

    [Fact]
    public void Shared_names_map_back_to_the_value_wireshark_writes_and_unknowns_are_refused()
    {
        Assert.Equal(101, LinkTypes.FromShortName("rawip"));   // also 12 and 14
        Assert.Equal(9, LinkTypes.FromShortName("ppp"));       // also 50
        Assert.Equal(-1, LinkTypes.FromShortName("no-such"));
        Assert.False(LinkTypes.IsKnown(4));
        Assert.Null(LinkTypes.ShortName(9999));
        Assert.Equal(128u * 1024 * 1024, LinkTypes.MaxSnapLength(LinkTypes.UsbPcap));
        Assert.Equal(262144u, LinkTypes.MaxSnapLength(1));
    }

    [Fact]
    public void File_encapsulation_matches_capinfos_on_the_corpus()
    {
        var corpus = CorpusTests.CorpusDirectory();
        if (corpus is null)
        {
            output.WriteLine("corpus not found: skipped");
            return;
        }
        int n = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "capinfos-encapsulation.tsv")))
        {
            if (line.StartsWith('#'))
                continue;
            var f = line.Split('\t');
            using var r = CaptureReader.Open(Path.Combine(corpus, f[0]));
            while (r.Read() != RecordKind.End) { }
            Assert.Equal((f[1], f[2]), LinkTypes.FileEncapsulation(r.Interfaces));
            n++;
        }
        output.WriteLine($"{n} files: file encapsulation agrees with capinfos");
    }
}

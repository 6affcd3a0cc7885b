using Mako.Engine.Dissection;
using Mako.Engine.Tree;

namespace Mako.Engine.Tests;

public class TreeAndColumnTests
{
    [Fact]
    public void Children_link_in_insertion_order_and_find_walks_all_occurrences()
    {
        var t = new PacketTree();
        t.Reset(new byte[10]);
        int p = t.Add(1, -1, 0, 0, 10, 0);
        int a = t.Add(2, p, 0, 0, 2, 7);
        int b = t.Add(3, p, 0, 2, 2, 8);
        int c = t.Add(2, b, 0, 2, 1, 9);
        Assert.Equal(a, t[p].FirstChild);
        Assert.Equal(b, t[a].NextSibling);
        Assert.Equal(c, t[b].FirstChild);
        Assert.Equal(a, t.Find(2));
        Assert.Equal(c, t.FindNext(2, a));
        Assert.Equal(-1, t.FindNext(2, c));
    }

    [Fact]
    public void Truncate_drops_later_nodes_and_cuts_them_out_of_older_child_lists()
    {
        var t = new PacketTree();
        t.Reset(new byte[10]);
        int p = t.Add(1, -1, 0, 0, 10, 0);
        int a = t.Add(2, p, 0, 0, 2, 7);
        int keep = t.Count;
        int b = t.Add(3, p, 0, 2, 2, 8);       // a later sibling of a ...
        t.Add(4, a, 0, 0, 1, 9);               // ... a later child of a ...
        t.Add(5, b, 0, 2, 1, 9);               // ... and a child of a later node
        t.Truncate(keep);
        Assert.Equal(keep, t.Count);
        Assert.Equal(a, t[p].FirstChild);
        Assert.Equal(a, t[p].LastChild);
        Assert.Equal(-1, t[a].NextSibling);
        Assert.Equal(-1, t[a].FirstChild);
        Assert.Equal(-1, t.Find(3));
        // The tree grows again from there with consistent links.
        int c = t.Add(6, p, 0, 4, 1, 1);
        Assert.Equal(c, t[a].NextSibling);
        Assert.Equal(c, t[p].LastChild);
        Assert.Equal(b, c);
    }

    [Fact]
    public void Tree_grows_past_its_initial_capacity_and_resets()
    {
        var t = new PacketTree();
        t.Reset(new byte[1]);
        for (int i = 0; i < 5000; i++) t.Add(i, -1, 0, 0, 0, (ulong)i);
        Assert.Equal(5000, t.Count);
        Assert.Equal(4999UL, t[4999].Value);
        t.Reset(new byte[1]);
        Assert.Equal(0, t.Count);
    }

    [Fact]
    public void Column_fence_protects_earlier_text_and_prepend_moves_it()
    {
        var c = new ColumnText();
        c.Set("Who has 10.0.0.1?");
        c.Fence();
        c.Set("replaced");
        Assert.Equal("Who has 10.0.0.1?replaced", c.ToString());
        c.Reset();
        c.Append("59221 → 4000 [SYN]");
        c.PrependFence("[TCP Retransmission] ");
        c.Clear();
        Assert.Equal("[TCP Retransmission] ", c.ToString());
        c.Append(42L);
        c.AppendSep(", ", "x");
        Assert.Equal("[TCP Retransmission] 42, x", c.ToString());
    }

    [Fact]
    public void Column_holds_at_most_wiresharks_info_length()
    {
        // tshark's Info buffer (COL_MAX_INFO_LEN) keeps 4095 characters; an IMF body appended line by line hits it.
        var c = new ColumnText();
        for (int i = 0; i < 1000; i++) c.Append("line, ");
        Assert.Equal(ColumnText.MaxLength, c.Length);
        c.Append('x');
        c.Append(12345L);
        Assert.Equal(ColumnText.MaxLength, c.Length);
        Assert.EndsWith("line, lin", c.ToString(), StringComparison.Ordinal);
        c.PrependFence("[TCP Retransmission] ");
        Assert.Equal(ColumnText.MaxLength, c.Length);
        Assert.StartsWith("[TCP Retransmission] line, ", c.ToString(), StringComparison.Ordinal);
        c.Set("short");
        Assert.Equal("[TCP Retransmission] short", c.ToString());
    }

    [Fact]
    public void Tvb_reads_throw_short_or_malformed_by_reported_length()
    {
        byte[] data = [1, 2, 3, 4];
        var snapped = new Tvb(data, 0, 100);
        var ex = Assert.Throws<DissectorException>(() => { var t = new Tvb(data, 0, 100); t.U32(2); });
        Assert.Equal(DissectorErrorKind.Short, ex.Kind);
        ex = Assert.Throws<DissectorException>(() => { var t = new Tvb(data, 0, 4); t.U32(2); });
        Assert.Equal(DissectorErrorKind.Malformed, ex.Kind);
        Assert.Equal(0x01020304u, snapped.U32(0));
        Assert.Equal(2, snapped.Slice(2).Length);
        Assert.Equal(98, snapped.Slice(2).ReportedLength);
    }

    [Theory]
    [InlineData((byte)6, 6)]
    [InlineData((byte)9, 9)]
    [InlineData((byte)3, 3)]
    [InlineData((byte)0x8a, 4)]    // 2^-10 s needs 4 decimals
    [InlineData((byte)0x9e, 9)]    // 2^-30 s
    public void Timestamp_precision_from_if_tsresol(byte tsresol, int digits) =>
        Assert.Equal(digits, CaptureSession.PrecisionOf(tsresol));
}

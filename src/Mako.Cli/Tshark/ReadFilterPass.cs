using Mako.Cli.Tools.Dfilter;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Files;
using Mako.Filters;

namespace Mako.Cli.Tshark;

/// <summary>
/// `-2 -R FILTER`, tshark 4.0's read filter. tshark's first pass dissects every packet and drops from the capture
/// those that fail the read filter; the second pass shows only the survivors, numbered 1..N, with the dissection
/// state the first pass built from every packet. A packet's frame number while it is tested is the number it would
/// get if it passed (one more than the packets passed so far), so "-R frame.number >= 3" passes nothing, and
/// per-capture state (streams, reassembly, request/response numbers) includes the dropped packets.
/// Mako does both in one pass over one session: every packet is dissected with that numbering, and only survivors
/// reach -Y, the printers, -w and the statistics. "${field}" references match nothing (tshark has no selected frame).
/// </summary>
internal sealed class ReadFilterPass(DisplayFilter readFilter)
{
    private long _passed;
    private long? _lastPassedTs;

    public DisplayFilter Filter => readFilter;

    /// <summary>Compiles an optional filter, printing tshark's message and caret when it does not compile.</summary>
    public static bool TryCompile(string? text, FieldRegistry fields, CliIo io, out DisplayFilter? filter)
    {
        filter = null;
        if (text is null) return true;
        try
        {
            filter = DisplayFilter.Compile(text, fields);
            return true;
        }
        catch (FilterException fe)
        {
            FilterErrors.Write(io.Err, "mako: ", text, fe);
            return false;
        }
    }

    /// <summary>
    /// Before dissection: the frame number the packet has while the read filter tests it, and its "previous captured
    /// frame" (the last survivor: dropped packets are not in the filtered capture).
    /// </summary>
    public void Prepare(PacketRecord rec, CaptureSession session)
    {
        rec.Number = _passed + 1;
        session.SetPreviousCaptured(_lastPassedTs);
    }

    /// <summary>After dissection: whether the packet survives the read filter (then it keeps its number).</summary>
    public bool Passes(Packet pkt)
    {
        if (!readFilter.Matches(pkt)) return false;
        _passed++;
        _lastPassedTs = pkt.TimestampNs;
        return true;
    }
}

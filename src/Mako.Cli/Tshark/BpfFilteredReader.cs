using Mako.Capture;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tshark;

/// <summary>
/// `mako -r F -f 'BPF'` (a Mako extension: tshark refuses capture filters on files; tcpdump -r has them): a reader
/// that passes on only the packets libpcap's compiled filter accepts, as if the capture had been taken with that
/// filter. Frames are therefore renumbered 1, 2, 3... over the kept packets, and per-capture state (TCP analysis,
/// conversations, relative times) never sees the others — what `tcpdump -r F -w - 'BPF' | mako -r -` gives.
/// One program is compiled per link type (pcapng files may mix them), for the file's snapshot length.
/// </summary>
internal sealed class BpfFilteredReader : CaptureReader
{
    private readonly CaptureReader _inner;
    private readonly string _expression;
    private readonly Dictionary<int, BpfFilter> _filters = new();
    private long _kept;

    public override CaptureFormat Format => _inner.Format;
    public override uint? PcapNetworkField => _inner.PcapNetworkField;
    public override uint SnapLength => _inner.SnapLength;

    /// <summary>Wraps <paramref name="inner"/> (owned). Compiles the filter once now so a bad one fails before anything is read.</summary>
    public BpfFilteredReader(CaptureReader inner, string expression)
    {
        _inner = inner;
        _expression = expression;
        FileName = inner.FileName;
        IsCompressed = inner.IsCompressed;
        Sync();
        try
        {
            FilterFor(inner.Interfaces.Count > 0 ? inner.Interfaces[0].LinkType : LinkTypes.Ethernet);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private BpfFilter FilterFor(int linkType)
    {
        if (!_filters.TryGetValue(linkType, out var f))
        {
            uint fileSnap = _inner.SnapLength;
            int snap = fileSnap is 0 or > int.MaxValue ? InterfaceOptions.DefaultSnapLength : (int)fileSnap;
            f = BpfFilter.Compile(_expression, linkType, snap);
            _filters[linkType] = f;
        }
        return f;
    }

    // The inner reader's lists grow as blocks are read; mirror what is new.
    private void Sync()
    {
        for (int i = SectionList.Count; i < _inner.Sections.Count; i++) SectionList.Add(_inner.Sections[i]);
        for (int i = InterfaceList.Count; i < _inner.Interfaces.Count; i++) InterfaceList.Add(_inner.Interfaces[i]);
        for (int i = NameList.Count; i < _inner.Names.Count; i++) NameList.Add(_inner.Names[i]);
        for (int i = SecretList.Count; i < _inner.Secrets.Count; i++) SecretList.Add(_inner.Secrets[i]);
    }

    public override RecordKind Read()
    {
        while (true)
        {
            var kind = _inner.Read();
            Sync();
            LastKind = kind;
            if (kind == RecordKind.Block)
            {
                Block = _inner.Block;
                return kind;
            }
            if (kind != RecordKind.Packet)
                return kind;
            var p = _inner.Packet;
            BpfFilter filter;
            try
            {
                filter = FilterFor(p.LinkType);
            }
            catch (CaptureException e)
            {
                throw new CaptureFileException(CaptureErrorKind.Unsupported,
                    $"The capture filter \"{_expression}\" can't be applied to frame {p.Number} (link type {p.LinkType}): {e.Message}");
            }
            if (!filter.Matches(p.Data.Span, (int)Math.Min(p.OriginalLength, int.MaxValue)))
                continue;
            PacketCopy.Header(p, Packet);
            Packet.Number = ++_kept;
            PacketCount = _kept;
            return kind;
        }
    }

    public override void Dispose()
    {
        foreach (var f in _filters.Values) f.Dispose();
        _filters.Clear();
        _inner.Dispose();
        base.Dispose();
    }
}

using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// Walks a capture once and fills a <see cref="CaptureSummary"/> the way capinfos 4.0 tallies it: first/last time
/// stamps with their precisions, strict order, inferred snaplen range, per-encapsulation and per-interface counts,
/// name-resolution and decryption-secret counts.
/// </summary>
internal sealed class SummaryCollector
{
    private const uint CustomBlock = 0x00000BAD;
    private const uint CustomBlockNoCopy = 0x40000BAD;

    private readonly CaptureReader _reader;
    private readonly TextWriter _err;
    private readonly string _displayName;
    private readonly Dictionary<int, InterfaceDescription> _rawInterfaces = new();
    private readonly List<uint> _interfaceCounts = new();

    public CaptureSummary Summary { get; } = new();

    /// <summary>The read error that ended the walk early, if any (the summary holds what came before it).</summary>
    public CaptureFileException? Error { get; private set; }

    public SummaryCollector(CaptureReader reader, string displayName, TextWriter err)
    {
        _reader = reader;
        _displayName = displayName;
        _err = err;
    }

    public void Run()
    {
        try
        {
            RecordKind kind;
            while ((kind = _reader.Read()) != RecordKind.End)
            {
                if (kind == RecordKind.Packet)
                    OnPacket(_reader.Packet);
                else if (_reader.Block is { } block)
                    OnBlock(block);
            }
        }
        catch (CaptureFileException e)
        {
            Error = e;
        }
        Finish();
    }

    private void OnPacket(PacketRecord p)
    {
        var s = Summary;
        bool hasTs = p.Source != PacketSource.SimplePacketBlock;
        s.AddPacket(hasTs, hasTs ? NsTime.FromNs(p.TimestampNs) : default, hasTs ? PacketPrecision(p.InterfaceId) : 0,
            (uint)p.CapturedLength, p.OriginalLength);

        int wtap = WtapEncap.FromLinkType(p.LinkType);
        if (wtap > 0)
        {
            s.EncapCounts.TryGetValue(wtap, out int n);
            s.EncapCounts[wtap] = n + 1;
        }
        else
        {
            _err.Write($"capinfos: Unknown packet encapsulation {wtap} in frame {s.PacketCount} of file \"{_displayName}\"\n");
        }

        int id = p.InterfaceId;
        if (id >= 0)
        {
            while (_interfaceCounts.Count <= id) _interfaceCounts.Add(0);
            _interfaceCounts[id]++;
        }
    }

    private void OnBlock(BlockRecord b)
    {
        switch (b.Kind)
        {
            case BlockKind.InterfaceDescription when b.Interface is { } info:
                _rawInterfaces[info.Id] = InterfaceDescription.FromIdbBody(b.RawBody, b.BigEndian, info);
                break;
            case BlockKind.Other when b.BlockType is CustomBlock or CustomBlockNoCopy:
                // Wireshark hands custom blocks to capinfos as records without a time stamp.
                Summary.AddRecordWithoutTimestamp();
                break;
        }
    }

    private int PacketPrecision(int interfaceId)
    {
        if (_reader.Format != CaptureFormat.PcapNg)
            return _reader.Format == CaptureFormat.PcapNanosecond ? WtapNames.PrecNano : WtapNames.PrecMicro;
        if (_rawInterfaces.TryGetValue(interfaceId, out var d))
            return d.Precision;
        var ifaces = _reader.Interfaces;
        return (uint)interfaceId < (uint)ifaces.Count ? InterfaceDescription.FromInfo(ifaces[interfaceId]).Precision : WtapNames.PrecMicro;
    }

    /// <summary>
    /// For a walk done elsewhere (the pcap fast path): adds the per-packet counts for packets that all share the
    /// file's one interface, then the file-level facts.
    /// </summary>
    public void FinishWithoutWalk()
    {
        if (Summary.PacketCount > 0)
        {
            int wtap = WtapEncap.FromLinkType(_reader.Interfaces[0].LinkType);
            Summary.EncapCounts[wtap] = (int)Summary.PacketCount;
            _interfaceCounts.Add(Summary.PacketCount);
        }
        Finish();
    }

    private void Finish()
    {
        var s = Summary;
        var r = _reader;
        (string desc, string name) = WtapNames.FileType(r.Format);
        s.FileTypeDescription = desc;
        s.FileTypeName = name;
        s.GzipCompressed = r.IsCompressed;
        s.Sections.AddRange(r.Sections);

        if (r.Format == CaptureFormat.PcapNg)
        {
            s.SnapLength = 0;
            for (int i = 0; i < r.Interfaces.Count; i++)
            {
                var info = r.Interfaces[i];
                var d = _rawInterfaces.TryGetValue(info.Id, out var raw) ? raw : InterfaceDescription.FromInfo(info);
                d.StatEntries = info.Statistics.Count;
                AddInterface(d, i);
                s.FileEncap = i == 0 || s.FileEncap == d.Wtap ? d.Wtap : WtapEncap.PerPacket;
                s.FileTsPrec = i == 0 || s.FileTsPrec == d.Precision ? d.Precision : WtapNames.PrecPerPacket;
            }
        }
        else
        {
            int linkType = r.Interfaces.Count > 0 ? r.Interfaces[0].LinkType : 1;
            int wtap = WtapEncap.FromLinkType(linkType);
            bool nano = r.Format == CaptureFormat.PcapNanosecond;
            s.SnapLength = r.SnapLength;
            s.FileEncap = wtap;
            s.FileTsPrec = nano ? WtapNames.PrecNano : WtapNames.PrecMicro;
            uint snap = r.SnapLength != 0 ? r.SnapLength : DefaultSnapLength(linkType);
            AddInterface(InterfaceDescription.ForPcap(wtap, snap, nano), 0);
        }

        foreach (var rec in r.Names)
        {
            if (rec.IsIPv6) s.Ipv6Names += (uint)rec.Names.Count;
            else s.Ipv4Names += (uint)rec.Names.Count;
        }
        s.DecryptionSecrets = (uint)r.Secrets.Count;
    }

    // Wireshark's generated interface for a pcap file without a snaplen: D-Bus and EBHSCR allow bigger packets.
    private static uint DefaultSnapLength(int linkType) => linkType switch
    {
        231 => 128u * 1024 * 1024,
        279 => 8u * 1024 * 1024,
        _ => 262144,
    };

    private void AddInterface(InterfaceDescription d, int index)
    {
        Summary.InterfaceDescriptions.Add(d.Format());
        Summary.InterfacePacketCounts.Add(index < _interfaceCounts.Count ? _interfaceCounts[index] : 0);
    }
}

using Mako.Files;

namespace Mako.Cli.Tools.Capinfos;

internal enum TimeOrder { InOrder, NotInOrder, Unknown }

/// <summary>Everything capinfos reports about one file, gathered in one pass.</summary>
internal sealed class CaptureSummary
{
    public string FileTypeDescription { get; set; } = "";
    public string FileTypeName { get; set; } = "";
    public bool GzipCompressed { get; set; }
    /// <summary>Wireshark encapsulation number of the file (<see cref="WtapEncap.PerPacket"/> when interfaces differ).</summary>
    public int FileEncap { get; set; } = WtapEncap.Unknown;
    public int FileTsPrec { get; set; } = WtapNames.PrecUnknown;
    /// <summary>File header snapshot length; 0 means "(not set)" (always so for pcapng).</summary>
    public uint SnapLength { get; set; }
    public uint SnapMinInferred { get; set; } = uint.MaxValue;
    public uint SnapMaxInferred { get; set; }
    public long FileSize { get; set; }

    public uint PacketCount { get; set; }
    public ulong PacketBytes { get; set; }
    public bool TimesKnown { get; set; } = true;
    public NsTime Start { get; set; }
    public int StartPrec { get; set; } = WtapNames.PrecUnknown;
    public NsTime Stop { get; set; }
    public int StopPrec { get; set; } = WtapNames.PrecUnknown;
    public TimeOrder Order { get; set; } = TimeOrder.InOrder;

    /// <summary>Packets per Wireshark encapsulation number, in ascending number order.</summary>
    public SortedDictionary<int, int> EncapCounts { get; } = new();

    /// <summary>One entry per interface: the indented description lines capinfos prints.</summary>
    public List<string> InterfaceDescriptions { get; } = new();
    public List<uint> InterfacePacketCounts { get; } = new();

    /// <summary>Section headers (pcap files have one with no options; a zero-length "ERF" file has one too).</summary>
    public List<SectionInfo> Sections { get; } = new();

    public uint Ipv4Names { get; set; }
    public uint Ipv6Names { get; set; }
    public uint DecryptionSecrets { get; set; }

    private NsTime _prev;

    /// <summary>
    /// Tallies one packet as capinfos does: bytes on the wire, the inferred snaplen range when the packet was cut,
    /// and (with a time stamp) first/last times and strict order against the previous record.
    /// </summary>
    public void AddPacket(bool hasTimestamp, NsTime t, int prec, uint capturedLength, uint originalLength)
    {
        if (hasTimestamp)
            AddTimestamp(t, prec);
        else
            AddRecordWithoutTimestamp();
        PacketBytes += originalLength;
        PacketCount++;
        if (capturedLength < originalLength)
        {
            if (capturedLength < SnapMinInferred) SnapMinInferred = capturedLength;
            if (capturedLength > SnapMaxInferred) SnapMaxInferred = capturedLength;
        }
    }

    // capinfos's "first record" test looks at the packet counter, so a time stamp that follows records without
    // one still restarts the first/last times.
    private void AddTimestamp(NsTime t, int prec)
    {
        var prev = _prev;
        _prev = t;
        if (PacketCount == 0)
        {
            Start = t; StartPrec = prec;
            Stop = t; StopPrec = prec;
            prev = t;
        }
        if (t < prev) Order = TimeOrder.NotInOrder;
        if (t < Start) { Start = t; StartPrec = prec; }
        if (t > Stop) { Stop = t; StopPrec = prec; }
    }

    /// <summary>A record without a time stamp (simple packet block, custom block): times become unknown.</summary>
    public void AddRecordWithoutTimestamp()
    {
        TimesKnown = false;
        if (Order != TimeOrder.NotInOrder)
            Order = TimeOrder.Unknown;
    }

    public NsTime Duration => Stop - Start;
    public int DurationPrec => Math.Max(StartPrec, StopPrec);

    /// <summary>Seconds between first and last packet as capinfos computes it (difference of two doubles).</summary>
    public double DeltaSeconds => Stop.ToSeconds() - Start.ToSeconds();

    public double DataRate => PacketCount > 0 && DeltaSeconds > 0 ? PacketBytes / DeltaSeconds : 0;
    public double PacketRate => PacketCount > 0 && DeltaSeconds > 0 ? PacketCount / DeltaSeconds : 0;
    public double AveragePacketSize => PacketCount > 0 ? PacketBytes / (double)PacketCount : 0;
}

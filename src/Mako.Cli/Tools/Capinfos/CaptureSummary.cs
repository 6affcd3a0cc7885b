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

    public NsTime Duration => Stop - Start;
    public int DurationPrec => Math.Max(StartPrec, StopPrec);

    /// <summary>Seconds between first and last packet as capinfos computes it (difference of two doubles).</summary>
    public double DeltaSeconds => Stop.ToSeconds() - Start.ToSeconds();

    public double DataRate => PacketCount > 0 && DeltaSeconds > 0 ? PacketBytes / DeltaSeconds : 0;
    public double PacketRate => PacketCount > 0 && DeltaSeconds > 0 ? PacketCount / DeltaSeconds : 0;
    public double AveragePacketSize => PacketCount > 0 ? PacketBytes / (double)PacketCount : 0;
}

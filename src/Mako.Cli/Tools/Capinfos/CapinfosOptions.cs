namespace Mako.Cli.Tools.Capinfos;

/// <summary>Which infos to print and how. Flags work as in capinfos: the first info flag turns "all" off.</summary>
internal sealed class CapinfosOptions
{
    public bool ReportAll { get; private set; } = true;

    public bool FileType { get; set; } = true;
    public bool FileEncap { get; set; } = true;
    public bool SnapLength { get; set; } = true;
    public bool PacketCount { get; set; } = true;
    public bool FileSize { get; set; } = true;
    public bool Comment { get; set; } = true;
    public bool MoreInfo { get; set; } = true;
    public bool Interfaces { get; set; } = true;
    public bool NameResolution { get; set; } = true;
    public bool DecryptionSecrets { get; set; } = true;
    public bool DataSize { get; set; } = true;
    public bool Duration { get; set; } = true;
    public bool StartTime { get; set; } = true;
    public bool EndTime { get; set; } = true;
    public bool Order { get; set; } = true;
    public bool DataRateBytes { get; set; } = true;
    public bool DataRateBits { get; set; } = true;
    public bool PacketSize { get; set; } = true;
    public bool PacketRate { get; set; } = true;
    public bool Hashes { get; set; } = true;

    public bool TimeAsSeconds { get; set; }
    public bool LongReport { get; set; } = true;
    public bool TableHeader { get; set; } = true;
    public char Separator { get; set; } = '\t';
    /// <summary>'\0' for no quoting.</summary>
    public char Quote { get; set; }
    public bool MachineReadable { get; set; }
    public bool StopAfterFailure { get; set; }

    /// <summary>Only the packet count is wanted: the walk can skip everything else.</summary>
    public bool CountOnly => !FileType && !FileEncap && !SnapLength && PacketCount && !FileSize && !Comment && !MoreInfo
        && !Interfaces && !NameResolution && !DecryptionSecrets && !DataSize && !Duration && !StartTime && !EndTime
        && !Order && !DataRateBytes && !DataRateBits && !PacketSize && !PacketRate && !Hashes;

    /// <summary>Called for each info flag (-t, -c...): the first one switches the "report all" default off.</summary>
    public void Select(Action<CapinfosOptions> enable)
    {
        if (ReportAll) SetAll(false);
        enable(this);
    }

    /// <summary>-A.</summary>
    public void EnableAll() => SetAll(true);

    private void SetAll(bool on)
    {
        ReportAll = on;
        FileType = FileEncap = SnapLength = PacketCount = FileSize = Comment = MoreInfo = Interfaces = on;
        NameResolution = DecryptionSecrets = DataSize = Duration = StartTime = EndTime = Order = on;
        DataRateBytes = DataRateBits = PacketSize = PacketRate = Hashes = on;
    }
}

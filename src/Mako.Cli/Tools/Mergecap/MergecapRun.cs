using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Mergecap;

/// <summary>One mergecap run: opens every input, picks packets in time order (or file order with -a), writes one output.</summary>
internal sealed class MergecapRun(MergeOptions o, CliIo io)
{
    private const int PerPacket = -2;       // inputs of several link types (WTAP_ENCAP_PER_PACKET)
    private const uint DefaultSnapLength = 262144;
    private readonly TextWriter _err = io.Err;
    private readonly List<MergeInput> _inputs = new();
    private readonly PacketRecord _out = new();

    public int Execute()
    {
        try
        {
            return ExecuteCore();
        }
        finally
        {
            foreach (var i in _inputs)
                i.Dispose();
        }
    }

    private int ExecuteCore()
    {
        foreach (var name in o.InFiles)
        {
            if (FailureMessages.CheckInput(name) is { } problem)
            {
                _err.WriteLine("mergecap: " + problem);
                return 2;
            }
            try
            {
                var reader = name == "-" ? CaptureReader.Open(io.In, "-", leaveOpen: true) : CaptureReader.Open(name);
                _inputs.Add(new MergeInput(name, reader));
            }
            catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
            {
                _err.WriteLine("mergecap: " + FailureMessages.OpenFailure(name, e, "mergecap"));
                return 2;
            }
        }
        if (o.Verbose)
        {
            foreach (var i in _inputs)
                _err.WriteLine($"mergecap: {i.Name} is type {FileTypes.Description(i.Reader.Format)}.");
        }
        foreach (var i in _inputs)
            i.Prefetch();

        int frameType = SelectFrameType();
        uint snap = o.SnapLength != 0 ? o.SnapLength : DefaultSnapLength;
        string typeName = FileTypes.Name(o.Format);

        CaptureWriter writer;
        if (o.Format != CaptureFormat.PcapNg && frameType == PerPacket)
        {
            _err.WriteLine("mergecap: " + FailureMessages.CantWriteAs(typeName));
            return 2;
        }
        if (o.OutFile != "-" && FailureMessages.CheckOutputFolder(o.OutFile!) is { } bad)
        {
            _err.WriteLine("mergecap: " + bad);
            return 2;
        }
        try
        {
            writer = CreateWriter(frameType, snap);
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            _err.WriteLine("mergecap: " + FailureMessages.DumpOpenFailure(o.OutFile!, e, typeName));
            return 2;
        }
        using (writer)
        {
            if (o.Verbose)
                _err.WriteLine("mergecap: ready to merge records");
            string? failure = Merge(writer, snap, typeName);
            if (o.Verbose)
                _err.WriteLine("mergecap: merging complete");
            try
            {
                writer.Commit();
            }
            catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
            {
                failure ??= $"An error occurred while closing the file \"{o.OutFile}\": {e.Message}";
            }
            if (failure is not null)
            {
                _err.WriteLine("mergecap: " + failure);
                return 2;
            }
        }
        return 0;
    }

    /// <summary>The output's link type: the inputs' common one, else "per packet" (verbose mode says why).</summary>
    private int SelectFrameType()
    {
        static int Encap(MergeInput i)
        {
            var types = i.Interfaces.Select(x => x.LinkType).Distinct().ToList();
            return types.Count == 1 ? types[0] : types.Count == 0 ? -1 : PerPacket;
        }
        int selected = Encap(_inputs[0]);
        for (int k = 1; k < _inputs.Count; k++)
        {
            int t = Encap(_inputs[k]);
            if (t != selected)
            {
                if (o.Verbose)
                {
                    _err.WriteLine("mergecap: multiple frame encapsulation types detected");
                    _err.WriteLine("          defaulting to WTAP_ENCAP_PER_PACKET");
                    _err.WriteLine($"          {_inputs[0].Name} had type {Describe(selected)}");
                    _err.WriteLine($"          {_inputs[k].Name} had type {Describe(t)}");
                }
                selected = PerPacket;
                break;
            }
        }
        if (o.Verbose)
            _err.WriteLine($"mergecap: selected frame_type {Describe(selected)}");
        return selected;
    }

    private static string Describe(int linkType) => linkType switch
    {
        PerPacket => "Per packet (per-packet)",
        -1 => "Unknown (unknown)",
        _ => $"{LinkTypes.Description(linkType) ?? "Unknown"} ({LinkTypes.ShortName(linkType) ?? "unknown"})",
    };

    private CaptureWriter CreateWriter(int frameType, uint snap)
    {
        bool toStdout = o.OutFile == "-";
        if (toStdout)
            io.Out.Flush();
        if (o.Format != CaptureFormat.PcapNg)
        {
            int lt = frameType >= 0 ? frameType : LinkTypes.Ethernet;
            return toStdout ? CaptureWriter.Create(io.RawOut, o.Format, null, lt, snap, leaveOpen: true)
                : CaptureWriter.Create(o.OutFile!, o.Format, null, lt, snap);
        }
        var template = new CaptureTemplate(MergedSection());
        var writer = toStdout ? CaptureWriter.Create(io.RawOut, CaptureFormat.PcapNg, template, leaveOpen: true)
            : CaptureWriter.Create(o.OutFile!, CaptureFormat.PcapNg, template);
        var (merged, map) = IdbMerger.Merge(_inputs.Select(i => (IReadOnlyList<InterfaceInfo>)i.Interfaces).ToList(), o.Mode ?? IdbMergeMode.All);
        for (int k = 0; k < _inputs.Count; k++)
            _inputs[k].Map = map[k];
        foreach (var iface in merged)
        {
            var block = _inputs.Select(i => i.Blocks.GetValueOrDefault(iface)).FirstOrDefault(b => b is not null);
            if (block is not null)
                writer.WriteBlock(block);
            else
                writer.AddInterface(iface);
        }
        return writer;
    }

    /// <summary>
    /// The first input's section header with mergecap's changes: its first comment (if any) gets the list of merged
    /// files appended, the hardware string is dropped, and OS and application are this machine's and Mako's.
    /// </summary>
    private SectionInfo MergedSection()
    {
        var first = _inputs[0].Reader;
        var s = first.Format == CaptureFormat.PcapNg && first.Sections.Count > 0
            ? CaptureTemplate.Copy(first.Sections[0])
            : new SectionInfo { MajorVersion = 1 };
        if (s.Comments.Count > 0 && s.Comments[0].Length > 0)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append(s.Comments[0]).Append(" \n").Append("File created by merging: \n");
            for (int k = 0; k < _inputs.Count; k++)
                sb.Append($"File{k + 1}: {_inputs[k].Name} \n");
            s.Comments[0] = sb.ToString();
        }
        s.Hardware = null;
        s.Os = SystemInfo.OsVersion();
        s.UserApplication = SystemInfo.AppName("mergecap");
        return s;
    }

    /// <summary>Copies every packet to the output; returns the message of the error that stopped it, or null.</summary>
    private string? Merge(CaptureWriter writer, uint snap, string typeName)
    {
        bool pcapng = writer.Format == CaptureFormat.PcapNg;
        int count = 0;
        while (true)
        {
            MergeInput? src;
            try
            {
                src = o.Append ? NextInFileOrder() : NextInTimeOrder();
            }
            catch (MergeReadException e)
            {
                return FailureMessages.ReadFailure(e.Input.Name, e.InnerException!, "mergecap");
            }
            if (src is null)
                return null;
            count++;
            if (o.Verbose)
                _err.WriteLine($"Record: {count}");

            var p = src.Reader.Packet;
            PacketCopy.Header(p, _out);
            if ((uint)_out.CapturedLength > snap)
            {
                _out.CapturedLength = (int)snap;
                _out.Data = _out.Data[..(int)snap];
            }
            src.Current = MergeInput.State.NotPresent;
            try
            {
                if (pcapng)
                {
                    if ((uint)p.InterfaceId >= (uint)src.Map.Length)
                        return $"Record {src.PacketNumber} of \"{src.Name}\" has an interface ID that does not match any IDB in its file.";
                    var secrets = src.Reader.Secrets;
                    for (; src.SecretsWritten < secrets.Count; src.SecretsWritten++)
                        writer.WriteSecrets(secrets[src.SecretsWritten]);
                    writer.WritePacket(_out, src.Map[p.InterfaceId]);
                }
                else
                {
                    writer.WritePacket(_out);
                }
            }
            catch (Exception e) when (e is CaptureFileException or IOException)
            {
                return FailureMessages.WriteFailure(src.Name, o.OutFile!, e, src.PacketNumber, typeName);
            }
        }
    }

    /// <summary>The input whose waiting packet is earliest; on equal times the later file wins, as in mergecap.</summary>
    private MergeInput? NextInTimeOrder()
    {
        MergeInput? best = null;
        foreach (var i in _inputs)
        {
            if (i.Current == MergeInput.State.NotPresent)
                Fill(i);
            if (i.Current == MergeInput.State.Present && (best is null || i.Reader.Packet.TimestampNs <= best.Reader.Packet.TimestampNs))
                best = i;
        }
        if (best is not null)
            best.PacketNumber++;
        return best;
    }

    private MergeInput? NextInFileOrder()
    {
        foreach (var i in _inputs)
        {
            if (i.Current == MergeInput.State.AtEof)
                continue;
            if (i.Current == MergeInput.State.NotPresent)
                Fill(i);
            if (i.Current == MergeInput.State.Present)
                return i;
        }
        return null;
    }

    private static void Fill(MergeInput i)
    {
        if (i.PendingError is { } pending)
            throw new MergeReadException(i, pending);
        try
        {
            i.Current = i.ReadNext(collectInterfaces: false) ? MergeInput.State.Present : MergeInput.State.AtEof;
        }
        catch (Exception e) when (e is CaptureFileException or IOException)
        {
            throw new MergeReadException(i, e);
        }
    }

    private sealed class MergeReadException(MergeInput input, Exception inner) : Exception(inner.Message, inner)
    {
        public MergeInput Input { get; } = input;
    }
}

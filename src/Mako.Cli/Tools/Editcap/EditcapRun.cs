using System.Buffers.Binary;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Editcap;

/// <summary>One editcap run: reads the input once, edits each packet, writes one or more output files.</summary>
internal sealed partial class EditcapRun(EditcapOptions o, CliIo io)
{
    private const int InvalidOption = 1, InvalidFile = 2, WriteError = 2;

    private readonly TextWriter _err = io.Err;
    private CaptureReader _reader = null!;
    private SectionInfo _section = null!;
    private readonly List<DecryptionSecrets> _initialSecrets = new();
    private CaptureWriter? _writer;
    private string _fileName = "";
    private int _declared;                 // reader interfaces declared in the current output
    private SplitNaming? _naming;
    private int _fileIndex;
    private uint _writtenInFile;
    private readonly PacketRecord _out = new();
    private readonly List<BlockRecord?> _idbBlocks = new();
    private byte[] _buf = new byte[2048];

    public int Execute()
    {
        try
        {
            return ExecuteCore();
        }
        catch (ToolError e)
        {
            _err.WriteLine("editcap: " + e.Message);
            return e.ExitCode;
        }
        finally
        {
            _writer?.Dispose();
            _reader?.Dispose();
        }
    }

    private int ExecuteCore()
    {
        ErrorInjector? injector = null;
        if (o.ErrorProbability >= 0)
        {
            uint seed = o.Seed ?? unchecked((uint)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + Environment.ProcessId));
            if (o.Verbose)
                _err.WriteLine($"Using seed {seed}");
            if (o.ErrorProbability > 0)
                injector = new ErrorInjector(o.ErrorProbability, seed);
        }

        if (!OpenInput())
            return InvalidFile;
        if (o.Verbose)
            _err.WriteLine($"File {o.InFile} is a {FileTypes.Description(_reader.Format)} capture file.");
        if (o.SkipRadiotap && !CheckRadiotap())
            return InvalidOption;

        PrepareSection();
        if (!LoadSecrets())
            return InvalidOption;

        var selection = new PacketSelection();
        foreach (var s in o.SelectionArgs)
        {
            if (!selection.Add(s, _err, o.Verbose))
                break;
        }
        uint maxPacket = o.KeepSelected ? selection.MaxPacketNumber : uint.MaxValue;

        DuplicateFinder? dups = o.DupByCount || o.DupByTime
            ? new DuplicateFinder(o.DupWindow, o.DupByTime, o.DupTimeWindowNs, o.IgnoredBytes, o.SkipRadiotap)
            : null;

        uint count = 1, readCount = 0, duplicates = 0;
        long previousNs = 0;
        bool havePrevious = false;
        long blockNext = 0;
        bool blockNextSet = false;
        Exception? readError = null;

        while (true)
        {
            RecordKind kind;
            try
            {
                kind = _reader.Read();
            }
            catch (Exception e) when (e is CaptureFileException or IOException)
            {
                readError = e;
                break;
            }
            if (kind == RecordKind.End)
                break;
            if (kind == RecordKind.Block)
            {
                OnBlock(_reader.Block!);
                continue;
            }
            if (maxPacket <= readCount)
                break;
            readCount++;
            var p = _reader.Packet;

            if (readCount == 1)
            {
                if (o.SplitPacketCount != 0 || o.SplitIntervalNs != 0)
                    _naming = new SplitNaming(o.OutFile);
                if (!OpenOutput(_naming?.Name(_fileIndex++, p.TimestampNs) ?? o.OutFile))
                    return InvalidFile;
                _declareOnOpen = true;
            }
            DeclareNewInterfaces();

            if (o.SplitIntervalNs != 0)
            {
                if (!blockNextSet)
                {
                    blockNext = p.TimestampNs + o.SplitIntervalNs;
                    blockNextSet = true;
                }
                while (p.TimestampNs > blockNext)
                {
                    if (!CloseOutput())
                        return WriteError;
                    blockNext += o.SplitIntervalNs;
                    string next = _naming!.Name(_fileIndex++, p.TimestampNs);
                    if (o.Verbose)
                        _err.WriteLine($"Continuing writing in file {next}");
                    if (!OpenOutput(next))
                        return InvalidFile;
                }
            }

            bool inWindow = (o.StartNs is null || p.TimestampNs >= o.StartNs) && (o.StopNs is null || p.TimestampNs < o.StopNs);
            bool selected = selection.Contains(count);
            if (!inWindow || selected != o.KeepSelected)
            {
                count++;
                continue;
            }
            // A new file of a split by count starts when a selected packet would go into a full one (editcap checks
            // before selecting, which leaves empty files behind when deselected packets follow a full file).
            if (o.SplitPacketCount != 0 && _writtenInFile == o.SplitPacketCount)
            {
                if (!CloseOutput())
                    return WriteError;
                string next = _naming!.Name(_fileIndex++, p.TimestampNs);
                if (o.Verbose)
                    _err.WriteLine($"Continuing writing in file {next}");
                if (!OpenOutput(next))
                    return InvalidFile;
            }
            if (o.Verbose && dups is null)
                _err.WriteLine($"Packet: {count}");

            CopyPacket(p);
            AdjustTime(ref previousNs, ref havePrevious);
            int caplen = EditBytes();
            var data = _buf.AsSpan(0, caplen);

            if (dups is not null)
            {
                bool dup = dups.IsDuplicate(data, _out.TimestampNs);
                if (o.Verbose)
                    _err.WriteLine($"{(dup ? "Skipped" : "Packet")}: {count}, Len: {caplen}, MD5 Hash: {dups.LastDigestHex}");
                if (dup)
                {
                    duplicates++;
                    count++;
                    continue;
                }
            }

            if (injector is not null)
            {
                if (o.ChangeOffset > (uint)caplen)
                    _err.WriteLine($"change offset {o.ChangeOffset} is longer than caplen {caplen} in packet {count}");
                else
                    injector.Damage(data, (int)o.ChangeOffset);
            }

            if (o.DiscardPacketComments)
                _out.Comments.Clear();
            if (o.FrameComments.TryGetValue(readCount, out string? comment))
                _out.Comments.Add(comment);

            if (!WritePacket(readCount))
                return WriteError;
            count++;
        }

        if (readError is not null)
            _err.WriteLine("editcap: " + FailureMessages.ReadFailure(o.InFile, readError, "editcap"));
        if (_writer is null && !OpenOutput(o.OutFile))
            return InvalidFile;
        if (!CloseOutput())
            return WriteError;

        if (o.DupByCount)
        {
            _err.WriteLine($"{count - 1} packet{Plural(count - 1)} seen, {duplicates} packet{Plural(duplicates)} skipped with duplicate window of {o.DupWindow} packets.");
        }
        else if (o.DupByTime)
        {
            long w = o.DupTimeWindowNs;
            _err.WriteLine($"{count - 1} packet{Plural(count - 1)} seen, {duplicates} packet{Plural(duplicates)} skipped with duplicate time window equal to or less than {w / 1_000_000_000}.{w % 1_000_000_000:D9} seconds.");
        }
        return 0;
    }

    private static string Plural(uint n) => n == 1 ? "" : "s";

    private bool OpenInput()
    {
        if (FailureMessages.CheckInput(o.InFile) is { } problem)
        {
            _err.WriteLine("editcap: " + problem);
            return false;
        }
        try
        {
            _reader = o.InFile == "-" ? CaptureReader.Open(io.In, "-", leaveOpen: true) : CaptureReader.Open(o.InFile);
            return true;
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            _err.WriteLine("editcap: " + FailureMessages.OpenFailure(o.InFile, e, "editcap"));
            return false;
        }
    }

    private bool CheckRadiotap()
    {
        if (o.IgnoredBytes != 0)
        {
            _err.WriteLine($"editcap: can't skip radiotap headers and {o.IgnoredBytes} byte(s)");
            _err.WriteLine("editcap: at the start of packet at the same time");
            return false;
        }
        var types = _reader.Interfaces.Select(i => i.LinkType).Distinct().ToList();
        if (types.Count == 1 && types[0] == LinkTypes.Ieee80211Radiotap)
            return true;
        string expected = LinkTypes.Description(LinkTypes.Ieee80211Radiotap) ?? "IEEE 802.11 plus radiotap radio header";
        _err.WriteLine("editcap: can't skip radiotap header because input file has non-radiotap packets");
        if (types.Count != 1)
            _err.WriteLine($"editcap: expected '{expected}', not all packets are necessarily that type");
        else
            _err.WriteLine($"editcap: expected '{expected}', packets are '{LinkTypes.Description(types[0]) ?? "Unknown"}'");
        return false;
    }

    /// <summary>The section header every output file gets: the input's, with the comment options applied.</summary>
    private void PrepareSection()
    {
        _section = _reader.Sections.Count > 0 ? CaptureTemplate.Copy(_reader.Sections[0]) : new SectionInfo { MajorVersion = 1 };
        if (_reader.Format != CaptureFormat.PcapNg)
            _section = new SectionInfo { MajorVersion = 1 };
        if (o.DiscardCaptureComments)
            _section.Comments.Clear();
        _section.Comments.AddRange(o.CaptureComments);
        _section.UserApplication ??= SystemInfo.AppName("editcap");
    }

    /// <summary>Reads the --inject-secrets files; their blocks go at the start of every output file.</summary>
    private bool LoadSecrets()
    {
        foreach (var (type, file) in o.Secrets)
        {
            byte[] data;
            try
            {
                data = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string why = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory"
                    : e is UnauthorizedAccessException ? "Permission denied" : e.Message;
                _err.WriteLine($"editcap: \"{file}\" could not be read: Failed to open file “{file}”: {why}");
                return false;
            }
            if (data.Length == 0)
            {
                _err.WriteLine($"editcap: \"{file}\" is an empty file, ignoring");
                continue;
            }
            // A key log is text; a PEM or DER private key is a common mistake worth a warning.
            if (type == DecryptionSecrets.TlsKeyLog && (data.AsSpan().StartsWith("-----BEGIN "u8) || data[0] == 0x30))
                _err.WriteLine($"editcap: Warning: \"{file}\" is not a key log file, but an unsupported private key file. Decryption will not work.");
            _initialSecrets.Add(new DecryptionSecrets(type, data));
        }
        return true;
    }

    // Non-packet blocks: interfaces are declared and secrets written just before the next packet (as editcap does);
    // name resolution, statistics and custom blocks are not copied, like editcap 4.0. An interface's block is kept
    // so that it can be copied as it was (options in their order, explicit defaults included).
    private void OnBlock(BlockRecord block)
    {
        if (block.Kind != BlockKind.InterfaceDescription || block.Interface is not { } iface)
            return;
        while (_idbBlocks.Count <= iface.Id)
            _idbBlocks.Add(null);
        _idbBlocks[iface.Id] = new BlockRecord
        {
            Kind = BlockKind.InterfaceDescription,
            BlockType = block.BlockType,
            RawBody = (byte[])block.RawBody.Clone(),
            BigEndian = block.BigEndian,
            Interface = CaptureTemplate.Copy(iface),
        };
    }
}

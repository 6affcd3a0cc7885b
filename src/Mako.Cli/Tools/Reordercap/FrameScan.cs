using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Reordercap;

/// <summary>One pass over the input: every frame's time stamp (in file order) and the interface blocks as they were.</summary>
internal sealed class FrameScan
{
    public long[] Times = new long[1024];
    public int Count;
    public Exception? Error;
    private readonly List<BlockRecord> _interfaceBlocks = new();

    public static FrameScan Read(string path)
    {
        var scan = new FrameScan();
        using var reader = CaptureReader.Open(path);
        try
        {
            RecordKind k;
            while ((k = reader.Read()) != RecordKind.End)
            {
                if (k == RecordKind.Block)
                {
                    if (reader.Block is { Kind: BlockKind.InterfaceDescription, Interface: { } iface } b)
                    {
                        scan._interfaceBlocks.Add(new BlockRecord
                        {
                            Kind = b.Kind,
                            BlockType = b.BlockType,
                            BigEndian = b.BigEndian,
                            RawBody = (byte[])b.RawBody.Clone(),
                            Interface = CaptureTemplate.Copy(iface),
                        });
                    }
                    continue;
                }
                if (scan.Count == scan.Times.Length)
                    Array.Resize(ref scan.Times, scan.Times.Length * 2);
                scan.Times[scan.Count++] = reader.Packet.TimestampNs;
            }
        }
        catch (Exception e) when (e is CaptureFileException or IOException)
        {
            scan.Error = e;
        }
        return scan;
    }

    /// <summary>Writes the frames in time order (a stable sort) to a file of the input's type; returns the exit code.</summary>
    public int WriteSorted(string inFile, string outFile, CliIo io)
    {
        var order = new int[Count];
        for (int i = 0; i < Count; i++)
            order[i] = i;
        var times = Times;
        // Equal time stamps keep their file order: ties are broken by position.
        Array.Sort(order, (a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));

        using var index = CaptureIndex.Build(inFile);
        var reader = index.Reader;
        string typeName = FileTypes.Name(reader.Format);
        CaptureWriter writer;
        try
        {
            var format = reader.Format == CaptureFormat.PcapModified ? CaptureFormat.PcapModified : reader.Format;
            if (outFile == "-")
            {
                io.Out.Flush();
                writer = CaptureWriter.Create(io.RawOut, format, reader, leaveOpen: true);
            }
            else
            {
                writer = CaptureWriter.Create(outFile, format, reader);
            }
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine("reordercap: " + FailureMessages.DumpOpenFailure(outFile, e, typeName));
            return 1;
        }
        using (writer)
        {
            try
            {
                bool pcapng = writer.Format == CaptureFormat.PcapNg;
                if (pcapng)
                {
                    foreach (var b in _interfaceBlocks)
                        writer.WriteBlock(b);
                    foreach (var s in reader.Secrets)
                        writer.WriteSecrets(s);
                }
                foreach (int i in order)
                {
                    var p = index.ReadFrame(i + 1);
                    if (pcapng && p.InterfaceId < _interfaceBlocks.Count)
                        writer.WritePacket(p, p.InterfaceId);
                    else
                        writer.WritePacket(p);
                }
                writer.Commit();
            }
            catch (Exception e) when (e is CaptureFileException or IOException)
            {
                io.Err.WriteLine("reordercap: " + FailureMessages.WriteFailure(inFile, outFile, e, 0, typeName));
                return 2;
            }
        }
        return 0;
    }
}

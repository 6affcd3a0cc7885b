using Mako.Files;

namespace Mako.Cli.Tools.Mergecap;

/// <summary>One input of a merge: its reader, the interfaces it declared before its first packet, and its state.</summary>
internal sealed class MergeInput(string name, CaptureReader reader) : IDisposable
{
    public enum State { NotPresent, Present, AtEof }

    public string Name { get; } = name;
    public CaptureReader Reader { get; } = reader;
    public State Current { get; set; } = State.NotPresent;
    /// <summary>A read error met while looking for the first packet, reported when the merge first needs this file.</summary>
    public Exception? PendingError { get; set; }
    /// <summary>Interfaces known before the first packet (mergecap ignores later ones).</summary>
    public List<InterfaceInfo> Interfaces { get; } = new();
    /// <summary>The raw interface blocks, by interface index, for a byte-exact copy.</summary>
    public Dictionary<InterfaceInfo, BlockRecord> Blocks { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Output interface of each of <see cref="Interfaces"/>.</summary>
    public int[] Map { get; set; } = [];
    /// <summary>Packets taken from this file so far (what mergecap's error messages count).</summary>
    public uint PacketNumber { get; set; }
    public int SecretsWritten { get; set; }

    /// <summary>
    /// Reads up to the next packet. Returns false at the end of the file; throws the reader's error.
    /// Interface blocks before the first packet are collected.
    /// </summary>
    public bool ReadNext(bool collectInterfaces)
    {
        while (true)
        {
            var kind = Reader.Read();
            if (kind == RecordKind.End)
                return false;
            if (kind == RecordKind.Packet)
                return true;
            if (collectInterfaces && Reader.Block is { Kind: BlockKind.InterfaceDescription, Interface: { } iface } b)
            {
                var copy = Shared.CaptureTemplate.Copy(iface);
                Interfaces.Add(copy);
                Blocks[copy] = new BlockRecord
                {
                    Kind = b.Kind,
                    BlockType = b.BlockType,
                    BigEndian = b.BigEndian,
                    RawBody = (byte[])b.RawBody.Clone(),
                    Interface = copy,
                };
            }
        }
    }

    /// <summary>Finds the first packet, noting the interfaces on the way (pcap files have theirs from the header).</summary>
    public void Prefetch()
    {
        try
        {
            bool got = ReadNext(collectInterfaces: true);
            Current = got ? State.Present : State.AtEof;
        }
        catch (Exception e) when (e is CaptureFileException or IOException)
        {
            PendingError = e;
            Current = State.NotPresent;
        }
        if (Reader.Format != CaptureFormat.PcapNg)
        {
            Interfaces.Clear();
            foreach (var i in Reader.Interfaces)
                Interfaces.Add(Shared.CaptureTemplate.Copy(i));
        }
    }

    public void Dispose() => Reader.Dispose();
}

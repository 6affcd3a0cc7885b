namespace Mako.Files;

/// <summary>
/// Writes pcap (µs or ns) or pcapng. Output goes to a temporary file in the target's folder and is renamed
/// into place by <see cref="Commit"/>; disposing without committing deletes the temporary file, so a failed
/// run never leaves a half-written capture where the user's file was.
/// <code>
/// using var w = CaptureWriter.Create(path, CaptureFormat.PcapNg, template: reader);
/// w.WritePacket(reader.Packet); ... w.Commit();
/// </code>
/// </summary>
public abstract partial class CaptureWriter : IDisposable
{
    /// <summary>
    /// Creates a writer. For pcapng, <paramref name="template"/> (usually the reader) supplies the section header
    /// and interfaces met so far; blocks passed to <see cref="WriteBlock"/> are written as they come, so a reader's
    /// records replayed in order reproduce the file. For pcap, the link type and snaplen come from the first
    /// interface of the template or from <paramref name="linkType"/>/<paramref name="snapLength"/>.
    /// "-" writes to standard output (no rename).
    /// </summary>
    public static CaptureWriter Create(string path, CaptureFormat format, CaptureReader? template = null,
        int linkType = -1, uint snapLength = 0) => CaptureWriterFactory.Create(path, format, template, linkType, snapLength);

    /// <summary>Writes to a stream (no temporary file).</summary>
    public static CaptureWriter Create(Stream stream, CaptureFormat format, CaptureReader? template = null,
        int linkType = -1, uint snapLength = 0, bool leaveOpen = false) => CaptureWriterFactory.Create(stream, format, template, linkType, snapLength, leaveOpen);

    public abstract CaptureFormat Format { get; }

    /// <summary>Writes a packet. pcap refuses packets whose link type differs from the file's (Unsupported).</summary>
    public abstract void WritePacket(PacketRecord packet);

    /// <summary>
    /// Writes a packet on an interface of this output chosen by the caller: an id returned by <see cref="AddInterface"/>
    /// (pcapng; for mergecap-style writers that declare interfaces themselves). pcap has one interface and ignores it.
    /// The one-argument overload instead reads <see cref="PacketRecord.InterfaceId"/> as an interface of the
    /// template (declaring it on first use) or of the IDB blocks passed to <see cref="WriteBlock"/>.
    /// </summary>
    public virtual void WritePacket(PacketRecord packet, int interfaceId) => WritePacket(packet);

    /// <summary>pcapng: writes a non-packet block (new section, interface, NRB, ISB, DSB, custom). pcap: ignored.</summary>
    public abstract void WriteBlock(BlockRecord block);

    /// <summary>pcapng: declares an interface explicitly (writes an IDB) and returns its id in this output.</summary>
    public abstract int AddInterface(InterfaceInfo iface);

    /// <summary>pcapng: writes a Decryption Secrets Block.</summary>
    public abstract void WriteSecrets(DecryptionSecrets secrets);

    /// <summary>Flushes and renames the temporary file into place.</summary>
    public abstract void Commit();

    public abstract void Dispose();
}

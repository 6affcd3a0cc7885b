using System.Text;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Text2pcap;

/// <summary>One text2pcap run: reads the dump, writes the capture, reports the counts.</summary>
internal sealed class Text2pcapRun(string inFile, string outFile, CaptureFormat format, int linkType, string? ifName,
    bool quiet, DummyHeaders headers, HexDumpImporter.Settings settings, CliIo io)
{
    public int Execute()
    {
        var err = io.Err;
        string inName = inFile == "-" ? "Standard input" : inFile;
        string outName = outFile == "-" ? "Standard output" : outFile;
        if (FailureMessages.CheckInput(inFile) is { } problem)
        {
            err.WriteLine("text2pcap: " + problem);
            return 2;
        }
        if (outFile != "-" && FailureMessages.CheckOutputFolder(outFile) is { } bad)
        {
            err.WriteLine("text2pcap: " + bad);
            return 2;
        }
        TextReader input;
        try
        {
            var stream = inFile == "-" ? io.In : File.OpenRead(inFile);
            input = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: inFile == "-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            err.WriteLine($"text2pcap: The file \"{inFile}\" could not be opened: {e.Message}");
            return 2;
        }
        using (input)
        {
            CountingStream? counter = null;
            CaptureWriter writer;
            try
            {
                uint snap = (uint)Math.Max(settings.MaxFrame, 0);
                CaptureReader? template = null;
                if (format == CaptureFormat.PcapNg)
                {
                    template = new CaptureTemplate(new SectionInfo
                    {
                        MajorVersion = 1,
                        Hardware = SystemInfo.CpuInfo(),
                        Os = SystemInfo.OsVersion(),
                        UserApplication = SystemInfo.AppName("text2pcap"),
                        Comments = { $"Generated from input file {inName}." },
                    });
                }
                if (outFile == "-")
                {
                    io.Out.Flush();
                    counter = new CountingStream(io.RawOut);
                    writer = CaptureWriter.Create(counter, format, template, linkType, snap, leaveOpen: true);
                }
                else
                {
                    writer = CaptureWriter.Create(outFile, format, template, linkType, snap);
                }
                if (format == CaptureFormat.PcapNg)
                {
                    writer.AddInterface(new InterfaceInfo
                    {
                        LinkType = linkType,
                        SnapLength = snap,
                        Name = ifName ?? "Fake IF, text2pcap",
                        TsResolution = 9,
                    });
                }
            }
            catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
            {
                err.WriteLine("text2pcap: " + FailureMessages.DumpOpenFailure(outFile, e, FileTypes.Name(format)));
                return 2;
            }

            using (writer)
            {
                if (!quiet)
                {
                    err.WriteLine($"Input from: {inName}");
                    err.WriteLine($"Output to: {outName}");
                    err.WriteLine($"Output format: {FileTypes.Name(format)}");
                    WriteHeaderSummary(err);
                }
                settings.StartSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var packet = new PacketRecord { InterfaceId = 0, LinkType = linkType };
                string? failure = null;
                var importer = new HexDumpImporter(settings, err, (data, ts, flags, first, cont) =>
                {
                    if (failure is not null)
                        return;
                    byte[] bytes = headers.Any
                        ? headers.Build(data.Span, settings.HasDirection && flags == 2, settings.HasDirection, first, cont)
                        : data.ToArray();
                    packet.TimestampNs = ts;
                    packet.Data = bytes;
                    packet.CapturedLength = bytes.Length;
                    packet.OriginalLength = (uint)bytes.Length;
                    packet.Flags = format == CaptureFormat.PcapNg ? flags : null;
                    try
                    {
                        writer.WritePacket(packet, 0);
                    }
                    catch (Exception e) when (e is CaptureFileException or IOException)
                    {
                        failure = $"An error occurred while writing to the file \"{outName}\": {e.Message}";
                    }
                });
                try
                {
                    importer.Run(input);
                }
                catch (IOException e)
                {
                    failure ??= $"An error occurred while reading from the file \"{inName}\": {e.Message}";
                }
                try
                {
                    writer.Commit();
                }
                catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
                {
                    failure ??= $"An error occurred while closing the file \"{outName}\": {e.Message}";
                }
                err.WriteLine();
                err.WriteLine("-------------------------");
                if (!quiet)
                {
                    long bytes = counter?.Written ?? new FileInfo(outFile).Length;
                    uint r = importer.PacketsRead, w = importer.PacketsWritten;
                    err.WriteLine($"Read {r} potential packet{(r == 1 ? "" : "s")}, wrote {w} packet{(w == 1 ? "" : "s")} ({bytes} byte{(bytes == 1 ? "" : "s")} including overhead).");
                }
                if (failure is not null)
                {
                    err.WriteLine("text2pcap: " + failure);
                    return 2;
                }
                if (importer.Failed)
                    return 2;
            }
        }
        return 0;
    }

    private void WriteHeaderSummary(TextWriter err)
    {
        var h = headers;
        if (h.Ethernet) err.WriteLine($"Generate dummy Ethernet header: Protocol: 0x{h.EtherType:X}");
        if (h.Ip) err.WriteLine($"Generate dummy IP header: Protocol: {h.IpProto}");
        if (h.Ipv6) err.WriteLine($"Generate dummy IPv6 header: Protocol: {h.IpProto}");
        if (h.Udp) err.WriteLine($"Generate dummy UDP header: Source port: {h.SrcPort}. Dest port: {h.DstPort}");
        if (h.Tcp) err.WriteLine($"Generate dummy TCP header: Source port: {h.SrcPort}. Dest port: {h.DstPort}");
        if (h.Sctp) err.WriteLine($"Generate dummy SCTP header: Source port: {h.SrcPort}. Dest port: {h.DstPort}. Tag: {h.Tag}");
        if (h.DataChunk) err.WriteLine($"Generate dummy DATA chunk header: TSN: 0. SID: 0. SSN: 0. PPID: {h.Ppi}");
    }

    /// <summary>Counts what goes to standard output, for the "bytes including overhead" figure.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }
    }
}

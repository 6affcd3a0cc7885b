using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

/// <summary>
/// Boundary sweeps and mutations over the project's captures: whatever the damage, reading ends with End or a
/// <see cref="CaptureFileException"/> (ReadAll lets any other exception fail the test), after a bounded number of records.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> Files() =>
        new() { "basic.pcapng", "basic.pcap", "basic-ns-be.pcap", "modified.pcap", "basic-be.pcapng", "sections.pcapng", "spb-pb.pcapng", "blocks.pcapng", "basic.pcapng.gz" };

    private static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(ProjectCapturesTests.FilesDirectory(), name));

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_prefix_reads_complete_packets_then_stops_cleanly(string name)
    {
        var file = Load(name);
        var full = ReadAll(file);
        Assert.Null(full.Error);
        for (int len = 0; len < file.Length; len++)
        {
            var res = ReadAll(file[..len], name);
            Assert.True(res.Packets.Count <= full.Packets.Count);
            for (int i = 0; i < res.Packets.Count; i++)
                Assert.True(full.Packets[i].Data.Span.SequenceEqual(res.Packets[i].Data.Span), $"{name} len {len} packet {i + 1}");
            if (res.Error is not null)
                Assert.True(res.Error.Kind is CaptureErrorKind.CutShort or CaptureErrorKind.UnknownFormat or CaptureErrorKind.Corrupt,
                    $"{name} len {len}: {res.Error.Kind} {res.Error.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Random_byte_damage_never_escapes_as_another_exception(string name)
    {
        var file = Load(name);
        var rng = new Random(name.Length * 7919);
        for (int round = 0; round < 200; round++)
        {
            var copy = (byte[])file.Clone();
            int flips = 1 + rng.Next(4);
            for (int f = 0; f < flips; f++)
                copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            var res = ReadAll(copy, name);   // any exception other than CaptureFileException fails here
            Assert.True(res.Packets.Count < 1000);
        }
    }
}

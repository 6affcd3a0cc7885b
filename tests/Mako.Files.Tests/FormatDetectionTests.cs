using static Mako.Files.Tests.ReaderTestHelpers;

namespace Mako.Files.Tests;

public class FormatDetectionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("hello world this is not a capture file")]
    [InlineData("\x1f\x8b")]
    public void Unknown_content_is_not_a_capture_file(string content)
    {
        var res = ReadAll(System.Text.Encoding.Latin1.GetBytes(content), "garbage");
        Assert.NotNull(res.Error);
        Assert.True(res.Error.Kind is CaptureErrorKind.UnknownFormat or CaptureErrorKind.Corrupt or CaptureErrorKind.CutShort);
        if (content.Length != 2)
            Assert.Equal("The file \"garbage\" isn't a capture file in a format tshark understands.", res.Error.Describe("tshark"));
    }

    [Fact]
    public void Missing_file_and_directory_have_wiresharks_messages()
    {
        var e = Assert.Throws<CaptureFileException>(() => CaptureReader.Open("/nonexistent/x.pcap"));
        Assert.Equal(CaptureErrorKind.Io, e.Kind);
        Assert.Equal("The file \"/nonexistent/x.pcap\" doesn't exist.", e.Describe());
        var d = Assert.Throws<CaptureFileException>(() => CaptureReader.Open(Path.GetTempPath()));
        Assert.Equal($"\"{Path.GetTempPath()}\" is a directory (folder), not a file.", d.Describe());
    }

    [Fact]
    public void Opens_files_by_path_regardless_of_extension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mako-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, new PcapNgBuilder().Interface().Epb(0, 1, Bytes.Seq(10)).ToArray());
        try
        {
            using var r = CaptureReader.Open(path);
            Assert.Equal(CaptureFormat.PcapNg, r.Format);
            Assert.True(r.ReadPacket());
            Assert.Equal(path, r.FileName);
        }
        finally { File.Delete(path); }
    }
}

using Mako.Files.Internal;
using Mako.Files.Pcap;
using Mako.Files.PcapNg;

namespace Mako.Files;

internal static class CaptureWriterFactory
{
    public static CaptureWriter Create(string path, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength)
        => Create(OutputTarget.ForPath(path), format, template, linkType, snapLength);

    public static CaptureWriter Create(Stream stream, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength, bool leaveOpen)
        => Create(OutputTarget.ForStream(stream, leaveOpen), format, template, linkType, snapLength);

    private static CaptureWriter Create(OutputTarget target, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength)
    {
        try
        {
            return format == CaptureFormat.PcapNg
                ? new PcapNgWriter(target, template, linkType, snapLength)
                : new PcapWriter(target, format, template, linkType, snapLength);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }
}

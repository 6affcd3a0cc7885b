namespace Mako.Files;

// Placeholder until the writers land.
internal static partial class CaptureWriterFactory
{
    public static CaptureWriter Create(string path, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength) => throw new NotImplementedException();
    public static CaptureWriter Create(Stream stream, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength, bool leaveOpen) => throw new NotImplementedException();
}

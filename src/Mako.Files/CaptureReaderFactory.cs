namespace Mako.Files;

// Placeholder: the Files work replaces this with content-based format detection.
internal static class CaptureReaderFactory
{
    public static CaptureReader Open(string path) => throw new NotImplementedException();
    public static CaptureReader Open(Stream stream, string name, bool leaveOpen) => throw new NotImplementedException();
}

internal static class CaptureWriterFactory
{
    public static CaptureWriter Create(string path, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength) => throw new NotImplementedException();
    public static CaptureWriter Create(Stream stream, CaptureFormat format, CaptureReader? template, int linkType, uint snapLength, bool leaveOpen) => throw new NotImplementedException();
}

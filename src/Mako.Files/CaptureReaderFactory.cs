using System.Buffers.Binary;
using Mako.Files.Internal;
using Mako.Files.Pcap;
using Mako.Files.PcapNg;

namespace Mako.Files;

/// <summary>
/// Opens a capture by content, never by name: gzip (1f 8b) is unwrapped transparently, then the magic number
/// picks pcap (any variant, either byte order) or pcapng.
/// </summary>
internal static class CaptureReaderFactory
{
    /// <summary>Read buffer for files: large reads keep the per-call overhead negligible.</summary>
    public const int FileBufferSize = 1 << 20;

    public static CaptureReader Open(string path)
    {
        if (path == "-")
            return Open(Console.OpenStandardInput(), path, leaveOpen: false);
        FileStream fs;
        try
        {
            if (Directory.Exists(path))
                throw CaptureFileException.Create(CaptureErrorKind.Io, Errors.Directory, null, path);
            // No FileStream buffer: InputBuffer is the only buffer, so every byte is copied once.
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, Errors.NotFound, null, path, inner: e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, Errors.NotFound, null, path, inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, Errors.NoPermission, null, path, inner: e);
        }
        catch (IOException e)
        {
            throw CaptureFileException.Create(CaptureErrorKind.Io, "could not be opened.", e.Message, path, inner: e);
        }
        long len = fs.Length;
        int size = (int)Math.Clamp(len + 16, 4096, FileBufferSize);
        return Open(fs, path, leaveOpen: false, size);
    }

    public static CaptureReader Open(Stream stream, string name, bool leaveOpen)
        => Open(stream, name, leaveOpen, FileBufferSize);

    private static CaptureReader Open(Stream stream, string name, bool leaveOpen, int bufferSize)
    {
        var input = new InputBuffer(stream, leaveOpen, bufferSize);
        try
        {
            bool compressed = false;
            if (input.Ensure(2) && input.Span(2)[0] == 0x1f && input.Span(2)[1] == 0x8b)
            {
                var gz = InputBuffer.Gunzip(input.TakeBuffered(), stream, leaveOpen);
                input = new InputBuffer(gz, leaveOpen: false, FileBufferSize);
                compressed = true;
            }
            if (!input.Ensure(4))
                Errors.ThrowNotCapture();
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(input.Span(4));
            switch (magic)
            {
                case PcapReader.MagicMicro or PcapReader.MagicNano or PcapReader.MagicModified:
                    return PcapReader.Open(input, name, compressed, magic, bigEndian: false);
                case var m when IsSwappedPcap(m):
                    return PcapReader.Open(input, name, compressed, BinaryPrimitives.ReverseEndianness(m), bigEndian: true);
                case PcapNgReader.ShbType:
                    return PcapNgReader.Open(input, name, compressed);
                default:
                    Errors.ThrowNotCapture();
                    return null;
            }
        }
        catch (CaptureFileException e)
        {
            input.Dispose();
            throw e.FileName is null ? e.WithContext(name, 0) : e;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    private static bool IsSwappedPcap(uint m)
    {
        uint s = BinaryPrimitives.ReverseEndianness(m);
        return s is PcapReader.MagicMicro or PcapReader.MagicNano or PcapReader.MagicModified;
    }
}

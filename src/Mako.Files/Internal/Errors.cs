using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Mako.Files.Internal;

/// <summary>Throw helpers with Wireshark's wording (wiretap's wtap_strerror and the readers' err_info).</summary>
internal static class Errors
{
    public const string CutShortPacket = "appears to have been cut short in the middle of a packet.";
    public const string CutShortOther = "appears to have been cut short in the middle of a packet or other data.";
    public const string Corrupt = "appears to be damaged or corrupt.";
    public const string Unsupported = "contains record data that {program} doesn't support.";
    public const string NotCapture = "isn't a capture file in a format {program} understands.";
    public const string Decompress = "cannot be decompressed; it may be damaged or corrupt.";
    public const string NotFound = "doesn't exist.";
    public const string Directory = "{file} is a directory (folder), not a file.";
    public const string NoPermission = "You don't have permission to read the file {file}.";

    [DoesNotReturn, StackTraceHidden, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCutShort(bool inPacket = true)
        => throw CaptureFileException.Create(CaptureErrorKind.CutShort, inPacket ? CutShortPacket : CutShortOther, null);

    [DoesNotReturn, StackTraceHidden, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCorrupt(string detail)
        => throw CaptureFileException.Create(CaptureErrorKind.Corrupt, Corrupt, detail);

    [DoesNotReturn, StackTraceHidden, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupported(string detail)
        => throw CaptureFileException.Create(CaptureErrorKind.Unsupported, Unsupported, detail);

    [DoesNotReturn, StackTraceHidden, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotCapture()
        => throw CaptureFileException.Create(CaptureErrorKind.UnknownFormat, NotCapture, null);
}

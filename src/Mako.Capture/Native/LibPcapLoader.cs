using System.Runtime.InteropServices;

namespace Mako.Capture.Native;

/// <summary>
/// Finds libpcap once. Debian's runtime package (libpcap0.8) ships only the versioned name libpcap.so.0.8; the
/// unversioned libpcap.so comes with the -dev package, so both are tried. A missing library becomes a
/// <see cref="CaptureException"/> that names the package to install instead of a DllNotFoundException.
/// </summary>
internal static class LibPcapLoader
{
    internal static readonly string[] Candidates = OperatingSystem.IsWindows()
        ? ["wpcap"]
        : OperatingSystem.IsMacOS() ? ["libpcap.dylib", "libpcap.A.dylib"] : ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"];

    private static readonly Lazy<IntPtr> Loaded = new(() => TryLoad(Candidates));

    /// <summary>The loaded library, or zero when none of the candidates could be loaded.</summary>
    public static IntPtr Handle => Loaded.Value;

    /// <summary>Throws the "libpcap is missing" error when the library cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (Handle == IntPtr.Zero)
            throw MissingLibrary(Candidates);
    }

    internal static IntPtr TryLoad(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var h))
                return h;
        }
        return IntPtr.Zero;
    }

    internal static CaptureException MissingLibrary(IReadOnlyList<string> tried)
        => new(CaptureFailure.LibraryMissing,
            $"libpcap could not be loaded (tried {string.Join(", ", tried)}).",
            "Live capture and capture filters need libpcap. On Debian or Ubuntu install it with:\n\n" +
            "    sudo apt-get install libpcap0.8\n\n" +
            "(on Fedora/RHEL: sudo dnf install libpcap; on macOS it is part of the system).");
}

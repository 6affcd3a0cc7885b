using System.Text;
using SharpPcap.LibPcap;

namespace Mako.Capture.Native;

/// <summary>pcap_create + options + pcap_activate, with libpcap's errors turned into dumpcap's messages.</summary>
internal static class LiveHandle
{
    /// <summary>dumpcap's read timeout: a blocked read returns at least this often, so stop requests are seen.</summary>
    public const int ReadTimeoutMs = 250;

    public static PcapHandle Open(InterfaceOptions o, string device)
    {
        LibPcapLoader.EnsureLoaded();
        var errbuf = new byte[LibPcap.ErrbufSize];
        var h = LibPcap.pcap_create(device, errbuf);
        if (h.IsInvalid)
            throw new CaptureException(CaptureFailure.NoSuchDevice, $"There is no device named \"{device}\".", "(" + ErrbufText(errbuf) + ")");
        try
        {
            LibPcap.pcap_set_snaplen(h, o.SnapLength <= 0 ? InterfaceOptions.DefaultSnapLength : o.SnapLength);
            LibPcap.pcap_set_promisc(h, o.Promiscuous ? 1 : 0);
            LibPcap.pcap_set_timeout(h, ReadTimeoutMs);
            if (o.BufferSizeMiB > 0)
                LibPcap.pcap_set_buffer_size(h, (int)Math.Min((long)o.BufferSizeMiB * 1024 * 1024, int.MaxValue));
            if (o.Immediate)
                LibPcap.pcap_set_immediate_mode(h, 1);
            LibPcap.pcap_set_tstamp_precision(h, LibPcap.TstampPrecisionNano);   // refused quietly where unsupported
            if (o.TimestampType is { Length: > 0 } tst)
            {
                int t = LibPcap.pcap_tstamp_type_name_to_val(tst);
                if (t < 0)
                    throw new CaptureException(CaptureFailure.BadOption, $"Invalid time stamp type \"{tst}\"");
                int r = LibPcap.pcap_set_tstamp_type(h, t);
                if (r < 0)
                    throw new CaptureException(CaptureFailure.BadOption, $"The time stamp type \"{tst}\" can't be set on \"{device}\" ({LibPcap.StatusText(r)}).");
            }
            int status = LibPcap.pcap_activate(h);
            if (status < 0)
                throw ActivationError(device, status, LibPcap.GetError(h), o.Promiscuous);
            return h;
        }
        catch
        {
            h.Dispose();
            throw;
        }
    }

    /// <summary>An activated handle with default options, for -L.</summary>
    public static PcapHandle OpenForQuery(string device)
        => Open(new InterfaceOptions { Name = device, Promiscuous = false, BufferSizeMiB = 0 }, device);

    /// <summary>Maps a pcap_activate status to dumpcap's wording.</summary>
    internal static CaptureException ActivationError(string device, int status, string pcapText, bool promiscuous)
    {
        if (pcapText.Length == 0)
            pcapText = LibPcap.StatusText(status);
        return status switch
        {
            LibPcap.ErrorPermDenied => CapturePermissions.Denied(device, pcapText, promiscuous: false),
            LibPcap.ErrorPromiscPermDenied => CapturePermissions.Denied(device, pcapText, promiscuous: true),
            LibPcap.ErrorNoSuchDevice => new CaptureException(CaptureFailure.NoSuchDevice,
                $"There is no device named \"{device}\".", "(" + pcapText + ")"),
            _ => new CaptureException(CaptureFailure.Other,
                $"The capture session could not be initiated on capture device \"{device}\" ({pcapText}).",
                $"Please check that \"{device}\" is the proper interface."),
        };
    }

    public static string ErrbufText(byte[] errbuf)
    {
        int n = Array.IndexOf(errbuf, (byte)0);
        return Encoding.UTF8.GetString(errbuf, 0, n < 0 ? errbuf.Length : n);
    }
}

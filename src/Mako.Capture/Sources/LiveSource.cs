using System.Runtime.InteropServices;
using Mako.Capture.Native;
using Mako.Files;
using SharpPcap.LibPcap;

namespace Mako.Capture.Sources;

/// <summary>A local interface opened through libpcap.</summary>
public sealed class LiveSource : CaptureSource
{
    private readonly PcapHandle _handle;
    private readonly BpfFilter? _filter;
    private readonly bool _nano;
    private byte[] _buffer;
    private volatile bool _broken;

    public override InterfaceInfo Interface { get; }
    public override string DisplayName { get; }
    public CaptureInterface Device { get; }

    private LiveSource(PcapHandle handle, BpfFilter? filter, bool nano, CaptureInterface device, InterfaceInfo info)
    {
        _handle = handle;
        _filter = filter;
        _nano = nano;
        Device = device;
        Interface = info;
        DisplayName = device.DisplayName;
        _buffer = new byte[Math.Max((int)info.SnapLength, 65536)];
    }

    /// <summary>Opens and activates the interface, sets link type and filter. Throws <see cref="CaptureException"/>.</summary>
    public static LiveSource Open(InterfaceOptions options, CaptureInterface device)
    {
        var h = LiveHandle.Open(options, device.Name);
        try
        {
            if (options.LinkType is { Length: > 0 } lt)
            {
                int dlt = InterfaceLister.ParseLinkType(lt);
                if (dlt < 0)
                    throw new CaptureException(CaptureFailure.BadOption, $"The specified data link type \"{lt}\" isn't valid");
                if (LibPcap.pcap_set_datalink(h, dlt) < 0)
                    throw new CaptureException(CaptureFailure.BadOption,
                        $"Unable to set data link type on interface '{device.Name}' ({LibPcap.GetError(h)}).");
            }
            int linkType = DltMap.ToLinkType(LibPcap.pcap_datalink(h));
            int snap = LibPcap.pcap_snapshot(h);
            BpfFilter? filter = null;
            if (!string.IsNullOrEmpty(options.Filter))
            {
                try
                {
                    filter = BpfFilter.Compile(h, options.Filter, linkType, snap, optimize: true, LibPcap.NetmaskUnknown);
                }
                catch (CaptureException e) when (e.Kind == CaptureFailure.BadFilter)
                {
                    throw InvalidFilter(options.Filter, device.Name, e.Message);
                }
                if (LibPcap.pcap_setfilter(h, filter.Program) < 0)
                {
                    string err = LibPcap.GetError(h);
                    filter.Dispose();
                    throw new CaptureException(CaptureFailure.Other, $"Can't install filter ({err}).");
                }
            }
            bool nano = LibPcap.pcap_get_tstamp_precision(h) == LibPcap.TstampPrecisionNano;
            var info = new InterfaceInfo
            {
                LinkType = linkType,
                SnapLength = (uint)snap,
                Name = device.Name,
                Description = device.Description,
                Filter = string.IsNullOrEmpty(options.Filter) ? null : options.Filter,
                Os = SystemInfo.OsDescription,
                TsResolution = (byte)(nano ? 9 : 6),
            };
            return new LiveSource(h, filter, nano, device, info);
        }
        catch
        {
            h.Dispose();
            throw;
        }
    }

    /// <summary>dumpcap's wording for a filter libpcap rejects.</summary>
    public static CaptureException InvalidFilter(string filter, string device, string pcapMessage)
        => new(CaptureFailure.BadFilter,
            $"Invalid capture filter \"{filter}\" for interface '{device}'.",
            $"\nThat string isn't a valid capture filter ({pcapMessage}).\nSee the User's Guide for a description of the capture filter syntax.")
        {
            Device = device,
            Filter = filter,
            LibraryMessage = pcapMessage,
        };

    public override SourceRead Read(PacketRecord record)
    {
        if (_broken)
            return SourceRead.End;
        int rc = LibPcap.pcap_next_ex(_handle, out var hdr, out var data);
        if (rc == 0)
            return SourceRead.Timeout;
        if (rc == LibPcap.ErrorBreak || _broken)
            return SourceRead.End;
        if (rc < 0)
            throw new CaptureException(CaptureFailure.Other, $"Error while capturing packets: {LibPcap.GetError(_handle)}",
                "Please check that \"" + Device.Name + "\" is the proper interface.");

        // struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; } — timeval fields are C longs.
        long sec, frac;
        int off;
        if (OperatingSystem.IsWindows())
        {
            sec = Marshal.ReadInt32(hdr, 0); frac = Marshal.ReadInt32(hdr, 4); off = 8;
        }
        else
        {
            sec = Marshal.ReadIntPtr(hdr, 0); frac = Marshal.ReadIntPtr(hdr, IntPtr.Size); off = 2 * IntPtr.Size;
        }
        int caplen = Marshal.ReadInt32(hdr, off);
        uint len = (uint)Marshal.ReadInt32(hdr, off + 4);
        if (caplen < 0)
            caplen = 0;
        if (caplen > _buffer.Length)
            _buffer = new byte[caplen];   // only if the kernel ignores the snaplen; never per packet
        Marshal.Copy(data, _buffer, 0, caplen);

        record.TimestampNs = sec * 1_000_000_000L + (_nano ? frac : frac * 1000);
        record.CapturedLength = caplen;
        record.OriginalLength = len;
        record.LinkType = Interface.LinkType;
        record.Data = _buffer.AsMemory(0, caplen);
        return SourceRead.Packet;
    }

    public override void Break()
    {
        _broken = true;
        if (!_handle.IsClosed)
            LibPcap.pcap_breakloop(_handle);
    }

    public override SourceStatistics GetStatistics(ulong delivered)
    {
        if (_handle.IsClosed || LibPcap.pcap_stats(_handle, out var s) < 0)
            return new SourceStatistics(delivered, null, null, null);
        return new SourceStatistics(delivered, s.Received, s.Dropped, s.IfDropped);
    }

    public override void Dispose()
    {
        _handle.Dispose();
        _filter?.Dispose();
    }
}

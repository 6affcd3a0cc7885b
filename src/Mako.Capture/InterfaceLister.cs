using System.Net.Sockets;
using Mako.Capture.Native;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Mako.Capture;

/// <summary>
/// Interface, link-type and time-stamp-type listings for -D, -L and --list-time-stamp-types, plus the
/// "-i NAME or NUMBER" lookup dumpcap and tshark accept.
/// </summary>
public static class InterfaceLister
{
    /// <summary>All interfaces libpcap can capture on, numbered from 1 in libpcap's order.</summary>
    public static IReadOnlyList<CaptureInterface> List()
    {
        LibPcapLoader.EnsureLoaded();
        IReadOnlyList<PcapInterface> found;
        try
        {
            found = PcapInterface.GetAllPcapInterfaces();
        }
        catch (Exception e) when (e is PcapException or InvalidOperationException)
        {
            throw new CaptureException(CaptureFailure.Other, "Can't get list of interfaces: " + e.Message);
        }
        var list = new List<CaptureInterface>(found.Count);
        foreach (var pi in found)
        {
            var addrs = new List<string>();
            foreach (var a in pi.Addresses)
            {
                if (a.Addr?.ipAddress is { } ip && ip.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    string s = ip.ToString();
                    int pct = s.IndexOf('%');
                    addrs.Add(pct < 0 ? s : s[..pct]);   // dumpcap prints link-local addresses without the scope
                }
            }
            list.Add(new CaptureInterface(list.Count + 1, pi.Name, WiresharkDescription(pi), pi.Flags, addrs)
            {
                LibpcapDescription = string.IsNullOrEmpty(pi.Description) ? null : pi.Description,
            });
        }
        return list;
    }

    // dumpcap 4.0 on Linux shows no libpcap descriptions ("any", "nflog"... are bare) and calls loopback
    // interfaces "Loopback" (observed: "3. lo (Loopback)", IDB if_description "Loopback"); elsewhere keep libpcap's.
    private static string? WiresharkDescription(PcapInterface pi)
    {
        if ((pi.Flags & CaptureInterface.FlagLoopback) != 0)
            return "Loopback";
        if (OperatingSystem.IsLinux())
            return null;
        return string.IsNullOrEmpty(pi.Description) ? null : pi.Description;
    }

    /// <summary>
    /// Resolves "-i" as dumpcap does: an existing interface name, else a 1-based index into <see cref="List"/>.
    /// Unknown names are returned as they are (libpcap may still open them, e.g. interfaces created later).
    /// </summary>
    public static CaptureInterface Resolve(string nameOrIndex, IReadOnlyList<CaptureInterface>? known = null)
    {
        known ??= List();
        foreach (var i in known)
        {
            if (i.Name == nameOrIndex)
                return i;
        }
        if (int.TryParse(nameOrIndex, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            if (n < 1 || n > known.Count)
                throw new CaptureException(CaptureFailure.NoSuchDevice,
                    n < 1 ? "The specified interface number must be positive."
                          : $"There is no interface with that adapter index ({n}); the last one is {known.Count}.");
            return known[n - 1];
        }
        return new CaptureInterface(0, nameOrIndex, null, 0, []);
    }

    /// <summary>Link-layer types of an interface (opens and activates it, so it needs capture permission).</summary>
    public static IReadOnlyList<LinkTypeInfo> ListLinkTypes(string device)
    {
        using var h = LiveHandle.OpenForQuery(device);
        int n = LibPcap.pcap_list_datalinks(h, out var ptr);
        if (n < 0)
            throw new CaptureException(CaptureFailure.Other, $"Unable to get the list of link-layer types for \"{device}\": {LibPcap.GetError(h)}");
        int[] values;
        try { values = LibPcap.ReadIntList(ptr, n); }
        finally { LibPcap.pcap_free_datalinks(ptr); }
        var result = new List<LinkTypeInfo>(values.Length);
        foreach (int v in values)
            result.Add(DescribeLinkType(v));
        return result;
    }

    /// <summary>Time stamp types of an interface; libpcap offers "host" when the driver names none.</summary>
    public static IReadOnlyList<TimestampTypeInfo> ListTimestampTypes(string device)
    {
        LibPcapLoader.EnsureLoaded();
        var errbuf = new byte[LibPcap.ErrbufSize];
        using var h = LibPcap.pcap_create(device, errbuf);
        if (h.IsInvalid)
            throw new CaptureException(CaptureFailure.NoSuchDevice, LiveHandle.ErrbufText(errbuf));
        int n = LibPcap.pcap_list_tstamp_types(h, out var ptr);
        if (n < 0)
            throw new CaptureException(CaptureFailure.Other, $"Unable to get the list of time stamp types for \"{device}\": {LibPcap.GetError(h)}");
        int[] values;
        try { values = LibPcap.ReadIntList(ptr, n); }
        finally { if (ptr != IntPtr.Zero) LibPcap.pcap_free_tstamp_types(ptr); }
        var result = new List<TimestampTypeInfo>();
        if (values.Length == 0)
            values = [0];   // PCAP_TSTAMP_HOST
        foreach (int v in values)
            result.Add(new TimestampTypeInfo(v, LibPcap.Str(LibPcap.pcap_tstamp_type_val_to_name(v)), LibPcap.Str(LibPcap.pcap_tstamp_type_val_to_description(v))));
        return result;
    }

    /// <summary>libpcap's DLT name and description for a DLT value ("EN10MB", "Ethernet"); <see cref="LinkTypeInfo.Value"/> is that DLT.</summary>
    public static LinkTypeInfo DescribeLinkType(int dlt)
    {
        LibPcapLoader.EnsureLoaded();
        string name = LibPcap.Str(LibPcap.pcap_datalink_val_to_name(dlt));
        string desc = LibPcap.Str(LibPcap.pcap_datalink_val_to_description(dlt));
        return new LinkTypeInfo(dlt, name.Length == 0 ? "DLT " + dlt : name, desc.Length == 0 ? null : desc);
    }

    /// <summary>"-y" argument to a DLT value: a libpcap name ("EN10MB", case-insensitive) or a number; -1 if unknown.</summary>
    public static int ParseLinkType(string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v))
            return v;
        LibPcapLoader.EnsureLoaded();
        return LibPcap.pcap_datalink_name_to_val(text);
    }

    /// <summary>dumpcap -D: "1. eth0", "3. lo (Loopback)".</summary>
    public static void WriteList(TextWriter o, IReadOnlyList<CaptureInterface> list)
    {
        foreach (var i in list)
            o.WriteLine(i.Description is null ? $"{i.Index}. {i.Name}" : $"{i.Index}. {i.Name} ({i.Description})");
    }

    /// <summary>dumpcap -D -M: index. name, friendly name, description, type, addresses, loopback/network, extcap.</summary>
    public static void WriteMachineList(TextWriter o, IReadOnlyList<CaptureInterface> list)
    {
        foreach (var i in list)
        {
            o.WriteLine($"{i.Index}. {i.Name}\t\t{i.Description}\t{i.WiresharkType}\t{string.Join(',', i.Addresses)}\t{(i.IsLoopback ? "loopback" : "network")}\t");
        }
    }

    /// <summary>dumpcap -L.</summary>
    public static void WriteLinkTypes(TextWriter o, string displayName, IReadOnlyList<LinkTypeInfo> types, bool machineReadable = false)
    {
        if (machineReadable)
        {
            o.WriteLine("0");   // "can set monitor mode": never offered here
            foreach (var t in types)
                o.WriteLine($"{t.Value}\t{t.Name}\t{t.Description ?? "(not supported)"}");
            o.WriteLine();   // dumpcap ends each interface's block with an empty line
            return;
        }
        o.WriteLine($"Data link types of interface {displayName} (use option -y to set):");
        foreach (var t in types)
            o.WriteLine(t.Description is null ? $"  {t.Name} (not supported)" : $"  {t.Name} ({t.Description})");
    }

    /// <summary>dumpcap --list-time-stamp-types.</summary>
    public static void WriteTimestampTypes(TextWriter o, IReadOnlyList<TimestampTypeInfo> types)
    {
        o.WriteLine("Timestamp types of the interface (use option --time-stamp-type to set):");
        foreach (var t in types)
            o.WriteLine($"  {t.Name} ({t.Description})");
    }
}

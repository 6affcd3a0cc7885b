using System.Reflection;
using System.Runtime.InteropServices;
using SharpPcap.LibPcap;

namespace Mako.Capture.Native;

/// <summary>
/// The few libpcap entry points SharpPcap does not expose (or exposes only with per-packet allocation):
/// activation with libpcap's own error text, pcap_next_ex without marshalling a header object, datalink and
/// time-stamp-type lists, statistics with ps_ifdrop, bpf_filter and bpf_image. pcap_t handles are SharpPcap's
/// <see cref="PcapHandle"/> so both layers share one handle type and one close routine.
/// Strings returned by libpcap are static or owned by the handle, so they come back as IntPtr (never freed here).
/// </summary>
internal static partial class LibPcap
{
    private const string Lib = "libpcap";
    public const int ErrbufSize = 256;

    // pcap.h status codes used here.
    public const int ErrorBreak = -2;
    public const int ErrorNoSuchDevice = -5;
    public const int ErrorPermDenied = -8;
    public const int ErrorIfaceNotUp = -9;
    public const int ErrorPromiscPermDenied = -11;
    public const int WarningPromiscNotSup = 2;
    public const int TstampPrecisionNano = 1;
    /// <summary>PCAP_NETMASK_UNKNOWN: broadcast tests fail to compile instead of using a wrong mask.</summary>
    public const uint NetmaskUnknown = 0xffffffff;

    [StructLayout(LayoutKind.Sequential)]
    public struct Stat
    {
        public uint Received;
        public uint Dropped;
        public uint IfDropped;
    }

    static LibPcap() => NativeLibrary.SetDllImportResolver(typeof(LibPcap).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
        => name == Lib ? LibPcapLoader.Handle : IntPtr.Zero;

    [DllImport(Lib)] public static extern PcapHandle pcap_create(string source, byte[] errbuf);
    [DllImport(Lib)] public static extern PcapHandle pcap_open_dead(int linktype, int snaplen);
    [DllImport(Lib)] public static extern int pcap_set_snaplen(PcapHandle p, int snaplen);
    [DllImport(Lib)] public static extern int pcap_set_promisc(PcapHandle p, int promisc);
    [DllImport(Lib)] public static extern int pcap_set_timeout(PcapHandle p, int ms);
    [DllImport(Lib)] public static extern int pcap_set_buffer_size(PcapHandle p, int bytes);
    [DllImport(Lib)] public static extern int pcap_set_immediate_mode(PcapHandle p, int on);
    [DllImport(Lib)] public static extern int pcap_set_tstamp_precision(PcapHandle p, int precision);
    [DllImport(Lib)] public static extern int pcap_get_tstamp_precision(PcapHandle p);
    [DllImport(Lib)] public static extern int pcap_set_tstamp_type(PcapHandle p, int type);
    [DllImport(Lib)] public static extern int pcap_activate(PcapHandle p);
    [DllImport(Lib)] public static extern IntPtr pcap_geterr(PcapHandle p);
    [DllImport(Lib)] public static extern IntPtr pcap_statustostr(int status);
    [DllImport(Lib)] public static extern int pcap_datalink(PcapHandle p);
    [DllImport(Lib)] public static extern int pcap_set_datalink(PcapHandle p, int dlt);
    [DllImport(Lib)] public static extern int pcap_list_datalinks(PcapHandle p, out IntPtr list);
    [DllImport(Lib)] public static extern void pcap_free_datalinks(IntPtr list);
    [DllImport(Lib)] public static extern int pcap_datalink_name_to_val(string name);
    [DllImport(Lib)] public static extern IntPtr pcap_datalink_val_to_name(int dlt);
    [DllImport(Lib)] public static extern IntPtr pcap_datalink_val_to_description(int dlt);
    [DllImport(Lib)] public static extern int pcap_list_tstamp_types(PcapHandle p, out IntPtr list);
    [DllImport(Lib)] public static extern void pcap_free_tstamp_types(IntPtr list);
    [DllImport(Lib)] public static extern int pcap_tstamp_type_name_to_val(string name);
    [DllImport(Lib)] public static extern IntPtr pcap_tstamp_type_val_to_name(int type);
    [DllImport(Lib)] public static extern IntPtr pcap_tstamp_type_val_to_description(int type);
    [DllImport(Lib)] public static extern int pcap_snapshot(PcapHandle p);
    [DllImport(Lib)] public static extern int pcap_next_ex(PcapHandle p, out IntPtr header, out IntPtr data);
    [DllImport(Lib)] public static extern void pcap_breakloop(PcapHandle p);
    [DllImport(Lib)] public static extern int pcap_stats(PcapHandle p, out Stat stat);
    [DllImport(Lib)] public static extern int pcap_setfilter(PcapHandle p, BpfProgram program);
    [DllImport(Lib)] public static extern uint bpf_filter(IntPtr insns, ref byte packet, uint wireLength, uint bufferLength);
    [DllImport(Lib)] public static extern IntPtr bpf_image(IntPtr insn, int n);
    [DllImport(Lib)] public static extern IntPtr pcap_lib_version();

    public static string Str(IntPtr p) => p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";

    public static string GetError(PcapHandle p) => Str(pcap_geterr(p));

    public static string StatusText(int status) => Str(pcap_statustostr(status));

    public static int[] ReadIntList(IntPtr list, int count)
    {
        var values = new int[Math.Max(count, 0)];
        if (count > 0)
            Marshal.Copy(list, values, 0, count);
        return values;
    }
}

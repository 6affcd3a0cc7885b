namespace Mako.Cli.Tools.Dumpcap;

internal static class DumpcapHelp
{
    public static void WriteHeader(TextWriter o)
    {
        o.WriteLine($"Dumpcap (Mako) {Program.Version}");
        o.WriteLine("Capture network packets and dump them into a pcapng or pcap file.");
    }

    public static void WriteUsage(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Usage: mako dumpcap [options] ...");
        o.WriteLine();
        o.WriteLine("""
Capture interface:
  -i <interface>, --interface <interface>
                           name or idx of interface (def: first non-loopback),
                           or for remote capturing over ssh: ssh://[user@]host[:port]/<interface>
  -f <capture filter>      packet filter in libpcap filter syntax
  -s <snaplen>, --snapshot-length <snaplen>
                           packet snapshot length (def: appropriate maximum)
  -p, --no-promiscuous-mode
                           don't capture in promiscuous mode
  -B <buffer size>, --buffer-size <buffer size>
                           size of kernel buffer in MiB (def: 2MiB)
  -y <link type>, --linktype <link type>
                           link layer type (def: first appropriate)
  --time-stamp-type <type> timestamp method for interface
  -D, --list-interfaces    print list of interfaces and exit
  -L, --list-data-link-types
                           print list of link-layer types of iface and exit
  --list-time-stamp-types  print list of timestamp types for iface and exit
  -d                       print generated BPF code for capture filter
  -M                       for -D and -L, produce machine-readable output

Stop conditions:
  -c <packet count>        stop after n packets (def: infinite)
  -a <autostop cond.> ..., --autostop <autostop cond.> ...
                           duration:NUM - stop after NUM seconds
                           filesize:NUM - stop this file after NUM kB
                              files:NUM - stop after NUM files
                            packets:NUM - stop after NUM packets
Output (files):
  -w <filename>            name of file to save (def: tempfile)
  -b <ringbuffer opt.> ..., --ring-buffer <ringbuffer opt.>
                           duration:NUM - switch to next file after NUM secs
                           filesize:NUM - switch to next file after NUM kB
                              files:NUM - ringbuffer: replace after NUM files
                            packets:NUM - ringbuffer: replace after NUM packets
                           interval:NUM - switch to next file when the time is
                                          an exact multiple of NUM secs
                          printname:FILE - print filename to FILE when written
                                           (can use 'stdout' or 'stderr')
  -n                       use pcapng format instead of pcap (default)
  -P                       use libpcap format instead of pcapng
  -F <format>              pcapng or pcap (Mako extension, as tshark -F)
  --capture-comment <comment>
                           add a capture comment to the output file
                           (only for pcapng)
  --temp-dir <directory>   write temporary files to this directory
                           (default: /tmp)

Miscellaneous:
  -q                       don't report packet capture counts
  -v, --version            print version information and exit
  -h, --help               display this help and exit

Not supported: -I (monitor mode), -k (Wi-Fi channel), -S (statistics), -Z,
--ifname/--ifdescr (pipes); -t, -N, -C and --log-* are accepted and ignored.

Capturing needs CAP_NET_RAW and CAP_NET_ADMIN (or root):
  sudo setcap cap_net_raw,cap_net_admin=eip /path/to/mako

Example: mako dumpcap -i eth0 -a duration:60 -w output.pcapng
"Capture packets from interface eth0 until 60s passed into output.pcapng"

Use Ctrl-C to stop capturing at any time.
""");
    }
}

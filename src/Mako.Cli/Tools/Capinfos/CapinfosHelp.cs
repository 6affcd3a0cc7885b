namespace Mako.Cli.Tools.Capinfos;

/// <summary>Help, version and usage texts, laid out as capinfos 4.0 lays them out.</summary>
internal static class CapinfosHelp
{
    public static void WriteHelp(TextWriter o)
    {
        o.Write($"Capinfos (Mako) {Program.Version}\n");
        o.Write("Print various information (infos) about capture files.\n");
        o.Write("Mako's capinfos: the flags and output of Wireshark 4.0's capinfos.\n");
        WriteUsage(o);
    }

    public static void WriteVersion(TextWriter o)
    {
        o.Write($"Capinfos (Mako) {Program.Version}.\n");
        o.Write("\n");
        o.Write("Part of Mako, a tshark-compatible network protocol analyzer written in C#.\n");
        o.Write("Reads pcap and pcapng files, plain or gzip-compressed.\n");
    }

    public static void WriteUsage(TextWriter o) => o.Write(Usage);

    /// <summary>Wireshark's own getopt words its complaints differently from GNU's; capinfos users see these.</summary>
    public static string GetoptMessage(string gnu)
    {
        const string invalid = "invalid option -- '";
        const string unrecognized = "unrecognized option '--";
        if (gnu.StartsWith(invalid, StringComparison.Ordinal))
            return "unrecognized option: " + gnu[invalid.Length..].TrimEnd('\'');
        if (gnu.StartsWith(unrecognized, StringComparison.Ordinal))
            return "unrecognized option: " + gnu[unrecognized.Length..].TrimEnd('\'');
        if (gnu.StartsWith("option '--", StringComparison.Ordinal) && gnu.EndsWith("' doesn't allow an argument", StringComparison.Ordinal))
            return "option does not take an argument: " + gnu["option '--".Length..gnu.IndexOf('\'', "option '--".Length)];
        if (gnu.StartsWith("option '--", StringComparison.Ordinal) && gnu.EndsWith("' is ambiguous", StringComparison.Ordinal))
            return "option is ambiguous: " + gnu["option '--".Length..gnu.IndexOf('\'', "option '--".Length)];
        return gnu;
    }

    private const string Usage = """

        Usage: capinfos [options] <infile> ...

        General infos:
          -t display the capture file type
          -E display the capture file encapsulation
          -I display the capture file interface information
          -F display additional capture file information
          -H display the SHA256, RIPEMD160, and SHA1 hashes of the file
          -k display the capture comment

        Size infos:
          -c display the number of packets
          -s display the size of the file (in bytes)
          -d display the total length of all packets (in bytes)
          -l display the packet size limit (snapshot length)

        Time infos:
          -u display the capture duration (in seconds)
          -a display the capture start time
          -e display the capture end time
          -o display the capture file chronological status (True/False)
          -S display start and end times as seconds

        Statistic infos:
          -y display average data rate (in bytes/sec)
          -i display average data rate (in bits/sec)
          -z display average packet size (in bytes)
          -x display average packet rate (in packets/sec)

        Metadata infos:
          -n display number of resolved IPv4 and IPv6 addresses
          -D display number of decryption secrets

        Output format:
          -L generate long report (default)
          -T generate table report
          -M display machine-readable values in long reports

        Table report options:
          -R generate header record (default)
          -r do not generate header record

          -B separate infos with TAB character (default)
          -m separate infos with comma (,) character
          -b separate infos with SPACE character

          -N do not quote infos (default)
          -q quote infos with single quotes (')
          -Q quote infos with double quotes (")

        Miscellaneous:
          -h, --help               display this help and exit
          -v, --version            display version info and exit
          -C cancel processing if file open fails (default is to continue)
          -A generate all infos (default)
          -K disable displaying the capture comment

        Options are processed from left to right order with later options superseding
        or adding to earlier options.

        If no options are given the default is to display all infos in long report
        output format.

        """;
}

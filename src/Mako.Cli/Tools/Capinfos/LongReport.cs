using System.Globalization;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>The default report: one "Label:   value" line per info (capinfos -L).</summary>
internal static class LongReport
{
    private const string Indent = "                     ";

    public static void Write(TextWriter o, string fileName, CaptureSummary s, FileHashes hashes, CapinfosOptions opt)
    {
        bool mr = opt.MachineReadable;
        o.Write($"File name:           {fileName}\n");
        if (opt.FileType)
        {
            string type = mr ? s.FileTypeName : s.FileTypeDescription;
            o.Write(s.GzipCompressed ? $"File type:           {type} (gzip compressed)\n" : $"File type:           {type}\n");
        }
        if (opt.FileEncap)
        {
            o.Write($"File encapsulation:  {(mr ? WtapEncap.Name(s.FileEncap) : WtapEncap.Description(s.FileEncap))}\n");
            if (s.FileEncap == WtapEncap.PerPacket)
            {
                o.Write("Encapsulation in use by packets (# of pkts):\n");
                foreach (var (wtap, count) in s.EncapCounts)
                    o.Write($"{Indent}{WtapEncap.Description(wtap)} ({count})\n");
            }
        }
        if (opt.MoreInfo)
            o.Write($"File timestamp precision:  {WtapNames.Precision(s.FileTsPrec)} ({s.FileTsPrec})\n");
        if (opt.SnapLength)
            o.Write(s.SnapLength > 0 ? $"Packet size limit:   file hdr: {s.SnapLength} bytes\n" : "Packet size limit:   file hdr: (not set)\n");
        // capinfos prints the inferred limit whenever some packet was cut, whatever the flags.
        if (s.SnapMaxInferred > 0)
        {
            o.Write(s.SnapMinInferred == s.SnapMaxInferred
                ? $"Packet size limit:   inferred: {s.SnapMinInferred} bytes\n"
                : $"Packet size limit:   inferred: {s.SnapMinInferred} bytes - {s.SnapMaxInferred} bytes (range)\n");
        }
        if (opt.PacketCount)
            o.Write($"Number of packets:   {(mr ? s.PacketCount.ToString(CultureInfo.InvariantCulture) : Format.Size(s.PacketCount, Format.Unit.None))}\n");
        if (opt.FileSize)
            o.Write($"File size:           {(mr ? $"{s.FileSize} bytes" : Format.Size(s.FileSize, Format.Unit.Bytes))}\n");
        if (opt.DataSize)
            o.Write($"Data size:           {(mr ? $"{s.PacketBytes} bytes" : Format.Size((long)s.PacketBytes, Format.Unit.Bytes))}\n");
        if (s.TimesKnown)
        {
            if (opt.Duration)
                o.Write($"Capture duration:    {Times.Relative(s, s.Duration, s.DurationPrec, withUnit: true)}\n");
            if (opt.StartTime)
                o.Write($"First packet time:   {Times.Absolute(s, s.Start, s.StartPrec, opt.TimeAsSeconds)}\n");
            if (opt.EndTime)
                o.Write($"Last packet time:    {Times.Absolute(s, s.Stop, s.StopPrec, opt.TimeAsSeconds)}\n");
            if (opt.DataRateBytes)
                o.Write($"Data byte rate:      {(mr ? Value(s.DataRate, " bytes/sec") : Format.Size((long)s.DataRate, Format.Unit.BytesPerSecond))}\n");
            if (opt.DataRateBits)
                o.Write($"Data bit rate:       {(mr ? Value(s.DataRate * 8, " bits/sec") : Format.Size((long)(s.DataRate * 8), Format.Unit.BitsPerSecond))}\n");
        }
        if (opt.PacketSize)
            o.Write($"Average packet size: {Format.Fixed2(s.AveragePacketSize)} bytes\n");
        if (s.TimesKnown && opt.PacketRate)
            o.Write($"Average packet rate: {(mr ? Value(s.PacketRate, " packets/sec") : Format.Size((long)s.PacketRate, Format.Unit.PacketsPerSecond))}\n");
        if (opt.Hashes)
        {
            o.Write($"SHA256:              {hashes.Sha256}\n");
            o.Write($"RIPEMD160:           {hashes.Ripemd160}\n");
            o.Write($"SHA1:                {hashes.Sha1}\n");
        }
        if (opt.Order)
            o.Write($"Strict time order:   {Times.OrderText(s.Order)}\n");

        WriteSections(o, s, opt);
    }

    private static void WriteSections(TextWriter o, CaptureSummary s, CapinfosOptions opt)
    {
        bool multiple = s.Sections.Count > 1;
        for (int n = 0; n < s.Sections.Count; n++)
        {
            var shb = s.Sections[n];
            if (multiple)
                o.Write($"Section {n}:\n\n");
            if (opt.MoreInfo)
            {
                Option(o, "Capture hardware:    ", shb.Hardware);
                Option(o, "Capture oper-sys:    ", shb.Os);
                Option(o, "Capture application: ", shb.UserApplication);
            }
            if (opt.Comment)
            {
                foreach (var c in shb.Comments)
                    Option(o, "Capture comment:     ", c);
            }
            if (opt.Interfaces && s.InterfaceDescriptions.Count != 0)
            {
                o.Write($"Number of interfaces in file: {s.InterfaceDescriptions.Count}\n");
                for (int i = 0; i < s.InterfaceDescriptions.Count; i++)
                {
                    o.Write($"Interface #{i} info:\n");
                    o.Write(s.InterfaceDescriptions[i]);
                    o.Write($"{Indent}Number of packets = {s.InterfacePacketCounts[i]}\n");
                }
            }
            if (opt.NameResolution)
            {
                if (s.Ipv4Names != 0) o.Write($"Number of resolved IPv4 addresses in file: {s.Ipv4Names}\n");
                if (s.Ipv6Names != 0) o.Write($"Number of resolved IPv6 addresses in file: {s.Ipv6Names}\n");
            }
            if (opt.DecryptionSecrets && s.DecryptionSecrets != 0)
                o.Write($"Number of decryption secrets in file: {s.DecryptionSecrets}\n");
        }
    }

    // Section options are printed only when non-empty, on one line (line breaks become spaces).
    private static void Option(TextWriter o, string prefix, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        o.Write(prefix);
        o.Write(value.Replace('\n', ' ').Replace('\r', ' '));
        o.Write('\n');
    }

    // -M rates: two decimals, or "n/a" when not positive.
    private static string Value(double v, string unit) => v > 0 ? Format.Fixed2(v) + unit : "n/a";
}

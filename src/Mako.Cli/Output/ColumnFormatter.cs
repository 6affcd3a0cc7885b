using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Names;

namespace Mako.Cli.Output;

/// <summary>The standard columns (No., Time, Source, Destination, Protocol, Length, Info) as tshark fills them.</summary>
internal sealed class ColumnFormatter(string timeFormat, string secondsFormat, ResolveFlags resolve)
{
    public static readonly string[] Titles = ["No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"];

    private readonly char[] _buf = new char[64];

    /// <summary>Digits after the decimal point for this packet's timestamps (the interface's resolution).</summary>
    public static int Precision(CaptureSession s, Packet pkt)
    {
        var iface = s.Interface(pkt.Record.InterfaceId);
        return iface?.Precision ?? 6;
    }

    public void AppendTime(StringBuilder sb, Packet pkt)
    {
        var s = pkt.Session;
        int prec = Precision(s, pkt);
        long ts = pkt.TimestampNs;
        switch (timeFormat)
        {
            case "r": AppendSeconds(sb, ts - s.FirstTs, prec); break;
            case "d": AppendSeconds(sb, ts - s.PreviousCapturedTsForColumns, prec); break;
            case "dd": AppendSeconds(sb, ts - s.PreviousDisplayedTs, prec); break;
            case "e": AppendEpoch(sb, ts, prec); break;
            default: AppendAbsolute(sb, ts, prec, timeFormat); break;
        }
    }

    private void AppendSeconds(StringBuilder sb, long ns, int prec)
    {
        bool neg = ns < 0;
        if (neg) ns = -ns;
        long secs = Math.DivRem(ns, 1_000_000_000L, out long frac);
        if (neg) sb.Append('-');
        if (secondsFormat == "hms")
        {
            long h = secs / 3600, m = secs / 60 % 60, sec = secs % 60;
            if (h > 0) sb.Append(h).Append("h ").Append(m.ToString("D2", CultureInfo.InvariantCulture)).Append("m ").Append(sec.ToString("D2", CultureInfo.InvariantCulture));
            else if (m > 0) sb.Append(m).Append("m ").Append(sec.ToString("D2", CultureInfo.InvariantCulture));
            else sb.Append(sec);
            AppendFrac(sb, frac, prec);
            sb.Append('s');
            return;
        }
        sb.Append(secs);
        AppendFrac(sb, frac, prec);
    }

    private static readonly string[] DigitFormats = ["D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9"];

    private static void AppendFrac(StringBuilder sb, long fracNs, int prec)
    {
        if (prec <= 0) return;
        long div = 1;
        for (int i = prec; i < 9; i++) div *= 10;
        Span<char> b = stackalloc char[12];
        (fracNs / div).TryFormat(b, out int w, DigitFormats[prec], CultureInfo.InvariantCulture);
        sb.Append('.').Append(b[..w]);
    }

    private void AppendEpoch(StringBuilder sb, long ns, int prec)
    {
        long secs = Math.DivRem(ns, 1_000_000_000L, out long frac);
        if (frac < 0) { frac += 1_000_000_000L; secs--; }
        sb.Append(secs);
        AppendFrac(sb, frac, prec);
    }

    private void AppendAbsolute(StringBuilder sb, long ns, int prec, string fmt)
    {
        long secs = Math.DivRem(ns, 1_000_000_000L, out long frac);
        if (frac < 0) { frac += 1_000_000_000L; secs--; }
        var t = DateTimeOffset.FromUnixTimeSeconds(secs);
        if (fmt is "a" or "ad" or "adoy") t = TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local);
        if (fmt is "ad" or "ud") sb.Append(t.ToString("yyyy-MM-dd ", CultureInfo.InvariantCulture));
        else if (fmt is "adoy" or "udoy") sb.Append(t.Year.ToString("D4", CultureInfo.InvariantCulture)).Append('/').Append(t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)).Append(' ');
        sb.Append(t.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFrac(sb, frac, prec);
    }

    public void AppendAddress(StringBuilder sb, Packet pkt, Address a)
    {
        if (a.Type == AddressType.Ether && (resolve & ResolveFlags.Mac) != 0)
        {
            Span<byte> mac = stackalloc byte[6];
            for (int i = 0; i < 6; i++) mac[i] = (byte)(a.Lo >> (40 - 8 * i));
            var name = pkt.Session.Names.ResolveMac(mac);
            if (name is not null)
            {
                sb.Append(name);
                return;
            }
        }
        int n = a.Format(_buf);
        sb.Append(_buf, 0, n);
    }

    /// <summary>Writes column <paramref name="index"/> (see <see cref="Titles"/>).</summary>
    public void Append(StringBuilder sb, Packet pkt, int index)
    {
        switch (index)
        {
            case 0: sb.Append(pkt.Number); break;
            case 1: AppendTime(sb, pkt); break;
            case 2:
                if (pkt.Src.Type == AddressType.None && pkt.SrcColumnFallback is { } srcText) sb.Append(srcText);
                else AppendAddress(sb, pkt, pkt.Src);
                break;
            case 3:
                if (pkt.Dst.Type == AddressType.None && pkt.DstColumnFallback is { } dstText) sb.Append(dstText);
                else AppendAddress(sb, pkt, pkt.Dst);
                break;
            case 4: sb.Append(pkt.Protocol); break;
            case 5: sb.Append(pkt.WireLength); break;
            case 6: sb.Append(pkt.Info.Span); break;
        }
    }

    public static int IndexOf(string title) => Array.IndexOf(Titles, title);
}

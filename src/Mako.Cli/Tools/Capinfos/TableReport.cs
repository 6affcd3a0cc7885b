using System.Globalization;
using System.Text;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>capinfos -T: one row per file, fields separated by TAB/comma/space and optionally quoted.</summary>
internal sealed class TableReport(TextWriter o, CapinfosOptions opt)
{
    private readonly StringBuilder _row = new();

    public void WriteHeader()
    {
        _row.Clear();
        Quoted("File name");
        if (opt.FileType) Field("File type");
        if (opt.FileEncap) Field("File encapsulation");
        if (opt.MoreInfo) Field("File time precision");
        if (opt.SnapLength)
        {
            Field("Packet size limit");
            Field("Packet size limit min (inferred)");
            Field("Packet size limit max (inferred)");
        }
        if (opt.PacketCount) Field("Number of packets");
        if (opt.FileSize) Field("File size (bytes)");
        if (opt.DataSize) Field("Data size (bytes)");
        if (opt.Duration) Field("Capture duration (seconds)");
        if (opt.StartTime) Field("Start time");
        if (opt.EndTime) Field("End time");
        if (opt.DataRateBytes) Field("Data byte rate (bytes/sec)");
        if (opt.DataRateBits) Field("Data bit rate (bits/sec)");
        if (opt.PacketSize) Field("Average packet size (bytes)");
        if (opt.PacketRate) Field("Average packet rate (packets/sec)");
        if (opt.Hashes)
        {
            Field("SHA256");
            Field("RIPEMD160");
            Field("SHA1");
        }
        if (opt.Order) Field("Strict time order");
        if (opt.MoreInfo)
        {
            Field("Capture hardware");
            Field("Capture oper-sys");
            Field("Capture application");
        }
        if (opt.Comment) Field("Capture comment");
        End();
    }

    public void WriteRow(string fileName, CaptureSummary s, FileHashes hashes)
    {
        _row.Clear();
        Quoted(fileName);
        if (opt.FileType) Field(s.FileTypeName);
        if (opt.FileEncap) Field(WtapEncap.Name(s.FileEncap));
        if (opt.MoreInfo) Field(WtapNames.Precision(s.FileTsPrec));
        if (opt.SnapLength)
        {
            Field(s.SnapLength > 0 ? Num(s.SnapLength) : "(not set)");
            Field(s.SnapMaxInferred > 0 ? Num(s.SnapMinInferred) : "n/a");
            Field(s.SnapMaxInferred > 0 ? Num(s.SnapMaxInferred) : "n/a");
        }
        if (opt.PacketCount) Field(Num(s.PacketCount));
        if (opt.FileSize) Field(s.FileSize.ToString(CultureInfo.InvariantCulture));
        if (opt.DataSize) Field(s.PacketBytes.ToString(CultureInfo.InvariantCulture));
        if (opt.Duration) Field(Times.Relative(s, s.Duration, s.DurationPrec, withUnit: false));
        if (opt.StartTime) Field(Times.Absolute(s, s.Start, s.StartPrec, opt.TimeAsSeconds));
        if (opt.EndTime) Field(Times.Absolute(s, s.Stop, s.StopPrec, opt.TimeAsSeconds));
        if (opt.DataRateBytes) Field(s.TimesKnown ? Format.Fixed2(s.DataRate) : "n/a");
        if (opt.DataRateBits) Field(s.TimesKnown ? Format.Fixed2(s.DataRate * 8) : "n/a");
        if (opt.PacketSize) Field(Format.Fixed2(s.AveragePacketSize));
        if (opt.PacketRate) Field(s.TimesKnown ? Format.Fixed2(s.PacketRate) : "n/a");
        if (opt.Hashes)
        {
            Field(hashes.Sha256);
            Field(hashes.Ripemd160);
            Field(hashes.Sha1);
        }
        if (opt.Order) Field(Times.OrderText(s.Order));
        foreach (var shb in s.Sections)
        {
            if (opt.MoreInfo)
            {
                Field(shb.Hardware ?? "");
                Field(shb.Os ?? "");
                Field(shb.UserApplication ?? "");
            }
            if (opt.Comment)
            {
                // An empty field keeps the columns aligned when there is no comment.
                if (shb.Comments.Count == 0) Field("");
                foreach (var c in shb.Comments) Field(c);
            }
        }
        End();
    }

    private static string Num(uint v) => v.ToString(CultureInfo.InvariantCulture);

    private void Field(string text)
    {
        if (opt.Separator != '\0') _row.Append(opt.Separator);
        Quoted(text);
    }

    private void Quoted(string text)
    {
        if (opt.Quote != '\0') _row.Append(opt.Quote);
        _row.Append(text);
        if (opt.Quote != '\0') _row.Append(opt.Quote);
    }

    private void End()
    {
        _row.Append('\n');
        o.Write(_row.ToString());
    }
}

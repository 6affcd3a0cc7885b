using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>
/// A reader with no records whose only job is to hand a writer the section header a tool wants written
/// (editcap's edited comments, mergecap's and text2pcap's own headers). Interfaces are declared by the tool
/// itself with <see cref="CaptureWriter.AddInterface"/>, so the template has none.
/// </summary>
internal sealed class CaptureTemplate : CaptureReader
{
    public CaptureTemplate(SectionInfo section)
    {
        SectionList.Add(section);
        FileName = "";
    }

    public override CaptureFormat Format => CaptureFormat.PcapNg;

    public override RecordKind Read() => RecordKind.End;

    /// <summary>A copy of <paramref name="s"/> (comments and options included) that can be edited freely.</summary>
    public static SectionInfo Copy(SectionInfo s)
    {
        var c = new SectionInfo
        {
            BigEndian = s.BigEndian,
            MajorVersion = s.MajorVersion,
            MinorVersion = s.MinorVersion,
            SectionLength = -1,
            Hardware = s.Hardware,
            Os = s.Os,
            UserApplication = s.UserApplication,
        };
        c.Comments.AddRange(s.Comments);
        c.OtherOptions.AddRange(s.OtherOptions);
        return c;
    }

    /// <summary>A copy of an interface description that can be edited (link type, id) without touching the reader's.</summary>
    public static InterfaceInfo Copy(InterfaceInfo i)
    {
        var c = new InterfaceInfo
        {
            Id = i.Id,
            SectionIndex = i.SectionIndex,
            LinkType = i.LinkType,
            SnapLength = i.SnapLength,
            Name = i.Name,
            Description = i.Description,
            Filter = i.Filter,
            Os = i.Os,
            Hardware = i.Hardware,
            Speed = i.Speed,
            FcsLength = i.FcsLength,
            TsResolution = i.TsResolution,
            TsOffset = i.TsOffset,
        };
        c.Comments.AddRange(i.Comments);
        c.OtherOptions.AddRange(i.OtherOptions);
        return c;
    }
}

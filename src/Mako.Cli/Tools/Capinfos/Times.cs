namespace Mako.Cli.Tools.Capinfos;

/// <summary>The time infos shared by both reports ("n/a" when no packet carried a time stamp).</summary>
internal static class Times
{
    public static bool Known(CaptureSummary s) => s.TimesKnown && s.PacketCount > 0;

    public static string Relative(CaptureSummary s, NsTime t, int prec, bool withUnit)
        => Known(s) ? Format.RelativeTime(t, prec, withUnit) : "n/a";

    public static string Absolute(CaptureSummary s, NsTime t, int prec, bool asSeconds)
        => Known(s) ? Format.AbsoluteTime(t, prec, asSeconds) : "n/a";

    public static string OrderText(TimeOrder order) => order switch
    {
        TimeOrder.InOrder => "True",
        TimeOrder.NotInOrder => "False",
        _ => "Unknown",
    };
}

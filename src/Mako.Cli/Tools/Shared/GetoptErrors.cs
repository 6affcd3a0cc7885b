namespace Mako.Cli.Tools.Shared;

/// <summary>
/// mergecap, reordercap and text2pcap 4.0 parse options with Wireshark's ws_getopt (musl's getopt), whose messages
/// differ from GNU's: "unrecognized option: Z", "option requires an argument: F".
/// </summary>
internal static class GetoptErrors
{
    /// <summary>Rewrites a <see cref="Getopt"/> (GNU-worded) message in ws_getopt's words.</summary>
    public static string ToWsGetopt(string gnu)
    {
        if (TryQuoted(gnu, "invalid option -- '", out string c))
            return "unrecognized option: " + c;
        if (TryQuoted(gnu, "option requires an argument -- '", out c))
            return "option requires an argument: " + c;
        if (TryQuoted(gnu, "unrecognized option '--", out c))
            return "unrecognized option: " + c;
        if (gnu.StartsWith("option '--", StringComparison.Ordinal))
        {
            int end = gnu.IndexOf('\'', 10);
            string name = end > 10 ? gnu[10..end] : gnu;
            if (gnu.EndsWith("requires an argument", StringComparison.Ordinal))
                return "option requires an argument: " + name;
            if (gnu.EndsWith("doesn't allow an argument", StringComparison.Ordinal))
                return "option does not take an argument: " + name;
            if (gnu.EndsWith("is ambiguous", StringComparison.Ordinal))
                return "option is ambiguous: " + name;
        }
        return gnu;
    }

    /// <summary>The option letter a "requires an argument" message is about, or '\0'.</summary>
    public static char MissingArgumentOf(string gnu)
        => TryQuoted(gnu, "option requires an argument -- '", out string c) && c.Length == 1 ? c[0] : '\0';

    private static bool TryQuoted(string s, string prefix, out string value)
    {
        value = "";
        if (!s.StartsWith(prefix, StringComparison.Ordinal) || !s.EndsWith('\''))
            return false;
        value = s[prefix.Length..^1];
        return true;
    }
}

using System.Text.RegularExpressions;

namespace Mako.Filters;

/// <summary>Value comparisons with Wireshark's semantics per family.</summary>
internal static class Compare
{
    /// <summary>Total order used by ==, &lt;, &gt; ...: numbers numerically, addresses by value, bytes lexicographically.</summary>
    public static int Order(in Value a, in Value b)
    {
        switch (a.Kind)
        {
            case VKind.Integer:
            case VKind.Bool:
            case VKind.AbsTime:
            case VKind.RelTime:
                if (b.Kind == VKind.Double) return ((double)a.I).CompareTo(b.D);
                if (a.Unsigned && b.Unsigned) return ((ulong)a.I).CompareTo((ulong)b.I);
                return ((Int128)(a.Unsigned ? (ulong)a.I : a.I)).CompareTo((Int128)(b.Unsigned ? (ulong)b.I : b.I));
            case VKind.Double:
                return a.D.CompareTo(b.Kind == VKind.Double ? b.D : b.I);
            case VKind.IPv4:
                {
                    int prefix = Math.Min(a.Cidr ? a.Prefix : 32, b.Cidr ? b.Prefix : 32);
                    uint mask = prefix >= 32 ? uint.MaxValue : prefix <= 0 ? 0 : uint.MaxValue << (32 - prefix);
                    return ((uint)a.I & mask).CompareTo((uint)b.I & mask);
                }
            case VKind.IPv6:
                {
                    int prefix = Math.Min(a.Cidr ? a.Prefix : 128, b.Cidr ? b.Prefix : 128);
                    var x = a.B.Span;
                    var y = b.B.Span;
                    if (x.Length != 16 || y.Length != 16) return x.SequenceCompareTo(y);
                    for (int i = 0; i < 16; i++)
                    {
                        int bits = Math.Clamp(prefix - i * 8, 0, 8);
                        byte m = (byte)(0xFF << (8 - bits));
                        int c = (x[i] & m).CompareTo(y[i] & m);
                        if (c != 0) return c;
                    }
                    return 0;
                }
            default:
                return a.B.Span.SequenceCompareTo(b.B.Span);
        }
    }

    public static bool Test(Tok op, in Value a, in Value b) => op switch
    {
        Tok.Eq or Tok.AllEq => Order(a, b) == 0,
        Tok.Ne or Tok.AnyNe => Order(a, b) != 0,
        Tok.Gt => Order(a, b) > 0,
        Tok.Lt => Order(a, b) < 0,
        Tok.Ge => Order(a, b) >= 0,
        Tok.Le => Order(a, b) <= 0,
        Tok.Contains => a.B.Span.IndexOf(b.B.Span) >= 0,
        _ => false,
    };

    /// <summary>4.0 runs PCRE2 without UTF over the raw bytes: each byte is one character.</summary>
    public static bool Matches(Regex re, in Value a) => re.IsMatch(System.Text.Encoding.Latin1.GetString(a.B.Span));
}

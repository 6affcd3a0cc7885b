namespace Mako.Protocols.Ip;

/// <summary>Text helpers shared by the network-layer dissectors' -V labels.</summary>
public static class Bits
{
    /// <summary>Wireshark's bit picture for a masked field: "0100 ....", "...0 0000 0000 0000" (groups of 4).</summary>
    public static string Pattern(ulong value, ulong mask, int width)
    {
        var buf = new char[width + (width / 4) - 1];
        int p = 0;
        for (int i = width - 1; i >= 0; i--)
        {
            ulong bit = 1UL << i;
            buf[p++] = (mask & bit) == 0 ? '.' : (value & bit) != 0 ? '1' : '0';
            if (i > 0 && i % 4 == 0) buf[p++] = ' ';
        }
        return new string(buf, 0, p);
    }
}

/// <summary>The summary proto_tree_add_bitmask puts on a flags item: set booleans by name, named values.</summary>
public static class BitmaskLabel
{
    /// <summary>"Flags: 0xc8, Managed address configuration, Prf (Default Router Preference): High".</summary>
    public static string Make(string name, ulong value, int hexDigits, params Mako.Engine.Fields.FieldDef[] parts)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(name).Append(": 0x").Append(value.ToString("x" + hexDigits, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var f in parts)
        {
            ulong v = f.Bitmask != 0 ? (value & f.Bitmask) >> f.Shift : value;
            if (f.Type == Mako.Engine.Fields.FieldType.Boolean)
            {
                if (v != 0) sb.Append(", ").Append(f.Name);
            }
            else if (f.Values?.Lookup(v) is { } vn)
            {
                sb.Append(", ").Append(f.Name).Append(": ").Append(vn);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Short names for the DS field's two parts, as shown in the IPv4/IPv6 tree summaries.</summary>
public static class DsField
{
    public static string DscpShort(int dscp) => dscp switch
    {
        0 => "CS0",
        1 => "LE",
        8 => "CS1",
        10 => "AF11",
        12 => "AF12",
        14 => "AF13",
        16 => "CS2",
        18 => "AF21",
        20 => "AF22",
        22 => "AF23",
        24 => "CS3",
        26 => "AF31",
        28 => "AF32",
        30 => "AF33",
        32 => "CS4",
        34 => "AF41",
        36 => "AF42",
        38 => "AF43",
        40 => "CS5",
        44 => "VA",
        46 => "EF PHB",
        48 => "CS6",
        56 => "CS7",
        _ => "Unknown",
    };

    public static string EcnShort(int ecn) => ecn switch
    {
        0 => "Not-ECT",
        1 => "ECT(1)",
        2 => "ECT(0)",
        _ => "CE",
    };
}

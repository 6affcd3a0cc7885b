namespace Mako.Engine.Fields;

/// <summary>
/// One field (Wireshark's header_field_info): declared once, statically, next to its dissector.
/// The registry assigns <see cref="Id"/> when the protocol set is built.
/// </summary>
public class FieldDef
{
    public FieldDef(ProtocolDef? parent, string abbrev, string name, FieldType type, FieldBase display = FieldBase.None,
        ulong bitmask = 0, string? blurb = null, ValueNames? values = null, TrueFalse? tf = null, int boolBits = 0, string? unit = null)
    {
        Parent = parent;
        Abbrev = abbrev;
        Name = name;
        Type = type;
        Base = display;
        Bitmask = bitmask;
        Blurb = blurb;
        Values = values;
        TrueFalse = tf;
        BoolBits = boolBits;
        Unit = unit;
        if (bitmask != 0)
        {
            Shift = System.Numerics.BitOperations.TrailingZeroCount(bitmask);
        }
    }

    /// <summary>Dense id assigned by the registry (-1 until registered).</summary>
    public int Id { get; internal set; } = -1;
    public ProtocolDef? Parent { get; }
    public string Abbrev { get; }
    public string Name { get; }
    public FieldType Type { get; }
    public FieldBase Base { get; }
    public ulong Bitmask { get; }
    public int Shift { get; }
    public string? Blurb { get; }
    public ValueNames? Values { get; }
    public TrueFalse? TrueFalse { get; }
    /// <summary>For FT_BOOLEAN: the width `-G fields` prints in the base column (8, 16, 24, 32, 64; 0 for none).</summary>
    public int BoolBits { get; }
    /// <summary>Unit suffix for display ("bytes", "seconds"...), if any.</summary>
    public string? Unit { get; }

    /// <summary>
    /// For FT_BYTES declared with SEP_COLON/SEP_DASH/... (not visible in `-G fields`): the separator tshark prints
    /// between bytes. Set once at startup by the protocol that owns the field.
    /// </summary>
    public char ByteSeparator { get; set; }

    public override string ToString() => Abbrev;
}

/// <summary>A protocol (FT_PROTOCOL field) and the owner of its fields and expert items.</summary>
public sealed class ProtocolDef : FieldDef
{
    private readonly List<FieldDef> _fields = new();
    private readonly List<ExpertDef> _experts = new();

    /// <param name="type">FT_PROTOCOL normally; Wireshark's "in name only" protocols (TCP options, for example) are
    /// FT_BYTES, so `-T fields` prints their bytes.</param>
    public ProtocolDef(string name, string shortName, string filterName, FieldType type = FieldType.Protocol)
        : base(null, filterName, name, type)
    {
        ShortName = shortName;
    }

    public string ShortName { get; }
    public IReadOnlyList<FieldDef> Fields => _fields;
    public IReadOnlyList<ExpertDef> Experts => _experts;

    public FieldDef Field(string abbrev, string name, FieldType type, FieldBase display = FieldBase.None, ulong bitmask = 0,
        string? blurb = null, ValueNames? values = null, string? unit = null)
    {
        var f = new FieldDef(this, abbrev, name, type, display, bitmask, blurb, values, null, 0, unit);
        _fields.Add(f);
        return f;
    }

    /// <summary>An FT_BOOLEAN; <paramref name="bits"/> is the parent width (-G prints it as the base).</summary>
    public FieldDef Bool(string abbrev, string name, int bits = 0, ulong bitmask = 0, TrueFalse? tf = null, string? blurb = null)
    {
        var f = new FieldDef(this, abbrev, name, FieldType.Boolean, FieldBase.None, bitmask, blurb, null, tf, bits);
        _fields.Add(f);
        return f;
    }

    public ExpertDef Expert(string abbrev, ExpertGroup group, ExpertSeverity severity, string message)
    {
        var e = new ExpertDef(this, abbrev, group, severity, message);
        _experts.Add(e);
        return e;
    }
}

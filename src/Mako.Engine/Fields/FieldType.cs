namespace Mako.Engine.Fields;

/// <summary>Wireshark's field types (ftypes.h); <see cref="FieldTypes.Name"/> gives the FT_ spelling `-G fields` prints.</summary>
public enum FieldType : byte
{
    None, Protocol, Boolean, Char,
    UInt8, UInt16, UInt24, UInt32, UInt40, UInt48, UInt56, UInt64,
    Int8, Int16, Int24, Int32, Int40, Int48, Int56, Int64,
    Float, Double, AbsoluteTime, RelativeTime,
    String, StringZ, UIntString, StringZPad, StringZTrunc,
    Ether, Bytes, UIntBytes, IPv4, IPv6, IpxNet, FrameNum, Guid, Oid, Eui64, Ax25, Vines, RelOid, SystemId, Fcwwn,
}

public static class FieldTypes
{
    private static readonly string[] Names =
    [
        "FT_NONE", "FT_PROTOCOL", "FT_BOOLEAN", "FT_CHAR",
        "FT_UINT8", "FT_UINT16", "FT_UINT24", "FT_UINT32", "FT_UINT40", "FT_UINT48", "FT_UINT56", "FT_UINT64",
        "FT_INT8", "FT_INT16", "FT_INT24", "FT_INT32", "FT_INT40", "FT_INT48", "FT_INT56", "FT_INT64",
        "FT_FLOAT", "FT_DOUBLE", "FT_ABSOLUTE_TIME", "FT_RELATIVE_TIME",
        "FT_STRING", "FT_STRINGZ", "FT_UINT_STRING", "FT_STRINGZPAD", "FT_STRINGZTRUNC",
        "FT_ETHER", "FT_BYTES", "FT_UINT_BYTES", "FT_IPv4", "FT_IPv6", "FT_IPXNET", "FT_FRAMENUM", "FT_GUID", "FT_OID",
        "FT_EUI64", "FT_AX25", "FT_VINES", "FT_REL_OID", "FT_SYSTEM_ID", "FT_FCWWN",
    ];

    public static string Name(FieldType t) => Names[(int)t];

    public static bool TryParse(string name, out FieldType t)
    {
        int i = Array.IndexOf(Names, name);
        t = (FieldType)Math.Max(i, 0);
        return i >= 0;
    }

    public static bool IsUnsigned(FieldType t) => t is >= FieldType.UInt8 and <= FieldType.UInt64 or FieldType.Char or FieldType.FrameNum;
    public static bool IsSigned(FieldType t) => t is >= FieldType.Int8 and <= FieldType.Int64;
    public static bool IsInteger(FieldType t) => IsUnsigned(t) || IsSigned(t) || t == FieldType.Boolean;
    public static bool IsString(FieldType t) => t is FieldType.String or FieldType.StringZ or FieldType.UIntString or FieldType.StringZPad or FieldType.StringZTrunc;
    /// <summary>Types whose value is a run of bytes (compared and sliced as bytes).</summary>
    public static bool IsBytesLike(FieldType t) => t is FieldType.Bytes or FieldType.UIntBytes or FieldType.Ether or FieldType.IPv6 or FieldType.Eui64 or FieldType.Guid or FieldType.Oid or FieldType.RelOid or FieldType.SystemId or FieldType.Fcwwn or FieldType.Ax25 or FieldType.Vines;

    /// <summary>Width in bits of integer types (for hex padding and boolean masks).</summary>
    public static int Bits(FieldType t) => t switch
    {
        FieldType.UInt8 or FieldType.Int8 or FieldType.Char => 8,
        FieldType.UInt16 or FieldType.Int16 => 16,
        FieldType.UInt24 or FieldType.Int24 => 24,
        FieldType.UInt32 or FieldType.Int32 or FieldType.FrameNum or FieldType.IPv4 => 32,
        FieldType.UInt40 or FieldType.Int40 => 40,
        FieldType.UInt48 or FieldType.Int48 => 48,
        FieldType.UInt56 or FieldType.Int56 => 56,
        _ => 64,
    };
}

/// <summary>Display bases (proto.h field_display_e), as `-G fields` spells them.</summary>
public enum FieldBase : byte
{
    /// <summary>No base (non-integer types): `-G fields` prints an empty column.</summary>
    None,
    /// <summary>An integer explicitly declared BASE_NONE.</summary>
    BaseNone,
    Dec, Hex, Oct, DecHex, HexDec, Custom, Exp,
    PtUdp, PtTcp, PtDccp, PtSctp,
    OuiBase,
    /// <summary>Absolute times: local time (the default).</summary>
    AbsLocal, AbsUtc, AbsDoyUtc,
}

public static class FieldBases
{
    public static string Name(FieldBase b) => b switch
    {
        FieldBase.None or FieldBase.AbsLocal or FieldBase.AbsUtc or FieldBase.AbsDoyUtc => "",
        FieldBase.BaseNone => "BASE_NONE",
        FieldBase.Dec => "BASE_DEC",
        FieldBase.Hex => "BASE_HEX",
        FieldBase.Oct => "BASE_OCT",
        FieldBase.DecHex => "BASE_DEC_HEX",
        FieldBase.HexDec => "BASE_HEX_DEC",
        FieldBase.Custom => "BASE_CUSTOM",
        FieldBase.Exp => "BASE_EXP",
        FieldBase.PtUdp => "BASE_PT_UDP",
        FieldBase.PtTcp => "BASE_PT_TCP",
        FieldBase.PtDccp => "BASE_PT_DCCP",
        FieldBase.PtSctp => "BASE_PT_SCTP",
        FieldBase.OuiBase => "BASE_OUI",
        _ => "",
    };
}

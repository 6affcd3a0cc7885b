using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Filters;

/// <summary>How values of a filter expression compare (Wireshark's ftype families).</summary>
internal enum VKind { None, Integer, Double, AbsTime, RelTime, IPv4, IPv6, Bytes, String, Bool }

/// <summary>One value produced while evaluating a filter: integers/times/IPv4 in <see cref="I"/>, bytes and strings as bytes.</summary>
internal struct Value
{
    public VKind Kind;
    public long I;
    public bool Unsigned;
    public double D;
    public ReadOnlyMemory<byte> B;
    /// <summary>CIDR prefix of an IPv4/IPv6 literal written with "/n" (<see cref="Cidr"/>); otherwise the address is exact.</summary>
    public int Prefix;
    public bool Cidr;

    public static Value Int(long v, bool unsigned) => new() { Kind = VKind.Integer, I = v, Unsigned = unsigned };
    public static Value Bytes(ReadOnlyMemory<byte> b, VKind k = VKind.Bytes) => new() { Kind = k, B = b };
    public static Value Str(string s) => new() { Kind = VKind.String, B = Encoding.UTF8.GetBytes(s) };
}

internal static class FieldValues
{
    /// <summary>The comparison family of a field type.</summary>
    public static VKind KindOf(FieldType t) => t switch
    {
        FieldType.Boolean => VKind.Bool,
        FieldType.Float or FieldType.Double => VKind.Double,
        FieldType.AbsoluteTime => VKind.AbsTime,
        FieldType.RelativeTime => VKind.RelTime,
        FieldType.IPv4 => VKind.IPv4,
        FieldType.IPv6 => VKind.IPv6,
        FieldType.None => VKind.None,
        FieldType.Protocol => VKind.Bytes,
        _ when FieldTypes.IsInteger(t) => VKind.Integer,
        _ when FieldTypes.IsString(t) => VKind.String,
        _ => VKind.Bytes,
    };

    /// <summary>Reads node <paramref name="n"/>'s value as the filter sees it.</summary>
    public static Value Read(Packet pkt, int n, FieldDef f)
    {
        var tree = pkt.Tree;
        ref var node = ref tree[n];
        switch (KindOf(f.Type))
        {
            case VKind.Integer:
                return FieldTypes.IsSigned(f.Type)
                    ? Value.Int(FieldFormatter.SignedValue(f, node), false)
                    : Value.Int((long)FieldFormatter.IntValue(f, node), true);
            case VKind.Bool:
                return new Value { Kind = VKind.Bool, I = FieldFormatter.IntValue(f, node) != 0 ? 1 : 0, Unsigned = true };
            case VKind.Double:
                return new Value { Kind = VKind.Double, D = BitConverter.Int64BitsToDouble((long)node.Value) };
            case VKind.AbsTime:
            case VKind.RelTime:
                return new Value { Kind = KindOf(f.Type), I = (long)node.Value };
            case VKind.IPv4:
                return new Value { Kind = VKind.IPv4, I = (long)(uint)node.Value, Prefix = 32 };
            case VKind.String:
                if (node.FieldId == CoreProtocols.ExpertMessage.Id && node.Parent >= 0 && tree.GetObject(node.Parent) is ExpertItem ei)
                    return Value.Str(ei.Message);
                if ((node.Flags & NodeFlags.ObjectValue) != 0)
                    return Value.Str(tree.GetObject(n) as string ?? "");
                {
                    var mem = SourceBytes(tree, n);
                    int nul = mem.Span.IndexOf((byte)0);
                    return new Value { Kind = VKind.String, B = nul >= 0 ? mem[..nul] : mem };
                }
            case VKind.None:
                return new Value { Kind = VKind.None };
            default:
                if (f.Type == FieldType.Protocol)
                {
                    // A protocol's value is its bytes from where it starts to the end of its data.
                    var src = tree.Source(node.Source);
                    int off = Math.Min(node.Offset, src.Length);
                    return new Value { Kind = VKind.Bytes, B = src[off..] };
                }
                if ((node.Flags & NodeFlags.ObjectValue) != 0 && tree.GetObject(n) is byte[] arr)
                    return new Value { Kind = KindOf(f.Type), B = arr, Prefix = 128 };
                return new Value { Kind = KindOf(f.Type), B = SourceBytes(tree, n), Prefix = 128 };
        }
    }

    /// <summary>The packet bytes a node covers (for slices, protocols and byte fields).</summary>
    public static ReadOnlyMemory<byte> SourceBytes(PacketTree tree, int n)
    {
        ref var node = ref tree[n];
        var src = tree.Source(node.Source);
        if ((uint)node.Offset > (uint)src.Length) return default;
        return src.Slice(node.Offset, Math.Min(node.Length, src.Length - node.Offset));
    }
}

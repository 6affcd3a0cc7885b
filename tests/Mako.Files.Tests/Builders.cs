using System.Buffers.Binary;
using System.Text;

namespace Mako.Files.Tests;

/// <summary>Builds pcap files byte by byte, in either byte order, for reader tests.</summary>
internal sealed class PcapBuilder
{
    private readonly MemoryStream _ms = new();
    private readonly bool _be;
    private readonly int _extra;

    public PcapBuilder(uint magic = 0xa1b2c3d4, bool bigEndian = false, uint snaplen = 65535, uint network = 1,
        ushort major = 2, ushort minor = 4)
    {
        _be = bigEndian;
        _extra = magic == 0xa1b2cd34 ? 8 : 0;
        U32(magic); U16(major); U16(minor); U32(0); U32(0); U32(snaplen); U32(network);
    }

    public PcapBuilder Packet(uint sec, uint frac, byte[] data, uint? origlen = null, uint? caplen = null)
    {
        U32(sec); U32(frac); U32(caplen ?? (uint)data.Length); U32(origlen ?? (uint)data.Length);
        if (_extra > 0) { U32(7); U16(0x0800); _ms.WriteByte(4); _ms.WriteByte(0); }
        _ms.Write(data);
        return this;
    }

    public byte[] ToArray() => _ms.ToArray();

    private void U16(ushort v) { Span<byte> b = stackalloc byte[2]; if (_be) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); _ms.Write(b); }
    private void U32(uint v) { Span<byte> b = stackalloc byte[4]; if (_be) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); _ms.Write(b); }
}

/// <summary>Builds pcapng files block by block; options are (code, value) pairs padded automatically.</summary>
internal sealed class PcapNgBuilder
{
    private readonly MemoryStream _ms = new();
    private bool _be;

    public PcapNgBuilder(bool bigEndian = false, params (ushort, byte[])[] shbOptions) => Section(bigEndian, shbOptions);

    public PcapNgBuilder Section(bool bigEndian, params (ushort, byte[])[] options)
    {
        _be = bigEndian;
        var body = new MemoryStream();
        W32(body, 0x1A2B3C4D); W16(body, 1); W16(body, 0); W64(body, ulong.MaxValue);
        WriteOptions(body, options);
        return Block(0x0A0D0D0A, body.ToArray());
    }

    public PcapNgBuilder Interface(ushort linkType = 1, uint snaplen = 0, params (ushort, byte[])[] options)
    {
        var body = new MemoryStream();
        W16(body, linkType); W16(body, 0); W32(body, snaplen);
        WriteOptions(body, options);
        return Block(1, body.ToArray());
    }

    public PcapNgBuilder Epb(uint ifid, ulong ts, byte[] data, uint? origlen = null, params (ushort, byte[])[] options)
    {
        var body = new MemoryStream();
        W32(body, ifid); W32(body, (uint)(ts >> 32)); W32(body, (uint)ts); W32(body, (uint)data.Length); W32(body, origlen ?? (uint)data.Length);
        body.Write(data); Pad(body);
        WriteOptions(body, options);
        return Block(6, body.ToArray());
    }

    public PcapNgBuilder Spb(uint origlen, byte[] data)
    {
        var body = new MemoryStream();
        W32(body, origlen); body.Write(data); Pad(body);
        return Block(3, body.ToArray());
    }

    public PcapNgBuilder ObsoletePacket(ushort ifid, ushort drops, ulong ts, byte[] data, params (ushort, byte[])[] options)
    {
        var body = new MemoryStream();
        W16(body, ifid); W16(body, drops); W32(body, (uint)(ts >> 32)); W32(body, (uint)ts); W32(body, (uint)data.Length); W32(body, (uint)data.Length);
        body.Write(data); Pad(body);
        WriteOptions(body, options);
        return Block(2, body.ToArray());
    }

    public PcapNgBuilder Nrb(params (byte[] Addr, string[] Names)[] records)
    {
        var body = new MemoryStream();
        foreach (var (addr, names) in records)
        {
            var v = new MemoryStream();
            v.Write(addr);
            foreach (var n in names) { v.Write(Encoding.UTF8.GetBytes(n)); v.WriteByte(0); }
            W16(body, (ushort)(addr.Length == 4 ? 1 : 2)); W16(body, (ushort)v.Length); body.Write(v.ToArray()); Pad(body);
        }
        W16(body, 0); W16(body, 0);
        return Block(4, body.ToArray());
    }

    public PcapNgBuilder Isb(uint ifid, ulong ts, params (ushort, byte[])[] options)
    {
        var body = new MemoryStream();
        W32(body, ifid); W32(body, (uint)(ts >> 32)); W32(body, (uint)ts);
        WriteOptions(body, options);
        return Block(5, body.ToArray());
    }

    public PcapNgBuilder Dsb(uint type, byte[] data)
    {
        var body = new MemoryStream();
        W32(body, type); W32(body, (uint)data.Length); body.Write(data); Pad(body);
        return Block(10, body.ToArray());
    }

    public PcapNgBuilder Block(uint type, byte[] body)
    {
        W32(_ms, type); W32(_ms, (uint)(body.Length + 12)); _ms.Write(body); W32(_ms, (uint)(body.Length + 12));
        return this;
    }

    public byte[] ToArray() => _ms.ToArray();

    public byte[] U16(ushort v) { var b = new byte[2]; if (_be) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    public byte[] U32(uint v) { var b = new byte[4]; if (_be) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    public byte[] U64(ulong v) { var b = new byte[8]; if (_be) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v); return b; }
    public byte[] Ts(ulong v) => [.. U32((uint)(v >> 32)), .. U32((uint)v)];
    public static byte[] Str(string s) => Encoding.UTF8.GetBytes(s);

    private void WriteOptions(MemoryStream body, (ushort Code, byte[] Value)[] options)
    {
        if (options.Length == 0) return;
        foreach (var (code, value) in options)
        {
            W16(body, code); W16(body, (ushort)value.Length); body.Write(value); Pad(body);
        }
        W16(body, 0); W16(body, 0);
    }

    private static void Pad(MemoryStream s) { while (s.Length % 4 != 0) s.WriteByte(0); }
    private void W16(Stream s, ushort v) => s.Write(U16(v));
    private void W32(Stream s, uint v) => s.Write(U32(v));
    private void W64(Stream s, ulong v) => s.Write(U64(v));
}

internal static class Bytes
{
    public static byte[] Seq(int n, int seed = 0)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)(i + seed);
        return b;
    }
}

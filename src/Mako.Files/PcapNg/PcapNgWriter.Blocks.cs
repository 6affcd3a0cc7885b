namespace Mako.Files.PcapNg;

internal sealed partial class PcapNgWriter
{
    private void WriteRaw(uint type, ReadOnlySpan<byte> body)
    {
        int padded = (body.Length + 3) & ~3;
        var o = Out;
        o.U32(type);
        o.U32((uint)(padded + 12));
        o.Write(body);
        o.Zeros(padded - body.Length);
        o.U32((uint)(padded + 12));
    }

    /// <summary>Writes a block whose fixed part is <paramref name="fixedPart"/> followed by the collected options.</summary>
    private void WriteWithOptions(uint type, ReadOnlySpan<byte> fixedPart)
    {
        var o = Out;
        uint total = (uint)(12 + fixedPart.Length + _opts.Length);
        o.U32(type);
        o.U32(total);
        o.Write(fixedPart);
        o.Write(_opts.Span);
        o.U32(total);
    }

    private void WriteSectionHeader(SectionInfo s)
    {
        Out.BigEndian = s.BigEndian;
        _out.Clear();
        Array.Fill(_map, -1);
        var o = BeginOptions();
        foreach (var c in s.Comments) o.AddString(1, c);
        o.AddString(2, s.Hardware);
        o.AddString(3, s.Os);
        o.AddString(4, s.UserApplication);
        o.AddAll(s.OtherOptions);
        o.End();
        Span<byte> f = stackalloc byte[16];
        Put(f, PcapNgReader.ByteOrderMagic);
        Put16(f[4..], 1);
        Put16(f[6..], 0);
        Put(f[8..], 0xFFFFFFFF);    // section length unknown (-1)
        Put(f[12..], 0xFFFFFFFF);
        WriteWithOptions(PcapNgReader.ShbType, f);
    }

    /// <summary>Adds an interface to the current section (from its raw IDB body when one is given) and returns its id.</summary>
    private int Declare(InterfaceInfo iface, byte[]? rawBody)
    {
        if (rawBody is not null)
            WriteRaw(1, rawBody);
        else
        {
            var o = BeginOptions();
            foreach (var c in iface.Comments) o.AddString(1, c);
            o.AddString(2, iface.Name);
            o.AddString(3, iface.Description);
            if (iface.Speed is ulong speed) o.AddU64(8, speed);
            if (iface.TsResolution != 6) o.AddU8(9, iface.TsResolution);
            if (iface.Filter is not null)
            {
                var text = System.Text.Encoding.UTF8.GetBytes(iface.Filter);
                o.Add(11, [0, .. text]);
            }
            o.AddString(12, iface.Os);
            if (iface.FcsLength is byte fcs) o.AddU8(13, fcs);
            if (iface.TsOffset != 0) o.AddU64(14, (ulong)iface.TsOffset);
            o.AddString(15, iface.Hardware);
            o.AddAll(iface.OtherOptions);
            o.End();
            Span<byte> f = stackalloc byte[8];
            Put16(f, (ushort)iface.LinkType);
            Put16(f[2..], 0);
            Put(f[4..], iface.SnapLength);
            WriteWithOptions(1, f);
        }
        _out.Add(new OutInterface(iface));
        return _out.Count - 1;
    }

    private void WriteStatistics(BlockRecord block, bool sameOrder)
    {
        var st = block.Statistics!;
        int outId = (uint)st.InterfaceId < (uint)_map.Length ? _map[st.InterfaceId] : -1;
        if (outId < 0)
            return;   // statistics for an interface this output does not have
        if (sameOrder && block.RawBody.Length >= 4 && ReadU32(block.RawBody) == (uint)outId)
        {
            WriteRaw(block.BlockType, block.RawBody);
            return;
        }
        var scale = _out[outId].Scale;
        var o = BeginOptions();
        foreach (var c in st.Comments) o.AddString(1, c);
        if (st.StartTimeNs is long start) o.AddTimestamp(2, scale.ToUnits(start));
        if (st.EndTimeNs is long end) o.AddTimestamp(3, scale.ToUnits(end));
        if (st.Received is ulong recv) o.AddU64(4, recv);
        if (st.Dropped is ulong drop) o.AddU64(5, drop);
        if (st.FilterAccepted is ulong acc) o.AddU64(6, acc);
        if (st.OsDropped is ulong osd) o.AddU64(7, osd);
        if (st.Delivered is ulong del) o.AddU64(8, del);
        o.AddAll(st.OtherOptions);
        o.End();
        ulong ts = scale.ToUnits(st.TimestampNs);
        Span<byte> f = stackalloc byte[12];
        Put(f, (uint)outId);
        Put(f[4..], (uint)(ts >> 32));
        Put(f[8..], (uint)ts);
        WriteWithOptions(5, f);
    }

    private void WriteNames(List<NameRecord> names)
    {
        var o = BeginOptions();   // the records use the same type/length/value layout as options
        foreach (var n in names)
        {
            var v = new List<byte>(n.Address);
            foreach (var name in n.Names)
            {
                v.AddRange(System.Text.Encoding.UTF8.GetBytes(name));
                v.Add(0);
            }
            o.Add((ushort)(n.IsIPv6 ? 2 : 1), v.ToArray());
        }
        o.Add(0, []);   // nrb_record_end
        WriteWithOptions(4, []);
    }

    private void WriteDecryptionSecrets(DecryptionSecrets secrets)
    {
        int padded = (secrets.Data.Length + 3) & ~3;
        var o = Out;
        uint total = (uint)(12 + 8 + padded);
        o.U32(10);
        o.U32(total);
        o.U32(secrets.SecretsType);
        o.U32((uint)secrets.Data.Length);
        o.Write(secrets.Data);
        o.Zeros(padded - secrets.Data.Length);
        o.U32(total);
    }

    private OptionBuilder BeginOptions()
    {
        _opts.Reset();
        _opts.BigEndian = Out.BigEndian;
        return _opts;
    }

    private void Put16(Span<byte> s, ushort v)
    {
        if (Out.BigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(s, v);
        else System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(s, v);
    }

    private uint ReadU32(ReadOnlySpan<byte> s) => Out.BigEndian
        ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(s)
        : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(s);
}

using System.Text;
using Mako.Files.Internal;

namespace Mako.Files.PcapNg;

internal sealed partial class PcapNgReader
{
    private RecordKind ReadOtherBlock(uint type, ReadOnlySpan<byte> body, long offset)
    {
        var block = new BlockRecord
        {
            BlockType = type,
            RawBody = body.ToArray(),
            BigEndian = _bigEndian,
            FileOffset = offset,
            Kind = BlockKind.Other,
        };
        switch (type)
        {
            case ShbType: ReadSectionHeader(body, block); break;
            case IdbType: ReadInterfaceDescription(body, block); break;
            case NrbType: ReadNameResolution(body, block); break;
            case IsbType: ReadInterfaceStatistics(body, block); break;
            case DsbType: ReadDecryptionSecrets(body, block); break;
        }
        Block = block;
        return RecordKind.Block;
    }

    /// <summary>SHB body: byte-order magic(4) major(2) minor(2) section length(8) options.</summary>
    private void ReadSectionHeader(ReadOnlySpan<byte> body, BlockRecord block)
    {
        bool be = _bigEndian;
        ushort major = Endian.U16(body[4..], be);
        ushort minor = Endian.U16(body[6..], be);
        // 1.2 was written by some tools for what is really 1.0; Wireshark accepts it, and refuses the rest.
        if (major != 1 || (minor != 0 && minor != 2))
            Errors.ThrowUnsupported($"pcapng: unknown SHB version {major}.{minor}");
        var s = new SectionInfo
        {
            BigEndian = be,
            MajorVersion = major,
            MinorVersion = minor,
            SectionLength = (long)Endian.U64(body[8..], be),
        };
        var r = new OptionReader(body[16..], be);
        while (r.Next(out ushort code, out var v))
        {
            switch (code)
            {
                case OptComment: s.Comments.Add(Utf8(v)); break;
                case 2: s.Hardware = Utf8(v); break;
                case 3: s.Os = Utf8(v); break;
                case 4: s.UserApplication = Utf8(v); break;
                default: s.OtherOptions.Add(new PcapngOption(code, v.ToArray())); break;
            }
        }
        _sectionIfaces.Clear();
        SectionList.Add(s);
        block.Kind = BlockKind.SectionHeader;
        block.Section = s;
    }

    /// <summary>IDB body: link type(2) reserved(2) snaplen(4) options.</summary>
    private void ReadInterfaceDescription(ReadOnlySpan<byte> body, BlockRecord block)
    {
        if (body.Length < 8)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of an IDB is less than the minimum IDB size 20");
        bool be = _bigEndian;
        var info = new InterfaceInfo
        {
            Id = InterfaceList.Count,
            SectionIndex = SectionList.Count - 1,
            LinkType = Endian.U16(body, be),
            SnapLength = Endian.U32(body[4..], be),
        };
        var r = new OptionReader(body[8..], be);
        while (r.Next(out ushort code, out var v))
        {
            switch (code)
            {
                case OptComment: info.Comments.Add(Utf8(v)); break;
                case 2: info.Name = Utf8(v); break;
                case 3: info.Description = Utf8(v); break;
                case 8 when v.Length == 8: info.Speed = Endian.U64(v, be); break;
                case 9 when v.Length == 1: info.TsResolution = v[0]; break;
                case 11 when v.Length >= 1 && v[0] == 0: info.Filter = Utf8(v[1..]); break;
                case 12: info.Os = Utf8(v); break;
                case 13 when v.Length == 1: info.FcsLength = v[0]; break;
                case 14 when v.Length == 8: info.TsOffset = (long)Endian.U64(v, be); break;
                case 15: info.Hardware = Utf8(v); break;
                default: info.OtherOptions.Add(new PcapngOption(code, v.ToArray())); break;
            }
        }
        InterfaceList.Add(info);
        _sectionIfaces.Add(new IfaceState(info));
        block.Kind = BlockKind.InterfaceDescription;
        block.Interface = info;
    }

    /// <summary>
    /// NRB body: records of type(2) length(2) value (padded), ended by type 0, then options.
    /// IPv4 record: address(4) names...; IPv6 record: address(16) names...; names are NUL-terminated.
    /// </summary>
    private void ReadNameResolution(ReadOnlySpan<byte> body, BlockRecord block)
    {
        bool be = _bigEndian;
        var names = new List<NameRecord>();
        var rest = body;
        while (true)
        {
            if (rest.Length < 4)
            {
                if (rest.IsEmpty)
                    break;
                Errors.ThrowCorrupt("pcapng: NRB record header is cut short");
            }
            ushort type = Endian.U16(rest, be);
            int len = Endian.U16(rest[2..], be);
            if (type == 0)
            {
                rest = rest[4..];
                break;
            }
            int paddedLen = (len + 3) & ~3;
            if (paddedLen > rest.Length - 4)
                Errors.ThrowCorrupt($"pcapng: {rest.Length - 4} bytes left in the block < NRB record length + padding {paddedLen}");
            var v = rest.Slice(4, len);
            int addrLen = type switch { 1 => 4, 2 => 16, _ => -1 };
            if (addrLen > 0)
            {
                if (len < addrLen)
                    Errors.ThrowCorrupt($"pcapng: NRB record length for {(addrLen == 4 ? "IPv4" : "IPv6")} record {len} < minimum length {addrLen}");
                var rec = new NameRecord(v[..addrLen].ToArray(), SplitNames(v[addrLen..]));
                names.Add(rec);
            }
            int padded = (len + 3) & ~3;
            rest = padded > rest.Length - 4 ? default : rest[(4 + padded)..];
        }
        var r = new OptionReader(rest, be);
        while (r.Next(out _, out _)) { }   // ns_dnsname, comments...: kept in RawBody
        NameList.AddRange(names);
        block.Kind = BlockKind.NameResolution;
        block.Names = names;
    }

    private static List<string> SplitNames(ReadOnlySpan<byte> v)
    {
        var list = new List<string>(1);
        while (!v.IsEmpty)
        {
            int n = v.IndexOf((byte)0);
            var s = n >= 0 ? v[..n] : v;
            if (!s.IsEmpty)
                list.Add(Encoding.UTF8.GetString(s));
            if (n < 0)
                break;
            v = v[(n + 1)..];
        }
        return list;
    }

    /// <summary>ISB body: interface id(4) timestamp high(4) low(4) options.</summary>
    private void ReadInterfaceStatistics(ReadOnlySpan<byte> body, BlockRecord block)
    {
        if (body.Length < 12)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of an ISB is too small (< 24)");
        bool be = _bigEndian;
        uint ifid = Endian.U32(body, be);
        // Wireshark ignores statistics for an interface the section does not have; so do we (InterfaceId -1).
        var iface = ifid < (uint)_sectionIfaces.Count ? _sectionIfaces[(int)ifid] : null;
        var scale = iface?.Scale ?? new TimestampScale(6, 0);
        var st = new InterfaceStatistics
        {
            InterfaceId = iface?.Info.Id ?? -1,
            TimestampNs = scale.ToNs(Ts(body[4..], be)),
        };
        var r = new OptionReader(body[12..], be);
        while (r.Next(out ushort code, out var v))
        {
            switch (code)
            {
                case OptComment: st.Comments.Add(Utf8(v)); break;
                case 2 when v.Length == 8: st.StartTimeNs = scale.ToNs(Ts(v, be)); break;
                case 3 when v.Length == 8: st.EndTimeNs = scale.ToNs(Ts(v, be)); break;
                case 4 when v.Length == 8: st.Received = Endian.U64(v, be); break;
                case 5 when v.Length == 8: st.Dropped = Endian.U64(v, be); break;
                case 6 when v.Length == 8: st.FilterAccepted = Endian.U64(v, be); break;
                case 7 when v.Length == 8: st.OsDropped = Endian.U64(v, be); break;
                case 8 when v.Length == 8: st.Delivered = Endian.U64(v, be); break;
                default: st.OtherOptions.Add(new PcapngOption(code, v.ToArray())); break;
            }
        }
        iface?.Info.Statistics.Add(st);
        block.Kind = BlockKind.InterfaceStatistics;
        block.Statistics = st;
    }

    /// <summary>DSB body: secrets type(4) secrets length(4) data (padded) options.</summary>
    private void ReadDecryptionSecrets(ReadOnlySpan<byte> body, BlockRecord block)
    {
        if (body.Length < 8)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of a DSB is too small (< 20)");
        bool be = _bigEndian;
        uint type = Endian.U32(body, be);
        uint len = Endian.U32(body[4..], be);
        if (len > (uint)body.Length - 8)
            Errors.ThrowCorrupt($"pcapng: total block length {body.Length + 12} of a DSB is too small for {len} bytes of secrets");
        var secrets = new DecryptionSecrets(type, body.Slice(8, (int)len).ToArray());
        SecretList.Add(secrets);
        block.Kind = BlockKind.DecryptionSecrets;
        block.Secrets = secrets;
    }

    // pcapng timestamps are two 32-bit halves, high first, each in the section's byte order.
    private static ulong Ts(ReadOnlySpan<byte> s, bool be) => ((ulong)Endian.U32(s, be) << 32) | Endian.U32(s[4..], be);
}

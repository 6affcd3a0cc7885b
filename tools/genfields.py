#!/usr/bin/env python3
"""Generates a protocol's field declarations (<Class>Fields.cs) from `tshark -G fields` and `tshark -G values`.

Field names, types, bases, bitmasks, value names and true/false strings must equal Wireshark's so that users'
filters and scripts work unchanged; generating them from tshark's own registry listing is the reliable way.
Usage: tools/genfields.py PROTO CLASS NAMESPACE OUT.cs [--only abbrev,abbrev,...]
The output is committed; re-run it when adding fields.
"""
import subprocess, sys, re, collections

BASES = {"": "None", "BASE_NONE": "BaseNone", "BASE_DEC": "Dec", "BASE_HEX": "Hex", "BASE_OCT": "Oct",
         "BASE_DEC_HEX": "DecHex", "BASE_HEX_DEC": "HexDec", "BASE_CUSTOM": "Custom", "BASE_PT_UDP": "PtUdp",
         "BASE_PT_TCP": "PtTcp", "BASE_PT_SCTP": "PtSctp", "BASE_PT_DCCP": "PtDccp", "BASE_OUI": "OuiBase", "BASE_EXP": "Exp"}
TYPES = {"FT_NONE": "None", "FT_PROTOCOL": "Protocol", "FT_BOOLEAN": "Boolean", "FT_CHAR": "Char",
         "FT_UINT8": "UInt8", "FT_UINT16": "UInt16", "FT_UINT24": "UInt24", "FT_UINT32": "UInt32", "FT_UINT40": "UInt40",
         "FT_UINT48": "UInt48", "FT_UINT56": "UInt56", "FT_UINT64": "UInt64", "FT_INT8": "Int8", "FT_INT16": "Int16",
         "FT_INT24": "Int24", "FT_INT32": "Int32", "FT_INT40": "Int40", "FT_INT48": "Int48", "FT_INT56": "Int56",
         "FT_INT64": "Int64", "FT_FLOAT": "Float", "FT_DOUBLE": "Double", "FT_ABSOLUTE_TIME": "AbsoluteTime",
         "FT_RELATIVE_TIME": "RelativeTime", "FT_STRING": "String", "FT_STRINGZ": "StringZ", "FT_UINT_STRING": "UIntString",
         "FT_STRINGZPAD": "StringZPad", "FT_STRINGZTRUNC": "StringZTrunc", "FT_ETHER": "Ether", "FT_BYTES": "Bytes",
         "FT_UINT_BYTES": "UIntBytes", "FT_IPv4": "IPv4", "FT_IPv6": "IPv6", "FT_IPXNET": "IpxNet", "FT_FRAMENUM": "FrameNum",
         "FT_GUID": "Guid", "FT_OID": "Oid", "FT_EUI64": "Eui64", "FT_AX25": "Ax25", "FT_VINES": "Vines",
         "FT_REL_OID": "RelOid", "FT_SYSTEM_ID": "SystemId", "FT_FCWWN": "Fcwwn"}

def tshark(kind):
    return subprocess.run(["tshark", "-G", kind], capture_output=True, text=True).stdout.splitlines()

def cs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def pascal(s):
    parts = re.split(r"[._\-]+", s)
    out = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if not out or out[0].isdigit():
        out = "F" + out
    return re.sub(r"[^A-Za-z0-9]", "", out)

def main():
    proto, cls, ns, out = sys.argv[1:5]
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    protos = {l.split("\t")[2]: l.split("\t") for l in tshark("protocols") if l.count("\t") >= 2}
    pname, pshort, _ = protos[proto]
    fields = []
    seen = set()
    for l in tshark("fields"):
        c = l.split("\t")
        if c[0] != "F" or c[4] != proto or c[2] in seen:
            continue
        if only is not None and c[2] not in only:
            continue
        seen.add(c[2])
        fields.append(c)
    values = collections.defaultdict(list)
    ranges = collections.defaultdict(list)
    tfs = {}
    for l in tshark("values"):
        c = l.split("\t")
        if c[0] in ("V", "V64") and c[1] in seen and len(c) >= 4:
            values[c[1]].append((int(c[2], 0), c[3]))
        elif c[0] == "R" and c[1] in seen and len(c) >= 5:
            ranges[c[1]].append((int(c[2], 0), int(c[3], 0), c[4]))
        elif c[0] == "T" and c[1] in seen and len(c) >= 4:
            tfs[c[1]] = (c[2], c[3])
    names = set()
    lines = []
    for c in fields:
        _, name, abbrev, ftype, _, base, mask, blurb = (c + [""] * 8)[:8]
        ident = pascal(abbrev[len(proto) + 1:] if abbrev.startswith(proto + ".") else abbrev)
        while ident in names or ident in ("Proto", cls):
            ident += "_"
        names.add(ident)
        args = []
        mask_i = int(mask, 0) if mask else 0
        if ftype == "FT_BOOLEAN":
            bits = int(base) if base.isdigit() else 0
            a = [cs(abbrev), cs(name), str(bits), f"0x{mask_i:x}"]
            if abbrev in tfs:
                t, f = tfs[abbrev]
                a.append(f"new TrueFalse({cs(t)}, {cs(f)})")
            else:
                a.append("null")
            a.append(cs(blurb) if blurb else "null")
            lines.append(f"    public static readonly FieldDef {ident} = Proto.Bool({', '.join(a)});")
            continue
        a = [cs(abbrev), cs(name), "FieldType." + TYPES[ftype], "FieldBase." + BASES.get(base, "None"), f"0x{mask_i:x}",
             cs(blurb) if blurb else "null"]
        vn = "null"
        if values.get(abbrev) or ranges.get(abbrev):
            pairs = ", ".join(f"(0x{v:x}, {cs(s)})" for v, s in values.get(abbrev, []))
            if ranges.get(abbrev):
                rs = ", ".join(f"(0x{lo:x}, 0x{hi:x}, {cs(s)})" for lo, hi, s in ranges[abbrev])
                vn = f"new ValueNames(new (ulong, string)[] {{ {pairs} }}.Select(p => KeyValuePair.Create(p.Item1, p.Item2)), [{rs}])"
            else:
                vn = f"ValueNames.Of({pairs})"
        a.append(vn)
        lines.append(f"    public static readonly FieldDef {ident} = Proto.Field({', '.join(a)});")
    with open(out, "w") as f:
        f.write("// <auto-generated>\n// Generated by tools/genfields.py from `tshark -G fields` / `-G values` (Wireshark 4.0):\n")
        f.write("// Wireshark's field names, types, bases and value names, so filters and scripts carry over.\n// </auto-generated>\n")
        f.write("using Mako.Engine.Fields;\n\n")
        f.write(f"namespace {ns};\n\n")
        f.write(f"/// <summary>{pname} ({proto}) fields.</summary>\npublic static partial class {cls}\n{{\n")
        f.write(f"    public static readonly ProtocolDef Proto = new({cs(pname)}, {cs(pshort)}, {cs(proto)});\n\n")
        f.write("\n".join(lines))
        f.write("\n}\n")
    print(f"{out}: {len(lines)} fields")

main()

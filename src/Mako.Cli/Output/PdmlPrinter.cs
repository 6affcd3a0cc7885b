using System.Globalization;
using System.Text;
using Mako.Engine.Dissection;
using Mako.Engine.Fields;
using Mako.Engine.Format;
using Mako.Engine.Tree;

namespace Mako.Cli.Output;

/// <summary>
/// `-T pdml` as tshark 4.0 writes it: a "geninfo" pseudo-protocol, then &lt;proto&gt; and &lt;field&gt; elements with
/// name, showname (the -V label), hide, size, pos, show (the value), value (raw hex) and, for bit fields, the masked
/// value and unmaskedvalue. Top-level items that are not protocols (and "data") are wrapped in a
/// "fake-field-wrapper" proto. With `-e`, the packet holds one &lt;field name= value=&gt; per occurrence instead.
/// </summary>
internal sealed class PdmlPrinter : IPacketPrinter
{
    private readonly TextWriter _out;
    private readonly LabelFormatter _labels;
    private readonly FieldRegistry _reg;
    private readonly string _captureFile;
    private readonly bool _includeChildren, _flush;
    private HashSet<string>? _filter;
    private readonly FieldList? _fields;
    private readonly StringBuilder _sb = new(8192);
    private readonly StringBuilder _val = new(256);

    public PdmlPrinter(TextWriter output, LabelFormatter labels, string captureFile, HashSet<string>? filter,
        bool includeChildren, FieldList? fields, bool flush)
    {
        _out = output;
        _labels = labels;
        _reg = labels.Registry;
        _captureFile = captureFile;
        _filter = filter;
        _includeChildren = includeChildren;
        _fields = fields;
        _flush = flush;
    }

    /// <summary>geninfo needs the frame node; everything else only when the whole tree is printed.</summary>
    public IReadOnlyCollection<int>? InterestingFields => _fields is null ? null : _fields.FieldIds;
    public bool NeedsColumns => _fields?.NeedsColumns ?? false;
    public bool NeedsLabels => _fields?.NeedsLabels ?? false;

    public void Begin()
    {
        _sb.Clear();
        _sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        _sb.Append("<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n");
        _sb.Append("<!-- You can find pdml2html.xsl in /usr/share/wireshark or at https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n");
        _sb.Append("<pdml version=\"0\" creator=\"mako/").Append(Program.Version).Append("\" time=\"");
        // C's asctime(): "Sat Nov  2 22:40:01 2026".
        var now = DateTime.Now;
        _sb.Append(now.ToString("ddd MMM ", CultureInfo.InvariantCulture)).Append(now.Day < 10 ? " " : "").Append(now.Day)
           .Append(now.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture));
        _sb.Append("\" capture_file=\"");
        Xml.Escape(_sb, _captureFile);
        _sb.Append("\">\n");
        Flush();
    }

    public void End()
    {
        _out.Write("</pdml>\n");
        if (_flush) _out.Flush();
    }

    public void Print(Packet pkt)
    {
        var tree = pkt.Tree;
        _sb.Append("<packet>\n");
        GenInfo(pkt);
        if (_fields is not null)
        {
            _fields.Collect(pkt);
            for (int i = 0; i < _fields.Count; i++)
            {
                foreach (var v in _fields.Values(i))
                {
                    _sb.Append("  <field name=\"").Append(_fields.Name(i)).Append("\" value=\"");
                    Xml.Escape(_sb, v);
                    _sb.Append("\"/>\n");
                }
            }
        }
        else
        {
            for (int i = 0; i < tree.Count; i++)
                if (tree[i].Parent < 0) WriteNode(tree, i, 0);
        }
        _sb.Append("</packet>\n\n\n");
        Flush();
    }

    private void Flush()
    {
        _out.Write(_sb);
        _sb.Clear();
        if (_flush) _out.Flush();
    }

    /// <summary>The "geninfo" pseudo-protocol PDML requires: number, lengths and capture time of the frame.</summary>
    private void GenInfo(Packet pkt)
    {
        int frame = pkt.Tree.Find(FrameFields.Frame.Id);
        if (frame < 0) return;
        int size = pkt.Tree[frame].Length;
        long num = pkt.Number;
        uint len = (uint)pkt.WireLength, cap = (uint)pkt.CapturedLength;
        _sb.Append("  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" size=\"").Append(size).Append("\">\n");
        _sb.Append("    <field name=\"num\" pos=\"0\" show=\"").Append(num).Append("\" showname=\"Number\" value=\"")
           .Append(num.ToString("x", CultureInfo.InvariantCulture)).Append("\" size=\"").Append(size).Append("\"/>\n");
        _sb.Append("    <field name=\"len\" pos=\"0\" show=\"").Append(len).Append("\" showname=\"Frame Length\" value=\"")
           .Append(len.ToString("x", CultureInfo.InvariantCulture)).Append("\" size=\"").Append(size).Append("\"/>\n");
        _sb.Append("    <field name=\"caplen\" pos=\"0\" show=\"").Append(cap).Append("\" showname=\"Captured Length\" value=\"")
           .Append(cap.ToString("x", CultureInfo.InvariantCulture)).Append("\" size=\"").Append(size).Append("\"/>\n");
        _sb.Append("    <field name=\"timestamp\" pos=\"0\" show=\"");
        FieldFormatter.AppendAbsoluteTime(_sb, pkt.TimestampNs);
        long secs = Math.DivRem(pkt.TimestampNs, 1_000_000_000L, out long ns);
        if (ns < 0) { ns += 1_000_000_000L; secs--; }
        _sb.Append("\" showname=\"Captured Time\" value=\"").Append((int)secs).Append('.').Append(ns.ToString("D9", CultureInfo.InvariantCulture))
           .Append("\" size=\"").Append(size).Append("\"/>\n");
        _sb.Append("  </proto>\n");
    }

    private void Indent(int level) => _sb.Append(' ', 2 * level);

    private void WriteNode(PacketTree tree, int node, int level)
    {
        ref var n = ref tree[node];
        var f = _reg[n.FieldId];
        bool isData = n.FieldId == DataFields.Data.Id;
        bool isExpert = n.FieldId == CoreProtocols.Expert.Id;
        bool wrap = (f.Type != FieldType.Protocol || isData) && level == 0;
        bool hasChildren = n.FirstChild >= 0;

        Indent(level + 1);
        if (wrap)
        {
            _sb.Append("<proto name=\"fake-field-wrapper\">\n");
            level++;
            Indent(level + 1);
        }

        if (NodeFacts.IsTextItem(f))
        {
            _sb.Append("<field name=\"\" show=\"");
            Xml.Escape(_sb, _labels.Label(tree, node));
            _sb.Append("\" size=\"").Append(n.Length).Append("\" pos=\"").Append(NodeFacts.PdmlPos(tree, node, _reg));
            if (n.Length > 0)
            {
                _sb.Append("\" value=\"");
                AppendHex(tree, node);
            }
            _sb.Append(hasChildren ? "\">\n" : "\"/>\n");
        }
        else if (isData)
        {
            _sb.Append("<field name=\"data\" value=\"");
            AppendHex(tree, node);
            _sb.Append("\">\n");
        }
        else
        {
            _sb.Append(f.Type == FieldType.Protocol && !isExpert ? "<proto name=\"" : "<field name=\"");
            Xml.Escape(_sb, f.Abbrev);
            _sb.Append("\" showname=\"");
            _val.Clear();
            _labels.AppendLabel(_val, tree, node);
            Xml.Escape(_sb, _val);
            if ((n.Flags & NodeFlags.Hidden) != 0) _sb.Append("\" hide=\"yes");
            _sb.Append("\" size=\"").Append(n.Length).Append("\" pos=\"").Append(NodeFacts.PdmlPos(tree, node, _reg));
            if (f.Type == FieldType.None)
            {
                _sb.Append("\" show=\"\" value=\"");
            }
            else if (f.Type != FieldType.Protocol)
            {
                _val.Clear();
                if (_labels.AppendShow(_val, tree, node))
                {
                    _sb.Append("\" show=\"");
                    Xml.Escape(_sb, _val);
                }
                if (n.Length > 0)
                {
                    _sb.Append("\" value=\"");
                    if (f.Bitmask != 0)
                    {
                        NodeFacts.AppendMaskedHex(_sb, f, n);
                        _sb.Append("\" unmaskedvalue=\"");
                    }
                    AppendHex(tree, node);
                }
            }
            _sb.Append(hasChildren ? "\">\n" : "\"/>\n");
        }

        if (hasChildren)
        {
            if (_filter is null || _filter.Contains(f.Abbrev))
            {
                var saved = _filter;
                if (_includeChildren) _filter = null;
                for (int c = n.FirstChild; c >= 0; c = tree[c].NextSibling) WriteNode(tree, c, level + 1);
                _filter = saved;
            }
            else
            {
                Indent(level + 2);
                _sb.Append("<field name=\"filtered\" value=\"");
                Xml.Escape(_sb, f.Abbrev);
                _sb.Append("\" />\n");
            }
        }

        if (wrap) level--;
        if (hasChildren)
        {
            Indent(level + 1);
            _sb.Append(!isData && !isExpert && f.Type == FieldType.Protocol ? "</proto>\n" : "</field>\n");
        }
        if (wrap)
        {
            Indent(level + 1);
            _sb.Append("</proto>\n");
        }
    }

    private void AppendHex(PacketTree tree, int node)
    {
        if (NodeFacts.HasNoSource(tree, node, _reg)) return;
        if (!NodeFacts.AppendBytesHex(_sb, tree, node)) _sb.Append("field length invalid!");
    }
}

/// <summary>XML attribute/text escaping as Wireshark's PDML/PSML writers do it.</summary>
internal static class Xml
{
    public static void Escape(StringBuilder sb, string s)
    {
        foreach (char c in s) EscapeChar(sb, c);
    }

    public static void Escape(StringBuilder sb, StringBuilder s)
    {
        for (int i = 0; i < s.Length; i++) EscapeChar(sb, s[i]);
    }

    private static void EscapeChar(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '&': sb.Append("&amp;"); break;
            case '<': sb.Append("&lt;"); break;
            case '>': sb.Append("&gt;"); break;
            case '"': sb.Append("&quot;"); break;
            case '\'': sb.Append("&#x27;"); break;
            default:
                // Tabs and line breaks are kept as they are; other control characters become \xNN.
                if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x", CultureInfo.InvariantCulture));
                else sb.Append(c);
                break;
        }
    }
}

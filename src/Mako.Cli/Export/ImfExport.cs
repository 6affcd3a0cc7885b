using Mako.Cli.Stats;
using Mako.Cli.Stats.Mail;
using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Imf;

namespace Mako.Cli.Export;

/// <summary>
/// `--export-objects imf,DIR`: every message the IMF dissector saw (SMTP DATA/BDAT, POP RETR/TOP, IMAP FETCH), saved
/// as "&lt;Subject&gt;.eml" with the bytes IMF was given, as tshark 4.0's imf_eo_packet does: the subject is the last
/// Subject header's value read as ASCII (a byte above 0x7f becomes U+FFFD, a NUL ends it), "" without one; a message
/// nested in another is saved before it (its tap is queued first). Unlike tshark, a lone ".\r\n" (the end of a POP
/// message arriving in a segment of its own, which tshark exports as a 3-byte message) is not a message.
/// </summary>
internal sealed class ImfExport(ObjectWriter writer) : IStatistic
{
    private readonly int _imf = ImfFields.Proto.Id;
    private readonly int _subject = ImfFields.Subject.Id;
    private readonly List<int> _messages = new();

    public IReadOnlyCollection<int>? FieldIds => [_subject];

    public void Packet(Packet pkt)
    {
        var tree = pkt.Tree;
        var nodes = tree.Nodes;
        _messages.Clear();
        for (int i = 0; i < nodes.Length; i++)
            if (nodes[i].FieldId == _imf) _messages.Add(i);
        if (_messages.Count == 0) return;
        // Post-order: a message inside another (message/rfc822) comes first.
        foreach (int m in PostOrder(tree))
        {
            var payload = tree.Bytes(m);
            if (payload.SequenceEqual(".\r\n"u8)) continue;
            writer.Write(Subject(tree, m) + ".eml", payload);
        }
    }

    private IEnumerable<int> PostOrder(PacketTree tree)
    {
        var done = new bool[_messages.Count];
        var order = new List<int>(_messages.Count);
        for (int k = 0; k < _messages.Count; k++) Visit(tree, k, done, order);
        return order;
    }

    private void Visit(PacketTree tree, int k, bool[] done, List<int> order)
    {
        if (done[k]) return;
        done[k] = true;
        for (int j = k + 1; j < _messages.Count; j++)
            if (!done[j] && FieldReader.Within(tree, _messages[j], _messages[k])) Visit(tree, j, done, order);
        order.Add(_messages[k]);
    }

    /// <summary>The last Subject whose nearest enclosing IMF is <paramref name="message"/>.</summary>
    private string Subject(PacketTree tree, int message)
    {
        string subject = "";
        var nodes = tree.Nodes;
        for (int i = message + 1; i < nodes.Length; i++)
        {
            if (nodes[i].FieldId != _subject) continue;
            if (Owner(tree, i) == message) subject = FieldReader.Ascii(tree, i);
        }
        return subject;
    }

    private int Owner(PacketTree tree, int node)
    {
        for (int p = tree[node].Parent; p >= 0; p = tree[p].Parent)
            if (tree[p].FieldId == _imf) return p;
        return -1;
    }

    public void Write(TextWriter output) => writer.Finish();
}

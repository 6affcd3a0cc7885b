using Mako.Engine.Dissection;

namespace Mako.Cli.Output;

/// <summary>One of tshark's output modes. Printers declare what they need so dissection can skip the rest.</summary>
internal interface IPacketPrinter
{
    /// <summary>Field ids the printer reads (null = the whole tree, with labels).</summary>
    IReadOnlyCollection<int>? InterestingFields { get; }
    bool NeedsColumns { get; }
    /// <summary>Labels are wanted although only <see cref="InterestingFields"/> are (e.g. `-e eth` prints the label).</summary>
    bool NeedsLabels => false;
    void Begin();
    void Print(Packet pkt);
    void End();
}

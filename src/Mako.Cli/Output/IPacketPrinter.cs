using Mako.Engine.Dissection;

namespace Mako.Cli.Output;

/// <summary>One of tshark's output modes. Printers declare what they need so dissection can skip the rest.</summary>
internal interface IPacketPrinter
{
    /// <summary>Field ids the printer reads (null = the whole tree).</summary>
    IReadOnlyCollection<int>? InterestingFields { get; }
    bool NeedsColumns { get; }
    void Begin();
    void Print(Packet pkt);
    void End();
}

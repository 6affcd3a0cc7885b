using Mako.Cli.Tools.Shared;

namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// editcap's "packet#[-packet#]" operands: up to 512 single numbers or inclusive ranges ("5-0" means 5 to the end).
/// </summary>
internal sealed class PacketSelection
{
    public const int MaxSelections = 512;

    private readonly List<(uint First, uint Last)> _items = new();

    public int Count => _items.Count;

    /// <summary>The highest packet number any selection names (uint.MaxValue for an open range).</summary>
    public uint MaxPacketNumber { get; private set; }

    /// <summary>
    /// Adds one operand. Returns false (after printing editcap's message) when the table is full; throws
    /// <see cref="ToolError"/> when a number does not parse.
    /// </summary>
    public bool Add(string sel, TextWriter err, bool verbose)
    {
        if (_items.Count >= MaxSelections)
        {
            err.WriteLine("Out of room for packet selections.");
            return false;
        }
        if (verbose)
            err.WriteLine($"Add_Selected: {sel}");
        int dash = sel.IndexOf('-');
        if (dash < 0)
        {
            if (verbose)
                err.Write("Not inclusive ...");
            uint n = NumberArgs.UInt32(sel, "packet number");
            MaxPacketNumber = Math.Max(MaxPacketNumber, n);
            _items.Add((n, n));
            if (verbose)
                err.WriteLine($" {n}");
        }
        else
        {
            if (verbose)
                err.Write("Inclusive ...");
            uint first = NumberArgs.UInt32(sel[..dash], "beginning of packet range");
            uint last = NumberArgs.UInt32(sel[(dash + 1)..], "end of packet range");
            if (last == 0)
                last = uint.MaxValue;
            MaxPacketNumber = Math.Max(MaxPacketNumber, last);
            _items.Add((first, last));
            if (verbose)
                err.WriteLine($" {first}, {last}");
        }
        return true;
    }

    public bool Contains(long packetNumber)
    {
        foreach (var (first, last) in _items)
        {
            if (first <= packetNumber && packetNumber <= last)
                return true;
        }
        return false;
    }
}

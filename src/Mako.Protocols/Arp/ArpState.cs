namespace Mako.Protocols.Arp;

/// <summary>
/// Per-capture memory of which MAC address last claimed each IPv4 address (Wireshark's duplicate-address detection),
/// and what was concluded for each frame so a frame dissected again shows the same result.
/// </summary>
public sealed class ArpState
{
    public struct Entry
    {
        public ulong Mac;
        public long Frame;
        public long Seconds;
    }

    public Dictionary<uint, Entry> ByAddress { get; } = new();
    public Dictionary<(long Frame, uint Ip), Entry> Duplicates { get; } = new();

    /// <summary>The highest frame number already dissected: lower ones are revisits and only read conclusions.</summary>
    public long LastFrame { get; set; }
}

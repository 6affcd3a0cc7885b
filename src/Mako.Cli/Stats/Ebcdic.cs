namespace Mako.Cli.Stats;

/// <summary>
/// The EBCDIC-to-ASCII step of tshark's `-z follow,...,ebcdic`: tshark first turns non-printable bytes into '.',
/// then maps the result through its EBCDIC table, so only CR, LF and 0x20-0x7E ever reach it. The 95 values below
/// were recorded from tshark 4.0's output for every byte value (tests/captures/reassembly/follow.pcap, frame 20).
/// </summary>
internal static class Ebcdic
{
    private const string Printable = " !\"#$%&'()*+,-./..23456789:;<=.? ...........<(+|&.........!$*);^-/........|,%_>?..........:#@'=";

    public static char ToAscii(byte b) => b is >= 0x20 and < 0x7f ? Printable[b - 0x20] : (char)b;
}

namespace Mako.Protocols.Llc;

/// <summary>
/// The HDLC-family control field (ISO/IEC 13239) as 802.2 LLC uses it: I and S frames have a 2-byte little-endian
/// control field ("extended" operation), U frames one byte. Constants and texts follow Wireshark's packet-xdlc.
/// </summary>
public static class Xdlc
{
    public const int IMask = 0x01, I = 0x00, SUMask = 0x03, S = 0x01, U = 0x03;
    public const int PfBasic = 0x10, PfExtended = 0x0100;
    public const int SFtypeMask = 0x0C;
    public const int UModifierMask = 0xEC;
    public const int UI = 0x00, XID = 0xAC;

    /// <summary>I frames and UI frames carry "information" (dispatched to the next layer).</summary>
    public static bool IsInformation(int control) => (control & IMask) == I || control == (UI | U);

    /// <summary>Length of the control field in extended operation: U frames 1 byte, I and S frames 2.</summary>
    public static int ControlLength(int control) => (control & SUMask) == U ? 1 : 2;

    public static string SName(int control) => (control & SFtypeMask) switch
    {
        0x00 => "RR",
        0x04 => "RNR",
        0x08 => "REJ",
        _ => "SREJ",
    };

    /// <summary>Short names of U-frame modifiers (commands and responses differ for 0x04, 0x0C and 0x40).</summary>
    public static string UName(int control, bool isResponse) => (control & UModifierMask) switch
    {
        0x00 => "UI",
        0x20 => "UP",
        0x40 => isResponse ? "RD" : "DISC",
        0x60 => "UA",
        0x80 => "SNRM",
        0xE0 => "TEST",
        0x04 => isResponse ? "RIM" : "SIM",
        0x84 => "FRMR",
        0xC4 => "CFGR",
        0x0C => isResponse ? "DM" : "SARM",
        0x2C => "SABM",
        0x4C => "SARME",
        0x6C => "SABME",
        0x8C => "RESET",
        0xAC => "XID",
        0xCC => "SNRME",
        0xEC => "BCN",
        _ => "Unknown",
    };

    /// <summary>The summary Wireshark puts in the Info column and the control field's label ("U P, func=SABME").</summary>
    public static string Describe(int control, bool isResponse)
    {
        string pf;
        switch (control & SUMask)
        {
            case S:
                pf = (control & PfExtended) != 0 ? (isResponse ? " F" : " P") : "";
                return $"S{pf}, func={SName(control)}, N(R)={(control & 0xFE00) >> 9}";
            case U:
                pf = (control & PfBasic) != 0 ? (isResponse ? " F" : " P") : "";
                return $"U{pf}, func={UName(control, isResponse)}";
            default:
                pf = (control & PfExtended) != 0 ? " P" : "";
                return $"I{pf}, N(R)={(control & 0xFE00) >> 9}, N(S)={(control & 0x00FE) >> 1}";
        }
    }
}

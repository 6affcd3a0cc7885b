namespace Mako.Engine.Dissection;

/// <summary>Link-layer helpers: how much of a payload a protocol claimed, and placeholder address columns.</summary>
public sealed partial class Packet
{
    private int _payloadBase = -1;
    private int _payloadSource;
    private int _payloadLength;
    private long _columnFallbackNumber = -1;
    private string? _srcFallback;
    private string? _dstFallback;

    /// <summary>
    /// Wireshark's tvb_set_reported_length as the caller sees it: a protocol that learns its PDU is shorter than the
    /// bytes it was given (ARP's address sizes, IP's total length) records it here, before anything that may throw,
    /// so the link layer can still tell padding and trailers from the PDU when dissection stops early.
    /// </summary>
    public void SetPayloadLength(in Tvb tvb, int length)
    {
        _payloadBase = tvb.Base;
        _payloadSource = tvb.Source;
        _payloadLength = length;
    }

    /// <summary>Forgets any recorded payload length (call before handing a payload to another dissector).</summary>
    public void ClearPayloadLength() => _payloadBase = -1;

    /// <summary>The length a dissector recorded for a payload starting where <paramref name="tvb"/> starts.</summary>
    public bool TryGetPayloadLength(in Tvb tvb, out int length)
    {
        bool found = _payloadBase >= 0 && _payloadBase == tvb.Base && _payloadSource == tvb.Source;
        length = found ? _payloadLength : 0;
        return found;
    }

    /// <summary>
    /// Text the Source column shows while no address is set (Wireshark's col_set_str(COL_RES_DL_SRC, "N/A") for links
    /// without addresses, such as BSD loopback and raw IP); an address set later replaces it.
    /// </summary>
    public string? SrcColumnFallback
    {
        get => _columnFallbackNumber == Number ? _srcFallback : null;
        set => SetFallback(ref _srcFallback, value);
    }

    /// <summary>As <see cref="SrcColumnFallback"/>, for the Destination column.</summary>
    public string? DstColumnFallback
    {
        get => _columnFallbackNumber == Number ? _dstFallback : null;
        set => SetFallback(ref _dstFallback, value);
    }

    private void SetFallback(ref string? slot, string? value)
    {
        // Stamped with the frame number so a new packet starts without fallbacks (no per-packet reset needed).
        if (_columnFallbackNumber != Number)
        {
            _srcFallback = _dstFallback = null;
            _columnFallbackNumber = Number;
        }
        slot = value;
    }
}

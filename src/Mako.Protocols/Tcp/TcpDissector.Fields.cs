using Mako.Engine.Dissection;
using Mako.Engine.Tree;
using Mako.Protocols.Udp;

namespace Mako.Protocols.Tcp;

/// <summary>TCP header items after the sequence number: ACK, header length, flags, window, checksum.</summary>
public sealed partial class TcpDissector
{
    private static void AddAck(Tvb tvb, Packet pkt, int tcp, ref TcpHeader h, TcpStream tcpd, bool relative)
    {
        int ackItem = pkt.Add(TcpFields.Ack, tcp, tvb, 8, 4, h.Ack);
        bool ack = (h.Flags & Ack) != 0;
        if (ack && !relative) pkt.AddHidden(TcpFields.AckRaw, tcp, tvb, 8, 4, h.RawAck);
        else pkt.Add(TcpFields.AckRaw, tcp, tvb, 8, 4, h.RawAck);
        if (ack)
        {
            if (relative && pkt.WantTree) pkt.Label(ackItem, $"Acknowledgment Number: {h.Ack}    (relative ack number)");
            if ((h.Flags & Syn) != 0 && relative)
            {
                // A SYN-ACK acknowledging more than the SYN accepted TCP Fast Open data (RFC 7413).
                if (h.Ack > 1) pkt.Expert(TcpFields.EiTcpAnalysisTfoAck, ackItem);
                else if (tcpd.TfoSynData) pkt.Expert(TcpFields.EiTcpAnalysisTfoIgnored, ackItem);
            }
        }
        else if (h.RawAck != 0)
        {
            pkt.Expert(TcpFields.EiTcpAckNonzero, ackItem);
        }
    }

    private static int AddFlags(Tvb tvb, Packet pkt, int tcp, ref TcpHeader h, TcpState st, string flagNames, byte offX2,
        out int synItem, out int finItem, out int rstItem, out int strItem)
    {
        int hl = pkt.Add(TcpFields.HdrLen, tcp, tvb, 12, 1, (ulong)h.HdrLen);
        if (pkt.WantTree) pkt.Label(hl, $"{Nibble(offX2)} .... = Header Length: {h.HdrLen} bytes ({h.HdrLen >> 2})");
        ulong f = h.Flags;
        int flags = pkt.Add(TcpFields.Flags, tcp, tvb, 12, 2, f);
        if (pkt.WantTree) pkt.Label(flags, $"Flags: 0x{h.Flags:x3} ({flagNames})");
        pkt.Add(TcpFields.FlagsRes, flags, tvb, 12, 1, f);
        if (h.UseAce)
        {
            int ace = TcpState.Ace(h.Flags);
            int a = pkt.Add(TcpFields.FlagsAce, flags, tvb, 12, 2, (ulong)ace);
            if (pkt.WantTree) pkt.Label(a, $"...{(ace & 4) >> 2} {(ace & 2) >> 1}{ace & 1}.. .... = ACE: {ace}");
        }
        else
        {
            pkt.Add(TcpFields.FlagsAe, flags, tvb, 12, 1, f);
            pkt.Add(TcpFields.FlagsCwr, flags, tvb, 13, 1, f);
            pkt.Add(TcpFields.FlagsEce, flags, tvb, 13, 1, f);
        }
        pkt.Add(TcpFields.FlagsUrg, flags, tvb, 13, 1, f);
        pkt.Add(TcpFields.FlagsAck, flags, tvb, 13, 1, f);
        pkt.Add(TcpFields.FlagsPush, flags, tvb, 13, 1, f);
        rstItem = pkt.Add(TcpFields.FlagsReset, flags, tvb, 13, 1, f);
        synItem = pkt.Add(TcpFields.FlagsSyn, flags, tvb, 13, 1, f);
        finItem = pkt.Add(TcpFields.FlagsFin, flags, tvb, 13, 1, f);
        strItem = pkt.Wants(TcpFields.FlagsStr)
            ? pkt.AddObject(TcpFields.FlagsStr, flags, tvb, 12, 2, st.FlagLetters(h.Flags, h.UseAce), NodeFlags.Generated)
            : flags;
        return flags;
    }

    private static void AddWindow(Tvb tvb, Packet pkt, int tcp, ref TcpHeader h, ushort realWindow, TcpFlow fwd, TcpState st)
    {
        pkt.Add(TcpFields.WindowSizeValue, tcp, tvb, 14, 2, realWindow);
        int w = pkt.Add(TcpFields.WindowSize, tcp, tvb, 14, 2, h.Window);
        if (w >= 0 && pkt.Wants(TcpFields.WindowSize)) pkt.Tree[w].Flags |= NodeFlags.Generated;
        if ((h.Flags & Syn) != 0) return;
        int value;
        string text;
        switch (fwd.WinScale)
        {
            case -1:
                if (st.DefaultWindowScaling >= 0)
                {
                    value = 1 << st.DefaultWindowScaling;
                    text = $"{value} (missing - taken from preference)";
                }
                else
                {
                    value = -1;
                    text = "-1 (unknown)";
                }
                break;
            case -2:
                value = -2;
                text = "-2 (no window scaling used)";
                break;
            default:
                value = 1 << fwd.WinScale;
                text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
        int sf = pkt.Add(TcpFields.WindowSizeScalefactor, tcp, tvb, 14, 2, unchecked((ulong)(long)value));
        if (sf >= 0 && pkt.Wants(TcpFields.WindowSizeScalefactor))
        {
            pkt.Tree[sf].Flags |= NodeFlags.Generated;
            if (pkt.WantTree) pkt.Label(sf, $"Window size scaling factor: {text}");
        }
    }

    private static void ConnectionExperts(Packet pkt, ref TcpHeader h, TcpStream tcpd, TcpFlow fwd, TcpFlow rev, long ts,
        int synItem, int finItem, int rstItem, int strItem)
    {
        if ((h.Flags & Syn) != 0)
        {
            if ((h.Flags & Ack) != 0)
            {
                pkt.Expert(TcpFields.EiTcpConnectionSynack, synItem,
                    ExpertText.Wanted(pkt) ? $"Connection establish acknowledge (SYN+ACK): server port {h.SrcPort}" : null);
                tcpd.ServerPort = h.SrcPort;
            }
            else
            {
                pkt.Expert(TcpFields.EiTcpConnectionSyn, synItem,
                    ExpertText.Wanted(pkt) ? $"Connection establish request (SYN): server port {h.DstPort}" : null);
                tcpd.ServerPort = h.DstPort;
                tcpd.MruSynTs = ts;
            }
            fwd.IsFirstAck = true;
        }
        if ((h.Flags & Fin) != 0)
        {
            pkt.Expert(TcpFields.EiTcpConnectionFin, finItem);
            fwd.FinSeen = true;
            // Whoever sends the first FIN of the conversation initiates the close.
            if (!rev.ClosingInitiator)
            {
                fwd.ClosingInitiator = true;
                pkt.Expert(TcpFields.EiTcpConnectionFinActive, strItem);
            }
            else pkt.Expert(TcpFields.EiTcpConnectionFinPassive, strItem);
        }
        if ((h.Flags & Rst) != 0) pkt.Expert(TcpFields.EiTcpConnectionRst, rstItem);
    }

    /// <summary>Adds the checksum items; returns whether the segment may be reassembled (whole and not known bad).</summary>
    private static bool AddChecksum(Tvb tvb, Packet pkt, int tcp, TcpState st, int reportedLen)
    {
        ushort sum = tvb.U16(16);
        if (pkt.Fragmented || tvb.Length < reportedLen)
        {
            ChecksumStatus.AddUnverified(pkt, tcp, tvb, 16, sum, TcpFields.Checksum, TcpFields.ChecksumStatus);
            return false;
        }
        if (!st.CheckChecksum || !TransportChecksum.TryCompute(pkt.Src, pkt.Dst, 6, tvb.Data[..reportedLen], reportedLen, out ushort computed))
        {
            ChecksumStatus.AddUnverified(pkt, tcp, tvb, 16, sum, TcpFields.Checksum, TcpFields.ChecksumStatus);
            return true;
        }
        if (computed == 0 && sum == 0xffff)
        {
            // RFC 1624: 0xffff is the other zero; most stacks accept it.
            int item = pkt.Add(TcpFields.Checksum, tcp, tvb, 16, 2, sum);
            if (pkt.WantTree) pkt.Label(item, "Checksum: 0xffff [should be 0x0000 (see RFC 1624)]");
            Generated.At(pkt, TcpFields.ChecksumCalculated, item, tvb, 16, 2, 0);
            int stItem = Generated.At(pkt, TcpFields.ChecksumStatus, item, tvb, 16, 0, ChecksumStatus.Bad);
            pkt.Expert(TcpFields.EiTcpChecksumFfff, stItem);
            if (pkt.WantColumns) pkt.Info.Append(" [TCP CHECKSUM 0xFFFF]");
            return true;
        }
        ChecksumStatus.AddVerified(pkt, tcp, tvb, 16, sum, computed, TcpFields.Checksum, TcpFields.ChecksumStatus,
            TcpFields.ChecksumCalculated, TcpFields.EiTcpChecksumBad, "(maybe caused by \"TCP checksum offload\"?)",
            " [TCP CHECKSUM INCORRECT]", calculatedAsSibling: true);
        return computed == 0;
    }

    /// <summary>
    /// After a SYN or SYN-ACK without a window scale option, neither side scales (RFC 7323 §2.2): -2. A SYN-ACK with
    /// the option answering a SYN without it does not enable scaling either.
    /// </summary>
    private static void VerifyWindowScaling(bool isSynAck, TcpFlow fwd, TcpFlow rev)
    {
        if (fwd.WinScale == -1)
        {
            fwd.WinScale = -2;
            rev.WinScale = -2;
        }
        else if (isSynAck && rev.WinScale == -2)
        {
            fwd.WinScale = -2;
        }
    }
}

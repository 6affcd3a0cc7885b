using System.Buffers.Binary;

namespace Mako.Protocols.Tests;

/// <summary>Ethernet/IPv4/TCP frames between 10.0.0.1:40000 (client) and 10.0.0.2:<c>serverPort</c> for unit tests.</summary>
internal static class TcpTestFrames
{
    /// <param name="flags">Any of F S R P A.</param>
    public static byte[] Frame(ushort serverPort, bool fromClient, string flags, uint seq, uint ack, byte[] payload)
    {
        var f = new byte[14 + 20 + 20 + payload.Length];
        f[5] = fromClient ? (byte)1 : (byte)2;
        f[11] = fromClient ? (byte)2 : (byte)1;
        f[12] = 0x08;
        var ip = f.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(40 + payload.Length));
        ip[8] = 64;
        ip[9] = 6;
        byte[] a = [10, 0, 0, 1], b = [10, 0, 0, 2];
        (fromClient ? a : b).CopyTo(ip[12..]);
        (fromClient ? b : a).CopyTo(ip[16..]);
        var tcp = f.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? (ushort)40000 : serverPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? serverPort : (ushort)40000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], flags.Contains('A') ? ack : 0);
        tcp[12] = 0x50;
        byte fl = 0;
        foreach (char c in flags) fl |= c switch { 'F' => 1, 'S' => 2, 'R' => 4, 'P' => 8, 'A' => 16, _ => 0 };
        tcp[13] = fl;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        payload.CopyTo(tcp[20..]);
        return f;
    }
}

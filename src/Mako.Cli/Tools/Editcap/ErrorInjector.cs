namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// editcap -E: each byte (from the change offset on) is damaged with the given probability, in one of five weighted
/// ways: flip a bit, random byte, random alphanumeric, the text "%s", or 0xAA to the end of the packet.
/// Draws random numbers in editcap's order, so a given seed damages the same bytes.
/// </summary>
internal sealed class ErrorInjector(double probability, uint seed)
{
    private const int WeightBit = 5, WeightByte = 5, WeightAlnum = 5, WeightFormat = 2, WeightAa = 1;
    private const int WeightTotal = WeightBit + WeightByte + WeightAlnum + WeightFormat + WeightAa;
    private static ReadOnlySpan<byte> Alnum => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8;

    private readonly GlibcRandom _rand = new(seed);
    private readonly double _threshold = probability * GlibcRandom.RandMax;

    public void Damage(Span<byte> data, int from)
    {
        int caplen = data.Length;
        for (int i = from; i < caplen; i++)
        {
            if (_rand.Next() > _threshold)
                continue;
            int type = _rand.Next() / (GlibcRandom.RandMax / WeightTotal + 1);
            if (type < WeightBit)
            {
                data[i] ^= (byte)(1 << (_rand.Next() / (GlibcRandom.RandMax / 8 + 1)));
                continue;
            }
            // editcap subtracts the byte weight here (not the bit weight); the two are equal.
            type -= WeightByte;
            if (type < WeightByte)
            {
                data[i] = (byte)(_rand.Next() / (GlibcRandom.RandMax / 255 + 1));
                continue;
            }
            type -= WeightByte;
            if (type < WeightAlnum)
            {
                data[i] = Alnum[_rand.Next() / (GlibcRandom.RandMax / Alnum.Length + 1)];
                continue;
            }
            type -= WeightAlnum;
            if (type < WeightFormat)
            {
                // g_strlcpy(&buf[i], "%s", 2) copies one character and a terminating NUL; editcap's unsigned
                // test lets it happen anywhere in packets shorter than 2 bytes.
                if ((uint)i < unchecked((uint)(caplen - 2)))
                {
                    data[i] = (byte)'%';
                    if (i + 1 < caplen)
                        data[i + 1] = 0;
                }
                continue;
            }
            type -= WeightFormat;
            if (type < WeightAa)
            {
                data[i..].Fill(0xAA);
                return;
            }
        }
    }
}

namespace Mako.Cli.Tools.Editcap;

/// <summary>
/// The sequence glibc's srand()/rand() produce (the additive feedback generator, TYPE_3), so that
/// "editcap -E p --seed n" damages exactly the bytes Wireshark's editcap damages on Linux.
/// </summary>
internal sealed class GlibcRandom
{
    public const int RandMax = int.MaxValue;
    private readonly int[] _r = new int[34];
    private int _i;

    public GlibcRandom(uint seed)
    {
        int s = (int)seed;
        if (s == 0)
            s = 1;
        var r = new int[344];
        r[0] = s;
        for (int i = 1; i < 31; i++)
        {
            // 16807 * r[i-1] mod (2^31 - 1), computed without overflow (Schrage), as glibc does.
            long hi = r[i - 1] / 127773;
            long lo = r[i - 1] % 127773;
            long word = 16807 * lo - 2836 * hi;
            if (word < 0)
                word += 2147483647;
            r[i] = (int)word;
        }
        for (int i = 31; i < 34; i++)
            r[i] = r[i - 31];
        for (int i = 34; i < 344; i++)
            r[i] = unchecked(r[i - 31] + r[i - 3]);
        // Keep the last 34 values in a ring: output k uses r[k+344] = r[k+313] + r[k+341].
        Array.Copy(r, 310, _r, 0, 34);
        _i = 0;
    }

    public int Next()
    {
        // _r holds r[n-34 .. n-1] starting at _i.
        int a = _r[(_i + 34 - 31) % 34];
        int b = _r[(_i + 34 - 3) % 34];
        int v = unchecked(a + b);
        _r[_i] = v;
        _i = (_i + 1) % 34;
        return (int)((uint)v >> 1);
    }
}

using System.Text;

namespace Mako.Cli.Tools.Text2pcap;

/// <summary>
/// text2pcap's parser (ui/text_import.c): a five-state machine over the scanner's tokens. A zero offset starts a
/// packet; bytes are added while each line's offset matches the bytes read so far (a smaller offset takes back the
/// extra bytes, a larger one ends the packet); text before a packet is its "preamble" (direction letter and time).
/// </summary>
internal sealed class HexDumpImporter
{
    private enum State { Init, StartOfLine, ReadOffset, ReadByte, ReadText }

    public sealed class Settings
    {
        public int OffsetBase = 16;        // 0 = no offsets (-o none)
        public int MaxFrame = 262144;
        public bool HasDirection;
        public bool IdentifyAscii;
        public string? TimeFormat;
        public long StartSeconds;          // "now", for packets without a time
    }

    private const int PreambleMax = 2048;
    private const int TickNs = 1000;

    private readonly Settings _s;
    private readonly Action<ReadOnlyMemory<byte>, long, uint?, bool, bool> _write;  // bytes, time, flags, first, cont
    private readonly TextWriter _err;
    private readonly byte[] _packet;
    private int _curr, _packetStart, _lineStart;
    private State _state = State.Init;
    private readonly StringBuilder _preamble = new();
    private long _tsSec, _tsNsec;
    private uint _direction;
    private bool _timeWarned, _noOffsetWarned;

    public uint PacketsRead { get; private set; }
    public uint PacketsWritten { get; private set; }

    public HexDumpImporter(Settings s, TextWriter err, Action<ReadOnlyMemory<byte>, long, uint?, bool, bool> write)
    {
        _s = s;
        _err = err;
        _write = write;
        _packet = new byte[Math.Max(s.MaxFrame, 1)];
        _tsSec = s.StartSeconds;
    }

    /// <summary>The fatal error that stopped the import, if any (already printed).</summary>
    public bool Failed { get; private set; }

    /// <summary>Reads the whole dump. The input is read line by line, so memory does not grow with it.</summary>
    public void Run(TextReader input)
    {
        try
        {
            RunCore(input);
        }
        catch (ImportFailure e)
        {
            _err.WriteLine("text2pcap: " + e.Message);
            Failed = true;
        }
    }

    private void RunCore(TextReader input)
    {
        var line = new StringBuilder();
        int c;
        while ((c = input.Read()) >= 0)
        {
            if (c == '\n')
            {
                HexDumpTokenizer.Line(line.ToString(), true, Token);
                line.Clear();
            }
            else
            {
                line.Append((char)c);
            }
        }
        if (line.Length > 0)
            HexDumpTokenizer.Line(line.ToString(), false, Token);
        Token(Text2pcap.Token.Eof, null);
    }

    private void Token(Token t, string? str)
    {
        switch (_state)
        {
            case State.Init:
                switch (t)
                {
                    case Text2pcap.Token.Text: AppendPreamble(str!); break;
                    case Text2pcap.Token.Directive: Directive(str!); break;
                    case Text2pcap.Token.Offset:
                        if (_s.OffsetBase == 0)
                        {
                            AppendPreamble(str!);
                            if (!_noOffsetWarned)
                                _err.WriteLine($"text2pcap: Running in no offset mode but read offset ({str}) at start of file, treating as preamble");
                            _noOffsetWarned = true;
                            Log("parse_token", $"Running in no offset mode but read offset ({str}) at start of file, treating as preamble");
                            break;
                        }
                        if (ParseOffset(str!) == 0)
                        {
                            StartNewPacket(false);
                            _state = State.ReadOffset;
                            _lineStart = 0;
                        }
                        break;
                    case Text2pcap.Token.Byte:
                        if (_s.OffsetBase == 0)
                        {
                            StartNewPacket(false);
                            WriteByte(str!);
                            _state = State.ReadByte;
                            _lineStart = 0;
                        }
                        break;
                    case Text2pcap.Token.Eof: WriteCurrent(false); break;
                }
                break;

            case State.StartOfLine:
                switch (t)
                {
                    case Text2pcap.Token.Text: AppendPreamble(str!); break;
                    case Text2pcap.Token.Directive: Directive(str!); break;
                    case Text2pcap.Token.Offset:
                        if (_s.OffsetBase == 0)
                        {
                            Log("parse_token", $"Running in no offset mode but read offset ({str}) at start of line, ignoring.");
                            break;
                        }
                        long num = ParseOffset(str!);
                        if (num == 0)
                        {
                            StartNewPacket(false);
                            _packetStart = 0;
                            _state = State.ReadOffset;
                        }
                        else if (num - _packetStart != _curr)
                        {
                            // Fewer bytes than read: some "bytes" were text (e.g. a number in the ASCII column).
                            if (num < _curr)
                            {
                                _curr = (int)num;
                                _state = State.ReadOffset;
                            }
                            else
                            {
                                Log(null, $"Inconsistent offset. Expecting {_curr:X}, got {num:X}. Ignoring rest of packet", "MESSAGE");
                                WriteCurrent(false);
                                _state = State.Init;
                            }
                        }
                        else
                        {
                            _state = State.ReadOffset;
                        }
                        _lineStart = (int)Math.Clamp(num, 0, _packet.Length);
                        break;
                    case Text2pcap.Token.Byte:
                        if (_s.OffsetBase == 0)
                        {
                            WriteByte(str!);
                            _state = State.ReadByte;
                            _lineStart = 0;
                        }
                        break;
                    case Text2pcap.Token.Eof: WriteCurrent(false); break;
                }
                break;

            case State.ReadOffset:
                switch (t)
                {
                    case Text2pcap.Token.Byte:
                        _state = State.ReadByte;
                        WriteByte(str!);
                        break;
                    case Text2pcap.Token.Text or Text2pcap.Token.Directive or Text2pcap.Token.Offset: _state = State.ReadText; break;
                    case Text2pcap.Token.Eol: _state = State.StartOfLine; break;
                    case Text2pcap.Token.Eof: WriteCurrent(false); break;
                }
                break;

            case State.ReadByte:
                switch (t)
                {
                    case Text2pcap.Token.Byte: WriteByte(str!); break;
                    case Text2pcap.Token.Text or Text2pcap.Token.Directive or Text2pcap.Token.Offset or Text2pcap.Token.Eol:
                        _state = t == Text2pcap.Token.Eol ? State.StartOfLine : State.ReadText;
                        if (_s.IdentifyAscii)
                            DropAsciiEcho(t == Text2pcap.Token.Eol);
                        break;
                    case Text2pcap.Token.Eof: WriteCurrent(false); break;
                }
                break;

            case State.ReadText:
                if (t == Text2pcap.Token.Eol) _state = State.StartOfLine;
                else if (t == Text2pcap.Token.Eof) WriteCurrent(false);
                break;
        }
    }

    private long ParseOffset(string s)
    {
        // strtoul in the offset base: leading digits of that base (the ':' or other text ends it).
        ulong v = 0;
        bool overflow = false;
        int used = 0;
        foreach (char ch in s)
        {
            int d = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiHexDigit(ch) ? char.ToLowerInvariant(ch) - 'a' + 10 : 99;
            if (d >= _s.OffsetBase)
                break;
            used++;
            if (v > (ulong.MaxValue - (ulong)d) / (ulong)_s.OffsetBase)
                overflow = true;
            else
                v = v * (ulong)_s.OffsetBase + (ulong)d;
        }
        if (overflow)
            throw new ImportFailure($"Unable to convert {s}  to base {_s.OffsetBase}: Numerical result out of range");
        if (used == 0)
            throw new ImportFailure($"Unable to convert {s} to base {_s.OffsetBase}");
        if (v > uint.MaxValue)
            throw new ImportFailure($"{s} too large");
        return (long)v;
    }

    /// <summary>A fatal parse error: text2pcap reports it and stops reading.</summary>
    public sealed class ImportFailure(string message) : Exception(message);

    private void WriteByte(string s)
    {
        if (_curr < _packet.Length)
            _packet[_curr] = Convert.ToByte(s, 16);
        _curr++;
        if (_curr >= _s.MaxFrame)
            StartNewPacket(true);
    }

    /// <summary>
    /// -a: when a line's hex bytes end with the ASCII rendering of its first bytes (the dump's text column read as
    /// hex), take those bytes back; if the line cannot be explained that way, drop the line.
    /// </summary>
    private void DropAsciiEcho(bool byEol)
    {
        int lineSize = _curr - _lineStart;
        if (lineSize <= 0 || _lineStart < 0)
            return;
        // The bytes of the line, seen as text, are "xx xx xx ..."; collect the values those characters spell.
        var lineBytes = _packet.AsSpan(_lineStart, Math.Min(lineSize, _packet.Length - _lineStart));
        int rollback = 0;
        var s2 = new List<byte>();
        for (int i = 0; i < (lineSize + 1) / 4; i++)
        {
            int a = i * 3, b = i * 3 + 1, sep = i * 3 + 2;
            if (b >= lineBytes.Length || !IsHex(lineBytes[a]) || !IsHex(lineBytes[b]))
                break;
            s2.Add(Convert.ToByte(Encoding.ASCII.GetString(lineBytes.Slice(a, 2)), 16));
            rollback++;
            if (sep >= lineBytes.Length || lineBytes[sep] != ' ')
            {
                if (!byEol) rollback--;
                break;
            }
        }
        if (rollback <= 0)
            return;
        var tail = lineBytes[(lineSize - rollback)..lineSize];
        if (tail.SequenceEqual(s2.GetRange(0, rollback).ToArray()))
            _curr -= rollback;
        else
            _curr -= lineSize;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private void StartNewPacket(bool cont)
    {
        WriteCurrent(cont);
        PacketsRead++;
        ParsePreamble();
    }

    private void WriteCurrent(bool cont)
    {
        if (_curr > 0)
        {
            int n = Math.Min(_curr, _packet.Length);
            uint? flags = _s.HasDirection ? _direction : null;
            _write(_packet.AsMemory(0, n), _tsSec * 1_000_000_000 + _tsNsec, flags, _packetStart == 0, cont);
            PacketsWritten++;
        }
        _packetStart += _curr;
        _curr = 0;
    }

    private void AppendPreamble(string s)
    {
        if (_preamble.Length != 0)
        {
            if (_preamble.Length == PreambleMax)
                return;
            _preamble.Append(' ');
        }
        if (_preamble.Length + s.Length > PreambleMax)
            return;
        _preamble.Append(s);
    }

    private void ParsePreamble()
    {
        string pre = _preamble.ToString();
        if (_s.HasDirection)
        {
            char c0 = pre.Length > 0 ? pre[0] : '\0';
            _direction = c0 is 'i' or 'I' ? 1u : c0 is 'o' or 'O' ? 2u : 0u;
            int i = _direction == 0 ? 0 : 1;
            while (i < pre.Length && pre[i] is ' ' or '\r' or '\t')
                i++;
            pre = pre[i..];
        }
        bool gotTime = false;
        if (_s.TimeFormat is not null && pre.Length > 2)
        {
            gotTime = TimeFormat.TryParse(pre, _s.TimeFormat, out long sec, out long nsec);
            if (gotTime)
            {
                _tsSec = sec;
                _tsNsec = nsec;
            }
            else
            {
                if (!_timeWarned)
                    _err.WriteLine($"text2pcap: Time conversions ({_s.TimeFormat}) failed, advancing time by {TickNs} ns from previous packet on failure. First failure was for {pre} on input packet {PacketsRead}.");
                _timeWarned = true;
                Log("parse_preamble", $"Time conversion ({_s.TimeFormat}) failed for {pre} on input packet {PacketsRead}.");
            }
        }
        if (!gotTime)
        {
            _tsNsec += TickNs;
            if (_tsNsec >= 1_000_000_000)
            {
                _tsSec += _tsNsec / 1_000_000_000;
                _tsNsec %= 1_000_000_000;
            }
        }
        _preamble.Clear();
    }

    private void Directive(string s) => Log(null, $"--- Directive [{(s.Length > 10 ? s[10..] : "")}] currently unsupported ---", "MESSAGE");

    /// <summary>A warning in the shape of Wireshark's log lines (the part after "--" is what tests compare).</summary>
    private void Log(string? function, string message, string level = "WARNING")
        => _err.WriteLine($" ** (text2pcap:{Environment.ProcessId}) {DateTime.Now:HH:mm:ss.ffffff} [(none) {level}] -- "
            + (function is null ? message : $"{function}(): {message}"));
}

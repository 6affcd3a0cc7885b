using System.Text;

namespace Mako.Cli.Output;

/// <summary>
/// A small JSON writer that lays text out exactly as Wireshark's json_dumper does: pretty mode puts every member and
/// array element on its own line with two spaces per level ("key": value), compact mode (EK) writes one line;
/// strings escape quotes, backslashes and control characters, and "&lt;/" becomes "&lt;\/". EK also turns dots in
/// member names into underscores.
/// </summary>
internal sealed class JsonText(StringBuilder sb, bool pretty, bool dotToUnderscore = false)
{
    // One entry per open container: whether it already holds an element.
    private readonly Stack<bool> _open = new();
    private bool _afterName;

    public StringBuilder Buffer => sb;
    public int Depth => _open.Count;

    public void BeginObject()
    {
        BeforeValue();
        sb.Append('{');
        _open.Push(false);
    }

    public void BeginArray()
    {
        BeforeValue();
        sb.Append('[');
        _open.Push(false);
    }

    public void EndObject() => End('}');
    public void EndArray() => End(']');

    private void End(char c)
    {
        bool any = _open.Pop();
        if (any && pretty) NewLine(_open.Count);
        sb.Append(c);
    }

    public void Name(string name) => Name(name.AsSpan(), ReadOnlySpan<char>.Empty);

    /// <summary>A member name made of two parts (key and suffix such as "_raw"), to avoid concatenating strings.</summary>
    public void Name(ReadOnlySpan<char> name, ReadOnlySpan<char> suffix)
    {
        Separate();
        sb.Append('"');
        Escape(name, dotToUnderscore);
        Escape(suffix, dotToUnderscore);
        sb.Append("\": ".AsSpan(0, pretty ? 3 : 2));
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            sb.Append("null");
            return;
        }
        sb.Append('"');
        Escape(value, false);
        sb.Append('"');
    }

    public void String(StringBuilder value)
    {
        BeforeValue();
        sb.Append('"');
        for (int i = 0; i < value.Length; i++) EscapeChar(value[i], i > 0 ? value[i - 1] : '\0', false);
        sb.Append('"');
    }

    /// <summary>A value written as is (numbers, true/false, or an already quoted string).</summary>
    public void Raw(string text)
    {
        BeforeValue();
        sb.Append(text);
    }

    public void Number(long v)
    {
        BeforeValue();
        sb.Append(v);
    }

    public void Number(ulong v)
    {
        BeforeValue();
        sb.Append(v);
    }

    /// <summary>Ends a top-level value: json_dumper writes a newline after it.</summary>
    public void Finish() => sb.Append('\n');

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        Separate();
    }

    private void Separate()
    {
        if (_open.Count == 0) return;
        if (_open.Peek()) sb.Append(',');
        else
        {
            _open.Pop();
            _open.Push(true);
        }
        if (pretty) NewLine(_open.Count);
    }

    private void NewLine(int level) => sb.Append('\n').Append(' ', level * 2);

    private void Escape(ReadOnlySpan<char> s, bool dots)
    {
        for (int i = 0; i < s.Length; i++) EscapeChar(s[i], i > 0 ? s[i - 1] : '\0', dots);
    }

    private void EscapeChar(char c, char prev, bool dots)
    {
        if (c < 0x20)
        {
            sb.Append('\\');
            switch (c)
            {
                case '\b': sb.Append('b'); break;
                case '\t': sb.Append('t'); break;
                case '\n': sb.Append('n'); break;
                case '\f': sb.Append('f'); break;
                case '\r': sb.Append('r'); break;
                default: sb.Append("u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
            return;
        }
        if (c == '/' && prev == '<')
        {
            sb.Append("\\/");
            return;
        }
        if (c is '\\' or '"') sb.Append('\\');
        sb.Append(dots && c == '.' ? '_' : c);
    }
}

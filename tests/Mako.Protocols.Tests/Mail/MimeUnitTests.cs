using Mako.Protocols.MimeMultipart;

namespace Mako.Protocols.Tests.Mail;

/// <summary>The MIME header helpers, with the results tshark 4.0 gets (values seen in its mime_multipart fields).</summary>
public class MimeUnitTests
{
    [Theory]
    // A folded header: blanks after separators go, the fold becomes nothing after ';'.
    [InlineData("Content-Type: text/plain;\r\n\tcharset=\"us-ascii\"\r\n", "Content-Type:text/plain;charset=\"us-ascii\"", 12)]
    // Quoted strings keep their blanks; a blank run elsewhere becomes one blank; trailing blanks go.
    [InlineData("Content-Disposition: attachment;  filename=\"a  b.txt\"  \r\n", "Content-Disposition:attachment;filename=\"a  b.txt\"", 19)]
    [InlineData("X-Thing:  one   two\r\n three\r\n", "X-Thing:one two three", 7)]
    // A line end not followed by a blank ends the header.
    [InlineData("c: text/plain\r\nnext: header\r\n", "c:text/plain", 1)]
    [InlineData("no colon here\r\n", "no colon here", -1)]
    // A quoted string runs to its unescaped closing quote; a colon inside it is not the header's colon. The ':' before
    // it still counts as the last separator, so the blank after the string goes too (as in tshark).
    [InlineData("X: \"a\\\" :b\"  c", "X:\"a\\\" :b\"c", 1)]
    [InlineData("\"q:x\": y", "\"q:x\":y", 5)]
    [InlineData("", "", -1)]
    [InlineData("\"unterminated", "\"unterminated", -1)]
    public void Unfold_and_compact(string input, string expected, int colon)
    {
        Assert.Equal(expected, MimeHeaderText.UnfoldAndCompact(input, out int c));
        Assert.Equal(colon, c);
    }

    [Theory]
    [InlineData("boundary=\"a b\\\"c\";charset=x", "boundary", "a b\"c")]
    [InlineData(" BOUNDARY=abc;x=y", "boundary", "abc")]
    [InlineData("boundary=abc def", "boundary", "abc")]
    [InlineData("x=1;boundary=----=_Part_1", "boundary", "----")]
    [InlineData("x=1;boundary=\"----=_Part_1\"", "boundary", "----=_Part_1")]
    // tshark 4.0 returns the last parameter's value when the name is missing.
    [InlineData("charset=us-ascii", "boundary", "us-ascii")]
    [InlineData("charset", "boundary", null)]
    [InlineData("", "boundary", null)]
    [InlineData(null, "boundary", null)]
    [InlineData("boundary=\"open", "boundary", "open")]
    public void Find_parameter(string? parameters, string key, string? expected) =>
        Assert.Equal(expected, MimeHeaderText.FindParameter(parameters, key));

    [Fact]
    public void Ascii_replaces_high_bytes_and_stops_at_nul()
    {
        Assert.Equal("a\uFFFDb", MimeHeaderText.Ascii([(byte)'a', 0xC3, (byte)'b']));
        Assert.Equal("ab", MimeHeaderText.Ascii([(byte)'a', (byte)'b', 0, (byte)'c']));
    }
}

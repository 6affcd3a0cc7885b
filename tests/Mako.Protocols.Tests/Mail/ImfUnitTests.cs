using System.Text;
using Mako.Protocols.Imf;

namespace Mako.Protocols.Tests.Mail;

/// <summary>The header-end search and token split shared by the mail dissectors, on hand-made text.</summary>
public class ImfUnitTests
{
    private static int End(string text, out bool last)
    {
        last = false;
        var b = Encoding.ASCII.GetBytes(text);
        return ImfDissector.FindFieldEnd(b, 0, b.Length, ref last);
    }

    [Fact]
    public void A_header_ends_after_its_crlf_unless_folded()
    {
        Assert.Equal(9, End("Subject\r\nTo: x\r\n", out bool last));
        Assert.False(last);
        Assert.Equal(13, End("a\r\n b\r\n\tc d\r\nTo: x\r\n", out _));
    }

    [Fact]
    public void The_blank_line_marks_the_last_header_at_its_cr()
    {
        Assert.Equal(3, End("a\r\n\r\nbody", out bool last));
        Assert.True(last);
    }

    [Fact]
    public void A_message_ending_after_a_header_points_at_that_crlf()
    {
        Assert.Equal(1, End("a\r\n", out bool last));
        Assert.True(last);
    }

    [Theory]
    [InlineData("no line end")]
    [InlineData("a\r")]
    [InlineData("a\rb\r")]
    [InlineData("")]
    public void No_end_is_minus_one(string text) => Assert.Equal(-1, End(text, out _));

    [Theory]
    [InlineData("RETR 1", 4, 5)]
    [InlineData("QUIT", 4, 4)]
    [InlineData("USER   bob", 4, 7)]
    [InlineData(" x", 0, 1)]
    public void Token_length_and_next_token(string line, int len, int next)
    {
        Assert.Equal(len, MailText.TokenLength(Encoding.ASCII.GetBytes(line), out int n));
        Assert.Equal(next, n);
    }

    [Fact]
    public void Format_text_escapes_controls_and_wsp_blanks_them()
    {
        Assert.Equal("a\\r\\n\\001", MailText.Format("a\r\n\u0001"u8));
        Assert.Equal("a  \\001", MailText.Format("a\r\n\u0001"u8, whitespaceAsBlank: true));
    }
}

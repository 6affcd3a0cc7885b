using Mako.Capture.Sources;

namespace Mako.Capture.Tests;

public class SshTargetTests
{
    [Fact]
    public void Parses_user_host_port_interface()
    {
        var t = SshTarget.Parse("ssh://alice@server.example:2222/eth0");
        Assert.Equal("alice", t.User);
        Assert.Equal("server.example", t.Host);
        Assert.Equal(2222, t.Port);
        Assert.Equal("eth0", t.Interface);
        Assert.Equal("alice@server.example", t.Destination);
        Assert.Equal("ssh://alice@server.example:2222/eth0", t.ToString());
    }

    [Fact]
    public void Parses_without_user_or_port_and_ipv6()
    {
        var t = SshTarget.Parse("ssh://10.1.2.3/any");
        Assert.Null(t.User);
        Assert.Null(t.Port);
        var v6 = SshTarget.Parse("ssh://root@[fd00::1]:22/lo");
        Assert.Equal("[fd00::1]", v6.Host);
        Assert.Equal(22, v6.Port);
        Assert.Equal("root@fd00::1", v6.Destination);
    }

    [Theory]
    [InlineData("ssh://u@h/eth0;reboot")]
    [InlineData("ssh://u@h/eth0 -w /etc/passwd")]
    [InlineData("ssh://u@h/$(id)")]
    [InlineData("ssh://u@h/eth0%27%3Breboot")]
    [InlineData("ssh://u@h/`id`")]
    [InlineData("ssh://u@-oProxyCommand=id/eth0")]
    [InlineData("ssh://-oProxyCommand=id@h/eth0")]
    [InlineData("ssh://u@h/-i")]
    [InlineData("ssh://u@h:99999/eth0")]
    [InlineData("ssh://u@h:x/eth0")]
    [InlineData("ssh://u@h/")]
    [InlineData("ssh://u@h")]
    [InlineData("http://u@h/eth0")]
    public void Rejects_anything_that_could_reach_a_shell_or_ssh_options(string text)
    {
        var e = Assert.Throws<CaptureException>(() => SshTarget.Parse(text));
        Assert.Equal(CaptureFailure.BadOption, e.Kind);
        Assert.Contains("is not valid", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp port 80", "'tcp port 80'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("'; rm -rf / ; '", "''\\''; rm -rf / ; '\\'''")]
    [InlineData("$(id) `id` \"x\" \\ \n", "'$(id) `id` \"x\" \\ \n'")]
    public void Shell_quoting_leaves_nothing_special(string raw, string quoted)
        => Assert.Equal(quoted, SshTarget.ShellQuote(raw));

    [SkippableFact]
    public void Quoted_filter_survives_a_real_shell_unchanged()
    {
        Skip.If(TestEnv.Which("sh") is null, "no /bin/sh");
        string nasty = "udp and '; touch /tmp/pwned ; ' $(id) `id` \"q\" \\";
        var (code, stdout, _) = TestEnv.Run("sh", ["-c", "printf %s " + SshTarget.ShellQuote(nasty)]);
        Assert.Equal(0, code);
        Assert.Equal(nasty, stdout);
    }

    [Fact]
    public void Remote_command_for_tcpdump_and_mako()
    {
        var t = SshTarget.Parse("ssh://u@h/eth0");
        Assert.Equal("tcpdump -U -w - -i 'eth0' -s 262144 'udp port 53'", t.RemoteCommand("udp port 53", 262144, true, RemoteTool.Tcpdump));
        Assert.Equal("tcpdump -U -w - -i 'eth0' -s 96 -p", t.RemoteCommand(null, 96, false, RemoteTool.Tcpdump));
        Assert.Equal("mako dumpcap -q -P -w - -i 'eth0' -s 262144 -f 'port 22'", t.RemoteCommand("port 22", 262144, true, RemoteTool.MakoDumpcap));
    }

    [Fact]
    public void Ssh_arguments_force_key_authentication_and_end_options()
    {
        var t = SshTarget.Parse("ssh://u@h:2200/eth0");
        var o = new SshOptions { IdentityFile = "/k" };
        o.ExtraOptions.Add("StrictHostKeyChecking=no");
        var args = t.SshArguments("CMD", o);
        Assert.Contains("BatchMode=yes", args);
        Assert.Contains("PasswordAuthentication=no", args);
        Assert.Equal(["-p", "2200"], args.Skip(args.ToList().IndexOf("-p")).Take(2));
        Assert.Equal(["--", "u@h", "CMD"], args.TakeLast(3));
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Mako.Cli;
using Mako.Files;

namespace Mako.Capture.Tests;

/// <summary>`mako dumpcap` end to end: in-process for output and exit codes, as a child process for signals and users.</summary>
[Collection("live capture")]
public class DumpcapCliTests
{
    private static (int Code, string Out, string Err) Dumpcap(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int code = Program.Run(["dumpcap", .. args], new CliIo(o, e));
        return (code, o.ToString(), e.ToString());
    }

    // dumpcap redraws "\rPackets: N " while capturing; drop those to compare the rest.
    private static string WithoutProgress(string err) => Regex.Replace(err, @"\rPackets: \d+ ", "");

    [Fact]
    public void Option_errors_use_dumpcaps_wording()
    {
        var (code, _, err) = Dumpcap("-c", "abc");
        Assert.Equal(1, code);
        Assert.Equal("dumpcap: The specified packet count \"abc\" isn't a decimal number\n", err);
        (code, _, err) = Dumpcap("-a", "foo:1");
        Assert.Equal(1, code);
        Assert.Equal("dumpcap: Invalid or unknown -a flag \"foo\"\n", err);   // dumpcap 4.0 names the key only
        (code, _, err) = Dumpcap("-b", "bar");
        Assert.Equal("dumpcap: Invalid or unknown -b arg \"bar\"\n", err);   // an unknown key with a value is ignored
        (code, _, err) = Dumpcap("-b", "packets:x");
        Assert.Equal("dumpcap: The specified ring buffer packet count \"x\" isn't a decimal number\n", err);
        (code, _, err) = Dumpcap("-B", "0");
        Assert.Equal("dumpcap: The specified buffer size is zero\n", err);
        (code, _, err) = Dumpcap("-x");
        Assert.Equal(1, code);
        Assert.StartsWith("dumpcap: unrecognized option: x\n\nUsage: mako dumpcap [options] ...", err, StringComparison.Ordinal);
        (code, _, err) = Dumpcap("-I", "-i", "lo");
        Assert.Equal("dumpcap: Monitor mode (-I) is not supported by Mako.\n", err);
    }

    [Fact]
    public void Help_goes_to_stdout()
    {
        var (code, stdout, _) = Dumpcap("-h");
        Assert.Equal(0, code);
        Assert.Contains("-b <ringbuffer opt.> ..., --ring-buffer <ringbuffer opt.>", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void List_interfaces_and_bpf_dump()
    {
        Skip.IfNot(TestEnv.LibpcapPresent, "libpcap is not installed");
        var (code, stdout, _) = Dumpcap("-D");
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\d+\. lo \(Loopback\)$", stdout);
        (code, stdout, _) = Dumpcap("-D", "-M");
        Assert.Matches(@"(?m)^\d+\. lo\t\tLoopback\t0\t127\.0\.0\.1[^\t]*\tloopback\t$", stdout);
        Skip.IfNot(TestEnv.CanCapture, "-d and -L open the interface");
        (code, stdout, _) = Dumpcap("-i", "lo", "-d", "-f", "udp port 53");
        Assert.Equal(0, code);
        using var f = BpfFilter.Compile("udp port 53", LinkTypes.Ethernet);
        Assert.Equal(string.Join("\n", f.Disassemble()) + "\n", stdout);
        (code, stdout, _) = Dumpcap("-L", "-i", "lo");
        Assert.Equal("Data link types of interface lo (use option -y to set):\n  EN10MB (Ethernet)\n", stdout);
        (code, stdout, _) = Dumpcap("--list-time-stamp-types", "-i", "lo");
        Assert.StartsWith("Timestamp types of the interface (use option --time-stamp-type to set):\n  host (Host)\n", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Capture_with_count_prints_dumpcaps_lines()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string file = Path.Combine(TestEnv.TempDir(), "c.pcapng");
        var send = Task.Run(() => { Thread.Sleep(300); TestEnv.SendUdp(port, 8); });
        var (code, _, err) = Dumpcap("-i", "lo", "-f", $"udp port {port}", "-c", "5", "-a", "duration:15", "-w", file);
        send.Wait(TimeSpan.FromSeconds(15));
        Assert.Equal(0, code);
        Assert.Equal(
            "Capturing on 'Loopback: lo'\n" +
            $"File: {file}\n" +
            "\rPackets captured: 5\n" +
            "Packets received/dropped on interface 'Loopback: lo': 5/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)\n",
            WithoutProgress(err));
        using var r = CaptureReader.Open(file);
        int n = 0;
        while (r.ReadPacket()) n++;
        Assert.Equal(5, n);
    }

    [SkippableFact]
    public void Ring_buffer_from_the_command_line()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string dir = TestEnv.TempDir();
        var send = Task.Run(() => { Thread.Sleep(300); TestEnv.SendUdp(port, 8); });
        var (code, _, err) = Dumpcap("-q", "-i", "lo", "-f", $"udp port {port}", "-c", "5", "-a", "duration:15",
            "-b", "packets:2", "-b", "files:2", "-P", "-w", Path.Combine(dir, "ring.pcap"));
        send.Wait(TimeSpan.FromSeconds(15));
        Assert.Equal(0, code);
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Matches(@"^ring_00002_\d{14}\.pcap$", files[0]);
        Assert.Matches(@"^ring_00003_\d{14}\.pcap$", files[1]);
        Assert.Equal(3, Regex.Matches(err, "File: ").Count);
        Assert.DoesNotContain("Packets: ", err, StringComparison.Ordinal);   // -q
    }

    [SkippableFact]
    public void Bad_filter_exits_1_without_a_file()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        string file = Path.Combine(TestEnv.TempDir(), "never.pcapng");
        var (code, _, err) = Dumpcap("-i", "lo", "-f", "bogus filter", "-w", file);
        Assert.Equal(1, code);
        Assert.Equal(
            "Capturing on 'Loopback: lo'\n" +
            "dumpcap: Invalid capture filter \"bogus filter\" for interface 'lo'.\n\n" +
            "That string isn't a valid capture filter (can't parse filter expression: syntax error).\n" +
            "See the User's Guide for a description of the capture filter syntax.\n", err);
        Assert.False(File.Exists(file));
    }

    [SkippableFact]
    public void Sigint_stops_cleanly_with_a_complete_file()
    {
        Skip.IfNot(TestEnv.CanCapture && File.Exists(TestEnv.MakoDll), "no capture permission, libpcap or mako.dll");
        var kill = TestEnv.Which("kill");
        Skip.If(kill is null, "no kill command");
        Skip.If(TestEnv.SigintIgnored, "SIGINT is ignored in this process (started in the background), so children cannot receive it");
        using var rx = TestEnv.Receiver(out int port);
        string file = Path.Combine(TestEnv.TempDir(), "int.pcapng");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { TestEnv.MakoDll, "dumpcap", "-i", "lo", "-f", $"udp port {port}", "-a", "duration:20", "-w", file })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = new System.Text.StringBuilder();
        var fileSeen = new ManualResetEventSlim();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); if (e.Data?.StartsWith("File: ", StringComparison.Ordinal) == true) fileSeen.Set(); };
        p.BeginErrorReadLine();
        try
        {
            Assert.True(fileSeen.Wait(TimeSpan.FromSeconds(15)), "dumpcap did not start: " + err);
            TestEnv.SendUdp(port, 6);
            Thread.Sleep(700);   // past one 250 ms read timeout, so the packets have been read
            TestEnv.Run(kill!, ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(p.WaitForExit(15000), "dumpcap did not stop on SIGINT: " + err);
            p.WaitForExit();
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, p.ExitCode);
        string text;
        lock (err) text = err.ToString();
        Assert.Contains("Packets captured: 6", text, StringComparison.Ordinal);
        using var r = CaptureReader.Open(file);
        int n = 0;
        while (r.ReadPacket()) n++;
        Assert.Equal(6, n);
        Assert.Single(r.Interfaces[0].Statistics);
    }

    [SkippableFact]
    public void Unprivileged_user_gets_the_permission_message()
    {
        var setpriv = TestEnv.Which("setpriv");
        Skip.If(!TestEnv.IsRoot || setpriv is null || !TestEnv.LibpcapPresent || !File.Exists(TestEnv.MakoDll), "needs root, setpriv, libpcap and mako.dll");
        // nobody must be able to reach the build output; skip rather than fail where the tree is private.
        var probe = TestEnv.Run(setpriv!, ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r", TestEnv.MakoDll]);
        Skip.If(probe.Code != 0, "user nobody cannot read " + TestEnv.MakoDll);
        string home = TestEnv.TempDir();
        var (code, _, err) = TestEnv.Run(setpriv!,
            ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=" + home, "DOTNET_CLI_HOME=" + home,
             "dotnet", TestEnv.MakoDll, "dumpcap", "-i", "lo", "-c", "1", "-a", "duration:5", "-w", "/dev/null"], 60000);
        Assert.Equal(1, code);
        Assert.Contains("dumpcap: You do not have permission to capture on device \"lo\".", err, StringComparison.Ordinal);
        Assert.Contains("(socket: Operation not permitted)", err, StringComparison.Ordinal);
        Assert.Contains("lacks CAP_NET_RAW and CAP_NET_ADMIN", err, StringComparison.Ordinal);
        Assert.Contains("sudo setcap cap_net_raw,cap_net_admin=eip", err, StringComparison.Ordinal);
    }
}

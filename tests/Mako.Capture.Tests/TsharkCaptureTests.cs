using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mako.Cli;
using Mako.Files;

namespace Mako.Capture.Tests;

/// <summary>
/// `mako -i ...` (tshark mode) on loopback with bounded traffic: live decoding equals reading the saved file, the
/// packets equal tcpdump's taken at the same time, ring buffers, SIGINT, tshark's messages. Skipped without root
/// (capture rights) or libpcap.
/// </summary>
[Collection("live capture")]
public class TsharkCaptureTests
{
    /// <summary>Runs mako in-process on a thread; <see cref="Started"/> is set once "Capturing on" is printed.</summary>
    private sealed class LiveRun
    {
        private readonly StringWriter _out = new() { NewLine = "\n" };
        private readonly SignalWriter _err;
        private readonly Task<int> _task;

        public ManualResetEventSlim Started { get; } = new();

        public LiveRun(params string[] args)
        {
            _err = new SignalWriter(this);
            var io = new CliIo(TextWriter.Synchronized(_out), TextWriter.Synchronized(_err));
            _task = Task.Factory.StartNew(() => Program.Run(args, io), TaskCreationOptions.LongRunning);
        }

        /// <summary>Waits until the capture has started (plus a margin for the interface to open).</summary>
        public void WaitStarted()
        {
            Assert.True(Started.Wait(TimeSpan.FromSeconds(20)) || _task.IsCompleted, "mako did not start capturing: " + _err);
            Thread.Sleep(800);
        }

        public (int Code, string Out, string Err) Finish()
        {
            Assert.True(_task.Wait(TimeSpan.FromSeconds(30)), "mako did not finish: " + _err);
            return (_task.Result, _out.ToString(), _err.ToString());
        }

        private sealed class SignalWriter(LiveRun owner) : StringWriter
        {
            public override string NewLine => "\n";

            public override void Write(string? value)
            {
                base.Write(value);
                if (value?.StartsWith("Capturing on", StringComparison.Ordinal) == true) owner.Started.Set();
            }

            public override void WriteLine(string? value)
            {
                Write(value);
                Write('\n');
            }
        }
    }

    private static (int Code, string Out, string Err) Mako(params string[] args) => TsharkModeTests.Mako(args);

    [SkippableFact]
    public void Lists_interfaces_and_link_types_as_tshark()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        var (code, stdout, _) = Mako("-D");
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\d+\. lo \(Loopback\)$", stdout);
        var (_, dumpcapList, _) = Mako("dumpcap", "-D");
        Assert.Equal(dumpcapList, stdout);
        (code, stdout, _) = Mako("-L", "-i", "lo");
        Assert.Equal(0, code);
        Assert.Equal("Data link types of interface lo (use option -y to set):\n  EN10MB (Ethernet)\n", stdout);
        (code, stdout, _) = Mako("--list-time-stamp-types", "-i", "lo");
        Assert.StartsWith("Timestamp types of the interface (use option --time-stamp-type to set):\n", stdout, StringComparison.Ordinal);
        (code, _, var err) = Mako("-L", "-i", "nosuch0");
        Assert.Equal(2, code);
        Assert.StartsWith("mako: There is no device named \"nosuch0\".", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Live_decoding_prints_what_reading_the_saved_file_prints()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string file = Path.Combine(TestEnv.TempDir(), "live.pcapng");
        // -w with -V: the capture writes the file while the same packets are decoded and printed.
        var run = new LiveRun("-i", "lo", "-f", $"udp port {port}", "-c", "8", "-a", "duration:20", "-w", file, "-V", "-l");
        run.WaitStarted();
        TestEnv.SendUdp(port, 10, size: 24);
        var (code, live, err) = run.Finish();
        Assert.Equal(0, code);
        Assert.Equal("Capturing on 'Loopback: lo'\n8 packets captured\n", err);
        var (code2, saved, err2) = Mako("-r", file, "-V");
        Assert.Equal("", err2);
        Assert.Equal(0, code2);
        Assert.Equal(saved, live);
        Assert.Equal(8, CountFrames(saved));
        Assert.Contains("Interface id: 0 (lo)", live, StringComparison.Ordinal);
        Assert.DoesNotContain("Interface description", live, StringComparison.Ordinal);   // tshark's captures carry none

        // Without -w, with a display filter and -T fields, against the same file read back.
        var run2 = new LiveRun("-i", "lo", "-f", $"udp port {port}", "-c", "6", "-a", "duration:20", "-Y", "frame.number > 2",
            "-T", "fields", "-e", "frame.number", "-e", "udp.dstport", "-e", "udp.length", "-e", "frame.time_relative");
        run2.WaitStarted();
        TestEnv.SendUdp(port, 6, size: 10);
        var (code3, fields, err3) = run2.Finish();
        Assert.Equal(0, code3);
        Assert.Equal("Capturing on 'Loopback: lo'\n6 packets captured\n", err3);
        var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < 4; i++)
            Assert.StartsWith($"{i + 3}\t{port}\t18\t0.", lines[i], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Captures_the_same_packets_as_tcpdump_at_the_same_time()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        var tcpdump = TestEnv.Which("tcpdump");
        Skip.If(tcpdump is null, "tcpdump is not installed");
        using var rx = TestEnv.Receiver(out int port);
        var listener = new TcpListener(IPAddress.Loopback, port);   // same number: one filter covers UDP and TCP
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            Skip.If(true, "TCP port taken");
        }
        using var stop = listener;
        string dir = TestEnv.TempDir();
        string tdFile = Path.Combine(dir, "tcpdump.pcap"), makoFile = Path.Combine(dir, "mako.pcapng");
        string filter = $"port {port}";

        var psi = new ProcessStartInfo(tcpdump!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-i", "lo", "-U", "-n", "--time-stamp-precision=nano", "-w", tdFile, filter })
            psi.ArgumentList.Add(a);
        using var td = Process.Start(psi)!;
        var tdReady = new ManualResetEventSlim();
        td.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true) tdReady.Set(); };
        td.BeginErrorReadLine();
        try
        {
            Assert.True(tdReady.Wait(TimeSpan.FromSeconds(15)), "tcpdump did not start");
            var run = new LiveRun("-i", "lo", "-f", filter, "-a", "duration:5", "-w", makoFile, "-q");
            run.WaitStarted();
            TestEnv.SendUdp(port, 20, size: 30, gapMs: 2);
            TcpExchange(listener, port);
            var (code, _, err) = run.Finish();
            Assert.Equal(0, code);
            Thread.Sleep(300);
            td.Kill();   // SIGKILL: -U wrote every packet as it came
            td.WaitForExit(10000);

            var mine = ReadAll(makoFile);
            var theirs = ReadAll(tdFile);
            Assert.True(mine.Count >= 26, $"too few packets: {mine.Count}");   // 20 UDP + handshake, data, acks, FIN
            Assert.Equal(theirs.Count, mine.Count);
            Assert.Equal($"Capturing on 'Loopback: lo'\n{mine.Count} packets captured\n", err);
            for (int i = 0; i < mine.Count; i++)
            {
                // Each packet socket stamps its own copy: the times differ by a few microseconds at most.
                Assert.InRange(mine[i].TimestampNs - theirs[i].TimestampNs, -1_000_000L, 1_000_000L);
                Assert.Equal(theirs[i].OriginalLength, mine[i].OriginalLength);
                Assert.Equal(theirs[i].Data, mine[i].Data);
            }
        }
        finally
        {
            if (!td.HasExited) td.Kill();
        }
    }

    [SkippableFact]
    public void Ring_buffer_with_tsharks_file_names()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string dir = TestEnv.TempDir();
        var run = new LiveRun("-i", "lo", "-f", $"udp port {port}", "-c", "7", "-a", "duration:20",
            "-b", "packets:2", "-b", "files:2", "-w", Path.Combine(dir, "ring.pcapng"));
        run.WaitStarted();
        TestEnv.SendUdp(port, 9);
        var (code, stdout, err) = run.Finish();
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("Capturing on 'Loopback: lo'\n7 packets captured\n", err);
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Matches(@"^ring_00003_\d{14}\.pcapng$", files[0]);
        Assert.Matches(@"^ring_00004_\d{14}\.pcapng$", files[1]);
        Assert.Equal(2, ReadAll(Path.Combine(dir, files[0]!)).Count);
        Assert.Single(ReadAll(Path.Combine(dir, files[1]!)));
    }

    [SkippableFact]
    public void Two_interfaces_one_file_with_two_idbs_and_statistics()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        using var rx = TestEnv.Receiver(out int port);
        string file = Path.Combine(TestEnv.TempDir(), "two.pcapng");
        // The second -f binds to the second -i: only its datagrams of 20 bytes are kept there.
        var run = new LiveRun("-i", "lo", "-f", $"udp port {port}", "-i", "lo", "-f", $"udp port {port} and greater 60",
            "-a", "duration:4", "-w", file, "--capture-comment", "two lo");
        run.WaitStarted();
        TestEnv.SendUdp(port, 3, size: 10);
        TestEnv.SendUdp(port, 2, size: 20);
        var (code, _, err) = run.Finish();
        Assert.Equal(0, code);
        Assert.Equal("Capturing on 'Loopback: lo' and 'Loopback: lo'\n7 packets captured\n", err);
        using var r = CaptureReader.Open(file);
        int[] perInterface = new int[2];
        while (r.ReadPacket()) perInterface[r.Packet.InterfaceId]++;
        Assert.Equal(new[] { 5, 2 }, perInterface);
        Assert.Equal(2, r.Interfaces.Count);
        Assert.Equal($"udp port {port} and greater 60", r.Interfaces[1].Filter);
        Assert.Null(r.Interfaces[0].Description);
        Assert.Equal(5ul, Assert.Single(r.Interfaces[0].Statistics).Received);
        Assert.Equal(2ul, Assert.Single(r.Interfaces[1].Statistics).Received);
        Assert.Contains("two lo", r.Sections[0].Comments);
    }

    [SkippableFact]
    public void Bad_capture_filter_gets_tsharks_message()
    {
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");
        var (code, stdout, err) = Mako("-i", "lo", "-f", "udp port banana", "-c", "1");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("Capturing on 'Loopback: lo'\n" +
                     "mako: Invalid capture filter \"udp port banana\" for interface 'Loopback'.\n\n" +
                     "That string isn't a valid capture filter (unknown port 'banana').\n" +
                     "See the User's Guide for a description of the capture filter syntax.\n" +
                     "0 packets captured\n", err);
        (code, _, err) = Mako("-i", "lo", "-y", "DOCSIS", "-c", "1");
        Assert.Equal(1, code);
        Assert.Contains("mako: Unable to set data link type on interface 'lo' (DOCSIS is not one of the DLTs supported by this device).", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Sigint_ends_live_json_cleanly()
    {
        Skip.IfNot(TestEnv.CanCapture && File.Exists(TestEnv.MakoDll), "no capture permission, libpcap or mako.dll");
        var kill = TestEnv.Which("kill");
        Skip.If(kill is null, "no kill command");
        Skip.If(TestEnv.SigintIgnored, "SIGINT is ignored in this process (started in the background), so children cannot receive it");
        using var rx = TestEnv.Receiver(out int port);
        string file = Path.Combine(TestEnv.TempDir(), "int.pcapng");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { TestEnv.MakoDll, "-i", "lo", "-f", $"udp port {port}", "-a", "duration:25", "-T", "json", "-l" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = new System.Text.StringBuilder();
        var started = new ManualResetEventSlim();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); if (e.Data?.StartsWith("Capturing on", StringComparison.Ordinal) == true) started.Set(); };
        p.BeginErrorReadLine();
        var stdout = p.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.True(started.Wait(TimeSpan.FromSeconds(20)), "mako did not start: " + err);
            Thread.Sleep(1000);
            TestEnv.SendUdp(port, 4);
            Thread.Sleep(700);
            TestEnv.Run(kill!, ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(p.WaitForExit(20000), "mako did not stop on SIGINT: " + err);
            p.WaitForExit();
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, p.ExitCode);
        string text;
        lock (err) text = err.ToString();
        Assert.Contains("4 packets captured", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout.Result);   // the closing bracket was written
        Assert.Equal(4, doc.RootElement.GetArrayLength());
    }

    [SkippableFact]
    public void Unprivileged_user_gets_the_permission_message()
    {
        var setpriv = TestEnv.Which("setpriv");
        Skip.If(!TestEnv.IsRoot || setpriv is null || !TestEnv.LibpcapPresent || !File.Exists(TestEnv.MakoDll), "needs root, setpriv, libpcap and mako.dll");
        var probe = TestEnv.Run(setpriv!, ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r", TestEnv.MakoDll]);
        Skip.If(probe.Code != 0, "user nobody cannot read " + TestEnv.MakoDll);
        string home = TestEnv.TempDir();
        var (code, _, err) = TestEnv.Run(setpriv!,
            ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=" + home, "DOTNET_CLI_HOME=" + home,
             "dotnet", TestEnv.MakoDll, "-i", "lo", "-c", "1", "-a", "duration:5"], 60000);
        Assert.Equal(1, code);
        Assert.StartsWith("Capturing on 'Loopback: lo'\nmako: You do not have permission to capture on device \"lo\".\n(socket: Operation not permitted)\n", err, StringComparison.Ordinal);
        Assert.Contains("lacks CAP_NET_RAW and CAP_NET_ADMIN", err, StringComparison.Ordinal);
        Assert.Contains("sudo setcap cap_net_raw,cap_net_admin=eip", err, StringComparison.Ordinal);
        Assert.EndsWith("\n0 packets captured\n", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Missing_libpcap_names_the_package()
    {
        // Hide libpcap in a private mount namespace (root only): bind /dev/null over the library file.
        var unshare = TestEnv.Which("unshare");
        string lib = "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8";
        Skip.If(!TestEnv.IsRoot || unshare is null || !File.Exists(lib) || !File.Exists(TestEnv.MakoDll), "needs root, unshare, Debian's libpcap and mako.dll");
        string real = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(lib)!, new FileInfo(lib).LinkTarget ?? "libpcap.so.0.8"));
        var (code, _, err) = TestEnv.Run(unshare!, ["-m", "sh", "-c",
            $"mount --bind /dev/null '{real}' && exec dotnet '{TestEnv.MakoDll}' -i lo -c 1"], 60000);
        Skip.If(err.Contains("mount", StringComparison.Ordinal) && code != 1, "cannot bind-mount here: " + err);
        Assert.Equal(1, code);
        Assert.StartsWith("mako: libpcap could not be loaded (tried libpcap.so.0.8, libpcap.so.1, libpcap.so).\n", err, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install libpcap0.8", err, StringComparison.Ordinal);
    }

    private static int CountFrames(string verbose)
    {
        int n = 0;
        foreach (var line in verbose.Split('\n'))
            if (line.StartsWith("Frame ", StringComparison.Ordinal)) n++;
        return n;
    }

    private static List<PacketRecord> ReadAll(string path)
    {
        using var r = CaptureReader.Open(path);
        var list = new List<PacketRecord>();
        while (r.ReadPacket()) list.Add(r.Packet.Clone());
        return list;
    }

    // A short TCP conversation: connect, 3 writes echoed back, close.
    private static void TcpExchange(TcpListener listener, int port)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var server = listener.AcceptTcpClient();
        var cs = client.GetStream();
        var ss = server.GetStream();
        var buf = new byte[64];
        for (int i = 0; i < 3; i++)
        {
            cs.Write("hello mako\n"u8);
            int n = ss.Read(buf);
            ss.Write(buf, 0, n);
            _ = cs.Read(buf);
            Thread.Sleep(10);
        }
        client.Close();
        server.Close();
        Thread.Sleep(200);
    }
}

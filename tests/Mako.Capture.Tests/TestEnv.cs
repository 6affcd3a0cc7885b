using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mako.Capture.Native;

namespace Mako.Capture.Tests;

/// <summary>What the machine allows; capture tests skip (not fail) when it cannot capture.</summary>
internal static class TestEnv
{
    public static bool LibpcapPresent => LibPcapLoader.Handle != IntPtr.Zero;

    public static bool IsRoot => Environment.UserName == "root" || Mono.Unix.GetEUid() == 0;

    /// <summary>libpcap loads, the process holds CAP_NET_RAW/CAP_NET_ADMIN, and "lo" exists.</summary>
    public static bool CanCapture => LibpcapPresent && CapturePermissions.CanCapture() && Directory.Exists("/sys/class/net/lo");

    /// <summary>
    /// True when this process ignores SIGINT (it was started as a background job of a non-interactive shell). Children
    /// inherit that, and .NET keeps an inherited SIGINT ignored as shells expect, so a child cannot be stopped with it.
    /// </summary>
    public static bool SigintIgnored
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                {
                    if (!line.StartsWith("SigIgn:", StringComparison.Ordinal)) continue;
                    ulong mask = Convert.ToUInt64(line[7..].Trim(), 16);
                    return (mask & (1UL << (2 - 1))) != 0;
                }
            }
            catch (IOException)
            {
            }
            return false;
        }
    }

    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var p = Path.Combine(dir, program);
            if (dir.Length > 0 && File.Exists(p))
                return p;
        }
        foreach (var dir in new[] { "/usr/sbin", "/sbin" })
        {
            var p = Path.Combine(dir, program);
            if (File.Exists(p))
                return p;
        }
        return null;
    }

    /// <summary>mako.dll next to the test assembly (the test project references Mako.Cli).</summary>
    public static string MakoDll => Path.Combine(AppContext.BaseDirectory, "mako.dll");

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "mako-capture-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>A bound UDP receiver on 127.0.0.1 (so no ICMP unreachable replies) and its port.</summary>
    public static UdpClient Receiver(out int port)
    {
        var r = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)r.Client.LocalEndPoint!).Port;
        return r;
    }

    /// <summary>Sends <paramref name="count"/> datagrams of <paramref name="size"/> bytes to 127.0.0.1:port.</summary>
    public static void SendUdp(int port, int count, int size = 10, int gapMs = 5)
    {
        using var s = new UdpClient();
        var payload = new byte[size];
        for (int i = 0; i < count; i++)
        {
            payload[0] = (byte)i;
            s.Send(payload, payload.Length, new IPEndPoint(IPAddress.Loopback, port));
            if (gapMs > 0) Thread.Sleep(gapMs);
        }
    }

    /// <summary>Runs a program with arguments (no shell), bounded in time; returns exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args, int timeoutMs = 30000)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
        }
        return (p.ExitCode, o.Result, e.Result);
    }
}

internal static class Mono
{
    internal static class Unix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
        public static extern uint GetEUid();
    }
}

using Mako.Capture.Output;
using Mako.Capture.Sources;
using Mako.Files;

namespace Mako.Capture.Tests;

/// <summary>
/// Remote capture end to end inside this machine: two network namespaces joined by a veth pair, sshd (with a
/// generated host key and a generated client key) in the "remote" one, ssh from the "client" one, and bounded UDP
/// traffic sent from inside the remote namespace to the client's TEST-NET-2 address. Needs root, ip, sshd, ssh,
/// ssh-keygen and tcpdump; skips otherwise.
/// </summary>
[Collection("live capture")]
public class RemoteCaptureTests
{
    [SkippableFact]
    public void Captures_over_ssh_from_another_namespace()
    {
        string? ip = TestEnv.Which("ip"), sshd = TestEnv.Which("sshd"), ssh = TestEnv.Which("ssh"),
            keygen = TestEnv.Which("ssh-keygen"), tcpdump = TestEnv.Which("tcpdump"), bash = TestEnv.Which("bash");
        Skip.If(!TestEnv.IsRoot || ip is null || sshd is null || ssh is null || keygen is null || tcpdump is null || bash is null,
            "needs root, ip, sshd, ssh, ssh-keygen, tcpdump and bash");
        Skip.IfNot(TestEnv.CanCapture, "no capture permission or libpcap");

        string sfx = Guid.NewGuid().ToString("N")[..6];
        string remote = "mkr" + sfx, client = "mkc" + sfx, vr = "mkvr" + sfx, vc = "mkvc" + sfx;
        string dir = TestEnv.TempDir();
        System.Diagnostics.Process? daemon = null;
        try
        {
            if (TestEnv.Run(ip!, ["netns", "add", remote]).Code != 0)
                Skip.If(true, "cannot create network namespaces here");
            Must(ip!, "netns", "add", client);
            Must(ip!, "link", "add", vr, "type", "veth", "peer", "name", vc);
            Must(ip!, "link", "set", vr, "netns", remote);
            Must(ip!, "link", "set", vc, "netns", client);
            Must(ip!, "-n", remote, "addr", "add", "198.51.100.1/24", "dev", vr);
            Must(ip!, "-n", client, "addr", "add", "198.51.100.2/24", "dev", vc);
            foreach (var (ns, dev) in new[] { (remote, vr), (client, vc), (remote, "lo"), (client, "lo") })
                Must(ip!, "-n", ns, "link", "set", dev, "up");

            string hostKey = Path.Combine(dir, "host_key"), clientKey = Path.Combine(dir, "client_key");
            Must(keygen!, "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
            Must(keygen!, "-q", "-t", "ed25519", "-N", "", "-f", clientKey);
            File.Copy(clientKey + ".pub", Path.Combine(dir, "authorized_keys"));
            string cfg = Path.Combine(dir, "sshd_config");
            File.WriteAllText(cfg, string.Join('\n',
                "Port 2222", "ListenAddress 198.51.100.1", $"HostKey {hostKey}",
                $"AuthorizedKeysFile {Path.Combine(dir, "authorized_keys")}", $"PidFile {Path.Combine(dir, "sshd.pid")}",
                "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password", "UsePAM no", "LogLevel ERROR", ""));
            Directory.CreateDirectory("/run/sshd");
            var psi = new System.Diagnostics.ProcessStartInfo(ip!) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "netns", "exec", remote, sshd!, "-D", "-e", "-f", cfg })
                psi.ArgumentList.Add(a);
            daemon = System.Diagnostics.Process.Start(psi)!;

            string wrapper = Path.Combine(dir, "ssh-in-client-ns");
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec {ip} netns exec {client} {ssh} \"$@\"\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            WaitForPort(ip!, client, bash!);

            var options = new SshOptions { SshPath = wrapper, IdentityFile = clientKey, ConnectTimeout = TimeSpan.FromSeconds(5) };
            options.ExtraOptions.Add("StrictHostKeyChecking=no");
            options.ExtraOptions.Add("UserKnownHostsFile=/dev/null");
            options.ExtraOptions.Add("LogLevel=ERROR");
            string source = $"ssh://root@198.51.100.1:2222/{vr}";
            using var session = CaptureSession.Open([new InterfaceOptions { Name = source, Filter = "udp port 9999" }],
                new SessionLimits { PacketLimit = 5, Duration = TimeSpan.FromSeconds(20) }, options);
            string file = Path.Combine(dir, "remote.pcapng");
            using var sink = new CaptureFileSink(new CaptureFileOptions { Path = file }, session.Sources);
            var traffic = Task.Run(() => TestEnv.Run(ip!, ["netns", "exec", remote, bash!, "-c",
                "for i in 1 2 3 4 5 6 7; do echo x$i > /dev/udp/198.51.100.2/9999; sleep 0.05; done"]));
            sink.Run(session);
            traffic.Wait(TimeSpan.FromSeconds(20));

            Assert.Equal(StopReason.PacketLimit, session.StopReason);
            var src = Assert.IsType<SshSource>(Assert.Single(session.Sources));
            Assert.Equal(source, src.DisplayName);
            using var r = CaptureReader.Open(file);
            int n = 0;
            while (r.ReadPacket())
            {
                n++;
                var d = r.Packet.Data.Span;
                Assert.Equal(9999, (d[36] << 8) | d[37]);
                Assert.Equal([198, 51, 100, 1], d[26..30].ToArray());
            }
            Assert.Equal(5, n);
            var idb = Assert.Single(r.Interfaces);
            Assert.Equal(source, idb.Name);
            Assert.Equal("udp port 9999", idb.Filter);
            Assert.Equal(LinkTypes.Ethernet, idb.LinkType);
        }
        finally
        {
            if (daemon is not null && !daemon.HasExited)
                daemon.Kill(entireProcessTree: true);
            daemon?.Dispose();
            TestEnv.Run(ip!, ["netns", "del", remote]);
            TestEnv.Run(ip!, ["netns", "del", client]);
        }
    }

    [SkippableFact]
    public void Unreachable_host_is_a_clear_remote_error()
    {
        string? ssh = TestEnv.Which("ssh");
        Skip.If(ssh is null, "no ssh client");
        // Port 1 on loopback: nothing listens, so ssh fails at once (no traffic leaves the machine).
        var options = new SshOptions { ConnectTimeout = TimeSpan.FromSeconds(3), StartTimeout = TimeSpan.FromSeconds(10) };
        var e = Assert.Throws<CaptureException>(() => SshSource.Open(new InterfaceOptions { Name = "ssh://nobody@127.0.0.1:1/eth0" }, options));
        Assert.Equal(CaptureFailure.Remote, e.Kind);
        Assert.StartsWith("The remote capture on ssh://nobody@127.0.0.1:1/eth0 failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", e.Secondary, StringComparison.Ordinal);
    }

    private static void Must(string program, params string[] args)
    {
        var (code, _, err) = TestEnv.Run(program, args);
        Assert.True(code == 0, $"{program} {string.Join(' ', args)} failed: {err}");
    }

    private static void WaitForPort(string ip, string ns, string bash)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (TestEnv.Run(ip, ["netns", "exec", ns, bash, "-c", "exec 3<>/dev/tcp/198.51.100.1/2222"], 5000).Code == 0)
                return;
            Thread.Sleep(100);
        }
        Assert.Fail("sshd did not start listening in the remote namespace");
    }
}

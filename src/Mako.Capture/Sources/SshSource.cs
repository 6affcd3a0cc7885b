using System.ComponentModel;
using System.Diagnostics;
using Mako.Files;

namespace Mako.Capture.Sources;

/// <summary>
/// Remote capture in the manner of Wireshark's sshdump: the system's ssh runs tcpdump (or mako dumpcap) on the
/// remote host, which writes pcap to its stdout; that stream is read here with Mako.Files' streaming reader.
/// </summary>
public sealed class SshSource : CaptureSource
{
    private readonly Process _ssh;
    private readonly CaptureReader _reader;
    private readonly RemoteErrors _stderr;
    private volatile bool _broken;

    public SshTarget Target { get; }
    public override InterfaceInfo Interface { get; }
    public override string DisplayName { get; }

    private SshSource(SshTarget target, Process ssh, CaptureReader reader, RemoteErrors stderr, InterfaceInfo info)
    {
        Target = target;
        _ssh = ssh;
        _reader = reader;
        _stderr = stderr;
        Interface = info;
        DisplayName = target.ToString();
    }

    /// <summary>Starts ssh and waits for the remote pcap header. Throws <see cref="CaptureException"/>.</summary>
    public static SshSource Open(InterfaceOptions options, SshOptions ssh)
    {
        var target = SshTarget.Parse(options.Name);
        string command = target.RemoteCommand(options.Filter, options.SnapLength, options.Promiscuous, ssh.Tool);
        var psi = new ProcessStartInfo(ssh.SshPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,    // ssh must not read the user's terminal
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in target.SshArguments(command, ssh))
            psi.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new CaptureException(CaptureFailure.Remote, $"Could not run \"{ssh.SshPath}\" for the remote capture ({e.Message}).",
                "Install the OpenSSH client (Debian: sudo apt-get install openssh-client).");
        }
        process.StandardInput.Close();
        var errors = new RemoteErrors(process);

        var open = Task.Run(() => CaptureReader.Open(process.StandardOutput.BaseStream, target.ToString(), leaveOpen: true));
        CaptureReader reader;
        try
        {
            if (!open.Wait(ssh.StartTimeout))
            {
                Kill(process);
                throw Failed(target, process, errors, $"no capture data arrived within {ssh.StartTimeout.TotalSeconds:0} s");
            }
            reader = open.Result;
        }
        catch (AggregateException ae) when (ae.InnerException is CaptureFileException)
        {
            Kill(process);
            throw Failed(target, process, errors, "the remote command ended without sending a capture");
        }
        catch (CaptureException)
        {
            throw;
        }

        var first = reader.Interfaces.Count > 0 ? reader.Interfaces[0] : null;
        var info = new InterfaceInfo
        {
            Name = target.ToString(),
            Description = $"Remote capture on {target.Host} interface {target.Interface}",
            Filter = string.IsNullOrEmpty(options.Filter) ? null : options.Filter,
            LinkType = first?.LinkType ?? 1,
            SnapLength = first?.SnapLength ?? (uint)options.SnapLength,
            TsResolution = reader.Format == CaptureFormat.PcapNanosecond ? (byte)9 : (first?.TsResolution ?? 6),
        };
        return new SshSource(target, process, reader, errors, info);
    }

    private static CaptureException Failed(SshTarget target, Process p, RemoteErrors errors, string why)
    {
        string code = p.WaitForExit(2000) ? $" (ssh exit status {p.ExitCode})" : "";
        string text = errors.Text(waitForEnd: true);
        return new CaptureException(CaptureFailure.Remote, $"The remote capture on {target} failed: {why}{code}.",
            text.Length == 0 ? "" : "Remote output:\n" + text);
    }

    public override SourceRead Read(PacketRecord record)
    {
        if (_broken)
            return SourceRead.End;
        try
        {
            if (!_reader.ReadPacket())
            {
                if (!_broken && _ssh.WaitForExit(2000) && _ssh.ExitCode != 0)
                    throw Failed(Target, _ssh, _stderr, "the remote capture stopped");
                return SourceRead.End;
            }
        }
        catch (Exception e) when (e is CaptureFileException or IOException or ObjectDisposedException)
        {
            if (_broken)
                return SourceRead.End;
            throw Failed(Target, _ssh, _stderr, e is CaptureFileException cfe ? cfe.Message : e.Message);
        }
        var p = _reader.Packet;
        record.TimestampNs = p.TimestampNs;
        record.CapturedLength = p.CapturedLength;
        record.OriginalLength = p.OriginalLength;
        record.LinkType = p.LinkType;
        record.Data = p.Data;
        return SourceRead.Packet;
    }

    public override void Break()
    {
        _broken = true;
        Kill(_ssh);
    }

    private static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited)
                p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }

    public override SourceStatistics GetStatistics(ulong delivered) => new(delivered, null, null, null);

    /// <summary>The remote side's error output so far (tcpdump's "listening on..." and any error).</summary>
    public string RemoteOutput => _stderr.Text(waitForEnd: false);

    public override void Dispose()
    {
        Kill(_ssh);
        _reader.Dispose();
        _ssh.Dispose();
    }

    /// <summary>Collects the last few KiB of ssh's stderr without letting the pipe fill up.</summary>
    private sealed class RemoteErrors
    {
        private const int Limit = 4096;
        private readonly System.Text.StringBuilder _text = new();
        private readonly Task _pump;

        public RemoteErrors(Process p)
        {
            _pump = Task.Run(async () =>
            {
                var buf = new char[1024];
                int n;
                while ((n = await p.StandardError.ReadAsync(buf).ConfigureAwait(false)) > 0)
                {
                    lock (_text)
                    {
                        _text.Append(buf, 0, n);
                        if (_text.Length > Limit)
                            _text.Remove(0, _text.Length - Limit);
                    }
                }
            });
        }

        public string Text(bool waitForEnd)
        {
            if (waitForEnd)
                _pump.Wait(2000);
            lock (_text)
                return _text.ToString().TrimEnd();
        }
    }
}

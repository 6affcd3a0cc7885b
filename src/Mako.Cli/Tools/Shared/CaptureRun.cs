using System.Runtime.InteropServices;
using Mako.Capture;
using Mako.Capture.Output;
using Mako.Files;

namespace Mako.Cli.Tools.Shared;

/// <summary>The parts of running a capture that `mako dumpcap` and tshark mode (`mako -i`) share.</summary>
internal static class CaptureRun
{
    /// <summary>
    /// How the tools name each interface in "Capturing on ...": "Loopback: lo", "eth0", or the -i text itself for
    /// remote sources and names libpcap does not list (opening reports those). Throws for a bad interface number.
    /// </summary>
    public static List<string> DisplayNames(IReadOnlyList<InterfaceOptions> interfaces)
    {
        var names = new List<string>();
        IReadOnlyList<CaptureInterface>? known = null;
        foreach (var i in interfaces)
        {
            if (i.IsRemote) { names.Add(i.Name); continue; }
            known ??= InterfaceLister.List();
            names.Add(InterfaceLister.Resolve(i.Name, known).DisplayName);
        }
        return names;
    }

    /// <summary>dumpcap's and tshark's list of names: 'a', 'a' and 'b', 'a', 'b', and 'c'.</summary>
    public static string JoinNames(IReadOnlyList<string> names)
    {
        if (names.Count == 1) return $"'{names[0]}'";
        if (names.Count == 2) return $"'{names[0]}' and '{names[1]}'";
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(i == names.Count - 1 ? ", and " : ", ");
            sb.Append('\'').Append(names[i]).Append('\'');
        }
        return sb.ToString();
    }

    /// <summary>Without -i: the first interface that is up and not loopback (dumpcap's and tshark's choice).</summary>
    public static InterfaceOptions DefaultInterface(CaptureArgs args)
    {
        var list = InterfaceLister.List();
        CaptureInterface? pick = null;
        foreach (var i in list)
        {
            if (!i.IsLoopback && i.IsUp) { pick = i; break; }
        }
        pick ??= list.Count > 0 ? list[0] : throw new CaptureException(CaptureFailure.NoSuchDevice,
            "There are no interfaces on which a capture can be done.");
        // Flags given without any -i apply to the default interface.
        return args.DefaultsFor(new InterfaceOptions { Name = pick.Name });
    }

    /// <summary>The link type (LINKTYPE_ value) a capture on <paramref name="options"/> would get: -y, else the first the device offers.</summary>
    public static int LinkTypeOf(InterfaceOptions options, string device)
    {
        if (options.LinkType is { } y)
        {
            int dlt = InterfaceLister.ParseLinkType(y);
            if (dlt < 0)
                throw new CaptureException(CaptureFailure.BadOption, $"The specified data link type \"{y}\" isn't valid");
            return DltMap.ToLinkType(dlt);
        }
        var types = InterfaceLister.ListLinkTypes(device);
        return types.Count > 0 ? DltMap.ToLinkType(types[0].Value) : LinkTypes.Ethernet;
    }

    /// <summary>Turns SIGINT, SIGTERM and SIGHUP into <see cref="CaptureSession.Stop"/> until disposed.</summary>
    public static IDisposable StopOnSignals(CaptureSession session) => new SignalStop(session);

    private sealed class SignalStop : IDisposable
    {
        private readonly PosixSignalRegistration _int, _term, _hup;

        public SignalStop(CaptureSession session)
        {
            // Note: a non-interactive shell starts background jobs with SIGINT ignored, and .NET then leaves it
            // ignored (resetting it to the default would only let it kill the process without closing the file):
            // stop such jobs with SIGTERM.
            _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; session.Stop(); });
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; session.Stop(); });
            _hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; session.Stop(); });
        }

        public void Dispose()
        {
            _int.Dispose();
            _term.Dispose();
            _hup.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="session"/> into <paramref name="sink"/> with -b printname: handling (each file's name is
    /// printed once it is complete). Returns the failure that ended the capture, if any; the files are closed.
    /// </summary>
    public static CaptureException? RunToFiles(CaptureSession session, CaptureFileSink sink, CaptureArgs args, CliIo io,
        Action<string>? fileOpened = null, Action? onTick = null, Action<PacketRecord>? alsoOnPacket = null)
    {
        TextWriter? printName = args.PrintNameTo switch
        {
            null => null,
            "stdout" or "-" => io.Out,
            "stderr" => io.Err,
            var f => new StreamWriter(f, append: false),
        };
        string? previous = null;
        sink.FileOpened += name =>
        {
            fileOpened?.Invoke(name);
            if (previous is not null && printName is not null) { printName.WriteLine(previous); printName.Flush(); }
            previous = name;
        };
        CaptureException? failure = null;
        try
        {
            sink.Run(session, alsoOnPacket, onTick);
        }
        catch (CaptureException e)
        {
            failure = e;
        }
        finally
        {
            if (previous is not null && printName is not null) { printName.WriteLine(previous); printName.Flush(); }
            if (printName is StreamWriter sw && printName != io.Out && printName != io.Err) sw.Dispose();
        }
        return failure;
    }
}

using Mako.Capture;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tshark;

/// <summary>
/// `mako --bpf-dump EXPR` (a Mako extension): prints the capture filter as libpcap compiles it, as tcpdump -d
/// (--bpf-dump-format dd / ddd: tcpdump -dd / -ddd). The program is compiled for the link type and snapshot length
/// of the -r file's first interface, else of the first -i interface (-y and -s respected), else Ethernet.
/// </summary>
internal static class BpfDump
{
    public static int Run(TsharkOptions o, CliIo io)
    {
        string expr = o.BpfDump!;
        try
        {
            var (linkType, snap) = Target(o, io);
            using var f = BpfFilter.Compile(expr, linkType, snap);
            f.Dump(io.Out, o.BpfDumpFormat.Length);
            return 0;
        }
        catch (FormatException e)
        {
            io.Err.WriteLine("mako: " + e.Message);
            return 1;
        }
        catch (CaptureException e)
        {
            io.Err.WriteLine("mako: " + (e.Kind == CaptureFailure.BadFilter ? TsharkCapture.FilterError(expr, null, e.Message) : e.Describe()));
            return 1;
        }
        catch (CaptureFileException e)
        {
            io.Err.WriteLine("mako: " + e.Describe());
            return 2;
        }
    }

    private static (int LinkType, int Snap) Target(TsharkOptions o, CliIo io)
    {
        if (o.ReadFile is not null)
        {
            using var r = o.ReadFile == "-" ? CaptureReader.Open(io.In, "-", leaveOpen: true) : CaptureReader.Open(o.ReadFile);
            while (r.Interfaces.Count == 0 && r.Read() != RecordKind.End) { }
            int lt = r.Interfaces.Count > 0 ? r.Interfaces[0].LinkType : LinkTypes.Ethernet;
            uint snap = r.Interfaces.Count > 0 ? r.Interfaces[0].SnapLength : r.SnapLength;
            return (lt, snap is 0 or > int.MaxValue ? InterfaceOptions.DefaultSnapLength : (int)snap);
        }
        var c = TsharkCapture.Build(o);
        if (c.Interfaces.Count == 0)
            return (LinkTypes.Ethernet, InterfaceOptions.DefaultSnapLength);
        var first = c.Interfaces[0];
        var dev = InterfaceLister.Resolve(first.Name);
        return (CaptureRun.LinkTypeOf(first, dev.Name), first.SnapLength);
    }
}

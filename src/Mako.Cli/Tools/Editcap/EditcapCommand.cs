namespace Mako.Cli.Tools.Editcap;

/// <summary>`mako editcap`: Wireshark 4.0's editcap (select, split, shift, chop, de-duplicate, convert).</summary>
internal sealed class EditcapCommand : ISubcommand
{
    public string Name => "editcap";
    public string Summary => "Edit and/or translate the format of capture files (as editcap)";

    public int Run(string[] args, CliIo io)
    {
        if (EditcapOptions.Parse(args, io, out var opts, out int code) == EditcapOptions.Action.Exit)
            return code;
        return new EditcapRun(opts, io).Execute();
    }
}

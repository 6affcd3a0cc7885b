using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Reordercap;

/// <summary>
/// `mako reordercap`: Wireshark 4.0's reordercap. Sorts the frames of a capture by time stamp (frames with equal
/// time stamps keep their order) into a file of the same type. Only time stamps and file offsets are held in
/// memory; frames are read back by seeking.
/// </summary>
internal sealed class ReordercapCommand : ISubcommand
{
    public string Name => "reordercap";
    public string Summary => "Reorder the frames of a capture file by time stamp (as reordercap)";

    private const string Usage = """

        Usage: reordercap [options] <infile> <outfile>

        Options:
          -n        don't write to output file if the input file is ordered.
          -h        display this help and exit.
          -v        print version information and exit.

        """;

    private static readonly LongOption[] LongOptions = [new("help", ArgKind.None, 'h'), new("version", ArgKind.None, 'v')];

    public int Run(string[] args, CliIo io)
    {
        var err = io.Err;
        if (!new Getopt("hnv", LongOptions).TryParse(args, out var parsed, out var operands, out string? error))
        {
            err.WriteLine("reordercap: " + GetoptErrors.ToWsGetopt(error!));
            err.Write(Usage);
            return 1;
        }
        bool onlyIfUnordered = false;
        foreach (var p in parsed)
        {
            switch (p.Id)
            {
                case 'n': onlyIfUnordered = true; break;
                case 'h':
                    io.Out.WriteLine(SystemInfo.Banner("Reordercap"));
                    io.Out.WriteLine("Reorder timestamps of input file frames into output file.");
                    io.Out.WriteLine("See https://www.wireshark.org for more information.");
                    io.Out.Write(Usage);
                    return 0;
                case 'v':
                    io.Out.WriteLine(SystemInfo.Banner("Reordercap"));
                    return 0;
            }
        }
        if (operands.Count != 2)
        {
            err.Write(Usage);
            return 1;
        }
        return Reorder(operands[0], operands[1], onlyIfUnordered, io);
    }

    private static int Reorder(string inFile, string outFile, bool onlyIfUnordered, CliIo io)
    {
        var err = io.Err;
        if (inFile == "-")
        {
            err.WriteLine("reordercap: The standard input could not be opened: The standard input cannot be opened for random access.");
            return 2;
        }
        if (FailureMessages.CheckInput(inFile) is { } problem)
        {
            err.WriteLine("reordercap: " + problem);
            return 2;
        }
        FrameScan scan;
        try
        {
            scan = FrameScan.Read(inFile);
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            err.WriteLine("reordercap: " + FailureMessages.OpenFailure(inFile, e, "reordercap"));
            return 2;
        }
        // reordercap checks the output before reading any frame.
        if (outFile != "-" && FailureMessages.CheckOutputFolder(outFile) is { } bad)
        {
            err.WriteLine("reordercap: " + bad);
            return 1;
        }
        if (scan.Error is not null)
            err.WriteLine("reordercap: " + FailureMessages.ReadFailure(inFile, scan.Error, "reordercap"));

        int outOfOrder = 0;
        for (int i = 1; i < scan.Count; i++)
        {
            if (scan.Times[i] < scan.Times[i - 1])
                outOfOrder++;
        }
        string summary = $"{scan.Count} frames, {outOfOrder} out of order";
        if (outFile != "-" || (onlyIfUnordered && outOfOrder == 0))
            io.Out.WriteLine(summary);
        if (onlyIfUnordered && outOfOrder == 0)
        {
            // Wireshark's reordercap empties the output file anyway; Mako leaves it alone, as the message says.
            io.Out.WriteLine("Not writing output file because input file is already in order.");
            return 0;
        }
        int rc = scan.WriteSorted(inFile, outFile, io);
        // On standard output the capture comes first: reordercap's buffered text follows it.
        if (outFile == "-")
            io.Out.WriteLine(summary);
        return rc;
    }
}

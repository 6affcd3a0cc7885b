using Mako.Files;

namespace Mako.Cli.Tools.Mergecap;

/// <summary>
/// Decides the output interfaces of a merge and where each input interface goes (mergecap's generate_merged_idbs).
/// Two interfaces are "the same" when link type, time resolution and snapshot length agree and none of the
/// optional fields present on both (speed, FCS length, first comment, name, description, hardware, OS) differ.
/// </summary>
internal static class IdbMerger
{
    /// <returns>The output interfaces, and for each input file the output index of each of its interfaces.</returns>
    public static (List<InterfaceInfo> Merged, int[][] Map) Merge(IReadOnlyList<IReadOnlyList<InterfaceInfo>> files, IdbMergeMode mode)
    {
        var merged = new List<InterfaceInfo>();
        var map = new int[files.Count][];
        if (mode == IdbMergeMode.All && AllSame(files))
        {
            for (int i = 0; i < files[0].Count; i++)
                merged.Add(files[0][i]);
            for (int f = 0; f < files.Count; f++)
                map[f] = Enumerable.Range(0, files[0].Count).ToArray();
            return (merged, map);
        }
        for (int f = 0; f < files.Count; f++)
        {
            map[f] = new int[files[f].Count];
            for (int i = 0; i < files[f].Count; i++)
            {
                var idb = files[f][i];
                int found = mode == IdbMergeMode.Any ? merged.FindIndex(m => Same(idb, m)) : -1;
                if (found < 0)
                {
                    merged.Add(idb);
                    found = merged.Count - 1;
                }
                map[f][i] = found;
            }
        }
        return (merged, map);
    }

    private static bool AllSame(IReadOnlyList<IReadOnlyList<InterfaceInfo>> files)
    {
        for (int f = 1; f < files.Count; f++)
        {
            if (files[f].Count != files[0].Count)
                return false;
            for (int i = 0; i < files[f].Count; i++)
            {
                if (!Same(files[0][i], files[f][i]))
                    return false;
            }
        }
        return true;
    }

    public static bool Same(InterfaceInfo a, InterfaceInfo b)
    {
        if (a.LinkType != b.LinkType || a.TsResolution != b.TsResolution || a.SnapLength != b.SnapLength)
            return false;
        // An option only one side has does not make them different.
        if (a.Speed is { } sa && b.Speed is { } sb && sa != sb) return false;
        // Wireshark 4.0 inverts this test (equal FCS lengths count as different); Mako compares them the right way.
        if (a.FcsLength is { } fa && b.FcsLength is { } fb && fa != fb) return false;
        if (a.Comments.Count > 0 && b.Comments.Count > 0 && a.Comments[0] != b.Comments[0]) return false;
        return Agree(a.Name, b.Name) && Agree(a.Description, b.Description) && Agree(a.Hardware, b.Hardware) && Agree(a.Os, b.Os);
    }

    private static bool Agree(string? a, string? b) => a is null || b is null || a == b;
}

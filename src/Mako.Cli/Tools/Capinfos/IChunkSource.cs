namespace Mako.Cli.Tools.Capinfos;

/// <summary>A file handed out in order, a chunk at a time, to one or more numbered consumers.</summary>
internal interface IChunkSource
{
    /// <summary>True when reading stopped on an error (consumers then see a short stream).</summary>
    bool Failed { get; }

    /// <summary>The consumer's next chunk, valid until <see cref="Release"/>; false at the end of the file.</summary>
    bool TryNext(int consumer, out ReadOnlyMemory<byte> chunk);

    void Release(int consumer);

    /// <summary>The consumer stops reading.</summary>
    void Detach(int consumer);
}

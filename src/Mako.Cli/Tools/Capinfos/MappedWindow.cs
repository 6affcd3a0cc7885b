using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>
/// One read-only view of a memory-mapped file, seen as <see cref="Memory{T}"/>. The only unsafe code in Mako.Cli: the
/// view's address becomes a span. <see cref="FileChunks"/> unmaps a window only after every consumer released it.
/// </summary>
internal sealed unsafe class MappedWindow : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _length;

    public MappedWindow(MemoryMappedFile file, long number, long offset, int length)
    {
        Number = number;
        _length = length;
        _view = file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _start = p + _view.PointerOffset;
    }

    /// <summary>Which window of the file this is (offset / window size).</summary>
    public long Number { get; }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin() { }

    public void Unmap() => ((IDisposable)this).Dispose();

    protected override void Dispose(bool disposing)
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
    }
}

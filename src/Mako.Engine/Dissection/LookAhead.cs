namespace Mako.Engine.Dissection;

/// <summary>
/// What tshark's two-pass mode (-2) knows about a frame only from later frames: the frame that answered a request,
/// the frame that completed a reassembly, a conversation's final state. The first pass writes notes
/// (<see cref="CaptureSession.Note"/>); the second pass, a fresh session over the same file, reads them back
/// (<see cref="CaptureSession.Recall"/>) while it dissects each frame again. A note is keyed by a scope (any
/// object with identity: a field definition, a table type) and a number (a frame number, a stream index).
/// </summary>
public sealed class LookAhead
{
    private readonly Dictionary<(object Scope, long Key), long> _notes = new();

    public int Count => _notes.Count;

    public void Set(object scope, long key, long value) => _notes[(scope, key)] = value;

    public bool TryGet(object scope, long key, out long value) => _notes.TryGetValue((scope, key), out value);
}

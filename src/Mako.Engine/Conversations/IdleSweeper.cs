namespace Mako.Engine.Conversations;

/// <summary>
/// Finds conversations that have been idle for <see cref="IdleFrames"/> frames, at a constant cost per packet: the
/// conversations a protocol tracks wait in a queue with the frame at which they could first be idle; each call looks
/// at the head only when that frame has come (so a packet usually touches no conversation at all), hands it out if it
/// has been idle long enough, and otherwise queues it again with its new due frame. The queue never holds more than
/// the tracked conversations.
/// </summary>
public sealed class IdleSweeper(long idleFrames)
{
    private readonly Queue<(Conversation Conv, long Due)> _queue = new();

    public long IdleFrames { get; set; } = idleFrames;
    public int Count => _queue.Count;

    /// <summary>Tracks <paramref name="c"/>, seen last at frame <paramref name="now"/>.</summary>
    public void Track(Conversation c, long now) => _queue.Enqueue((c, now + IdleFrames));

    /// <summary>
    /// An idle conversation taken off the queue (no longer tracked: the caller retires it or tracks it again), or
    /// false. At most one conversation is looked at per call.
    /// </summary>
    public bool TryTakeIdle(long now, out Conversation idle)
    {
        idle = null!;
        if (_queue.Count == 0 || _queue.Peek().Due > now) return false;
        var c = _queue.Dequeue().Conv;
        if (now - c.LastFrame < IdleFrames)
        {
            _queue.Enqueue((c, c.LastFrame + IdleFrames));
            return false;
        }
        idle = c;
        return true;
    }
}

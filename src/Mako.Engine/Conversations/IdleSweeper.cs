namespace Mako.Engine.Conversations;

/// <summary>
/// Finds conversations that have been idle for <see cref="IdleFrames"/> frames, at a constant cost per packet: the
/// conversations a protocol tracks wait in a queue; each call looks at the head, hands it out when it has been idle
/// long enough, and otherwise moves it to the tail (it is looked at again after one trip round the queue). So an idle
/// conversation is found within IdleFrames plus one trip, and the queue never holds more than the live ones.
/// </summary>
public sealed class IdleSweeper(long idleFrames)
{
    private readonly Queue<Conversation> _queue = new();

    public long IdleFrames { get; set; } = idleFrames;
    public int Count => _queue.Count;

    public void Track(Conversation c) => _queue.Enqueue(c);

    /// <summary>
    /// An idle conversation taken off the queue, or false. At most two queue entries are looked at per call; the
    /// caller retires what it gets (or simply forgets it: it is no longer tracked).
    /// </summary>
    public bool TryTakeIdle(long now, out Conversation idle)
    {
        for (int i = 0; i < 2 && _queue.Count > 0; i++)
        {
            var c = _queue.Dequeue();
            if (now - c.LastFrame >= IdleFrames)
            {
                idle = c;
                return true;
            }
            _queue.Enqueue(c);
        }
        idle = null!;
        return false;
    }
}

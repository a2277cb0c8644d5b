namespace AdoptionBot.People;

/// <summary>
/// Values looked up in the directory recently (a user's department, a team's name), by key: each kept for a fixed
/// time, and at most a fixed number, dropping the least recently used first. A cached null means "looked up, none".
/// </summary>
internal sealed class LookupCache(int capacity, TimeSpan timeToLive, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public bool TryGet(string key, out string? value)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                _recency.Remove(node);
                _byKey.Remove(key);
            }
        }

        value = null;
        return false;
    }

    public void Set(string key, string? value)
    {
        if (timeToLive <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, value, time.GetUtcNow() + timeToLive);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_byKey.Count >= capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _byKey.Remove(oldest.Value.Key);
            }

            _byKey[key] = _recency.AddFirst(entry);
        }
    }

    private sealed record Entry(string Key, string? Value, DateTimeOffset ExpiresAt);
}

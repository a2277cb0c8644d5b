namespace AdoptionBot.People;

/// <summary>
/// Departments looked up recently, per user: each kept for a fixed time, and at most a fixed number, dropping the
/// least recently used first. A cached null means "looked up, none".
/// </summary>
internal sealed class DepartmentCache(int capacity, TimeSpan timeToLive, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _byUser = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public bool TryGet(string userId, out string? department)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var node))
            {
                if (node.Value.ExpiresAt > time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    department = node.Value.Department;
                    return true;
                }

                _recency.Remove(node);
                _byUser.Remove(userId);
            }
        }

        department = null;
        return false;
    }

    public void Set(string userId, string? department)
    {
        if (timeToLive <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(userId, department, time.GetUtcNow() + timeToLive);
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_byUser.Count >= capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _byUser.Remove(oldest.Value.UserId);
            }

            _byUser[userId] = _recency.AddFirst(entry);
        }
    }

    private sealed record Entry(string UserId, string? Department, DateTimeOffset ExpiresAt);
}

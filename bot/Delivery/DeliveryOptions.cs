using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.Delivery;

/// <summary>How the outbox of proactive messages is sent. Section "Delivery".</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "Delivery";

    /// <summary>How often the sender looks for due rows when nobody wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows claimed per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a claimed row belongs to this instance; another instance may take it over afterwards. The sender
    /// renews it past its half, before every connector call and every wait between calls, so no call or wait may
    /// last half of it: <see cref="ConnectorTimeoutSeconds"/> and <see cref="MaxRetryAfterSeconds"/> stay below.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>
    /// Delivery:ConnectorTimeoutSeconds: how long one call to the Bot Connector may take (the outbox's sends and every
    /// reply of a turn) before it is abandoned and, for the outbox, retried. Less than half of <see cref="LeaseSeconds"/>.
    /// </summary>
    [Range(1, 600, ErrorMessage = "Delivery:ConnectorTimeoutSeconds must be between 1 and 600.")]
    public int ConnectorTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Delivery:MaxRetryAfterSeconds: the longest wait between two calls of one send. A throttled call whose
    /// Retry-After asks for longer ends the send: the row is given back and tried again after the Retry-After (at
    /// most <see cref="MaxRowDelay"/>), so no lease is held through the wait. Less than half of <see cref="LeaseSeconds"/>.
    /// </summary>
    [Range(1, 1800, ErrorMessage = "Delivery:MaxRetryAfterSeconds must be between 1 and 1800.")]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Conversations sent to in parallel; rows to one conversation always go in order.</summary>
    [Range(1, 64)]
    public int MaxParallelConversations { get; set; } = 8;

    /// <summary>Connector calls per send, the first included, before the row goes back to the outbox.</summary>
    [Range(1, 10)]
    public int AttemptsPerSend { get; set; } = 4;

    /// <summary>Sends of one row before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxRowAttempts { get; set; } = 6;

    /// <summary>First retry delay; later ones grow exponentially with jitter, and a row's next send continues the sequence.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a row is sent again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRowDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Teams: messages per second to one conversation.</summary>
    [Range(1, 1000)]
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams: messages per hour to one conversation.</summary>
    [Range(1, 100000)]
    public int PerConversationPerHour { get; set; } = 1800;

    /// <summary>Teams: requests per second of the app in one tenant.</summary>
    [Range(1, 10000)]
    public int PerTenantPerSecond { get; set; } = 50;

    /// <summary>
    /// Days a sent or failed outbox row (it holds the message: digest, answer, status card) is kept; older ones are
    /// deleted in the daily retention pass, pending ones never. At least 14, so a digest week's dedup keys outlive
    /// the digest's catch-up window and a second <c>digest send</c> in the same week still adds nothing.
    /// </summary>
    [Range(14, 3650, ErrorMessage = "Delivery:RetentionDays must be between 14 and 3650.")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Added to every rate-limit window, so network jitter cannot make Teams count more than the limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RateLimitHeadroom { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan ConnectorTimeout => TimeSpan.FromSeconds(ConnectorTimeoutSeconds);

    public TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(MaxRetryAfterSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A call or a wait as long as half the lease could outlast it between two renewals: another instance would send the row again.
        if (ConnectorTimeoutSeconds * 2 >= LeaseSeconds)
        {
            yield return new ValidationResult(
                $"Delivery:ConnectorTimeoutSeconds ({ConnectorTimeoutSeconds}) must be less than half of Delivery:LeaseSeconds ({LeaseSeconds}), so a connector call cannot outlast the lease.",
                [nameof(ConnectorTimeoutSeconds)]);
        }

        if (MaxRetryAfterSeconds * 2 >= LeaseSeconds)
        {
            yield return new ValidationResult(
                $"Delivery:MaxRetryAfterSeconds ({MaxRetryAfterSeconds}) must be less than half of Delivery:LeaseSeconds ({LeaseSeconds}), so a wait between retries cannot outlast the lease.",
                [nameof(MaxRetryAfterSeconds)]);
        }
    }
}

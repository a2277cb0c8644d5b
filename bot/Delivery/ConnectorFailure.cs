using System.Globalization;
using System.Net;
using AdoptionBot.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace AdoptionBot.Delivery;

/// <summary>
/// What a failed connector call means for the outbox. The SDK's connector client reports an HTTP failure as
/// <see cref="ErrorResponseException"/> carrying the status code and the response headers.
/// </summary>
internal static class ConnectorFailure
{
    private static readonly HashSet<HttpStatusCode> Transient =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    public static HttpStatusCode? StatusOf(Exception exception) =>
        exception is ErrorResponseException { Response: { } response } ? response.StatusCode : null;

    /// <summary>Worth another call within the same send: throttling, gateway trouble, the network.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        _ when StatusOf(exception) is { } status => Transient.Contains(status),
        HttpRequestException => true,
        TimeoutException => true,
        // HttpClient's own timeout, not our cancellation
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The bot can no longer post there: removed from the team, or the conversation is gone.</summary>
    public static bool IsGone(Exception exception) => StatusOf(exception) is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    /// <summary>Sending the same row again cannot succeed.</summary>
    public static bool IsPermanent(Exception exception) =>
        IsGone(exception)
        || exception is JsonException
        || StatusOf(exception) is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge;

    /// <summary>The connector's Retry-After, in seconds or as a date, when it gave one.</summary>
    public static TimeSpan? RetryAfter(Exception? exception, DateTimeOffset now)
    {
        if (exception is not ErrorResponseException { Response.Headers: { } headers })
        {
            return null;
        }

        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            // A connector may ask for any number: beyond a day it is read as a day (the callers cap it further).
            return TimeSpan.FromSeconds(Math.Min(seconds, LongestRetryAfter.TotalSeconds));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? (date - now < LongestRetryAfter ? date - now : LongestRetryAfter) : TimeSpan.Zero)
            : null;
    }

    public static string Describe(Exception exception)
    {
        var text = exception is ErrorResponseException { Response: { } response }
            ? $"HTTP {(int)response.StatusCode} {response.StatusCode}: {exception.Message} {response.Content}"
            : $"{exception.GetType().Name}: {exception.Message}";
        return TextCut.Cut(text, OutboxMessage.MaxErrorLength);
    }
}

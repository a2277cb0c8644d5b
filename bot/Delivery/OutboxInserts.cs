using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Delivery;

public static class OutboxInserts
{
    /// <summary>
    /// Adds the row unless a row with its dedup key exists; true when added. The duplicate (two instances publishing
    /// the same digest, a redelivered activity whose reply was already spooled) is settled by the database in the
    /// insert itself, ON CONFLICT DO NOTHING (the same statement on SQLite and PostgreSQL), instead of by a failed
    /// insert that logs an error.
    /// </summary>
    public static async Task<bool> TryAddAsync(this AdoptionBotDbContext db, OutboxMessage row, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO outbox ("DedupKey", "Kind", "ConversationId", "UserChannelId", "ChannelLinkId", "TenantId", "ServiceUrl", "BotId",
                                "ActivityJson", "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc")
            VALUES ({row.DedupKey}, {row.Kind}, {row.ConversationId}, {row.UserChannelId}, {row.ChannelLinkId},
                    {row.TenantId}, {row.ServiceUrl}, {row.BotId}, {row.ActivityJson}, {OutboxStatuses.Pending}, 0, {row.CreatedAtUtc}, {row.NextAttemptAtUtc})
            ON CONFLICT ("DedupKey") DO NOTHING
            """,
            cancellationToken) == 1;
}

using AdoptionBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdoptionBot.Tests.Support;

public static class StoreQueries
{
    /// <summary>Runs one query on a context of its own, as a test reads what the bot stored.</summary>
    public static async Task<T> QueryAsync<T>(this IDbContextFactory<AdoptionBotDbContext> contexts, Func<AdoptionBotDbContext, Task<T>> query)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }
}

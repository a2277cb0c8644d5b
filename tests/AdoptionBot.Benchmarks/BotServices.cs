using AdoptionBot.AI;
using AdoptionBot.Delivery;
using AdoptionBot.Hosting;
using AdoptionBot.Knowledge;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Benchmarks;

/// <summary>The bot's knowledge and question services, composed exactly as the bot composes them, without the web server.</summary>
internal static class BotServices
{
    public static IHost Build(string knowledgePath, string dataPath, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new BotSettings().Knowledge(knowledgePath).DataFolder(dataPath).With("Knowledge:IndexOnStartup", "false"));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDataFolder();
        builder.Services.AddStore();
        builder.Services.AddKnowledge();
        builder.Services.AddQuestions();
        builder.Services.AddAI();
        return builder.Build();
    }

    /// <summary>Starts the bot on Kestrel and waits until its knowledge index can answer.</summary>
    public static async Task StartAndWaitUntilReadyAsync(Tests.EndToEnd.BotServer bot)
    {
        bot.Start();
        var search = bot.Services.GetRequiredService<Knowledge.Retrieval.IKnowledgeSearch>();
        await Poll.UntilAsync(() => search.IsReady, TimeSpan.FromMinutes(10), () => "the knowledge index to be ready", TimeSpan.FromMilliseconds(50));
    }


    /// <summary>Polls the outbox every <paramref name="interval"/> until no row whose dedup key starts with <paramref name="prefix"/> is still pending.</summary>
    public static async Task WaitUntilOutboxDrainedAsync(IDbContextFactory<AdoptionBotDbContext> contexts, string prefix, TimeSpan interval, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            await Task.Delay(interval, cancel.Token);
            await using var db = await contexts.CreateDbContextAsync(cancel.Token);
            if (!await db.Outbox.AnyAsync(o => o.DedupKey.StartsWith(prefix) && o.Status == OutboxStatuses.Pending, cancel.Token))
            {
                return;
            }
        }
    }
}

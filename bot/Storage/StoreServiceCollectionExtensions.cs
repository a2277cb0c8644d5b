using AdoptionBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Storage;

public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.SectionName)
            .PostConfigure<IOptions<StorageOptions>>((options, storage) =>
            {
                if (string.IsNullOrWhiteSpace(options.AdoptionBot))
                {
                    options.AdoptionBot = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(storage.Value.ResolvedDataPath, "adoptionbot.db"),
                        DefaultTimeout = 30,
                    }.ToString();
                }
            })
            .ValidateOnStart();

        services.AddDbContextFactory<AdoptionBotDbContext>((sp, builder) =>
            builder.UseSqlite(sp.GetRequiredService<IOptions<StoreOptions>>().Value.AdoptionBot));
        services.AddHostedService<StoreMigrationService>();
        return services;
    }
}

using AdoptionBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The store (section "Store", connection string ConnectionStrings:AdoptionBot): the context factory for SQLite or
    /// PostgreSQL, the migrations applied at start-up, the named leases and the provider's outbox claim.
    /// </summary>
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(StoreOptions.ConnectionStringName))
            .PostConfigure<IOptions<StorageOptions>>((options, storage) =>
            {
                if (options.Provider == StoreProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(storage.Value.ResolvedDataPath, "adoptionbot.db"),
                        DefaultTimeout = 30,
                    }.ToString();
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<IDbContextFactory<AdoptionBotDbContext>>(sp => StoreContextFactory.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<StoreLeases>();
        services.AddHostedService<StoreMigrationService>();
        return services;
    }
}

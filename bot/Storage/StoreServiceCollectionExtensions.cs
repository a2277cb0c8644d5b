using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The store (section "Store", connection string ConnectionStrings:AdoptionBot): the data folder, the context factory
    /// for SQLite or PostgreSQL, the migrations applied at start-up and the named leases.
    /// </summary>
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddDataFolder();
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(StoreOptions.ConnectionStringName))
            .PostConfigure<IOptions<DataFolderOptions>>((options, folder) =>
            {
                if (options.Provider == StoreProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(folder.Value.ResolvedDataPath, "adoptionbot.db"),
                        DefaultTimeout = 30,
                    }.ToString();
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<IDbContextFactory<AdoptionBotDbContext>>(sp => StoreContextFactory.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<StoreLeases>();
        services.AddHostedService<StoreMigrationService>();
        services.AddHostedService<RetentionPass>();
        return services;
    }

    /// <summary>Adds a module's rule to the daily retention pass.</summary>
    public static IServiceCollection AddRetentionRule<T>(this IServiceCollection services)
        where T : class, IRetentionRule
    {
        services.AddSingleton<IRetentionRule, T>();
        return services;
    }

    /// <summary>Resolves the data folder (Storage:DataPath, default data/ at the repository root) and creates it; once however often it is called.</summary>
    public static IServiceCollection AddDataFolder(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(DataFolderMarker)))
        {
            return services;
        }

        services.AddSingleton<DataFolderMarker>();
        services.AddOptions<DataFolderOptions>()
            .BindConfiguration(DataFolderOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.DataPath = string.IsNullOrWhiteSpace(options.DataPath)
                    ? Path.Combine(AppFolders.Root(environment.ContentRootPath), "data")
                    : Path.GetFullPath(options.DataPath, environment.ContentRootPath);
                Directory.CreateDirectory(options.DataPath);
            });

        // The keys that protect the tabs' session cookies and form tokens live in the data folder too, so a restart
        // keeps people signed in. Instances share them only when they share this folder.
        services.AddDataProtection().SetApplicationName("AdoptionBot");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataFolderOptions>, ILoggerFactory>((options, folder, logging) =>
            options.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(Path.Combine(folder.Value.ResolvedDataPath, "keys")), logging));
        return services;
    }

    private sealed class DataFolderMarker;
}

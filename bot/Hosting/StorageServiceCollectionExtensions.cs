namespace AdoptionBot.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Resolves the data folder (Storage:DataPath, default data/ at the repository root) and creates it.</summary>
    public static IServiceCollection AddDataFolder(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.DataPath = string.IsNullOrWhiteSpace(options.DataPath)
                    ? Path.Combine(RepositoryLayout.Root(environment.ContentRootPath), "data")
                    : Path.GetFullPath(options.DataPath, environment.ContentRootPath);
                Directory.CreateDirectory(options.DataPath);
            });
        return services;
    }
}

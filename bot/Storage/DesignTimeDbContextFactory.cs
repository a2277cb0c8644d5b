using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdoptionBot.Storage;

/// <summary>Lets `dotnet ef migrations add` build the SQLite context without starting the bot.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AdoptionBotDbContext>
{
    public AdoptionBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AdoptionBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets `dotnet ef migrations add --context PostgreSqlStoreContext` build the PostgreSQL context; it connects to no server.</summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlStoreContext>
{
    public PostgreSqlStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlStoreContext>().UseNpgsql("Host=localhost;Database=adoptionbot_design").Options);
}

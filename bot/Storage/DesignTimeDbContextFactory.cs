using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdoptionBot.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the bot.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AdoptionBotDbContext>
{
    public AdoptionBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AdoptionBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

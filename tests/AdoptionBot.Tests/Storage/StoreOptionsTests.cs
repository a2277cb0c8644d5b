using System.ComponentModel.DataAnnotations;
using AdoptionBot.Storage;

namespace AdoptionBot.Tests.Storage;

public sealed class StoreOptionsTests
{
    [Theory]
    [InlineData("Host=db.example.com;Database=adoptionbot;Username=bot;Password=s3cret-Value;Ssl Mode=VerifyFull")]
    [InlineData("Host=127.0.0.1;Port=5432;Username=bot;Password=s3cret-Value;Database=postgres")]
    public void Validate_PostgreSqlWithAConnectionStringNpgsqlAccepts_Passes(string connectionString)
    {
        Assert.Empty(Validate(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = connectionString }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("Data Source=/home/data/adoptionbot.db")]
    [InlineData("Host=db.example.com;Password=s3cret-Value;Colour=blue")]
    [InlineData("Database=adoptionbot;Username=bot;Password=s3cret-Value")]
    [InlineData("Host=db.example.com;Port=not-a-port;Password=s3cret-Value")]
    public void Validate_PostgreSqlWithoutAUsableConnectionString_FailsNamingTheSettingWithoutThePassword(string? connectionString)
    {
        var errors = Validate(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = connectionString });

        var error = Assert.Single(errors);
        Assert.Contains("ConnectionStrings:AdoptionBot", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteWithAPostgreSqlConnectionString_FailsPointingToStoreProvider()
    {
        var error = Assert.Single(Validate(new StoreOptions { ConnectionString = "Host=db.example.com;Password=s3cret-Value" }));

        Assert.Contains("Store:Provider", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_SqlitePasses()
    {
        Assert.Equal(StoreProvider.Sqlite, new StoreOptions().Provider);
        Assert.Empty(Validate(new StoreOptions()));
        Assert.Empty(Validate(new StoreOptions { ConnectionString = "Data Source=adoptionbot.db;Default Timeout=30" }));
    }

    [Fact]
    public void Validate_SqliteWithMoreThanOneExpectedInstance_FailsNamingBothSettings()
    {
        var error = Assert.Single(Validate(new StoreOptions { ExpectedInstances = 2 }));

        Assert.Contains("Store:ExpectedInstances is 2", error, StringComparison.Ordinal);
        Assert.Contains("Store:Provider is Sqlite", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithSeveralExpectedInstances_Passes()
    {
        Assert.Empty(Validate(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = "Host=db.example.com;Database=adoptionbot;Username=bot", ExpectedInstances = 4 }));
    }

    private static List<string> Validate(StoreOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}

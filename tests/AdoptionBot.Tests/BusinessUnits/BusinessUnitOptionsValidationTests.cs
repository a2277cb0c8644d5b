using AdoptionBot.BusinessUnits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.BusinessUnits;

public sealed class BusinessUnitOptionsValidationTests
{
    [Fact]
    public async Task DepartmentMappedToNothing_FailsNamingTheKey()
    {
        var failure = await ValidationFailureAsync<BusinessUnitOptions>(new() { ["Portfolio:DepartmentBusinessUnits:Field Service"] = " " });

        Assert.Contains(failure.Failures, f => f.Contains("Portfolio:DepartmentBusinessUnits:Field Service names no business unit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameDepartmentMappedTwice_FailsNamingTheKey()
    {
        var failure = await ValidationFailureAsync<BusinessUnitOptions>(new()
        {
            ["Portfolio:DepartmentBusinessUnits:Field Service"] = "After-sales",
            ["Portfolio:DepartmentBusinessUnits:Field Service "] = "Production",
        });

        Assert.Contains(failure.Failures, f => f.Contains("Portfolio:DepartmentBusinessUnits:Field Service", StringComparison.Ordinal) && f.Contains("already mapped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortfolioAdmins_DoNotDisturbTheDepartmentMap()
    {
        await using var services = BusinessUnitServices.Build(new()
        {
            ["Portfolio:Admins:0"] = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80",
            ["Portfolio:DepartmentBusinessUnits:Field Service"] = "After-sales",
        });

        var map = services.GetRequiredService<IOptions<BusinessUnitOptions>>().Value.DepartmentBusinessUnits;

        Assert.Equal("After-sales", Assert.Single(map).Value);
    }

    private static async Task<OptionsValidationException> ValidationFailureAsync<TOptions>(Dictionary<string, string?> settings)
        where TOptions : class
    {
        await using var services = BusinessUnitServices.Build(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TOptions>>().Value);
    }
}

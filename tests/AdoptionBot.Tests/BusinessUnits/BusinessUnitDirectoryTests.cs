using AdoptionBot.BusinessUnits;
using AdoptionBot.Tests.People;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.BusinessUnits;

/// <summary>A person's business unit, as AddPeople() and AddBusinessUnits() wire it, from the stand-in Graph.</summary>
public sealed class BusinessUnitDirectoryTests : IAsyncLifetime
{
    private const string Jana = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    private const string Malte = "0b7c1e2d-4a5f-4c3b-8d9e-1f2a3b4c5d6e";
    private const string Ole = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private const string Stranger = "11111111-2222-4333-8444-555555555555";

    private StandInGraph _graph = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddUser(Jana, "Jana Weber", "Field Service");
        _graph.AddUser(Malte, "Malte Jensen", "procurement");
        _graph.AddUser(Ole, "Ole Hansen", "Legal");
        _services = BusinessUnitServices.Build(
            new()
            {
                ["Portfolio:BusinessUnits:0"] = "After-sales",
                ["Portfolio:BusinessUnits:1"] = "Procurement",
                ["Portfolio:BusinessUnits:2"] = "Production",
                ["Graph:Enabled"] = "true",
                ["Graph:BaseUrl"] = _graph.BaseUrl,
                ["Graph:TenantId"] = "72f988bf-0000-4000-8000-000000000001",
                ["Graph:ClientId"] = "4a1b2c3d-0000-4000-8000-00000000abcd",
                ["Portfolio:DepartmentBusinessUnits:Field Service"] = "After-sales",
            },
            new StaticTokenCredential());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task OfPersonAsync_MappedDepartment_ReturnsItsBusinessUnit()
    {
        var unit = await Units.OfPersonAsync(Jana, CancellationToken.None);

        Assert.Equal("After-sales", unit);
        Assert.Equal("Bearer " + StaticTokenCredential.Token, Assert.Single(_graph.Requests).Authorization);
    }

    [Fact]
    public async Task OfPersonAsync_DepartmentIsABusinessUnitName_ReturnsThatUnit() =>
        Assert.Equal("Procurement", await Units.OfPersonAsync(Malte, CancellationToken.None));

    [Fact]
    public async Task OfPersonAsync_UnmappedDepartment_ReturnsNull() =>
        Assert.Null(await Units.OfPersonAsync(Ole, CancellationToken.None));

    [Fact]
    public async Task OfPersonAsync_UnknownUser_ReturnsNull() =>
        Assert.Null(await Units.OfPersonAsync(Stranger, CancellationToken.None));

    [Fact]
    public async Task OfPersonAsync_MappedUnitNotAmongTheConfiguredOnes_ReturnsNull()
    {
        await using var services = BusinessUnitServices.Build(GraphSettings(new() { ["Portfolio:BusinessUnits:0"] = "Procurement", ["Portfolio:BusinessUnits:1"] = "Production" }), new StaticTokenCredential());

        Assert.Null(await services.GetRequiredService<BusinessUnitDirectory>().OfPersonAsync(Jana, CancellationToken.None));
    }

    [Fact]
    public async Task OfPersonAsync_NoBusinessUnitsAnywhere_DoesNotAskGraph()
    {
        await using var services = BusinessUnitServices.Build(GraphSettings([]), new StaticTokenCredential());

        Assert.Null(await services.GetRequiredService<BusinessUnitDirectory>().OfPersonAsync(Jana, CancellationToken.None));
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task ListAsync_NoneConfigured_AreThoseOfTheCatalogue()
    {
        await using var services = BusinessUnitServices.Build([], catalogueUnits: ["Finance", "Purchasing"]);

        Assert.Equal(["Finance", "Purchasing"], await services.GetRequiredService<BusinessUnitDirectory>().ListAsync(CancellationToken.None));
    }

    private Dictionary<string, string?> GraphSettings(Dictionary<string, string?> settings)
    {
        settings["Graph:Enabled"] = "true";
        settings["Graph:BaseUrl"] = _graph.BaseUrl;
        settings["Graph:TenantId"] = "72f988bf-0000-4000-8000-000000000001";
        settings["Graph:ClientId"] = "4a1b2c3d-0000-4000-8000-00000000abcd";
        settings["Portfolio:DepartmentBusinessUnits:Field Service"] = "After-sales";
        return settings;
    }

    private BusinessUnitDirectory Units => _services.GetRequiredService<BusinessUnitDirectory>();
}

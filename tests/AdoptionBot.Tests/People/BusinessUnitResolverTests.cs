using AdoptionBot.People;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.People;

/// <summary>The resolver as AddPeople() wires it, talking to the stand-in Graph.</summary>
public sealed class BusinessUnitResolverTests : IAsyncLifetime
{
    private const string Jana = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    private const string Malte = "0b7c1e2d-4a5f-4c3b-8d9e-1f2a3b4c5d6e";
    private const string Ole = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private const string Stranger = "11111111-2222-4333-8444-555555555555";

    private static readonly string[] BusinessUnits = ["After-sales", "Procurement", "Production"];

    private StandInGraph _graph = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _graph = await StandInGraph.StartAsync();
        _graph.AddUser(Jana, "Jana Weber", "Field Service");
        _graph.AddUser(Malte, "Malte Jensen", "procurement");
        _graph.AddUser(Ole, "Ole Hansen", "Legal");
        _services = PeopleServices.Build(
            new()
            {
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
    public async Task GetBusinessUnitAsync_MappedDepartment_ReturnsItsBusinessUnit()
    {
        var unit = await Resolver.GetBusinessUnitAsync(Jana, BusinessUnits, CancellationToken.None);

        Assert.Equal("After-sales", unit);
        Assert.Equal("Bearer " + StaticTokenCredential.Token, Assert.Single(_graph.Requests).Authorization);
    }

    [Fact]
    public async Task GetBusinessUnitAsync_DepartmentIsABusinessUnitName_ReturnsThatUnit() =>
        Assert.Equal("Procurement", await Resolver.GetBusinessUnitAsync(Malte, BusinessUnits, CancellationToken.None));

    [Fact]
    public async Task GetBusinessUnitAsync_UnmappedDepartment_ReturnsNull() =>
        Assert.Null(await Resolver.GetBusinessUnitAsync(Ole, BusinessUnits, CancellationToken.None));

    [Fact]
    public async Task GetBusinessUnitAsync_UnknownUser_ReturnsNull() =>
        Assert.Null(await Resolver.GetBusinessUnitAsync(Stranger, BusinessUnits, CancellationToken.None));

    [Fact]
    public async Task GetBusinessUnitAsync_MappedUnitNotAmongTheValidOnes_ReturnsNull() =>
        Assert.Null(await Resolver.GetBusinessUnitAsync(Jana, ["Procurement", "Production"], CancellationToken.None));

    [Fact]
    public async Task GetBusinessUnitAsync_NoValidBusinessUnits_DoesNotAskGraph()
    {
        Assert.Null(await Resolver.GetBusinessUnitAsync(Jana, [], CancellationToken.None));
        Assert.Empty(_graph.Requests);
    }

    private BusinessUnitResolver Resolver => _services.GetRequiredService<BusinessUnitResolver>();
}

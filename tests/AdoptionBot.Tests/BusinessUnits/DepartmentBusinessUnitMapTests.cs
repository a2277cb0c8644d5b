using AdoptionBot.BusinessUnits;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Tests.BusinessUnits;

public sealed class DepartmentBusinessUnitMapTests
{
    private static readonly string[] BusinessUnits = ["After-sales", "Procurement", "Production"];

    private readonly DepartmentBusinessUnitMap _map = new(Options.Create(new BusinessUnitOptions
    {
        DepartmentBusinessUnits = new Dictionary<string, string>
        {
            ["Field Service"] = "After-sales",
            [" Strategic Sourcing "] = " procurement ",
            ["Marketing"] = "Brand",
        },
    }));

    [Theory]
    [InlineData("Field Service", "After-sales")]
    [InlineData("  field service ", "After-sales")]
    [InlineData("STRATEGIC SOURCING", "Procurement")]
    public void Map_MappedDepartment_ReturnsItsBusinessUnitSpeltAsValid(string department, string expected) =>
        Assert.Equal(expected, _map.Map(department, BusinessUnits));

    [Theory]
    [InlineData("Production")]
    [InlineData(" production ")]
    public void Map_DepartmentNamedLikeABusinessUnit_ReturnsThatUnit(string department) =>
        Assert.Equal("Production", _map.Map(department, BusinessUnits));

    [Theory]
    [InlineData("Legal")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Map_UnmappedDepartment_ReturnsNull(string? department) =>
        Assert.Null(_map.Map(department, BusinessUnits));

    [Fact]
    public void Map_MappedToAUnitThatIsNotValid_ReturnsNull() =>
        Assert.Null(_map.Map("Marketing", BusinessUnits));
}

namespace AdoptionBot.BusinessUnits;

public static class BusinessUnitsServiceCollectionExtensions
{
    /// <summary>The business units (section "Portfolio": BusinessUnits, DepartmentBusinessUnits) and <see cref="BusinessUnitDirectory"/>.</summary>
    public static IServiceCollection AddBusinessUnits(this IServiceCollection services)
    {
        services.AddOptions<BusinessUnitOptions>()
            .BindConfiguration(BusinessUnitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DepartmentBusinessUnitMap>();
        services.AddSingleton<BusinessUnitDirectory>();
        return services;
    }
}

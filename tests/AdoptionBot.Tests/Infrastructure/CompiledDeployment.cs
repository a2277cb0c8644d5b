namespace AdoptionBot.Tests.Infrastructure;

/// <summary>infra/bicep/main.bicep compiled to ARM JSON once for every test that inspects it.</summary>
internal static class CompiledDeployment
{
    private static readonly Lazy<Task<ArmTemplate>> LazyMain = new(BuildMainAsync);

    public static Task<ArmTemplate> MainAsync() => LazyMain.Value;

    private static async Task<ArmTemplate> BuildMainAsync()
    {
        var result = await BicepCli.BuildAsync(Path.Combine(BicepCli.TemplateFolder, "main.bicep"));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"main.bicep does not build: {result.Report}");
        }

        return ArmTemplate.Parse(result.Output);
    }
}

using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.AI;

/// <summary>
/// The real bot with AI:Provider AzureOpenAI against a stand-in model, shared by one test class (its nested Host
/// derives from this and adds its settings in <see cref="Configure"/>).
/// </summary>
public abstract class ModelBotHost : IAsyncLifetime
{
    public StandInModel Model { get; private set; } = null!;

    public BotTestHost Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await StandInModel.StartAsync();
        Bot = new BotTestHost(AIServices.AzureSettings(Model, Configure));
        await Bot.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Model.DisposeAsync();
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}

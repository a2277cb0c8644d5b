using System.Diagnostics.Metrics;
using AdoptionBot.AI;
using AdoptionBot.Knowledge;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.AI;

/// <summary>The bot's AI services composed as the bot composes them (AddKnowledge, AddQuestions, AddAI), from settings a test gives.</summary>
internal static class AIServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        // A fixed asker-hash key, so composing Questions never writes a key file into the test's folder.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Questions:AskerHashKey"] = "ai-tests-asker-hash-key-0123456789abcdef" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddKnowledge();
        services.AddQuestions();
        services.AddAI();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static Dictionary<string, string?> AzureSettings(StandInModel model, Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AI:Provider"] = "AzureOpenAI",
            ["AI:Endpoint"] = model.Endpoint,
            ["AI:ApiKey"] = "test-key-azure",
            ["AI:ChatDeployment"] = "answers-gpt",
        };
        change?.Invoke(settings);
        return settings;
    }

    public static Dictionary<string, string?> OpenAISettings(StandInModel model, Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AI:Provider"] = "OpenAI",
            ["AI:Endpoint"] = model.OpenAIEndpoint,
            ["AI:ApiKey"] = "test-key-openai",
            ["AI:ChatDeployment"] = "gpt-test-mini",
        };
        change?.Invoke(settings);
        return settings;
    }
}

/// <summary>Counts the "adoptionbot.ai.answers" measurements of one service provider's meters, by outcome.</summary>
internal sealed class OutcomeCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = [];
    private readonly Lock _gate = new();

    public OutcomeCounter(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GenerationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == GenerationMetrics.OutcomesInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    lock (_gate)
                    {
                        _counts[(string)tag.Value!] = _counts.GetValueOrDefault((string)tag.Value!) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long this[string outcome]
    {
        get
        {
            lock (_gate)
            {
                return _counts.GetValueOrDefault(outcome);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}

using System.Collections;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// The configuration a test or benchmark hosts the bot with, built in one way for every kind of host (in-process,
/// on Kestrel, as its own process). Keys are the bot's configuration keys; a later value replaces an earlier one.
/// </summary>
public sealed class BotSettings : IEnumerable<KeyValuePair<string, string?>>
{
    /// <summary>The portfolio admin of <see cref="ForTests"/>.</summary>
    public const string TestAdminObjectId = "0c1d2e3f-aaaa-4bbb-8ccc-000000000042";

    /// <summary>The employee of the test activities (Anna), channel owner of <see cref="OwnedUnits"/> in <see cref="ForTests"/>.</summary>
    public const string TestUnitOwnerObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";

    /// <summary>The business units whose channels <see cref="TestUnitOwnerObjectId"/> may link in <see cref="ForTests"/>.</summary>
    public static readonly string[] OwnedUnits = ["Purchasing", "After Sales"];

    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What most tests want: the small test knowledge base, one admin, warnings only, no question rate limit.</summary>
    public static BotSettings ForTests(string dataPath) => new BotSettings()
        .Knowledge(TestPaths.TestData("BotKnowledge"))
        .DataFolder(dataPath)
        .Admin(TestAdminObjectId)
        .LogLevel("Warning")

        // A test class asks one user's questions faster than a person would; UserRateLimitTests sets its own limit.
        .With("RateLimit:MaxPerMinute", "0")
        .UnitOwner(OwnedUnits[0], TestUnitOwnerObjectId)
        .UnitOwner(OwnedUnits[1], TestUnitOwnerObjectId)
        .WithoutGates();

    /// <summary>
    /// The gate key that, alone, configures a programme without entry criteria (one office-decided gate with none), so
    /// that tests of other things move ideas freely; <see cref="WithGuidelineGates"/> takes it away again.
    /// </summary>
    public const string NoGatesKey = "Portfolio:Gates:assessment:DecidedBy";

    public BotSettings WithoutGates() => With(NoGatesKey, "office");

    /// <summary>The guideline's gates, the default of a real deployment.</summary>
    public BotSettings WithGuidelineGates()
    {
        _values.Remove(NoGatesKey);
        return this;
    }

    /// <summary>What a benchmark wants: <paramref name="knowledgePath"/> (the sample knowledge base when null), errors only.</summary>
    public static BotSettings ForBenchmarks(string dataPath, string? knowledgePath = null) => new BotSettings()
        .Knowledge(knowledgePath ?? TestPaths.SampleKnowledge)
        .DataFolder(dataPath)
        .LogLevel("Error");

    public string? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set => _values[key] = value;
    }

    public BotSettings Knowledge(string path) => With("Knowledge:Path", path);

    public BotSettings DataFolder(string path) => With("Storage:DataPath", path);

    public BotSettings Admin(string objectId) => With("Portfolio:Admins:0", objectId);

    /// <summary>Makes <paramref name="objectId"/> a channel owner of <paramref name="unit"/> (Portfolio:UnitOwners), next to those already set.</summary>
    public BotSettings UnitOwner(string unit, string objectId)
    {
        var index = 0;
        while (_values.ContainsKey($"Portfolio:UnitOwners:{unit}:{index}"))
        {
            index++;
        }

        return With($"Portfolio:UnitOwners:{unit}:{index}", objectId);
    }

    public BotSettings LogLevel(string level) => With("Logging:LogLevel:Default", level);

    /// <summary>No app identity, like the Agents Playground without --client-id: overrides one from user secrets or the environment.</summary>
    public BotSettings Anonymous() => With("MicrosoftAppType", "").With("MicrosoftAppId", "").With("MicrosoftAppPassword", "").With("MicrosoftAppTenantId", "");

    public BotSettings With(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>Sets each setting; a null value takes the setting away (e.g. <see cref="NoGatesKey"/> for the guideline's gates).</summary>
    public BotSettings With(IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                _values.Remove(key);
            }
            else
            {
                _values[key] = value;
            }
        }

        return this;
    }

    /// <summary>The same settings as environment variables of a bot process ("Delivery:LeaseSeconds" → "Delivery__LeaseSeconds").</summary>
    public Dictionary<string, string> ToEnvironment() => _values
        .Where(pair => pair.Value is not null)
        .ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value!);

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

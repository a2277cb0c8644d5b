namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>
/// A test against a real Azure AI Search service: it runs only when all of <see cref="Variables"/> are set, and is
/// skipped otherwise with a message naming them. The index named by ADOPTIONBOT_LIVE_SEARCH_INDEX is created,
/// filled and deleted by the test: name a scratch index, never the bot's own.
/// </summary>
public sealed class LiveAzureSearchFactAttribute : FactAttribute
{
    public static readonly string[] Variables = ["ADOPTIONBOT_LIVE_SEARCH_ENDPOINT", "ADOPTIONBOT_LIVE_SEARCH_KEY", "ADOPTIONBOT_LIVE_SEARCH_INDEX"];

    public LiveAzureSearchFactAttribute()
    {
        var missing = Variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Live Azure AI Search test: set {string.Join(", ", Variables)} to run it (missing: {string.Join(", ", missing)}).";
        }
    }
}

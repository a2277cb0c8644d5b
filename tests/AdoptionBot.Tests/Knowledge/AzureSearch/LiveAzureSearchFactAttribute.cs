using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>
/// A test against a real Azure AI Search service, named by environment variables (see <see cref="LiveServiceFactAttribute"/>).
/// The index named by ADOPTIONBOT_LIVE_SEARCH_INDEX is created, filled and deleted by the test: name a scratch index,
/// never the bot's own.
/// </summary>
public sealed class LiveAzureSearchFactAttribute() : LiveServiceFactAttribute(Service, Variables)
{
    private const string Service = "Azure AI Search";
    private const string Endpoint = "ADOPTIONBOT_LIVE_SEARCH_ENDPOINT";
    private const string Key = "ADOPTIONBOT_LIVE_SEARCH_KEY";
    private const string Index = "ADOPTIONBOT_LIVE_SEARCH_INDEX";
    private static readonly string[] Variables = [Endpoint, Key, Index];

    /// <summary>The service, key and scratch index the variables name; fails naming any that is missing.</summary>
    public static AzureAISearchOptions Options()
    {
        var values = Require(Service, Variables);
        return new AzureAISearchOptions { Endpoint = values[Endpoint], ApiKey = values[Key], IndexName = values[Index] };
    }
}

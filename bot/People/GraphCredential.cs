using Azure.Core;
using Azure.Identity;

namespace AdoptionBot.People;

/// <summary>How the bot signs in to Microsoft Graph: the app registration's secret, or its managed identity.</summary>
internal static class GraphCredential
{
    public static TokenCredential Create(PeopleOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        var identity = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? options.ClientId : options.ManagedIdentityClientId;
        return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(identity!));
    }
}

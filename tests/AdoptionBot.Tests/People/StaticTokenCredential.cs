using System.Collections.Concurrent;
using Azure.Core;

namespace AdoptionBot.Tests.People;

/// <summary>Hands out one fixed access token and records which scopes were asked for.</summary>
public sealed class StaticTokenCredential(string token = StaticTokenCredential.Token) : TokenCredential
{
    public const string Token = "stand-in-graph-token";

    private readonly ConcurrentQueue<string[]> _scopes = new();

    public IReadOnlyList<string[]> RequestedScopes => [.. _scopes];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _scopes.Enqueue(requestContext.Scopes);
        return new AccessToken(token, new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

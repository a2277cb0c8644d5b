using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;

namespace AdoptionBot.Hosting;

/// <summary>
/// The SDK's request authentication, with every way a caller's token can be wrong ending as a refusal. The SDK reports
/// some of them (issuer, audience, endorsement, service URL) as <see cref="UnauthorizedAccessException"/>, which the
/// adapter answers with 401, but lets the token library's own exceptions through (no signature, a key that was never
/// published, not a JWT at all), which would surface as 500. Those become 401 here; the token itself is never logged.
/// </summary>
internal sealed class TokenRefusingAuthentication(BotFrameworkAuthentication inner, ILogger logger) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception exception) when (IsBadToken(exception))
        {
            throw Refusal(exception);
        }
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        }
        catch (Exception exception) when (IsBadToken(exception))
        {
            throw Refusal(exception);
        }
    }

    public override async Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);
        }
        catch (Exception exception) when (IsBadToken(exception))
        {
            throw Refusal(exception);
        }
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    // A malformed token surfaces as ArgumentException from the token parser; the validators' verdicts as SecurityTokenException.
    private static bool IsBadToken(Exception exception) => exception is SecurityTokenException or ArgumentException;

    private UnauthorizedAccessException Refusal(Exception exception)
    {
        HostingLog.TokenRefused(logger, exception.GetType().Name);
        return new UnauthorizedAccessException("The request's token is not valid.");
    }
}

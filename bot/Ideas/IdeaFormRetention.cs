using AdoptionBot.Storage;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Ideas;

/// <summary>Idea forms past Ideas:FormValidDays can no longer be submitted; the daily retention pass deletes them.</summary>
public sealed class IdeaFormRetention(IdeaService ideas, IOptions<IdeasOptions> options, ILogger<IdeaFormRetention> logger) : IRetentionRule
{
    public async Task RunAsync(CancellationToken cancellationToken) =>
        IdeasLog.FormsDeleted(logger, await ideas.DeleteExpiredFormsAsync(cancellationToken), options.Value.FormValidDays);
}

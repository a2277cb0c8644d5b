using AdoptionBot.BusinessUnits;
using AdoptionBot.Core;
using AdoptionBot.Core.Cards;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

/// <summary>A card shown under a "not covered" answer, offering the employee a next step (submit an idea, ask an expert).</summary>
public interface INotCoveredOffer
{
    AdaptiveCard OfferFor(string question);
}

/// <summary>A card sent after an employee rates an answer unhelpful, offering a next step (ask an expert).</summary>
public interface IUnhelpfulAnswerOffer
{
    AdaptiveCard OfferFor(string question);
}

/// <summary>Answers a question in the conversation and records the question with its outcome and the asker's business unit.</summary>
public sealed class QuestionHandler(
    QuestionAnswerer answerer,
    IKnowledgeSearch search,
    IQuestionLog log,
    BusinessUnitDirectory businessUnits,
    IEnumerable<INotCoveredOffer> offers,
    FollowUpContext followUps,
    AskerHash askers,
    UserRateLimit rateLimit,
    AnswerLinks links,
    IOptions<QuestionsOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<QuestionHandler> logger) : IQuestionHandler
{
    public async Task HandleAsync(ITurnContext turnContext, string question, CancellationToken cancellationToken)
    {
        if (question.Length > options.Value.MaxQuestionLength)
        {
            await turnContext.SendActivityAsync(
                $"That message is {question.Length:N0} characters long; I can take questions of up to {options.Value.MaxQuestionLength:N0}. Please shorten it to the question itself.",
                cancellationToken: cancellationToken);
            return;
        }

        if (!rateLimit.TryTake(turnContext.Activity, "question"))
        {
            await turnContext.SendActivityAsync(rateLimit.Refusal, cancellationToken: cancellationToken);
            return;
        }

        if (!search.IsReady)
        {
            await turnContext.SendActivityAsync("I'm still reading the knowledge base after a restart. Please ask again in a minute.", cancellationToken: cancellationToken);
            return;
        }

        var started = time.GetTimestamp();
        var stream = Streams(turnContext.Activity) ? new TeamsAnswerStream(turnContext, links, time, logger) : null;
        var inContext = await followUps.ForAsync(turnContext.Activity, question, cancellationToken);
        Answer answer;
        try
        {
            answer = await answerer.AnswerAsync(inContext, ConversationOrigin.From(turnContext.Activity)?.TenantId, stream, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsBackendFailure(ex))
        {
            // The index service or the embedding model is down or slow: say so plainly, within the turn.
            QuestionsLog.BackendUnavailable(logger, ex.GetType().Name);
            QuestionsLog.BackendFailureDetail(logger, ex.Message);
            metrics.Answer(AnswerMetricOutcomes.Unavailable);
            var unavailable = MessageFactory.Text(
                "I can't reach the knowledge search right now, so I can't give you a reliable answer. Please ask again in a few minutes.");
            stream?.Finish(unavailable);
            await turnContext.SendActivityAsync(unavailable, cancellationToken);
            return;
        }

        var reply = AnswerActivityFactory.Build(answer with { Text = links.Filter(answer.Text) });
        if (!answer.IsCovered)
        {
            reply.Attachments = [.. offers.Select(o => CardSerializer.ToAttachment(o.OfferFor(question)))];
        }

        stream?.Finish(reply);

        var sent = await turnContext.SendActivityAsync(reply, cancellationToken);
        var latency = time.GetElapsedTime(started);
        QuestionsLog.Answered(logger, answer.Outcome, answer.Citations.Count, answer.TopRelevance, answer.Confidence, (long)latency.TotalMilliseconds);
        metrics.Answer(answer.Outcome);

        try
        {
            await RecordAsync(turnContext, question, answer, sent?.Id ?? reply.Id, latency, cancellationToken);
        }
        catch (Exception ex) when (StoreErrors.IsTransient(ex))
        {
            // The answer is out; failing the turn now would put an apology under it. The analytics row is the only loss.
            QuestionsLog.QuestionNotRecorded(logger, answer.Outcome, ex.GetType().Name);
            metrics.StoreBusy("question_record");
        }
    }

    private async Task RecordAsync(ITurnContext turnContext, string question, Answer answer, string? answerId, TimeSpan latency, CancellationToken cancellationToken)
    {
        // Looked up once the answer is out, so a slow directory never delays it.
        var businessUnit = await businessUnits.CountsForAsync(turnContext.Activity, cancellationToken);

        await log.RecordQuestionAsync(
            new QuestionRecord
            {
                AnswerId = answerId ?? Guid.NewGuid().ToString("N"),
                ConversationId = turnContext.Activity.Conversation?.Id,
                TenantId = ConversationOrigin.From(turnContext.Activity)?.TenantId,
                ConversationType = turnContext.Activity.Conversation?.ConversationType ?? "personal",
                AskerHash = askers.Of(turnContext.Activity),
                BusinessUnit = businessUnit,
                Question = question,
                Outcome = answer.Outcome,
                Sources = string.Join('|', answer.Citations.Select(c => c.Chunk.SourceId).Distinct()),
                TopRelevance = answer.TopRelevance,
                LatencyMs = (int)latency.TotalMilliseconds,
                AskedAtUtc = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken);
    }

    private static bool IsBackendFailure(Exception exception) =>
        exception is TimeoutException or HttpRequestException or Azure.RequestFailedException or System.ClientModel.ClientResultException;

    // Teams streams only in one-on-one chats; channels and group chats get the answer as one message.
    private bool Streams(IActivity activity) =>
        answerer.CanStream
        && activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams
        && ConversationScope.IsPersonal(activity);
}

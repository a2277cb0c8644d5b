using AdoptionBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AdoptionBot.Questions;

/// <summary>
/// Teams streaming in a personal chat: an informative typing activity whose id becomes the stream id, then typing
/// activities with the text so far (at most one a second, as Teams allows), then the answer message marked final.
/// Each carries a "streaminfo" entity with the stream id, type and sequence number. If the connector refuses an update
/// (e.g. the user pressed Stop), streaming stops and the answer is sent as an ordinary message. The text so far shows
/// only the links <see cref="AnswerLinks"/> allows, as the final answer does.
/// </summary>
public sealed class TeamsAnswerStream(ITurnContext turnContext, AnswerLinks links, TimeProvider time, ILogger logger) : IAnswerStream
{
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);
    private const int MaxInformativeLength = 1000;

    private int _sequence;
    private long _lastSent;
    private string _lastText = "";
    private bool _broken;

    /// <summary>The id Teams gave the stream; null until the informative update went out (or when it failed).</summary>
    public string? StreamId { get; private set; }

    public async Task InformAsync(string status, CancellationToken cancellationToken)
    {
        if (_broken)
        {
            return;
        }

        var update = Typing(TextCut.Cut(status, MaxInformativeLength), "informative");
        var response = await TrySendAsync(update, cancellationToken);
        StreamId ??= response?.Id;
        _broken |= StreamId is null;
    }

    public async Task WriteAsync(string textSoFar, CancellationToken cancellationToken)
    {
        if (_broken || StreamId is null || textSoFar.Length <= _lastText.Length || time.GetElapsedTime(_lastSent) < UpdateInterval)
        {
            return;
        }

        _lastText = textSoFar;
        await TrySendAsync(Typing(links.Filter(textSoFar), "streaming"), cancellationToken);
    }

    /// <summary>Marks <paramref name="reply"/> as the end of the stream, unless streaming never started or broke off.</summary>
    public void Finish(Activity reply)
    {
        if (_broken || StreamId is null)
        {
            return;
        }

        reply.Entities ??= [];
        reply.Entities.Add(StreamInfo("final"));
    }

    private Activity Typing(string text, string streamType)
    {
        var typing = new Activity(ActivityTypes.Typing) { Text = text, Entities = [StreamInfo(streamType)] };
        return typing;
    }

    private Entity StreamInfo(string streamType)
    {
        var entity = new Entity("streaminfo");
        entity.Properties["streamType"] = streamType;
        entity.Properties["streamSequence"] = ++_sequence;
        if (StreamId is not null)
        {
            entity.Properties["streamId"] = StreamId;
        }

        return entity;
    }

    private async Task<ResourceResponse?> TrySendAsync(Activity update, CancellationToken cancellationToken)
    {
        try
        {
            var response = await turnContext.SendActivityAsync(update, cancellationToken);
            _lastSent = time.GetTimestamp();
            return response;
        }
        catch (Exception exception) when (exception is ErrorResponseException or HttpRequestException)
        {
            _broken = true;
            QuestionsLog.StreamUpdateFailed(logger, exception.GetType().Name, exception);
            return null;
        }
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Channels;
using AdoptionBot.Delivery;
using AdoptionBot.Experts;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Hostile;

/// <summary>
/// Posts every file of TestData/Hostile to /api/messages as raw bytes. Each case is described in cases.json: the status
/// class, what the user must be told (or that nothing is sent), what they must not be shown, and whether the one legitimate effect (a question
/// logged) is expected. Nothing else in the store may change, no turn may fail, and the bot writes only to the connector.
/// </summary>
public sealed partial class HostileActivityTests(HostileCorpusHost corpus) : IClassFixture<HostileCorpusHost>
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in HostileCase.Manifest().Select(p => p.Key).Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Corpus_EveryFileHasACaseAndEveryCaseAFile()
    {
        var files = Directory.GetFiles(TestPaths.TestData("Hostile")).Select(f => Path.GetFileName(f)).Where(f => f != "cases.json").Order(StringComparer.Ordinal).ToList();
        var described = HostileCase.Manifest().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(described, files);
        Assert.True(files.Count >= 55, $"the corpus has {files.Count} cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_HostileActivity_AnswersWithoutServerErrorAndChangesNothingStored(string file)
    {
        var expected = HostileCase.Load(file);
        var host = corpus.Host;
        var id = "hostile-" + Guid.NewGuid().ToString("N");
        var body = expected.Body(host.Connector.ServiceUrl, id);
        var storeBefore = await StoreSnapshot.TakeAsync(host);
        var sentBefore = host.Connector.Sent.Count;
        corpus.Logs.Clear();

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(expected.ContentType);
        using var response = await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var responseBody = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var sent = host.Connector.Sent.Skip(sentBefore).ToList();
        var said = string.Join("\n", sent.Select(a => a.Activity.ToJsonString(Readable)).Append(ReadableBody(responseBody)));

        Assert.True(status is >= 200 and < 500, $"{file}: status {status} {responseBody}");
        Assert.True(expected.StatusClass == status / 100, $"{file}: expected {expected.StatusClass}xx, got {status}");
        Assert.DoesNotContain(corpus.Logs.Entries, e => e.Level >= LogLevel.Error);
        if (expected.Reply is null)
        {
            Assert.Empty(sent);
        }
        else
        {
            Assert.Contains(expected.Reply, said, StringComparison.Ordinal);
        }

        // Checked on the turn's own replies: a portfolio view asked for in a channel goes, as it should, to the member's 1:1 chat.
        var shown = string.Join("\n", sent.Where(a => a.ReplyToId == id).Select(a => a.Activity.ToJsonString(Readable)).Append(ReadableBody(responseBody)));
        Assert.All(expected.MustNotShow, secret => Assert.DoesNotContain(secret, shown, StringComparison.Ordinal));

        // Escaped ("\<script\>", shown as text) is how the portfolio team's digest quotes a question that was a tag.
        Assert.DoesNotContain(sent.SelectMany(a => ShownText(a.Activity)), shown => UnescapedScriptTag().IsMatch(shown));
        Assert.Equal(storeBefore.Expect(expected), await StoreSnapshot.TakeAsync(host));
        if (expected.PrivateAnswer)
        {
            // Delivered in the background: wait for it here, so that it does not arrive during the next case.
            await Poll.UntilAsync(
                async () => await host.QueryStoreAsync(db => db.Outbox.CountAsync(o => o.DedupKey.StartsWith(StoreSnapshot.PrivateAnswerKey) && o.Status != OutboxStatuses.Sent)) == 0,
                TimeSpan.FromSeconds(30),
                () => $"{file}: the private answer to reach the member's 1:1 chat");
        }
    }

    [GeneratedRegex(@"(?<!\\)<script", RegexOptions.IgnoreCase)]
    private static partial Regex UnescapedScriptTag();

    /// <summary>What Teams shows of an activity: its text and every text and title in its cards (action data is not shown).</summary>
    private static IEnumerable<string> ShownText(JsonNode? node, string? name = null) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "data").SelectMany(p => ShownText(p.Value, p.Key)),
        JsonArray a => a.SelectMany(item => ShownText(item, name)),
        JsonValue v when name is "text" or "title" && v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static string ReadableBody(string body)
    {
        try
        {
            return JsonNode.Parse(body)?.ToJsonString(Readable) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>One entry of cases.json and its file.</summary>
    private sealed partial record HostileCase(string File, int StatusClass, string? Reply, bool QuestionLogged, string ContentType, IReadOnlyList<string> MustNotShow, bool PrivateAnswer)
    {
        public static IReadOnlyDictionary<string, JsonNode?> Manifest() =>
            JsonNode.Parse(System.IO.File.ReadAllText(TestPaths.TestData("Hostile", "cases.json")))!.AsObject().ToDictionary(p => p.Key, p => p.Value);

        public static HostileCase Load(string file)
        {
            var entry = Manifest()[file]!.AsObject();
            return new HostileCase(
                file,
                int.Parse(entry["status"]!.GetValue<string>()[..1], System.Globalization.CultureInfo.InvariantCulture),
                entry["reply"]?.GetValue<string>(),
                entry["questionLogged"]?.GetValue<bool>() ?? false,
                entry["contentType"]?.GetValue<string>() ?? "application/json",
                entry["mustNotShow"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [],
                entry["privateAnswer"]?.GetValue<bool>() ?? false);
        }

        /// <summary>The file's bytes with its markers filled in: the connector's address, a fresh id, repeated text and nesting.</summary>
        public byte[] Body(string serviceUrl, string id)
        {
            var bytes = System.IO.File.ReadAllBytes(TestPaths.TestData("Hostile", File));
            var text = Encoding.UTF8.GetString(bytes);
            if (!text.Contains("{{", StringComparison.Ordinal))
            {
                return bytes;
            }

            text = text.Replace("{{serviceUrl}}", serviceUrl, StringComparison.Ordinal).Replace("{{id}}", id, StringComparison.Ordinal);
            text = Repeat().Replace(text, m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))));
            text = Nest().Replace(text, m =>
            {
                var depth = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                return string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            });
            return Encoding.UTF8.GetBytes(text);
        }

        [GeneratedRegex(@"\{\{repeat:(\d+):([^}]*)\}\}")]
        private static partial Regex Repeat();

        [GeneratedRegex(@"\{\{nest:(\d+)\}\}")]
        private static partial Regex Nest();
    }

    /// <summary>A hash of every row of every table a turn can write, except leases (background services renew those).</summary>
    private sealed record StoreSnapshot(int Questions, int PrivateAnswers, string Hash)
    {
        public static async Task<StoreSnapshot> TakeAsync(BotTestHost host) => await host.QueryStoreAsync(async db =>
        {
            var tables = new List<object>
            {
                await db.AnswerFeedback.AsNoTracking().OrderBy(f => f.AnswerId).ToListAsync(),
                await db.Ideas.AsNoTracking().OrderBy(i => i.Id).ToListAsync(),
                await db.IdeaStatusChanges.AsNoTracking().ToListAsync(),
                await db.IdeaForms.AsNoTracking().OrderBy(f => f.FormId).ToListAsync(),
                await db.ChannelLinks.AsNoTracking().ToListAsync(),
                await db.Set<ChannelLinkChange>().AsNoTracking().ToListAsync(),
                await db.PersonalConversations.AsNoTracking().OrderBy(p => p.UserObjectId).ToListAsync(),
                await db.Outbox.AsNoTracking().Where(o => !o.DedupKey.StartsWith(PrivateAnswerKey)).ToListAsync(),
                await db.ExpertTickets.AsNoTracking().OrderBy(t => t.Id).ToListAsync(),
                await db.TicketEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(),
                await db.ExpertChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
                await db.FaqEntries.AsNoTracking().OrderBy(f => f.Id).ToListAsync(),
            };
            var questions = await db.Questions.AsNoTracking().ToListAsync();
            var privateAnswers = await db.Outbox.CountAsync(o => o.DedupKey.StartsWith(PrivateAnswerKey));
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(tables))));
            return new StoreSnapshot(questions.Count, privateAnswers, hash);
        });

        /// <summary>What a portfolio view asked for in a shared conversation leaves: its answer queued for the member's 1:1 chat.</summary>
        public const string PrivateAnswerKey = "private:";

        public StoreSnapshot Expect(HostileCase expected) => this with
        {
            Questions = Questions + (expected.QuestionLogged ? 1 : 0),
            PrivateAnswers = PrivateAnswers + (expected.PrivateAnswer ? 1 : 0),
        };
    }
}

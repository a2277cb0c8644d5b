using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Experts;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Hostile;

/// <summary>
/// The bot for the hostile corpus, with what a real store would already hold: the 1:1 conversations of the two users the
/// activities come from, a form issued to the first user, one issued to someone else, an idea someone else submitted, channels that
/// follow Purchasing and Research and Development, one person's unanswered question asked five times this week, and a
/// Markdown link (<see cref="Lure"/>) in every field a person writes: an open idea's problem, an idea in the catalogue
/// (title, problem, solution, benefit, submitter's name, a decision comment) and a question three people asked.
/// </summary>
public sealed class HostileCorpusHost : IAsyncLifetime
{
    public const string UserObjectId = "5f2d6a3e-8c1b-4f7e-9a2d-3b4c5d6e7f80";
    public const string OwnFormId = "hostileformissuedtoanna0001";
    public const string OtherUsersFormId = "hostileformissuedtosomeoneelse01";
    public const string OtherUsersSubmittedFormId = "hostileformsubmittedbysomeoneelse";
    public const string PurchasingChannelId = "19:hostilepurchasingchannel@thread.tacv2";
    public const string TenantId = "72f988bf-0000-4000-8000-000000000001";
    private const string BotId = "28:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    /// <summary>A phishing link as a person could type it; escaped, it shows as text and never reads "re-verify](https".</summary>
    public const string Lure = "[Your Copilot licence expires – re-verify](https://evil.example/login)";

    public HostileCorpusHost() =>
        Host = new BotTestHost(new Dictionary<string, string?>(), services => services.AddSingleton<ILoggerProvider>(Logs));

    public BotTestHost Host { get; }

    /// <summary>What the bot logged; an entry at Error or above is a failure even when the caller got 200.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        // Relative to now: forms expire after Ideas:FormValidDays and the digest counts this week's questions.
        var issued = DateTime.UtcNow.AddHours(-1);
        await Host.QueryStoreAsync(async db =>
        {
            foreach (var (objectId, userId) in new[] { (UserObjectId, "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"), (BotTestHost.AdminObjectId, "29:adminUser0042") })
            {
                db.PersonalConversations.Add(new PersonalConversation
                {
                    UserObjectId = objectId,
                    UserChannelId = userId,
                    ConversationId = "a:1XyZpersonalConversation0001",
                    TenantId = TenantId,
                    ServiceUrl = Host.Connector.ServiceUrl,
                    BotId = BotId,
                    UpdatedAtUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
                });
            }

            db.IdeaForms.Add(new IdeaForm { FormId = OwnFormId, IssuedToObjectId = UserObjectId, IssuedAtUtc = issued });
            db.IdeaForms.Add(new IdeaForm { FormId = OtherUsersFormId, IssuedToObjectId = "99999999-0000-4000-8000-00000000abcd", IssuedAtUtc = issued });
            db.Ideas.Add(new Idea
            {
                FormId = OtherUsersSubmittedFormId,
                Title = "Negotiation playbook for the Q3 supplier tender",
                Problem = "Buyers prepare each tender from scratch. " + Lure,
                BusinessUnit = "Purchasing",
                DataClassification = "confidential",
                Status = PipelineStages.Submitted,
                SubmitterObjectId = "99999999-0000-4000-8000-00000000abcd",
                SubmitterName = "Someone Else",
                CreatedAtUtc = new DateTime(2026, 11, 27, 9, 5, 0, DateTimeKind.Utc),
                UpdatedAtUtc = new DateTime(2026, 11, 27, 9, 5, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync(); // IDEA-0003, as the cases name it: the two use cases of the test catalogue came first
            var published = new Idea
            {
                FormId = "hostileformofthecatalogueidea01",
                Title = "Tender summaries " + Lure,
                Problem = "Long tenders. " + Lure,
                Solution = "Summaries. " + Lure,
                Benefit = "Hours saved. " + Lure,
                BusinessUnit = "Purchasing",
                DataClassification = "internal",
                Status = PipelineStages.ProofOfConcept,
                Published = true,
                SubmitterObjectId = "99999999-0000-4000-8000-00000000abce",
                SubmitterName = "[IT Helpdesk](https://evil.example/helpdesk)",
                TenantId = TenantId,
                CreatedAtUtc = new DateTime(2026, 11, 27, 9, 6, 0, DateTimeKind.Utc),
                UpdatedAtUtc = new DateTime(2026, 11, 28, 9, 6, 0, DateTimeKind.Utc),
            };
            db.Ideas.Add(published);
            await db.SaveChangesAsync();
            db.IdeaStatusChanges.Add(new IdeaStatusChange
            {
                IdeaId = published.Id,
                FromStatus = PipelineStages.Assessment,
                ToStatus = PipelineStages.ProofOfConcept,
                Comment = "Approved. " + Lure,
                ChangedByObjectId = BotTestHost.AdminObjectId,
                ChangedByName = "Portfolio Admin",
                ChangedAtUtc = new DateTime(2026, 11, 28, 9, 6, 0, DateTimeKind.Utc),
            });
            foreach (var (channelId, teamId, unit) in new[]
            {
                (PurchasingChannelId, "19:hostilepurchasingteam@thread.tacv2", "Purchasing"),
                ("19:hostilerndchannel@thread.tacv2", "19:hostilerndteam@thread.tacv2", "Research and Development"),
            })
            {
                db.Set<ChannelLink>().Add(new ChannelLink
                {
                    ChannelId = channelId,
                    TeamId = teamId,
                    TenantId = TenantId,
                    ServiceUrl = Host.Connector.ServiceUrl,
                    BotId = BotId,
                    BusinessUnit = unit,
                    LinkedByObjectId = BotTestHost.AdminObjectId,
                    LinkedByName = "Portfolio Admin",
                    LinkedAtUtc = issued,
                });
            }

            // Another employee's ticket, answered (ASK-0001), and an FAQ entry waiting for approval (FAQ-0001).
            db.ExpertTickets.Add(new ExpertTicket
            {
                TenantId = TenantId,
                RequestKey = "hostile-ticket-0001",
                Question = "Can my team lead read the prompts I type into the AI assistant?",
                Origin = TicketOrigins.NotCovered,
                AskerObjectId = "99999999-0000-4000-8000-00000000abcd",
                AskerName = "Someone Else",
                State = TicketStates.Answered,
                AnswerText = "The expert said: only with a works-council agreement.",
                AnsweredByName = "Megan Bowen",
                AnsweredAtUtc = issued,
                Answers = 1,
                CreatedAtUtc = issued,
                WaitingSinceUtc = issued,
                PostedAtUtc = issued,
            });
            db.FaqEntries.Add(new FaqEntry
            {
                TenantId = TenantId,
                Question = "Pending entry about the tender leak",
                Answer = "Not yet approved.",
                ExpertName = "Megan Bowen",
                State = FaqStates.Pending,
                AnsweredAtUtc = issued,
                ProposedAtUtc = issued,
                UpdatedAtUtc = issued,
            });

            // Enough times to lead the list, by one person only: below Digest:MinGapAskers, so no unit digest may show it.
            for (var i = 0; i < 5; i++)
            {
                db.Set<QuestionRecord>().Add(new QuestionRecord
                {
                    AnswerId = $"hostile-gap-{i}",
                    TenantId = TenantId,
                    ConversationType = "personal",
                    AskerHash = "one-asker",
                    Question = "How do I report my manager Xavier Quint (xavier.quint@contoso.com) for expense fraud?",
                    Outcome = AnswerOutcomes.NotCovered,
                    AskedAtUtc = issued.AddMinutes(i),
                });
            }

            // Asked by three people: enough for a unit's digest to publish it (as a label) and the company's to quote it.
            for (var i = 0; i < 3; i++)
            {
                db.Set<QuestionRecord>().Add(new QuestionRecord
                {
                    AnswerId = $"hostile-lure-{i}",
                    TenantId = TenantId,
                    ConversationType = "personal",
                    AskerHash = $"lure-asker-{i}",
                    Question = Lure + " what now?",
                    Outcome = AnswerOutcomes.NotCovered,
                    AskedAtUtc = issued.AddMinutes(10 + i),
                });
            }

            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

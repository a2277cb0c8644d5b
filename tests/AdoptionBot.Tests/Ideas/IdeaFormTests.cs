using System.Text.Json.Nodes;
using AdoptionBot.Ideas;
using AdoptionBot.Storage;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.Ideas;

/// <summary>
/// An idea form belongs to the person it was issued to, by Entra object id, for Ideas:FormValidDays: after that it is
/// refused at submission and the daily retention pass deletes it. Without an object id nobody owns a form.
/// </summary>
public sealed class IdeaFormTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Submit_FormOlderThanFormValidDays_IsRefusedAsExpiredAndNothingIsStored()
    {
        await using var host = await StartAsync();
        var formId = await host.NewIdeaFormAsync();
        _time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        var body = await host.PressAndReadAsync(BotTestHost.IdeaSubmission(formId, "Supplier report digest"));

        Assert.Contains("This form has expired", body, StringComparison.Ordinal);
        Assert.Contains("14 days", body, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [Fact]
    public async Task Submit_FormWithinFormValidDays_IsStored()
    {
        await using var host = await StartAsync();
        var formId = await host.NewIdeaFormAsync();
        _time.Advance(TimeSpan.FromDays(13));

        var body = await host.PressAndReadAsync(BotTestHost.IdeaSubmission(formId, "Supplier report digest"));

        Assert.Matches(BotTestHost.IdeaId(), body);
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    [Fact]
    public async Task RetentionPass_DeletesFormsPastFormValidDays_AndKeepsYoungerOnes()
    {
        await using var host = await StartAsync(("Ideas:FormValidDays", "3"));
        var old = await host.NewIdeaFormAsync();
        _time.Advance(TimeSpan.FromDays(2));
        var young = await host.NewIdeaFormAsync();
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await ActivatorUtilities.CreateInstance<RetentionPass>(host.Services).RunOnceAsync(CancellationToken.None);

        var left = await host.QueryStoreAsync(db => db.IdeaForms.Select(f => f.FormId).ToListAsync());
        Assert.Equal([young], left);
        Assert.Contains("can't be used any more", await host.PressAndReadAsync(BotTestHost.IdeaSubmission(old, "Too late")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewIdea_WithoutAnEntraObjectId_IssuesNoFormAndSaysWhy()
    {
        await using var host = await StartAsync();

        var reply = await host.AskAsync(host.Activity("personal-message.json", a =>
        {
            a["text"] = "new idea";
            a["from"]!.AsObject().Remove("aadObjectId");
        }));

        Assert.Contains("work account", ShownText.Joined(reply), StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryStoreAsync(db => db.IdeaForms.CountAsync()));
    }

    [Fact]
    public async Task Submit_WithoutAnEntraObjectId_DoesNotMatchAnotherUsersMissingId()
    {
        await using var host = await StartAsync();
        const string title = "Idea of someone whose client sent no object id";
        await host.QueryStoreAsync(async db =>
        {
            // A form and an idea stored for a user without an object id, as earlier versions did.
            db.IdeaForms.Add(new IdeaForm { FormId = "nullownedform", IssuedToObjectId = null, IssuedAtUtc = _time.GetUtcNow().UtcDateTime });
            db.Ideas.Add(new Idea
            {
                FormId = "nullownedform", Title = title, Problem = "Kept private.", BusinessUnit = "Purchasing", DataClassification = "internal",
                Status = "submitted", SubmitterName = "Someone Else", CreatedAtUtc = _time.GetUtcNow().UtcDateTime, UpdatedAtUtc = _time.GetUtcNow().UtcDateTime, Version = 1,
            });
            return await db.SaveChangesAsync();
        });

        var body = await host.PressAndReadAsync(BotTestHost.IdeaSubmission("nullownedform", "replayed"), change: a => a["from"]!.AsObject().Remove("aadObjectId"));

        Assert.DoesNotContain(title, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone Else", body, StringComparison.Ordinal);
        Assert.Contains("work account", body, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryStoreAsync(db => db.Ideas.CountAsync(i => i.Origin == IdeaOrigins.Teams)));
    }

    private Task<BotTestHost> StartAsync(params (string Key, string Value)[] settings) =>
        BotTestHost.StartAsync(
            settings.ToDictionary(s => s.Key, s => (string?)s.Value),
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);

                // The tests run the retention pass themselves, when they choose, not whenever the clock jumps past its hour.
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RetentionPass)));
            });
}

using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Ideas;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Hosting;

/// <summary>Bot:AllowedTenants, through /api/messages: other tenants' activities are dropped unanswered and unstored.</summary>
public sealed class TenantAllowListTests : IAsyncLifetime
{
    private const string AllowedTenant = "72f988bf-0000-4000-8000-000000000001";
    private const string OtherTenant = "d1e2f3a4-0000-4000-8000-0000000000aa";

    private readonly CapturingLoggerProvider _logs = new();
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BotTestHost(
            new Dictionary<string, string?> { ["Bot:AllowedTenants:0"] = AllowedTenant },
            services => services.AddSingleton<ILoggerProvider>(_logs));
        await _host.InitializeAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Message_FromAnotherTenant_IsDroppedWithAWarningNamingTheTenant_NothingSentOrStored()
    {
        var message = _host.Activity("personal-message.json", a => FromTenant(a, OtherTenant));

        using var response = await _host.PostAsync(message);

        Assert.True(response.IsSuccessStatusCode, $"status {response.StatusCode}");
        Assert.Empty(_host.Connector.Sent);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.Questions.CountAsync()));
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.PersonalConversations.CountAsync()));
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(OtherTenant, StringComparison.Ordinal));
        Assert.DoesNotContain("ChatGPT", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageWithTheTenantOnlyInChannelData_FromAnotherTenant_IsDropped()
    {
        var message = _host.Activity("personal-message.json", a =>
        {
            a["conversation"]!.AsObject().Remove("tenantId");
            a["channelData"]!["tenant"]!["id"] = OtherTenant;
        });

        using var response = await _host.PostAsync(message);

        Assert.True(response.IsSuccessStatusCode, $"status {response.StatusCode}");
        Assert.Empty(_host.Connector.Sent);
    }

    [Fact]
    public async Task CardInvoke_FromAnotherTenant_GetsAnEmpty200AndIssuesNoForm()
    {
        var invoke = _host.Activity("card-action-invoke.json", a =>
        {
            FromTenant(a, OtherTenant);
            a["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "idea.new", ["data"] = new JsonObject { ["verb"] = "idea.new" } };
        });

        using var response = await _host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("adaptive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _host.QueryStoreAsync(db => db.IdeaForms.CountAsync()));
    }

    [Fact]
    public async Task Message_FromAnAllowedTenant_IsAnswered()
    {
        var reply = await _host.AskAsync(_host.Activity("personal-message.json"));

        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("AllowedTenants", StringComparison.Ordinal) && e.Message.Contains(AllowedTenant, StringComparison.Ordinal));
    }

    private static void FromTenant(JsonObject activity, string tenantId)
    {
        activity["conversation"]!["tenantId"] = tenantId;
        activity["channelData"]!["tenant"]!["id"] = tenantId;
    }
}

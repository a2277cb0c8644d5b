using System.Net;
using System.Text.Json.Nodes;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdoptionBot.Tests.Hosting;

/// <summary>
/// What an operator's log (Information and above) may hold: outcomes, counts and ids, never what users typed.
/// Tokens are covered by <see cref="AuthenticationTests"/>.
/// </summary>
public sealed class LoggingHygieneTests : IAsyncLifetime
{
    private const string QuestionMarker = "quokka-7391";
    private const string IdeaMarker = "pangolin-2846";
    private const string FailedTurnMarker = "axolotl-5512";

    private readonly CapturingLoggerProvider _logs = new();
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BotTestHost(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services => services.AddSingleton<ILoggerProvider>(_logs));
        await _host.InitializeAsync();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task QuestionIdeaAndAFailingConnector_LeaveNoUserTextInLogsAtInformationOrAbove()
    {
        await _host.AskAsync(_host.Activity("personal-message.json", a => a["text"] = $"Can I paste customer data into ChatGPT for project {QuestionMarker}?"));
        await SubmitIdeaAsync();
        _host.Connector.FailWith = HttpStatusCode.InternalServerError;
        using (await _host.PostAsync(_host.Activity("personal-message.json", a => a["text"] = $"Which AI tools are approved for {FailedTurnMarker}?")))
        {
        }

        _host.Connector.FailWith = null;

        var operatorLog = _logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Contains(operatorLog, e => e.Message.StartsWith("Question answered", StringComparison.Ordinal));
        Assert.Contains(operatorLog, e => e.Level == LogLevel.Error && e.Message.StartsWith("Turn failed", StringComparison.Ordinal));
        foreach (var marker in new[] { QuestionMarker, IdeaMarker, FailedTurnMarker })
        {
            Assert.DoesNotContain(operatorLog, e => e.AllText.Contains(marker, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task SubmitIdeaAsync()
    {
        var formId = await _host.NewIdeaFormAsync();
        var invoke = _host.Activity("card-action-invoke.json", a =>
        {
            var data = a["value"]!["action"]!["data"]!;
            data["formId"] = formId;
            data["title"] = $"Audit summaries {IdeaMarker}";
            data["problem"] = $"Buyers read long audit reports ({IdeaMarker}) to find the findings that matter.";
        });
        using var response = await _host.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"IDEA-\d{4}", JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }
}

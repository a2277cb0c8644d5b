using System.Text.Json.Nodes;
using AdoptionBot.Channels;
using AdoptionBot.Core;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>The manifest's command lists against the commands the bot registers.</summary>
public sealed class ManifestCommandTests(BotTestHost host) : IClassFixture<BotTestHost>
{
    private static readonly JsonObject Manifest =
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPackage.ManifestFolder, "manifest.json")))!.AsObject();

    [Fact]
    public void CommandLists_EveryTitle_IsARegisteredCommand()
    {
        var names = Commands().SelectMany(c => c.Names).ToHashSet(StringComparer.Ordinal);

        var unknown = AllLists().SelectMany(l => l.Titles).Where(t => !names.Contains(t)).Distinct().ToList();

        Assert.True(unknown.Count == 0, $"Not commands of the bot: {string.Join(", ", unknown)}. The bot knows: {string.Join(", ", names.Order())}.");
    }

    [Fact]
    public void CommandLists_EveryPersonalChatCommand_IsInThePersonalList_ThePortfolioTeamsAsFarAsTeamsLimitAllows()
    {
        var personal = List("personal").Titles.ToHashSet(StringComparer.Ordinal);

        // link, unlink and channel act on the team channel they are sent in, so a personal chat only gets a pointer there.
        // Teams shows at most ten commands per list: every command anyone may use is there, the portfolio team's fill
        // the rest (those left out are in the team's help text).
        var missing = Commands()
            .Where(c => !ChannelOnly(c))
            .Where(c => !c.Names.Any(personal.Contains))
            .ToList();

        Assert.True(missing.All(c => c.AdminOnly), $"Missing from the personal command list: {string.Join(", ", missing.Where(c => !c.AdminOnly).Select(c => $"{c.GetType().Name} ({string.Join("/", c.Names)})"))}.");
        Assert.True(missing.Count == 0 || personal.Count == TeamsCommandLimit, $"The personal list has room for {string.Join(", ", missing.Select(c => c.Names[0]))}.");
        var help = HelpCommand.HelpActivity(isAdmin: true).Text;
        Assert.All(missing, c => Assert.Contains($"**{c.Names[0]}**", help, StringComparison.Ordinal));
    }

    private const int TeamsCommandLimit = 10;

    [Fact]
    public void CommandLists_ChannelCommands_AreInTheTeamListOnly()
    {
        var channelNames = Commands().Where(ChannelOnly).SelectMany(c => c.Names).ToList();

        Assert.Equal(["channel", "link", "link experts", "unlink"], channelNames.Order(StringComparer.Ordinal));
        Assert.All(channelNames, n => Assert.Contains(n, List("team").Titles));
        Assert.DoesNotContain(List("personal").Titles, channelNames.Contains);
        Assert.DoesNotContain(List("groupChat").Titles, channelNames.Contains);
    }

    [Fact]
    public void CommandLists_PortfolioTeamCommands_ArePersonalOnlyAndSayWhoMayUseThem()
    {
        var adminNames = Commands().Where(c => c.AdminOnly).SelectMany(c => c.Names).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(adminNames);
        foreach (var (scope, commands) in AllLists().Select(l => (l.Scope, l.Commands)))
        {
            foreach (var (title, description) in commands.Where(c => adminNames.Contains(c.Title)))
            {
                Assert.Equal("personal", scope);
                Assert.StartsWith("Portfolio team only:", description, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void CommandLists_DigestPreview_SaysItIsForThePortfolioTeam()
    {
        // Anyone may run it, but outside a linked channel only the portfolio team gets a digest (the company-wide one).
        var preview = List("personal").Commands.Single(c => c.Title == "digest preview");

        Assert.StartsWith("Portfolio team only:", preview.Description, StringComparison.Ordinal);
    }

    private List<IBotCommand> Commands()
    {
        var commands = host.Services.GetServices<IBotCommand>().ToList();
        Assert.NotEmpty(commands);
        return commands;
    }

    private static bool ChannelOnly(IBotCommand command) => command is LinkCommand or UnlinkCommand or ChannelCommand or AdoptionBot.Experts.LinkExpertsCommand;

    private static IEnumerable<CommandList> AllLists() =>
        Manifest["bots"]![0]!["commandLists"]!.AsArray().Select(l => new CommandList(
            (string)l!["scopes"]![0]!,
            [.. l["commands"]!.AsArray().Select(c => ((string)c!["title"]!, (string?)c["description"] ?? ""))]));

    private static CommandList List(string scope) => AllLists().Single(l => l.Scope == scope);

    private sealed record CommandList(string Scope, IReadOnlyList<(string Title, string Description)> Commands)
    {
        public IEnumerable<string> Titles => Commands.Select(c => c.Title);
    }
}

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
    public void Every_command_title_is_a_name_of_a_registered_command()
    {
        var names = Commands().SelectMany(c => c.Names).ToHashSet(StringComparer.Ordinal);

        var unknown = AllLists().SelectMany(l => l.Titles).Where(t => !names.Contains(t)).Distinct().ToList();

        Assert.True(unknown.Count == 0, $"Not commands of the bot: {string.Join(", ", unknown)}. The bot knows: {string.Join(", ", names.Order())}.");
    }

    [Fact]
    public void Every_command_that_works_in_a_personal_chat_is_in_the_personal_list()
    {
        var personal = List("personal").Titles.ToHashSet(StringComparer.Ordinal);

        // link, unlink and channel act on the team channel they are sent in, so a personal chat only gets a pointer there.
        var missing = Commands()
            .Where(c => !ChannelOnly(c))
            .Where(c => !c.Names.Any(personal.Contains))
            .Select(c => $"{c.GetType().Name} ({string.Join("/", c.Names)})")
            .ToList();

        Assert.True(missing.Count == 0, $"Missing from the personal command list: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void The_channel_commands_are_in_the_team_list_and_nowhere_else()
    {
        var channelNames = Commands().Where(ChannelOnly).SelectMany(c => c.Names).ToList();

        Assert.Equal(["channel", "link", "unlink"], channelNames.Order(StringComparer.Ordinal));
        Assert.All(channelNames, n => Assert.Contains(n, List("team").Titles));
        Assert.DoesNotContain(List("personal").Titles, channelNames.Contains);
        Assert.DoesNotContain(List("groupChat").Titles, channelNames.Contains);
    }

    [Fact]
    public void Portfolio_team_commands_are_listed_in_personal_chat_only_and_say_who_may_use_them()
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
    public void Digest_preview_in_a_personal_chat_says_it_is_for_the_portfolio_team()
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

    private static bool ChannelOnly(IBotCommand command) => command is LinkCommand or UnlinkCommand or ChannelCommand;

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

using Microsoft.Bot.Builder;

namespace AdoptionBot.Core;

/// <summary>
/// Finds the command a message is (its name, and arguments only where the command takes them) and runs it behind the admin guard; a portfolio-team command answers in
/// the member's 1:1 chat (<see cref="PrivateAnswers"/>). Every command takes one request from the sender's <see cref="UserRateLimit"/>.
/// </summary>
public sealed class CommandRouter(IEnumerable<IBotCommand> commands, AdminGuard guard, PrivateAnswers privately, UserRateLimit rateLimit)
{
    private readonly List<(string Name, IBotCommand Command)> _names = commands
        .SelectMany(c => c.Names.Select(n => (Name: n, Command: c)))
        .OrderByDescending(p => p.Name.Length)
        .ToList();

    /// <summary>Runs the matching command and returns true, or returns false when the text is not a command.</summary>
    public async Task<bool> TryRouteAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        var normalized = text.Trim().TrimEnd('.', '!', '?').Trim();
        var asked = text.TrimEnd().EndsWith('?');
        foreach (var (name, command) in _names)
        {
            if (!normalized.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                || (normalized.Length > name.Length && !char.IsWhiteSpace(normalized[name.Length])))
            {
                continue;
            }

            var arguments = normalized[name.Length..].Trim();
            if ((arguments.Length > 0 && asked) || !command.Accepts(arguments))
            {
                // The words after a command's name are not its form: the message is a sentence, hence a question.
                return false;
            }

            if (!rateLimit.TryTake(turnContext.Activity, "command"))
            {
                await turnContext.SendActivityAsync(rateLimit.Refusal, cancellationToken: cancellationToken);
                return true;
            }

            if (command.AdminOnly && !guard.IsAdmin(turnContext.Activity))
            {
                await turnContext.SendActivityAsync($"Only the portfolio team can use **{name}**.", cancellationToken: cancellationToken);
                return true;
            }

            if (command.AdminOnly)
            {
                await privately.RunAsync(turnContext, name, context => command.ExecuteAsync(context, arguments, cancellationToken), cancellationToken);
            }
            else
            {
                await command.ExecuteAsync(turnContext, arguments, cancellationToken);
            }

            return true;
        }

        return false;
    }
}

using AdoptionBot.Tabs.Identity;
using Microsoft.AspNetCore.Components;

namespace AdoptionBot.Tabs.Pages;

/// <summary>What every tab page has: the request, its signed-in user, and the notice of the last action.</summary>
public abstract class TabPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>Authorisation lets no page run without a user; a page rendered otherwise would be a bug.</summary>
    protected TabUser User => (HttpContext is null ? null : TabUser.From(HttpContext.User)) ?? throw new InvalidOperationException("A tab page ran without a signed-in user.");

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The outcome of the form just sent, shown at the top of the page.</summary>
    protected Notice? Result { get; set; }

    protected static string Stage(string? stage) => Core.PipelineStages.DisplayName(stage);

    /// <summary>What a history line did: the move, or the kind of entry when the stage stayed.</summary>
    protected static string Change(Ideas.Portfolio.HistoryEntry change) =>
        change.From == change.To ? change.Kind.Replace('-', ' ') : $"{Stage(change.From)} → {Stage(change.To)}";

    protected static string Date(DateTime utc) => utc.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A message after an action: done, refused, or for information.</summary>
public sealed record Notice(string Text, bool Ok);

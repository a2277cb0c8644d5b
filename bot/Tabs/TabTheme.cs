namespace AdoptionBot.Tabs;

/// <summary>Teams' three themes, as Teams fills {theme} in a tab's address: default (light), dark, contrast.</summary>
public static class TabTheme
{
    public const string Light = "default";
    public const string Dark = "dark";
    public const string Contrast = "contrast";

    public static string From(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        Dark => Dark,
        Contrast => Contrast,
        _ => Light,
    };
}

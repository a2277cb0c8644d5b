namespace AdoptionBot.Ideas;

internal static class IdeaText
{
    /// <summary>At most <paramref name="max"/> UTF-16 units, never ending in half of a character such as an emoji.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var length = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..length];
    }
}

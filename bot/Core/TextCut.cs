namespace AdoptionBot.Core;

/// <summary>The one way the bot shortens text: by UTF-16 length, never leaving half of a character such as an emoji.</summary>
public static class TextCut
{
    private const string Ellipsis = "…";

    /// <summary>At most <paramref name="max"/> UTF-16 units of <paramref name="text"/>.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var length = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..length];
    }

    /// <summary>
    /// <paramref name="text"/>, or, when longer than <paramref name="max"/>, its start and "…" within <paramref name="max"/>;
    /// with <paramref name="atWord"/> the cut falls before the last word that does not fit, and a dangling , ; : goes.
    /// </summary>
    public static string Excerpt(string text, int max, bool atWord = false)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var space = atWord ? text.LastIndexOf(' ', max - 1) : -1;
        var head = space > 0 ? text[..space] : Cut(text, max - 1);
        return (atWord ? head.TrimEnd(',', ';', ':', ' ') : head.TrimEnd()) + Ellipsis;
    }
}

using System.Text;

namespace AdoptionBot.Core.Cards;

/// <summary>
/// Text someone typed (an idea's fields, a comment, a question, a team's name) as it must appear in a card Teams
/// renders as Markdown: read literally, never as formatting or a link. Every user-written value goes through
/// <see cref="Plain"/> before it joins a <see cref="TextBlock"/>, a <see cref="Fact"/> or a Markdown message.
/// </summary>
public static class CardText
{
    /// <summary>Characters that format text wherever they stand: emphasis, code, links and images, HTML, strike-through, tables.</summary>
    private const string AlwaysEscaped = "\\`*_[]<>~|";

    /// <summary>
    /// <paramref name="text"/> with a backslash before every character Markdown could read as formatting, and
    /// before what would start a heading, list or quote at the start of a line. Null reads as "".
    /// </summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (AlwaysEscaped.Contains(c, StringComparison.Ordinal) || (lineStart && c is '#' or '-' or '+' or '=') || (c is '.' or ')' && EndsListNumber(text, i)))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            lineStart = c is '\n' or '\r' || (lineStart && c is ' ' or '\t');
        }

        return escaped.ToString();
    }

    /// <summary>Whether the '.' or ')' at <paramref name="i"/> ends "1." or "12)" at the start of a line before a space (an ordered list).</summary>
    private static bool EndsListNumber(string text, int i)
    {
        var start = i;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        if (start == i || (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])))
        {
            return false;
        }

        while (start > 0 && text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return start == 0 || text[start - 1] is '\n' or '\r';
    }
}

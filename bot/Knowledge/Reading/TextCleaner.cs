using System.Text;
using System.Text.RegularExpressions;

namespace AdoptionBot.Knowledge.Reading;

internal static partial class TextCleaner
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Collapses whitespace and strips inline Markdown emphasis and links.</summary>
    public static string Normalize(string text)
    {
        text = MarkdownLink().Replace(text, "$1");
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>Reads a text file as UTF-8 (with or without BOM) or UTF-16 with BOM; anything else, or a file over the limit, is rejected.</summary>
    public static string ReadText(string path, ReadLimits? limits = null)
    {
        (limits ?? ReadLimits.Default).CheckFileSize(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("the file is not valid UTF-8 text");
        }
    }

    /// <summary>The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading)
    {
        var builder = new StringBuilder(heading.Length);
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('-');
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

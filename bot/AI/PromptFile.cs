namespace AdoptionBot.AI;

/// <summary>The prompt files shipped beside the bot's assembly (AI/Prompts/*.md), read once at start-up.</summary>
internal static class PromptFile
{
    /// <summary>The file's text, trimmed; a missing or empty file stops the bot with a message naming it.</summary>
    public static string Read(string path, string name, string relativePath)
    {
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        return text.Length > 0
            ? text
            : throw new InvalidOperationException($"The {name} prompt '{path}' is missing or empty; it ships with the bot as {relativePath}.");
    }
}

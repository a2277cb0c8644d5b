using System.Text.Json.Nodes;
using AdoptionBot.Questions;
using AdoptionBot.Tests.Support;

namespace AdoptionBot.Tests.Questions;

public sealed class QuestionLanguageTests
{
    [Theory]
    [InlineData("Wie lange dauert eine Pilotphase normalerweise?", QuestionLanguage.German)]
    [InlineData("bis wann muss ich einen KI-Vorfall melden?", QuestionLanguage.German)]
    [InlineData("Darf ich Kundendaten in den Chat kopieren?", QuestionLanguage.German)]
    [InlineData("Qui décide du label pour les contenus externes ?", QuestionLanguage.French)]
    [InlineData("Est-ce que je peux utiliser mon compte privé ?", QuestionLanguage.French)]
    [InlineData("how long does a pilot usually take?", QuestionLanguage.English)]
    [InlineData("max file size for uploads in the chat?", QuestionLanguage.English)]
    [InlineData("die casting line AI ideas?", QuestionLanguage.English)]
    [InlineData("NordChat", QuestionLanguage.English)]
    [InlineData("", QuestionLanguage.English)]
    public void Of_FunctionWords_TellTheLanguage(string question, string language) =>
        Assert.Equal(language, QuestionLanguage.Of(question));

    [Fact]
    public void Of_EveryEnglishQuestionOfBothEvaluationWorlds_ReadsAsEnglish()
    {
        var questions = Directory.GetFiles(TestPaths.InRepository("tests", "AdoptionBot.Benchmarks", "eval", "worlds"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}knowledge{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!.AsArray())
            .Where(q => q!["kind"]?.GetValue<string>() != "german")
            .Select(q => q!["question"]!.GetValue<string>())
            .ToList();

        // An English question taken for another language would be turned away: none may be. (How German ones fare is measured by eval.)
        Assert.True(questions.Count > 300, $"{questions.Count} questions");
        Assert.All(questions, q => Assert.Equal(QuestionLanguage.English, QuestionLanguage.Of(q)));
    }
}

using AdoptionBot.Knowledge.Retrieval;
using Microsoft.Data.Sqlite;

namespace AdoptionBot.Tests.Knowledge.Retrieval;

public sealed class QueryTextTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public QueryTextTests()
    {
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
            INSERT INTO docs(title, body) VALUES ('Warranty claims', 'The summariser drafts replies to warranty claims.');
            INSERT INTO docs(title, body) VALUES ('Near-miss reports', 'Safety reports are written near the line.');
            """;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Terms_Question_StopWordsDroppedAndLowerCased()
    {
        var terms = QueryText.Terms("What is the policy for using ChatGPT with our customer data?");

        Assert.Equal(["policy", "using", "chatgpt", "customer", "data"], terms);
    }

    [Fact]
    public void Terms_RepeatedWordsAndSingleLetters_EachWordOnce()
    {
        var terms = QueryText.Terms("Claims, claims and x claims");

        Assert.Equal(["claims"], terms);
    }

    [Fact]
    public void Terms_ApostrophesInsideWords_Kept()
    {
        var terms = QueryText.Terms("Is 'O'Brien's tool' approved?");

        Assert.Equal(["o'brien", "tool", "approved"], terms);
    }

    [Fact]
    public void Terms_ContractionsAndPossessives_ContractedStopWordsDroppedPossessivesStripped()
    {
        var terms = QueryText.Terms("what's the office's budget, who’s paying and why don't they're told?");

        Assert.Equal(["office", "budget", "paying", "told"], terms);
    }

    [Fact]
    public void ToFtsQuery_Question_QuotedTermsJoinedWithOr()
    {
        var query = QueryText.ToFtsQuery("How do I summarise warranty claims?");

        Assert.Equal("\"summarise\" OR \"warranty\" OR \"claims\"", query);
    }

    [Fact]
    public void ToFtsQuery_OnlyStopWordsOrPunctuation_Null()
    {
        Assert.Null(QueryText.ToFtsQuery("what is this and how can I do it?"));
        Assert.Null(QueryText.ToFtsQuery("\"* ( ) : ^ -"));
    }

    [Fact]
    public void ToFtsQuery_ManyTerms_CappedAtMaximum()
    {
        var question = string.Join(' ', Enumerable.Range(0, 40).Select(i => "word" + i));

        var query = QueryText.ToFtsQuery(question, maxTerms: 5);

        Assert.Equal(5, query!.Split(" OR ").Length);
    }

    [Theory]
    [InlineData("\"NEAR(\" OR AND *")]
    [InlineData("NEAR(warranty claims, 2)")]
    [InlineData("title:warranty OR body:secret")]
    [InlineData("warranty\" OR \"claims")]
    [InlineData("-warranty ^claims + {title body}: x")]
    [InlineData("warranty* AND NOT claims")]
    [InlineData("it's O'Brien's \"unbalanced quote")]
    [InlineData("((((warranty")]
    public void ToFtsQuery_OperatorsAndQuotesInUserText_MatchQueryRunsWithoutError(string userText)
    {
        var query = QueryText.ToFtsQuery(userText);

        var exception = Record.Exception(() => Match(query));

        Assert.Null(exception);
    }

    [Fact]
    public void ToFtsQuery_UserTextWithOperators_StillFindsTheWords()
    {
        var query = QueryText.ToFtsQuery("warranty* AND \"claims (NEAR");

        Assert.Equal(["Near-miss reports", "Warranty claims"], Match(query).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToFtsQuery_StemmedForm_MatchesThroughPorterTokenizer()
    {
        var query = QueryText.ToFtsQuery("claim");

        Assert.Equal(["Warranty claims"], Match(query));
    }

    public void Dispose() => _connection.Dispose();

    private List<string> Match(string? query)
    {
        if (query is null)
        {
            return [];
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT title FROM docs WHERE docs MATCH $q ORDER BY rank";
        command.Parameters.AddWithValue("$q", query);
        var titles = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            titles.Add(reader.GetString(0));
        }

        return titles;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>
/// The part of Azure AI Search's OData filter language the bot uses, parsed for real: comparisons (eq, ne, gt, ge, lt,
/// le) of a field with a string ('' inside a string is one quote), null, boolean or number; and, or, not, parentheses;
/// search.in(field, 'a,b', ','). Only filterable fields may appear. A filter it cannot parse is refused, as the service
/// refuses it, so a test learns whether the text the client sent means what it should.
/// </summary>
public sealed class StandInODataFilter
{
    private readonly Func<JsonObject, bool> _predicate;

    private StandInODataFilter(Func<JsonObject, bool> predicate, IReadOnlyList<(string Field, string Operator, object? Value)> comparisons)
    {
        _predicate = predicate;
        Comparisons = comparisons;
    }

    /// <summary>Every comparison of the filter, with its literal as parsed: what the filter really asks for.</summary>
    public IReadOnlyList<(string Field, string Operator, object? Value)> Comparisons { get; }

    public bool Matches(JsonObject document) => _predicate(document);

    /// <summary>Parses a filter; throws <see cref="FormatException"/> with the service-like reason when it is not valid.</summary>
    public static StandInODataFilter Parse(string filter, ISet<string> filterableFields)
    {
        var parser = new Parser(Tokenize(filter), filterableFields);
        var predicate = parser.ParseOr();
        parser.ExpectEnd();
        return new StandInODataFilter(predicate, parser.Comparisons);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Invalid expression: unterminated string literal.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                tokens.Add(new Token(TokenKind.String, value.ToString()));
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.' or '/'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else
            {
                throw new FormatException($"Invalid expression: unexpected character '{c}' at position {i}.");
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Word,
        String,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text);

    private sealed class Parser(List<Token> tokens, ISet<string> filterable)
    {
        private static readonly string[] Operators = ["eq", "ne", "gt", "ge", "lt", "le"];
        private int _position;

        public List<(string Field, string Operator, object? Value)> Comparisons { get; } = [];

        public Func<JsonObject, bool> ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                _position++;
                var l = left;
                var r = ParseAnd();
                left = d => l(d) || r(d);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (_position < tokens.Count)
            {
                throw new FormatException($"Invalid expression: unexpected '{tokens[_position].Text}' after the end of the filter.");
            }
        }

        private Func<JsonObject, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (IsWord("and"))
            {
                _position++;
                var l = left;
                var r = ParseUnary();
                left = d => l(d) && r(d);
            }

            return left;
        }

        private Func<JsonObject, bool> ParseUnary()
        {
            if (IsWord("not"))
            {
                _position++;
                var inner = ParseUnary();
                return d => !inner(d);
            }

            return ParsePrimary();
        }

        private Func<JsonObject, bool> ParsePrimary()
        {
            var token = Next("an expression");
            if (token is { Kind: TokenKind.Symbol, Text: "(" })
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (token is { Kind: TokenKind.Word, Text: "true" or "false" })
            {
                var constant = token.Text == "true";
                return _ => constant;
            }

            if (token is { Kind: TokenKind.Word, Text: "search.in" })
            {
                Expect("(");
                var field = Field(Next("a field"));
                Expect(",");
                var values = Next("a list of values");
                var delimiters = ",";
                if (IsSymbol(","))
                {
                    _position++;
                    delimiters = Next("delimiters").Text;
                }

                Expect(")");
                var set = values.Text.Split(delimiters.ToCharArray()).Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
                Comparisons.Add((field, "in", values.Text));
                return d => Value(d, field) is string s && set.Contains(s);
            }

            if (token.Kind != TokenKind.Word)
            {
                throw new FormatException($"Invalid expression: expected a field or a boolean, found '{token.Text}'. A literal alone is not a condition.");
            }

            var name = Field(token);
            var op = Next("a comparison operator");
            if (op.Kind != TokenKind.Word || !Operators.Contains(op.Text))
            {
                throw new FormatException($"Invalid expression: expected a comparison operator after '{name}', found '{op.Text}'.");
            }

            var literal = Literal(Next("a value"));
            Comparisons.Add((name, op.Text, literal));
            return d => Compare(Value(d, name), op.Text, literal);
        }

        private string Field(Token token)
        {
            if (token.Kind != TokenKind.Word || !filterable.Contains(token.Text))
            {
                throw new FormatException($"Invalid expression: '{token.Text}' is not a filterable field.");
            }

            return token.Text;
        }

        private static object? Literal(Token token) => token switch
        {
            { Kind: TokenKind.String } => token.Text,
            { Kind: TokenKind.Word, Text: "null" } => null,
            { Kind: TokenKind.Word, Text: "true" } => true,
            { Kind: TokenKind.Word, Text: "false" } => false,
            { Kind: TokenKind.Word } when double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw new FormatException($"Invalid expression: '{token.Text}' is not a literal."),
        };

        private static object? Value(JsonObject document, string field) => document[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<double>(out var n) => n,
            var other => other.ToJsonString(),
        };

        private static bool Compare(object? actual, string op, object? literal)
        {
            var order = (actual, literal) switch
            {
                (null, null) => 0,
                (null, _) or (_, null) => (int?)null,
                (string a, string b) => string.CompareOrdinal(a, b),
                (double a, double b) => a.CompareTo(b),
                (bool a, bool b) => a.CompareTo(b),
                _ => null,
            };
            return op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        }

        private Token Next(string expected) =>
            _position < tokens.Count ? tokens[_position++] : throw new FormatException($"Invalid expression: expected {expected} at the end of the filter.");

        private void Expect(string symbol)
        {
            var token = Next($"'{symbol}'");
            if (token.Kind != TokenKind.Symbol || token.Text != symbol)
            {
                throw new FormatException($"Invalid expression: expected '{symbol}', found '{token.Text}'.");
            }
        }

        private bool IsWord(string word) => _position < tokens.Count && tokens[_position] is { Kind: TokenKind.Word } t && t.Text == word;

        private bool IsSymbol(string symbol) => _position < tokens.Count && tokens[_position] is { Kind: TokenKind.Symbol } t && t.Text == symbol;
    }
}

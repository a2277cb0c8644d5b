namespace AdoptionBot.Tests.Support;

/// <summary>
/// A test against a real cloud service, named by environment variables: skipped while none of them is set, so the
/// suite runs anywhere; once any is set the test runs, and <see cref="Require"/> fails it naming those still missing.
/// </summary>
public abstract class LiveServiceFactAttribute : FactAttribute
{
    protected LiveServiceFactAttribute(string service, IReadOnlyList<string> variables)
    {
        if (variables.All(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))))
        {
            Skip = $"Live {service} test: set {string.Join(", ", variables)} to run it.";
        }
    }

    /// <summary>The variables' values by name; fails the test naming every one that is not set.</summary>
    protected static Dictionary<string, string> Require(string service, IReadOnlyList<string> variables)
    {
        var missing = variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        Assert.True(missing.Count == 0, $"Live {service} test: also set {string.Join(", ", missing)}.");
        return variables.ToDictionary(v => v, v => Environment.GetEnvironmentVariable(v)!);
    }
}

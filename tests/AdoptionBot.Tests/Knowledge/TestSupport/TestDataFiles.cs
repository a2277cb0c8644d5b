namespace AdoptionBot.Tests.Knowledge.TestSupport;

/// <summary>Paths of the input files under TestData/Knowledge, as copied next to the test assembly.</summary>
public static class TestDataFiles
{
    public static string Knowledge(string relativePath) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", "Knowledge", relativePath);

    public static string ReadKnowledge(string relativePath) => File.ReadAllText(Knowledge(relativePath));
}

namespace AdoptionBot.Tests.Support;

public static class TestPaths
{
    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}

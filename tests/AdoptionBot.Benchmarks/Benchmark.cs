namespace AdoptionBot.Benchmarks; internal static class Benchmark { public static Task<int> RunAsync(string[] args) => Task.FromResult(0); }

using AdoptionBot.Benchmarks;

return args.FirstOrDefault() switch
{
    "eval" => await Evaluation.RunAsync(args[1..]),
    "bench" => await Benchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: dotnet run -c Release --project tests/AdoptionBot.Benchmarks -- <command>
          eval [--verbose]                 retrieval recall@1/@3, MRR and abstention precision/recall on eval/questions.json
          bench [--chunks N] [--turns N]   index build, restart, retrieval and /api/messages turn latency (default N = 10000 chunks, 400 turns)
        """);
    return 2;
}

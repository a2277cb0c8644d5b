namespace AdoptionBot.Benchmarks;

/// <summary>Entry point of the evaluation and benchmark commands (not named Program: the bot's Program is referenced here).</summary>
internal static class BenchmarkCommands
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "eval" when args.ElementAtOrDefault(1) == "calibrate" => await Calibration.RunAsync(args[2..]),
        "eval" => await Evaluation.RunAsync(args[1..]),
        "bench" => await Benchmark.RunAsync(args[1..]),
        "ideas" => await IdeasBenchmark.RunAsync(args[1..]),
        "experts" => await ExpertsBenchmark.RunAsync(args[1..]),
        "tabs" => await TabsBenchmark.RunAsync(args[1..]),
        "lexical" => await LexicalComparison.RunAsync(args[1..]),
        "fanout" => await FanoutBenchmark.RunAsync(args[1..]),
        "digest" => await DigestBenchmark.RunAsync(args[1..]),
        "generated" => await GeneratedAnswerBenchmark.RunAsync(args[1..]),
        "store" => await StoreBenchmark.RunAsync(args[1..]),
        "load" => await LoadBenchmark.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project tests/AdoptionBot.Benchmarks -- <command>
              eval [--world NAME] [--verbose]  every question of each evaluation world (eval/worlds/*) through the bot's answering: recall@3, answerable declined, facts stated, uncovered declined, abstention precision, German questions
              eval calibrate [--world NAME] [--report NAME] [--quick] [--keep-weights] [--verbose] [--diagnose] [--probe-vocabulary]  fits the sentence weights and the evidence model on one world (default nordhafen) and scores them on another
              ideas [--submissions N] [--open N] [--use-cases N]  idea submission (invoke to confirmation) and triage latency with N open ideas, then with a portfolio of N use cases: triage, a gate check, the register and the workbook export (default 300, 1000, 5000)
              experts [--tickets N]  the expert loop: ticket creation (ask invoke to confirmation, and to the card in the experts' channel), relay (the expert's answer to the asker's chat), and approval of an FAQ entry to the first paraphrase answered from it (default 200)
              tabs [--use-cases N] [--requests N] [--loads N]  the Teams tabs with a portfolio of N use cases: server response of the board, a use case's page and the matrix (N requests each), and the board's largest contentful paint in headless Chromium (N page loads); default 5000, 200, 20
              bench [--chunks N] [--turns N]   index build, restart, retrieval and /api/messages turn latency (default 10000 chunks, 400 turns)
              lexical [--chunks N] [--verbose] SQLite FTS5 against Lucene.Net: build time, size, query latency, lexical-only recall and MRR, footprint
              fanout [--channels N] [--throttled P] [--parallel N] [--verbose]  outbox delivery to N linked channels of one tenant at 50/s: span, busiest second, losses, duplicates; again with P % throttled once (default 500, 5)
              generated [--rounds N] [--hangs N] [--timeout S]  added latency of generated answers over extractive ones with an instant stand-in model (p50/p95); time to the extracted answer when the model never answers (default 5 rounds, 5 hangs, 2 s, plus once at the default 8 s)
              store [--provider sqlite|postgresql|both] [--postgres CONNECTION] [--submissions N] [--concurrency N] [--rows N] [--parallel N]  idea submissions per second and latency (IdeaService, N at a time) and outbox rows per second (one instance, rate limits raised) on SQLite and on PostgreSQL (a new database on the server of --postgres or ADOPTIONBOT_TEST_POSTGRES); default both, 1000, 8, 3000, 8 (the sender's conversations in parallel, its default)
              load [--turns N] [--minutes M] [--step-seconds S] [--max-concurrency C] [--concurrency C]  sustained /api/messages load, 80 % questions, 10 % idea submissions, 10 % help / my ideas / feedback: a closed-loop concurrency sweep (1, 2, 4, ... workers, S s each) finds the highest turns/s at p95 <= 300 ms with no errors, then a long run there (or at --concurrency) of N turns or M minutes, whichever ends first, with memory at start, after warm-up and at the end (default 100000, 10, 20, 16)
              digest [--ideas N] [--questions N] [--rounds N]  weekly digest computation on a SQLite store of N ideas and N logged questions (default 10000, 100000, 20)
            """);
        return 2;
    }
}

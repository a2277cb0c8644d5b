using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.Indexing;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Support;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace AdoptionBot.Benchmarks;

/// <summary>
/// Compares the two candidate lexical engines on the bot's own chunks: SQLite FTS5 as the bot builds it and
/// Lucene.Net 4.8 with BM25, the same per-field weights and the same OR query. Lexical ranking only, no embeddings.
/// Per engine and corpus: build time, size on disk, query latency, recall@1/@3 and MRR on the development questions of the sample knowledge base (eval/worlds/nordhafen/development.json),
/// managed allocations and SQLite's native heap; then the assemblies each engine adds to the bot's output.
/// </summary>
internal static class LexicalComparison
{
    private const int Candidates = 40; // what the bot asks its lexical ranker for (CandidatesPerRanker)
    private const int Scored = 10; // passages the eval command scores, so the figures compare with `eval`
    private const int Rounds = 5;
    private const int WarmUpRounds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var targetChunks = CommandLine.IntArg(args, "--chunks", 10_000);
        var verbose = args.Contains("--verbose");
        var sample = TestPaths.SampleKnowledge;
        var work = Directory.CreateTempSubdirectory("adoptionbot-lexical-").FullName;
        var questions = EvalWorld.DevelopmentSet();
        Console.WriteLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}; load average at start: {LoadAverage()}");
        Console.WriteLine($"Questions: {questions.Count} ({questions.Count(q => q.Expected.Count > 0)} covered); latency over {Rounds} rounds after warm-up, top {Candidates} per query; recall and MRR over the distinct sources of the first {Scored} chunks.");
        Console.WriteLine();

        try
        {
            var sampleCorpus = ReadCorpus("sample", sample, Path.Combine(work, "sample-data"));
            var synthetic = Path.Combine(work, "synthetic-knowledge");
            var generated = Benchmark.SyntheticCorpus.Write(sample, synthetic, targetChunks - sampleCorpus.Chunks.Count);
            var syntheticCorpus = ReadCorpus($"synthetic (sample + {generated} files)", synthetic, Path.Combine(work, "synthetic-data"));
            foreach (var corpus in new[] { sampleCorpus, syntheticCorpus })
            {
                Console.WriteLine($"Corpus {corpus.Name}: {corpus.Files.Count} files, {corpus.Chunks.Count} chunks, read by KnowledgeScanner in {corpus.ReadTime.TotalMilliseconds:F0} ms");
            }

            Console.WriteLine();

            // Warm-up: JIT every engine's code paths (and let tiered compilation finish) so no measured engine pays for it.
            foreach (var engine in Engines())
            {
                using (engine)
                {
                    engine.Build(sampleCorpus, Directory.CreateDirectory(Path.Combine(work, "warm-up-" + engine.Folder)).FullName);
                    for (var round = 0; round < WarmUpRounds; round++)
                    {
                        questions.ForEach(q => engine.Search(q.Question, Candidates));
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));

            var results = new List<Measurement>();
            foreach (var corpus in new[] { sampleCorpus, syntheticCorpus })
            {
                foreach (var engine in Engines())
                {
                    using (engine)
                    {
                        var folder = Directory.CreateDirectory(Path.Combine(work, corpus == sampleCorpus ? "sample" : "synthetic", engine.Folder)).FullName;
                        results.Add(Measure(engine, corpus, folder, questions));
                    }
                }
            }

            PrintResults(results);
            PrintFootprint();
            if (verbose)
            {
                PrintDifferences(results, questions);
            }

            Console.WriteLine();
            Console.WriteLine($"Load average at end: {LoadAverage()}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static IEnumerable<ILexicalEngine> Engines()
    {
        yield return new Fts5Engine(transactionPerFile: true, orderByRank: false);
        yield return new Fts5Engine(transactionPerFile: false, orderByRank: false);
        yield return new Fts5Engine(transactionPerFile: true, orderByRank: true);
        yield return new LuceneEngine("Lucene.Net, EnglishAnalyzer", "lucene-english", () => new EnglishAnalyzer(LuceneEngine.Version));
        yield return new LuceneEngine("Lucene.Net, FTS5-like analyzer", "lucene-fts5-like", LuceneEngine.Fts5LikeAnalyzer);
    }

    /// <summary>Reads the chunks exactly as the bot's indexer does: the bot's scanner, its readers and its chunker.</summary>
    private static Corpus ReadCorpus(string name, string knowledge, string data)
    {
        using var host = BotServices.Build(knowledge, data);
        var scanner = host.Services.GetRequiredService<KnowledgeScanner>();
        var started = Stopwatch.GetTimestamp();
        var files = scanner.FindFiles().Select(f => (f.RelativePath, Chunks: scanner.ReadChunksAsync(f, CancellationToken.None).GetAwaiter().GetResult())).Where(f => f.Chunks.Count > 0).ToList();
        return new Corpus(name, files, files.SelectMany(f => f.Chunks).ToList(), Stopwatch.GetElapsedTime(started));
    }

    private static Measurement Measure(ILexicalEngine engine, Corpus corpus, string folder, List<EvalQuestion> questions)
    {
        Collect();
        var nativeBefore = SQLitePCL.raw.sqlite3_memory_used();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        engine.Build(corpus, folder);
        var buildTime = Stopwatch.GetElapsedTime(started);
        var buildAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var size = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

        // The warm-up round also gives the rankings scored for recall and MRR.
        var rankings = questions.Select(q => engine.Search(q.Question, Candidates).Take(Scored).Select(i => corpus.Chunks[i].SourceId).Distinct().ToList()).ToList();
        var latencies = new List<double>(questions.Count * Rounds);
        var queryAllocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var question in questions)
            {
                var queryStarted = Stopwatch.GetTimestamp();
                engine.Search(question.Question, Candidates);
                latencies.Add(Stopwatch.GetElapsedTime(queryStarted).TotalMilliseconds);
            }
        }

        var queryAllocated = (GC.GetAllocatedBytesForCurrentThread() - queryAllocatedBefore) / (double)latencies.Count;
        Collect();
        var retainedHeap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var nativeGrowth = SQLitePCL.raw.sqlite3_memory_used() - nativeBefore;

        var covered = questions.Select((q, i) => (q.Expected, Sources: rankings[i])).Where(r => r.Expected.Count > 0).ToList();
        double RecallAt(int k) => covered.Count(r => r.Sources.Take(k).Any(r.Expected.Contains)) / (double)covered.Count;
        var mrr = covered.Average(r =>
        {
            var rank = r.Sources.FindIndex(r.Expected.Contains);
            return rank < 0 ? 0 : 1.0 / (rank + 1);
        });

        return new Measurement(
            corpus.Name, engine.Name, corpus.Chunks.Count, buildTime, size, engine.SizeNote(), CommandLine.Percentile(latencies, 50), CommandLine.Percentile(latencies, 95),
            RecallAt(1), RecallAt(3), mrr, buildAllocated, queryAllocated, retainedHeap, nativeGrowth, rankings);
    }

    private static void PrintResults(List<Measurement> results)
    {
        Console.WriteLine("| Corpus | Engine | Chunks | Build (ms) | Chunks/s | Size on disk | p50 query (ms) | p95 query (ms) | recall@1 | recall@3 | MRR |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Corpus} | {r.Engine} | {r.Chunks} | {r.BuildTime.TotalMilliseconds:F0} | {r.Chunks / r.BuildTime.TotalSeconds:F0} | {Size(r.SizeOnDisk)} | {r.P50:F2} | {r.P95:F2} | {r.RecallAt1:F3} | {r.RecallAt3:F3} | {r.Mrr:F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| Corpus | Engine | Managed allocated, build | Managed allocated per query | Managed heap retained with index open | SQLite native heap growth | On disk |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Corpus} | {r.Engine} | {Size(r.BuildAllocated)} | {r.QueryAllocated / 1024:F1} KiB | {Size(r.RetainedHeap)} | {Size(r.NativeGrowth)} | {r.SizeNote} |"));
        }

        Console.WriteLine();
    }

    /// <summary>Prints, per engine, the packages and files its dependency closure brings, read from this program's deps.json.</summary>
    private static void PrintFootprint()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdoptionBot.Benchmarks.deps.json")));
        var libraries = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject()
            .ToDictionary(p => p.Name.Split('/')[0], p => p.Value, StringComparer.OrdinalIgnoreCase);
        var bot = Closure(libraries, ["AdoptionBot"]);
        var rid = RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"Dependency footprint (files in the output folder, native libraries for {rid} only; 'in bot' = already in the bot's dependency closure)");
        Console.WriteLine("| Engine | Package | In bot | Files | Size |");
        Console.WriteLine("|---|---|---|---|---:|");
        foreach (var (engine, roots) in new[]
        {
            ("SQLite FTS5", new[] { "Microsoft.Data.Sqlite" }),
            ("Lucene.Net", new[] { "Lucene.Net", "Lucene.Net.Analysis.Common", "Lucene.Net.QueryParser" }),
        })
        {
            long added = 0;
            var addedFiles = 0;
            foreach (var package in Closure(libraries, roots).Order(StringComparer.OrdinalIgnoreCase))
            {
                var files = Assets(libraries[package], rid).Select(a => new FileInfo(Path.Combine(AppContext.BaseDirectory, a))).Where(f => f.Exists).ToList();
                if (files.Count == 0)
                {
                    continue; // provided by the shared framework, nothing lands in the output
                }

                var inBot = bot.Contains(package);
                var size = files.Sum(f => f.Length);
                if (!inBot)
                {
                    added += size;
                    addedFiles += files.Count;
                }

                Console.WriteLine($"| {engine} | {package} | {(inBot ? "yes" : "no")} | {string.Join(", ", files.Select(f => f.Name))} | {Size(size)} |");
            }

            Console.WriteLine($"| {engine} | **added to the bot** | | {addedFiles} files | **{Size(added)}** |");
        }

        Console.WriteLine();
    }

    private static HashSet<string> Closure(Dictionary<string, JsonElement> libraries, IEnumerable<string> roots)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var name))
        {
            if (!libraries.TryGetValue(name, out var library) || !seen.Add(name))
            {
                continue;
            }

            if (library.TryGetProperty("dependencies", out var dependencies))
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    pending.Push(dependency.Name);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<string> Assets(JsonElement library, string rid)
    {
        if (library.TryGetProperty("runtime", out var runtime))
        {
            foreach (var asset in runtime.EnumerateObject())
            {
                yield return Path.GetFileName(asset.Name);
            }
        }

        if (library.TryGetProperty("runtimeTargets", out var targets))
        {
            foreach (var asset in targets.EnumerateObject())
            {
                if (asset.Value.GetProperty("rid").GetString() == rid)
                {
                    yield return asset.Name;
                }
            }
        }
    }

    private static void PrintDifferences(List<Measurement> results, List<EvalQuestion> questions)
    {
        foreach (var corpus in results.GroupBy(r => r.Corpus))
        {
            Console.WriteLine($"Covered questions where the engines disagree on a hit in the top 3 ({corpus.Key}):");
            for (var i = 0; i < questions.Count; i++)
            {
                var question = questions[i];
                if (question.Expected.Count == 0)
                {
                    continue;
                }

                var hits = corpus.Select(r => (r.Engine, Hit: r.Rankings[i].Take(3).Any(question.Expected.Contains), Got: r.Rankings[i].Take(3))).ToList();
                if (hits.Select(h => h.Hit).Distinct().Count() > 1)
                {
                    Console.WriteLine($"  {question.Id} {question.Question}  (expected {string.Join(", ", question.Expected)})");
                    foreach (var (engine, hit, got) in hits)
                    {
                        Console.WriteLine($"      {(hit ? "hit " : "MISS")} {engine}: {string.Join(", ", got)}");
                    }
                }
            }
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)" : "n/a";

    private static string Size(double bytes) => Math.Abs(bytes) < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F0} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024 / 1024:F2} MiB");

    private sealed record Corpus(string Name, List<(string RelativePath, IReadOnlyList<KnowledgeChunk> Chunks)> Files, List<KnowledgeChunk> Chunks, TimeSpan ReadTime);

    private sealed record Measurement(
        string Corpus, string Engine, int Chunks, TimeSpan BuildTime, long SizeOnDisk, string SizeNote, double P50, double P95,
        double RecallAt1, double RecallAt3, double Mrr, long BuildAllocated, double QueryAllocated, long RetainedHeap, long NativeGrowth,
        List<List<string>> Rankings);

    /// <summary>One lexical engine: builds an index of a corpus in a folder, then returns chunk positions (into Corpus.Chunks), best first.</summary>
    private interface ILexicalEngine : IDisposable
    {
        string Name { get; }

        string Folder { get; }

        void Build(Corpus corpus, string folder);

        List<int> Search(string question, int top);

        string SizeNote();
    }

    /// <summary>The bot's FTS5 table: same DDL, tokenizer, bm25 weights and query; rowid = chunk position + 1.</summary>
    private sealed class Fts5Engine(bool transactionPerFile, bool orderByRank) : ILexicalEngine
    {
        // The bot's query, and the same ranking through FTS5's rank column, which lets FTS5 sort inside the virtual table.
        private const string Bm25Query = "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH $q ORDER BY bm25(chunks_fts, 4.0, 2.0, 1.0, 3.0) LIMIT $top";
        private const string RankQuery = "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH $q AND rank MATCH 'bm25(4.0, 2.0, 1.0, 3.0)' ORDER BY rank LIMIT $top";
        private string _connectionString = "";

        public string Name => (transactionPerFile, orderByRank) switch
        {
            (_, true) => "SQLite FTS5, ORDER BY rank",
            (true, _) => "SQLite FTS5 as the bot (transaction per file)",
            _ => "SQLite FTS5, one transaction",
        };

        public string Folder => $"fts5-{transactionPerFile}-{orderByRank}";

        public void Build(Corpus corpus, string folder)
        {
            _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "knowledge-index.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(title, heading, body, keywords, tokenize = 'porter unicode61 remove_diacritics 2');
                """);
            var position = 0;
            var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO chunks_fts(rowid, title, heading, body, keywords) VALUES ($id, $title, $heading, $text, $keywords)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var heading = insert.Parameters.Add("$heading", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var keywords = insert.Parameters.Add("$keywords", SqliteType.Text);
            foreach (var (_, chunks) in corpus.Files)
            {
                insert.Transaction = transaction;
                foreach (var chunk in chunks)
                {
                    id.Value = ++position;
                    title.Value = chunk.Title;
                    heading.Value = chunk.HeadingPath;
                    text.Value = chunk.Text;
                    keywords.Value = chunk.Keywords ?? "";
                    insert.ExecuteNonQuery();
                }

                if (transactionPerFile)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                }
            }

            transaction.Commit();
            transaction.Dispose();
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }

        public List<int> Search(string question, int top)
        {
            var query = QueryText.ToFtsQuery(question);
            if (query is null)
            {
                return [];
            }

            // A pooled connection per query, as the bot's LexicalSearch does.
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = orderByRank ? RankQuery : Bm25Query;
            command.Parameters.AddWithValue("$q", query);
            command.Parameters.AddWithValue("$top", top);
            var positions = new List<int>(top);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                positions.Add((int)reader.GetInt64(0) - 1);
            }

            return positions;
        }

        /// <summary>The bot's FTS5 table keeps its own copy of the text (chunks_fts_content) next to the inverted index (chunks_fts_data).</summary>
        public string SizeNote()
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT SUM(length(block)) FROM chunks_fts_data),
                       (SELECT SUM(length(CAST(c0 AS BLOB)) + length(CAST(c1 AS BLOB)) + length(CAST(c2 AS BLOB)) + length(CAST(c3 AS BLOB))) FROM chunks_fts_content)
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            return $"index blocks {Size(reader.GetInt64(0))}, copy of the text {Size(reader.GetInt64(1))}, rest is page overhead";
        }

        public void Dispose() => SqliteConnection.ClearAllPools();

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Lucene.Net 4.8 on disk with BM25 (FTS5's k1 = 1.2, b = 0.75), query-time field boosts equal to the FTS5 column weights.</summary>
    private sealed class LuceneEngine(string name, string folder, Func<Analyzer> analyzerFactory) : ILexicalEngine
    {
        public const LuceneVersion Version = LuceneVersion.LUCENE_48;
        private const string PositionField = "position";
        private static readonly string[] Fields = ["title", "heading", "body", "keywords"];
        private static readonly Dictionary<string, float> Boosts = new(StringComparer.Ordinal) { ["title"] = 4, ["heading"] = 2, ["body"] = 1, ["keywords"] = 3 };

        private readonly Analyzer _analyzer = analyzerFactory();
        private FSDirectory? _directory;
        private DirectoryReader? _reader;
        private IndexSearcher? _searcher;
        private NumericDocValues? _positions;

        public string Name => name;

        public string Folder => folder;

        /// <summary>Closest to FTS5's 'porter unicode61 remove_diacritics 2': runs of letters and digits, lower case, diacritics folded, Porter stems, no stop words.</summary>
        public static Analyzer Fts5LikeAnalyzer() => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new LetterOrDigitTokenizer(reader);
            TokenStream stream = new ASCIIFoldingFilter(source);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        });

        public void Build(Corpus corpus, string folder)
        {
            _directory = FSDirectory.Open(folder);
            var config = new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity() };
            using (var writer = new IndexWriter(_directory, config))
            {
                var position = 0;
                foreach (var (_, chunks) in corpus.Files)
                {
                    writer.AddDocuments(chunks.Select(chunk => new Document
                    {
                        new TextField("title", chunk.Title, Field.Store.NO),
                        new TextField("heading", chunk.HeadingPath, Field.Store.NO),
                        new TextField("body", chunk.Text, Field.Store.NO),
                        new TextField("keywords", chunk.Keywords ?? "", Field.Store.NO),
                        new NumericDocValuesField(PositionField, position++),
                    }));
                }

                writer.Commit();
            }

            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
            _positions = MultiDocValues.GetNumericValues(_reader, PositionField);
        }

        public List<int> Search(string question, int top)
        {
            // The same text FTS5 receives: quoted terms joined by OR, which is also classic Lucene query syntax.
            var text = QueryText.ToFtsQuery(question);
            if (text is null || _searcher is null || _positions is null)
            {
                return [];
            }

            var query = new MultiFieldQueryParser(Version, Fields, _analyzer, Boosts).Parse(text);
            var hits = _searcher.Search(query, top).ScoreDocs;
            var positions = new List<int>(hits.Length);
            foreach (var hit in hits)
            {
                positions.Add((int)_positions.Get(hit.Doc));
            }

            return positions;
        }

        public string SizeNote() => $"inverted index with positions, no stored text; read through {_directory?.GetType().Name}";

        public void Dispose()
        {
            _reader?.Dispose();
            _directory?.Dispose();
            _analyzer.Dispose();
        }
    }

    /// <summary>Splits like FTS5's unicode61 tokenizer: a token is a run of letters and digits, lower-cased.</summary>
    private sealed class LetterOrDigitTokenizer(TextReader input) : CharTokenizer(LuceneEngine.Version, input)
    {
        protected override bool IsTokenChar(int c) => Rune.TryCreate(c, out var rune) && Rune.IsLetterOrDigit(rune);

        protected override int Normalize(int c) => Rune.ToLowerInvariant(new Rune(c)).Value;
    }
}

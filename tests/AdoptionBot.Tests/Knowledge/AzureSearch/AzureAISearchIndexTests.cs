using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using AdoptionBot.Knowledge;
using AdoptionBot.Knowledge.AzureSearch;
using AdoptionBot.Knowledge.Retrieval;
using AdoptionBot.Tests.Knowledge.TestSupport;
using AdoptionBot.Tests.People;
using AdoptionBot.Tests.Support;
using Microsoft.Extensions.AI;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>What the real Azure.Search.Documents clients send for the bot's index, checked by a stand-in service.</summary>
public sealed class AzureAISearchIndexTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HashingEmbeddingGenerator _embeddings = new();
    private StandInAzureSearch _service = null!;

    public async Task InitializeAsync()
    {
        _service = await StandInAzureSearch.StartAsync();
        _folder.Write("guides/fleet.md", "# Company cars\n\nThe car fleet policy covers leasing and fuel cards.\n");
        _folder.Write("guides/badges.md", "# Badge printers\n\nBadge printers are refilled on Mondays.\n");
        _folder.Write(
            "use-cases/catalogue.csv",
            "id,title,summary,business_unit,stage,owner\n"
            + "UC-101,Warranty claim summariser,Summarises warranty claims,After-sales,pilot,Jana Weber\n"
            + "UC-102,Supplier risk radar,Watches supplier news for risks,Purchasing,poc,Lena Vogt\n");
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ServiceStopsAnswering_AQuestionsSearchEndsWithATimeoutAfterQueryTimeoutSeconds()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings, o => o.QueryTimeoutSeconds = 3);
        await harness.SyncAsync();
        _service.HoldSearches = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var searchesBefore = _service.Requests.Count(r => r.IsSearch);
            var search = harness.SearchAsync("company car leasing");
            await WaitForHeldSearchAsync(searchesBefore);
            harness.Time.Advance(TimeSpan.FromSeconds(2.9));
            Assert.False(search.IsCompleted);

            harness.Time.Advance(TimeSpan.FromSeconds(0.1));

            var timeout = await Assert.ThrowsAsync<TimeoutException>(() => search.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains("3 s", timeout.Message, StringComparison.Ordinal);
        }
        finally
        {
            _service.HoldSearches.TrySetResult();
        }
    }

    private Task WaitForHeldSearchAsync(int before) => Poll.UntilAsync(
        () => Task.FromResult(_service.Requests.Count(r => r.IsSearch) > before),
        TimeSpan.FromSeconds(10),
        () => "the search to reach the service",
        TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task FirstSync_CreatesTheIndexWithFieldsVectorProfileAndSemanticConfiguration()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();

        var create = _service.Requests.Single(r => r.Method == "POST" && r.Path == "/indexes");
        Assert.Equal("2023-11-01", create.ApiVersion);
        var fields = create.Body!["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!.AsObject());
        Assert.True(fields["key"]["key"]!.GetValue<bool>());
        foreach (var filterable in new[] { "filePath", "sourceKind", "businessUnit", "stage", "embeddingModel" })
        {
            Assert.True(fields[filterable]["filterable"]!.GetValue<bool>(), filterable);
        }

        Assert.True(fields["businessUnit"]["facetable"]!.GetValue<bool>());
        foreach (var searchable in new[] { "content", "title", "headingPath", "keywords" })
        {
            Assert.True(fields[searchable]["searchable"]!.GetValue<bool>(), searchable);
        }

        Assert.Contains("url", fields.Keys);
        Assert.Contains("contentHash", fields.Keys);
        var vector = fields["embedding"];
        Assert.Equal("Collection(Edm.Single)", vector["type"]!.GetValue<string>());
        Assert.Equal(HashingEmbeddingGenerator.Dimensions, vector["dimensions"]!.GetValue<int>());
        var profile = create.Body["vectorSearch"]!["profiles"]!.AsArray().Single()!;
        Assert.Equal(vector["vectorSearchProfile"]!.GetValue<string>(), profile["name"]!.GetValue<string>());
        var algorithm = create.Body["vectorSearch"]!["algorithms"]!.AsArray().Single()!;
        Assert.Equal(profile["algorithm"]!.GetValue<string>(), algorithm["name"]!.GetValue<string>());
        Assert.Equal("hnsw", algorithm["kind"]!.GetValue<string>());
        Assert.Equal("cosine", algorithm["hnswParameters"]!["metric"]!.GetValue<string>());
        var semantic = create.Body["semantic"]!["configurations"]!.AsArray().Single()!["prioritizedFields"]!;
        Assert.Equal("title", semantic["titleField"]!["fieldName"]!.GetValue<string>());
        Assert.Contains(semantic["prioritizedContentFields"]!.AsArray(), f => f!["fieldName"]!.GetValue<string>() == "content");
        Assert.Contains(semantic["prioritizedKeywordsFields"]!.AsArray(), f => f!["fieldName"]!.GetValue<string>() == "keywords");
    }

    [Fact]
    public async Task Sync_UploadsEveryChunkWithItsVectorHashAndModel_InBatchesOfTheBatchSize()
    {
        _folder.Write("long.md", "# Long\n\n" + string.Join("\n\n", Enumerable.Range(0, 5).Select(i => $"## Part {i}\n\nText of part {i} about pool cars.")));
        var harness = new AzureSearchHarness(_service, _folder, _embeddings, o => o.BatchSize = 2);

        var report = await harness.SyncAsync();

        var batches = _service.Requests.Where(r => r.IsIndexing).Select(r => r.Body!["value"]!.AsArray()).ToList();
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 2));
        var uploaded = batches.SelectMany(b => b).Select(a => a!.AsObject()).ToList();
        Assert.Equal(report.ChunksEmbedded, uploaded.Count);
        Assert.All(uploaded, a => Assert.Equal("mergeOrUpload", a["@search.action"]!.GetValue<string>()));
        Assert.All(uploaded, a => Assert.Equal(HashingEmbeddingGenerator.Dimensions, a["embedding"]!.AsArray().Count));
        Assert.All(uploaded, a => Assert.Equal(HashingEmbeddingGenerator.DefaultModelId, a["embeddingModel"]!.GetValue<string>()));
        Assert.All(uploaded, a => Assert.Matches("^[0-9a-f]{64}$", a["key"]!.GetValue<string>()));
        Assert.Equal(report.ChunksEmbedded, _service.Documents(AzureSearchHarness.IndexName).Count);
        Assert.Single(uploaded.Where(a => a["filePath"]!.GetValue<string>() == "guides/fleet.md").Select(a => a["contentHash"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Search_SendsAHybridQuery_AndRelevanceIsTheCosineOfQuestionAndChunk()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        _service.ClearRequests();

        var passages = await harness.SearchAsync("What does the car fleet policy cover?", 3);

        var search = _service.Requests.Single(r => r.IsSearch).Body!;
        Assert.Equal("car fleet policy cover", search["search"]!.GetValue<string>());
        var vectorQuery = search["vectorQueries"]!.AsArray().Single()!;
        Assert.Equal("vector", vectorQuery["kind"]!.GetValue<string>());
        Assert.Equal("embedding", vectorQuery["fields"]!.GetValue<string>());
        Assert.Equal(HashingEmbeddingGenerator.Dimensions, vectorQuery["vector"]!.AsArray().Count);
        Assert.True(vectorQuery["k"]!.GetValue<int>() >= 3);
        Assert.Equal(3, search["top"]!.GetValue<int>());
        Assert.Null(search["queryType"]);
        Assert.Equal("guides/fleet.md", passages[0].Chunk.FilePath);
        Assert.Contains("leasing", passages[0].Chunk.Text, StringComparison.Ordinal);
        var question = await _embeddings.GenerateVectorAsync("What does the car fleet policy cover?");
        var chunk = await _embeddings.GenerateVectorAsync(passages[0].Chunk.EmbeddingText);
        Assert.Equal(TensorPrimitives.CosineSimilarity(question.Span, chunk.Span), passages[0].Relevance, 5);
    }

    [Fact]
    public async Task Search_WithSemanticRanker_AsksForTheSemanticConfiguration()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings, o => o.SemanticRanker = true);
        await harness.SyncAsync();
        _service.ClearRequests();

        var passages = await harness.SearchAsync("badge printers", 3);

        var search = _service.Requests.Single(r => r.IsSearch).Body!;
        Assert.Equal("semantic", search["queryType"]!.GetValue<string>());
        Assert.Equal(KnowledgeIndexSchema.SemanticConfiguration, search["semanticConfiguration"]!.GetValue<string>());
        Assert.NotNull(search["vectorQueries"]);
        Assert.Equal("guides/badges.md", passages[0].Chunk.FilePath);
    }

    [Fact]
    public async Task SecondSync_WithUnchangedFiles_UploadsNothing()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();
        var restarted = new AzureSearchHarness(_service, _folder, _embeddings);
        _service.ClearRequests();
        var calls = _embeddings.Calls;

        var report = await restarted.SyncAsync();

        Assert.Equal(0, report.Reindexed);
        Assert.Equal(calls, _embeddings.Calls);
        Assert.DoesNotContain(_service.Requests, r => r.IsIndexing);
        Assert.True(await restarted.Index.TryLoadExistingAsync(CancellationToken.None));
        Assert.NotEmpty(await restarted.SearchAsync("badge printers"));
    }

    [Fact]
    public async Task IndexOfAnOlderBotWithoutTheTenantField_IsNotServedUntilASyncAddsIt()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();
        var fields = _service.Index(AzureSearchHarness.IndexName)!["fields"]!.AsArray();
        fields.Remove(fields.Single(f => f!["name"]!.GetValue<string>() == KnowledgeIndexSchema.Tenant));
        var restarted = new AzureSearchHarness(_service, _folder, _embeddings);

        var served = await restarted.Index.TryLoadExistingAsync(CancellationToken.None);
        await restarted.SyncAsync();

        Assert.False(served);
        Assert.Contains(_service.Index(AzureSearchHarness.IndexName)!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == KnowledgeIndexSchema.Tenant && f["filterable"]!.GetValue<bool>());
        Assert.NotEmpty(await restarted.SearchAsync("badge printers"));
    }

    [Fact]
    public async Task ChangedFile_ReplacesItsChunks_AndDeletesTheOnesThatAreGone()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        _folder.Write("guides/fleet.md", "# Company cars\n\nElectric pool cars are booked in the fleet portal.\n\n## Fuel\n\nFuel cards are ordered from the fleet office.\n");
        await harness.SyncAsync();
        _folder.Write("guides/fleet.md", "# Company cars\n\nOnly electric pool cars remain.\n");
        _service.ClearRequests();

        var report = await harness.SyncAsync();

        Assert.Equal(1, report.Reindexed);
        var fleet = _service.Documents(AzureSearchHarness.IndexName).Where(d => d["filePath"]!.GetValue<string>() == "guides/fleet.md").ToList();
        Assert.Equal("Only electric pool cars remain.", Assert.Single(fleet)["content"]!.GetValue<string>());
        var actions = _service.Requests.Where(r => r.IsIndexing).SelectMany(r => r.Body!["value"]!.AsArray()).Select(a => a!["@search.action"]!.GetValue<string>()).ToList();
        Assert.Contains("delete", actions);
        Assert.DoesNotContain(_service.Documents(AzureSearchHarness.IndexName), d => d["content"]!.GetValue<string>().Contains("leasing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedFile_NamedWithAQuote_HasItsChunksDeletedByAnEscapedFilter()
    {
        _folder.Write("guides/O'Brien.md", "# O'Brien's checklist\n\nAsk the data owner before sharing a dataset.\n");
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        Assert.Contains(_service.Documents(AzureSearchHarness.IndexName), d => d["filePath"]!.GetValue<string>() == "guides/O'Brien.md");
        _folder.Delete("guides/O'Brien.md");
        _service.ClearRequests();

        var report = await harness.SyncAsync();

        Assert.Equal(1, report.Removed);
        Assert.Contains(_service.Requests, r => r.IsSearch && r.Body!["filter"]?.GetValue<string>() == "filePath eq 'guides/O''Brien.md'");
        Assert.DoesNotContain(_service.Documents(AzureSearchHarness.IndexName), d => d["filePath"]!.GetValue<string>() == "guides/O'Brien.md");
        Assert.Contains(_service.Documents(AzureSearchHarness.IndexName), d => d["filePath"]!.GetValue<string>() == "guides/fleet.md");
    }

    [Fact]
    public async Task EmbeddingModelChanged_DeletesAndRecreatesTheIndex_AndEmbedsEveryFileAgain()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();
        var newModel = new HashingEmbeddingGenerator("another-test-model");
        var harness = new AzureSearchHarness(_service, _folder, newModel);
        _service.ClearRequests();

        var report = await harness.SyncAsync();

        Assert.Equal(3, report.Reindexed);
        Assert.Contains(_service.Requests, r => r.Method == "DELETE" && r.Path == $"/indexes('{AzureSearchHarness.IndexName}')");
        Assert.All(_service.Documents(AzureSearchHarness.IndexName), d => Assert.Equal("another-test-model", d["embeddingModel"]!.GetValue<string>()));
        Assert.Equal(report.ChunksEmbedded, _service.Documents(AzureSearchHarness.IndexName).Count);
    }

    [Fact]
    public async Task VectorDimensionChanged_RebuildsTheIndexWithTheNewDimension()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();
        var shorter = new TruncatingEmbeddingGenerator(_embeddings, 128);
        var harness = new AzureSearchHarness(_service, _folder, shorter);

        var report = await harness.SyncAsync();

        Assert.Equal(3, report.Reindexed);
        var vector = _service.Index(AzureSearchHarness.IndexName)!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "embedding")!;
        Assert.Equal(128, vector["dimensions"]!.GetValue<int>());
        Assert.NotEmpty(await harness.SearchAsync("badge printers"));
    }

    [Fact]
    public async Task BusinessUnitFilterFromUserInput_IsEscaped_AndCannotWidenTheSearch()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        _service.ClearRequests();
        const string Payload = "x' or businessUnit ne 'x";

        var passages = await harness.Index.SearchAsync("warranty claims supplier risks", 10, new KnowledgeFilter([SourceKind.UseCase], Payload), CancellationToken.None);

        Assert.Empty(passages);
        var filter = _service.Requests.Single(r => r.IsSearch).Body!["filter"]!.GetValue<string>();
        Assert.Equal("tenant eq null and (sourceKind eq 'UseCase') and businessUnit eq 'x'' or businessUnit ne ''x'", filter);
        // The stand-in parses filters for real: the same text unescaped would have matched every business unit.
        var filterable = new HashSet<string> { "sourceKind", "businessUnit" };
        var unescaped = StandInODataFilter.Parse($"(sourceKind eq 'UseCase') and businessUnit eq '{Payload}'", filterable);
        Assert.All(_service.Documents(AzureSearchHarness.IndexName).Where(d => d["sourceKind"]!.GetValue<string>() == "UseCase"), d => Assert.True(unescaped.Matches(d)));
    }

    [Theory]
    [InlineData("After-sales' or true or '")]
    [InlineData("After-sales') or (sourceKind ne 'x")]
    [InlineData("'")]
    public async Task BusinessUnitFilter_WithQuotePayloads_MatchesTheLiteralValueOnly(string payload)
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        _service.ClearRequests();

        var passages = await harness.Index.SearchAsync("warranty claims", 10, new KnowledgeFilter([], payload), CancellationToken.None);

        Assert.Empty(passages);
        var sent = _service.Requests.Single(r => r.IsSearch).Body!["filter"]!.GetValue<string>();
        var parsed = StandInODataFilter.Parse(sent, new HashSet<string> { "businessUnit", "tenant" });
        Assert.Equal([("tenant", "eq", null), ("businessUnit", "eq", (object?)payload)], parsed.Comparisons);
    }

    [Fact]
    public async Task IdeaOfATenant_IsFoundOnlyFromThatTenant_AndItsTenantIsAFilterValueNotText()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();
        var idea = new KnowledgeChunk("@ideas/IDEA-7#0", "IDEA-7", "@ideas/IDEA-7", SourceKind.Idea, "IDEA-7 — Warranty claims tyre wear predictor", "", "Predicts tyre wear from warranty claims.", "", "Purchasing", "poc", Tenant: "72F988BF-0000-4000-8000-000000000001");
        var vector = (await _embeddings.GenerateAsync([idea.EmbeddingText]))[0].Vector;
        await harness.Index.ReplaceFileAsync("@ideas/IDEA-7", "v1", [new EmbeddedChunk(idea, vector)], CancellationToken.None);
        await harness.Index.PublishAsync(CancellationToken.None);
        _service.ClearRequests();

        var home = await harness.Index.SearchAsync("warranty claims tyre wear", 10, KnowledgeFilter.For("72f988bf-0000-4000-8000-000000000001"), CancellationToken.None);
        var other = await harness.Index.SearchAsync("warranty claims tyre wear", 10, KnowledgeFilter.For("x' or tenant ne 'x"), CancellationToken.None);
        var noTenant = await harness.Index.SearchAsync("warranty claims tyre wear", 10, CancellationToken.None);

        Assert.Contains(home, p => p.Chunk.SourceId == "IDEA-7" && p.Chunk.Tenant == "72f988bf-0000-4000-8000-000000000001");
        Assert.DoesNotContain(other, p => p.Chunk.SourceId == "IDEA-7");
        Assert.Contains(other, p => p.Chunk.SourceId == "UC-101");
        Assert.DoesNotContain(noTenant, p => p.Chunk.SourceId == "IDEA-7");
        var filters = _service.Requests.Where(r => r.IsSearch).Select(r => r.Body!["filter"]!.GetValue<string>()).ToList();
        Assert.Equal(
            ["(tenant eq null or tenant eq '72f988bf-0000-4000-8000-000000000001')", "(tenant eq null or tenant eq 'x'' or tenant ne ''x')", "tenant eq null"],
            filters);
    }

    [Fact]
    public async Task BusinessUnitFilter_WithARealUnit_ReturnsOnlyThatUnitsUseCases()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();

        var passages = await harness.Index.SearchAsync("warranty claims supplier risks", 10, new KnowledgeFilter([SourceKind.UseCase], "Purchasing"), CancellationToken.None);

        Assert.Equal("UC-102", Assert.Single(passages).Chunk.SourceId);
    }

    [Fact]
    public async Task FindUnknownTerms_NamesTheWordsNoDocumentContains()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();

        var unknown = await harness.Index.FindUnknownTermsAsync("canteen menu for the fleet", CancellationToken.None);

        Assert.Equal(["canteen", "menu"], unknown);
        Assert.All(_service.Requests.Where(r => r.IsSearch && r.Body!["search"]?.GetValue<string>() == "\"canteen\""), r => Assert.Equal(0, r.Body!["top"]!.GetValue<int>()));
    }

    [Fact]
    public async Task GetBusinessUnits_ReadsTheFacetOfUseCases()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);
        await harness.SyncAsync();

        var units = await harness.Index.GetBusinessUnitsAsync(CancellationToken.None);

        Assert.Equal(["After-sales", "Purchasing"], units);
        var facetQuery = _service.Requests.Last(r => r.IsSearch && r.Body!["facets"] is not null).Body!;
        Assert.Equal("sourceKind eq 'UseCase'", facetQuery["filter"]!.GetValue<string>());
    }

    [Fact]
    public async Task TryLoadExisting_OnAnEmptyService_IsFalseAndNothingIsSearched()
    {
        var harness = new AzureSearchHarness(_service, _folder, _embeddings);

        Assert.False(await harness.Index.TryLoadExistingAsync(CancellationToken.None));
        Assert.False(harness.Index.IsReady);
        Assert.Empty(await harness.SearchAsync("badge printers"));
    }

    [Fact]
    public async Task ApiKey_IsSentAsTheApiKeyHeader()
    {
        await new AzureSearchHarness(_service, _folder, _embeddings).SyncAsync();

        Assert.All(_service.Requests, r => Assert.Equal(StandInAzureSearch.ApiKeyValue, r.ApiKey));
    }

    [Fact]
    public async Task WithoutApiKey_TheIdentitysTokenForAzureSearchIsSent()
    {
        var credential = new StaticTokenCredential("search-token");
        await new AzureSearchHarness(_service, _folder, _embeddings, o => o.ApiKey = null, credential).SyncAsync();

        Assert.All(_service.Requests, r => Assert.Equal("Bearer search-token", r.Authorization));
        Assert.All(_service.Requests, r => Assert.Null(r.ApiKey));
        Assert.Contains(credential.RequestedScopes, s => s.Contains("https://search.azure.com/.default"));
    }

    /// <summary>The same model cut to fewer dimensions, keeping its model id: only the vector length changes.</summary>
    private sealed class TruncatingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var full = await inner.GenerateAsync(values, options, cancellationToken);
            return new GeneratedEmbeddings<Embedding<float>>(full.Select(e => new Embedding<float>(e.Vector[..dimensions])));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, HashingEmbeddingGenerator.DefaultModelId, dimensions) : null;

        public void Dispose()
        {
        }
    }
}

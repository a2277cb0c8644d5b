using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdoptionBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdoptionBot.Tests.Knowledge.AzureSearch;

/// <summary>One request the stand-in received: method, path, api-version, the credential sent and the JSON body.</summary>
public sealed record SearchServiceRequest(string Method, string Path, string? ApiVersion, string? ApiKey, string? Authorization, JsonObject? Body)
{
    public bool IsSearch => Path.EndsWith("/docs/search.post.search", StringComparison.Ordinal);

    public bool IsIndexing => Path.EndsWith("/docs/search.index", StringComparison.Ordinal);
}

/// <summary>
/// A stand-in Azure AI Search service on loopback over HTTPS (a self-signed certificate made per instance), answering
/// the REST API (2023-11-01) that Azure.Search.Documents calls: index definitions (GET, PUT, POST, DELETE), document
/// batches (upload, mergeOrUpload, delete), and searches with text, vector queries (cosine over the stored vectors),
/// reciprocal rank fusion of both, OData filters parsed for real, $select, $orderby, top, count and facets. It checks
/// requests as the service does (known fields, filterable fields in filters, vector dimensions, a semantic
/// configuration that exists) and records each one for the test.
/// </summary>
public sealed partial class StandInAzureSearch : IAsyncDisposable
{
    public const string ApiKeyValue = "stand-in-admin-key";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SearchServiceRequest> _requests = new();
    private readonly ConcurrentDictionary<string, JsonObject> _indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private StandInAzureSearch(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public string Endpoint { get; private set; } = "";

    /// <summary>Whether the service has the semantic ranker; a semantic query is refused when it has not.</summary>
    public bool SemanticRankerAvailable { get; set; } = true;

    /// <summary>While set, search queries wait until it completes: a service that has stopped answering.</summary>
    public TaskCompletionSource? HoldSearches { get; set; }

    /// <summary>When set, every search query is answered with this status (a service that is down or throttling); indexing is unaffected.</summary>
    public int? FailSearchesWith { get; set; }

    public IReadOnlyList<SearchServiceRequest> Requests => [.. _requests];

    public static async Task<StandInAzureSearch> StartAsync()
    {
        var certificate = LoopbackCertificate.Create();
        var app = LoopbackServer.Create(certificate);
        var service = new StandInAzureSearch(app, certificate);
        app.Run(service.HandleAsync);
        var address = await LoopbackServer.StartAsync(app);
        service.Endpoint = "https://localhost:" + new Uri(address).Port;
        return service;
    }

    /// <summary>A handler that trusts exactly this stand-in's certificate, for the bot's named HTTP client.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var expected = Certificate.RawData;
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected),
            },
        };
    }

    public JsonObject? Index(string name) => _indexes.TryGetValue(name, out var index) ? index : null;

    public IReadOnlyList<JsonObject> Documents(string index) =>
        _documents.TryGetValue(index, out var documents) ? [.. documents.Values.Select(d => d.DeepClone().AsObject())] : [];

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonObject? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            body = (await JsonNode.ParseAsync(request.Body))?.AsObject();
        }

        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        _requests.Enqueue(new SearchServiceRequest(
            request.Method, path, request.Query["api-version"].FirstOrDefault(), request.Headers["api-key"].FirstOrDefault(), request.Headers.Authorization.FirstOrDefault(), body));
        if (request.Headers["api-key"].FirstOrDefault() != ApiKeyValue && !(request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.Ordinal) ?? false))
        {
            await ErrorAsync(context, 403, "Forbidden", "Neither an api-key nor a bearer token was sent.");
            return;
        }

        if (HoldSearches is { } hold && path.EndsWith("/docs/search.post.search", StringComparison.Ordinal))
        {
            await hold.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (FailSearchesWith is { } status && path.EndsWith("/docs/search.post.search", StringComparison.Ordinal))
        {
            await ErrorAsync(context, status, "ServiceUnavailable", "The stand-in service is told to fail searches.");
            return;
        }

        var match = PathPattern().Match(path);
        if (!match.Success || request.Query["api-version"].FirstOrDefault() is null)
        {
            await ErrorAsync(context, 404, "NotFound", $"No route for {request.Method} {path}.");
            return;
        }

        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        var operation = match.Groups["operation"].Value;
        try
        {
            (int Status, JsonNode? Json) result;
            lock (_gate)
            {
                result = (request.Method, name, operation) switch
                {
                    ("POST", null, "") => PutIndex(body!["name"]!.GetValue<string>(), body, createOnly: true),
                    ("PUT", not null, "") => PutIndex(name, body!, createOnly: false),
                    ("GET", not null, "") => _indexes.TryGetValue(name, out var index) ? (200, index.DeepClone()) : throw new NotFound(name),
                    ("DELETE", not null, "") => _indexes.TryRemove(name, out _) && _documents.TryRemove(name, out _) ? (204, null) : throw new NotFound(name),
                    ("POST", not null, "/docs/search.index") => IndexDocuments(name, body!),
                    ("POST", not null, "/docs/search.post.search") => Search(name, body!),
                    ("GET", not null, "/docs/$count") => (200, JsonValue.Create(Store(name).Count)),
                    _ => (405, null),
                };
            }

            context.Response.StatusCode = result.Status;
            if (result.Json is not null)
            {
                context.Response.ContentType = "application/json; odata.metadata=minimal";
                await context.Response.WriteAsync(result.Json.ToJsonString());
            }
        }
        catch (NotFound ex)
        {
            await ErrorAsync(context, 404, "ResourceNotFound", $"No index with the name '{ex.Message}' was found in the service.");
        }
        catch (InvalidRequest ex)
        {
            await ErrorAsync(context, 400, "InvalidRequestParameter", ex.Message);
        }
        catch (FormatException ex)
        {
            await ErrorAsync(context, 400, "InvalidRequestParameter", ex.Message);
        }
    }

    private (int, JsonNode?) PutIndex(string name, JsonObject definition, bool createOnly)
    {
        var exists = _indexes.ContainsKey(name);
        if (exists && createOnly)
        {
            throw new InvalidRequest($"Cannot create index '{name}' because it already exists.");
        }

        var fields = definition["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        if (fields.Count(f => f["key"]?.GetValue<bool>() == true) != 1)
        {
            throw new InvalidRequest("The index must have exactly one key field.");
        }

        var profiles = definition["vectorSearch"]?["profiles"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var vector in fields.Where(f => f["type"]!.GetValue<string>() == "Collection(Edm.Single)"))
        {
            if (vector["dimensions"] is null || !profiles.Contains(vector["vectorSearchProfile"]?.GetValue<string>() ?? ""))
            {
                throw new InvalidRequest($"The vector field '{vector["name"]}' needs dimensions and a vector search profile defined in the index.");
            }
        }

        if (exists)
        {
            var old = _indexes[name]["fields"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>());
            foreach (var field in fields)
            {
                if (old.TryGetValue(field["name"]!.GetValue<string>(), out var before) && !JsonNode.DeepEquals(Normalize(before), Normalize(field)))
                {
                    throw new InvalidRequest($"Existing field '{field["name"]}' cannot be changed.");
                }
            }
        }

        var stored = definition.DeepClone().AsObject();
        stored["@odata.etag"] = "\"0x" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant() + "\"";
        _indexes[name] = stored;
        _documents.GetOrAdd(name, _ => new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal));
        return (exists ? 200 : 201, stored.DeepClone());
    }

    private static JsonObject Normalize(JsonObject field)
    {
        var copy = new JsonObject();
        foreach (var property in new[] { "name", "type", "key", "filterable", "facetable", "sortable", "searchable", "dimensions" })
        {
            copy[property] = field[property]?.DeepClone();
        }

        return copy;
    }

    private (int, JsonNode?) IndexDocuments(string name, JsonObject body)
    {
        var index = _indexes.TryGetValue(name, out var found) ? found : throw new NotFound(name);
        var fields = Fields(index);
        var keyField = fields.Values.Single(f => f["key"]?.GetValue<bool>() == true)["name"]!.GetValue<string>();
        var store = Store(name);
        var actions = body["value"]!.AsArray().Select(a => a!.AsObject()).ToList();
        if (actions.Count > 1000)
        {
            throw new InvalidRequest("A batch holds at most 1000 actions.");
        }

        var results = new JsonArray();
        foreach (var action in actions)
        {
            foreach (var property in action.Select(p => p.Key).Where(p => p != "@search.action"))
            {
                if (!fields.ContainsKey(property))
                {
                    throw new InvalidRequest($"The request is invalid. The property '{property}' does not exist on type 'search.documentFields'.");
                }
            }

            var key = action[keyField]!.GetValue<string>();
            var kind = action["@search.action"]?.GetValue<string>() ?? "upload";
            var status = 200;
            string? error = null;
            foreach (var (fieldName, field) in fields.Where(f => f.Value["dimensions"] is not null))
            {
                if (action[fieldName] is JsonArray vector && vector.Count != field["dimensions"]!.GetValue<int>())
                {
                    (status, error) = (400, $"The vector field '{fieldName}' must have {field["dimensions"]} dimensions, not {vector.Count}.");
                }
            }

            if (error is null)
            {
                switch (kind)
                {
                    case "delete":
                        store.TryRemove(key, out _);
                        break;
                    case "upload":
                        status = store.ContainsKey(key) ? 200 : 201;
                        store[key] = Without(action, "@search.action");
                        break;
                    case "merge" or "mergeOrUpload":
                        if (store.TryGetValue(key, out var existing))
                        {
                            foreach (var (property, value) in Without(action, "@search.action"))
                            {
                                existing[property] = value?.DeepClone();
                            }
                        }
                        else if (kind == "merge")
                        {
                            (status, error) = (404, "Document not found.");
                        }
                        else
                        {
                            status = 201;
                            store[key] = Without(action, "@search.action");
                        }

                        break;
                    default:
                        throw new InvalidRequest($"Unknown action '{kind}'.");
                }
            }

            results.Add(new JsonObject { ["key"] = key, ["status"] = error is null, ["errorMessage"] = error, ["statusCode"] = status });
        }

        return (results.Any(r => !r!["status"]!.GetValue<bool>()) ? 207 : 200, new JsonObject { ["value"] = results });
    }

    private (int, JsonNode?) Search(string name, JsonObject body)
    {
        var index = _indexes.TryGetValue(name, out var found) ? found : throw new NotFound(name);
        var fields = Fields(index);
        var documents = Store(name).Values.ToList();

        if (body["filter"]?.GetValue<string>() is { } filterText)
        {
            var filterable = fields.Values.Where(f => f["filterable"]?.GetValue<bool>() == true).Select(f => f["name"]!.GetValue<string>()).ToHashSet();
            var filter = StandInODataFilter.Parse(filterText, filterable);
            documents = documents.Where(filter.Matches).ToList();
        }

        if (body["queryType"]?.GetValue<string>() == "semantic")
        {
            var configuration = body["semanticConfiguration"]?.GetValue<string>();
            var known = index["semantic"]?["configurations"]?.AsArray().Any(c => c!["name"]!.GetValue<string>() == configuration) ?? false;
            if (!SemanticRankerAvailable)
            {
                throw new InvalidRequest("Semantic search is not enabled for this service.");
            }

            if (!known)
            {
                throw new InvalidRequest($"Unknown semantic configuration '{configuration}'.");
            }
        }

        var searchText = body["search"]?.GetValue<string>();
        var textFields = body["searchFields"]?.GetValue<string>().Split(',', StringSplitOptions.TrimEntries)
            ?? [.. fields.Values.Where(f => f["searchable"]?.GetValue<bool>() == true && f["type"]!.GetValue<string>() == "Edm.String").Select(f => f["name"]!.GetValue<string>())];
        var rankings = new List<List<(JsonObject Document, double Score)>>();
        var matchAll = string.IsNullOrWhiteSpace(searchText) || searchText.Trim() == "*";
        if (!matchAll)
        {
            rankings.Add(TextRanking(documents, searchText!, textFields));
        }

        foreach (var vectorQuery in body["vectorQueries"]?.AsArray() ?? [])
        {
            var vector = vectorQuery!["vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            var field = vectorQuery["fields"]!.GetValue<string>();
            var k = vectorQuery["k"]?.GetValue<int>() ?? 50;
            if (fields.GetValueOrDefault(field)?["dimensions"]?.GetValue<int>() != vector.Length)
            {
                throw new InvalidRequest($"The vector query on '{field}' has {vector.Length} dimensions, which does not match the field.");
            }

            rankings.Add([.. documents
                .Where(d => d[field] is JsonArray)
                .Select(d => (Document: d, Score: Cosine(vector, d[field]!.AsArray())))
                .OrderByDescending(r => r.Score)
                .Take(k)]);
        }

        List<(JsonObject Document, double Score)> ranked;
        if (rankings.Count == 0)
        {
            ranked = [.. documents.Select(d => (d, 1.0))];
        }
        else if (rankings.Count == 1 && matchAll)
        {
            ranked = rankings[0];
        }
        else
        {
            // Reciprocal rank fusion, as the service fuses hybrid queries.
            var fused = new Dictionary<JsonObject, double>(ReferenceEqualityComparer.Instance);
            foreach (var ranking in rankings)
            {
                for (var rank = 0; rank < ranking.Count; rank++)
                {
                    fused[ranking[rank].Document] = fused.GetValueOrDefault(ranking[rank].Document) + (1.0 / (60 + rank + 1));
                }
            }

            ranked = [.. fused.OrderByDescending(f => f.Value).Select(f => (f.Key, f.Value))];
        }

        if (body["orderby"]?.GetValue<string>() is { } orderBy)
        {
            var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.GetValueOrDefault(parts[0])?["sortable"]?.GetValue<bool>() != true)
            {
                throw new InvalidRequest($"'{parts[0]}' is not a sortable field.");
            }

            var descending = parts.Length > 1 && parts[1] == "desc";
            ranked = descending
                ? [.. ranked.OrderByDescending(r => r.Document[parts[0]]?.ToString(), StringComparer.Ordinal)]
                : [.. ranked.OrderBy(r => r.Document[parts[0]]?.ToString(), StringComparer.Ordinal)];
        }

        var response = new JsonObject();
        if (body["count"]?.GetValue<bool>() == true)
        {
            response["@odata.count"] = ranked.Count;
        }

        if (body["facets"] is JsonArray facets && facets.Count > 0)
        {
            var facetResults = new JsonObject();
            foreach (var facet in facets)
            {
                var field = facet!.GetValue<string>().Split(',')[0];
                if (fields.GetValueOrDefault(field)?["facetable"]?.GetValue<bool>() != true)
                {
                    throw new InvalidRequest($"'{field}' is not a facetable field.");
                }

                facetResults[field] = new JsonArray([.. ranked
                    .Select(r => r.Document[field]?.GetValue<string>())
                    .Where(v => v is not null)
                    .GroupBy(v => v, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count())
                    .Select(g => (JsonNode)new JsonObject { ["count"] = g.Count(), ["value"] = g.Key })]);
            }

            response["@search.facets"] = facetResults;
        }

        var select = body["select"]?.GetValue<string>().Split(',', StringSplitOptions.TrimEntries);
        var semantic = body["queryType"]?.GetValue<string>() == "semantic";
        var top = body["top"]?.GetValue<int>() ?? 50;
        var skip = body["skip"]?.GetValue<int>() ?? 0;
        response["value"] = new JsonArray([.. ranked.Skip(skip).Take(top).Select(r =>
        {
            var result = new JsonObject { ["@search.score"] = r.Score };
            if (semantic)
            {
                result["@search.rerankerScore"] = Math.Min(4, r.Score * 100);
            }

            foreach (var (property, value) in r.Document)
            {
                if (select is null || select.Contains(property))
                {
                    result[property] = value?.DeepClone();
                }
            }

            return (JsonNode)result;
        })]);
        return (200, response);
    }

    private static List<(JsonObject Document, double Score)> TextRanking(List<JsonObject> documents, string searchText, string[] textFields)
    {
        var terms = Words(searchText.Replace("\"", " ", StringComparison.Ordinal)).Distinct().ToList();
        var tokenized = documents.Select(d => (Document: d, Words: textFields.SelectMany(f => Words(d[f]?.GetValue<string>() ?? "")).ToList())).ToList();
        var documentFrequency = terms.ToDictionary(t => t, t => tokenized.Count(d => d.Words.Contains(t)));
        return [.. tokenized
            .Select(d => (d.Document, Score: terms.Sum(t => d.Words.Count(w => w == t) * Math.Log(1 + ((double)documents.Count / Math.Max(1, documentFrequency[t]))))))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)];
    }

    /// <summary>Lower-case words with a plural "s" taken off, a rough stand-in for the service's English analyzer.</summary>
    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Length > 3 && m.Value.EndsWith('s') ? m.Value[..^1] : m.Value);

    private static double Cosine(float[] query, JsonArray stored)
    {
        var vector = stored.Select(v => v!.GetValue<float>()).ToArray();
        return vector.Length == query.Length ? System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(query, vector) : 0;
    }

    private static Dictionary<string, JsonObject> Fields(JsonObject index) =>
        index["fields"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>());

    private ConcurrentDictionary<string, JsonObject> Store(string index) =>
        _documents.TryGetValue(index, out var store) ? store : throw new NotFound(index);

    private static JsonObject Without(JsonObject source, string property)
    {
        var copy = source.DeepClone().AsObject();
        copy.Remove(property);
        return copy;
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    [GeneratedRegex(@"^/indexes(?:\('(?<name>[^']+)'\))?(?<operation>/docs/.*)?$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private sealed class NotFound(string index) : Exception(index);

    private sealed class InvalidRequest(string message) : Exception(message);
}

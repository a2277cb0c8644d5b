using AdoptionBot.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AdoptionBot.Tests.AI;

/// <summary>A cloud embedding model that stops answering cannot hold a question past its time.</summary>
public sealed class QuestionEmbeddingTimeoutTests
{
    private static readonly EmbeddingGeneratorMetadata Metadata = new("AzureOpenAI", new Uri("https://example.invalid/"), "AzureOpenAI:embeddings", 256);

    [Fact]
    public async Task OneQuestion_ModelNeverAnswers_TimesOutAfterTheQuestionTimeout()
    {
        var time = new FakeTimeProvider();
        using var generator = new NamedEmbeddingGenerator(new SilentGenerator(), Metadata, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2), time);

        var embedding = generator.GenerateAsync(["can i use chatgpt"]);
        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(embedding.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => embedding.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("AzureOpenAI:embeddings", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexingBatch_GetsTheLongerBatchTimeout()
    {
        var time = new FakeTimeProvider();
        using var generator = new NamedEmbeddingGenerator(new SilentGenerator(), Metadata, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2), time);

        var embeddings = generator.GenerateAsync(["chunk one", "chunk two"]);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(embeddings.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<TimeoutException>(() => embeddings.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CallerCancels_IsACancellationNotATimeout()
    {
        using var generator = new NamedEmbeddingGenerator(new SilentGenerator(), Metadata, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2), new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var embedding = generator.GenerateAsync(["question"], cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedding.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A model that never answers, until the caller gives up.</summary>
    private sealed class SilentGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
